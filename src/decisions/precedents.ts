/**
 * Precedents: under each finding of a review, the prior decisions on the most similar clauses
 * (the same rule ranks higher), so the reviewer sees how alike cases were decided. The
 * review's own decisions (once it is signed off) are left out.
 */
import type { DecisionSearch, SimilarDecision } from './decision-search.js';
import type { ReviewDetail, ReviewFinding } from '../store/types.js';
import { reviewKeyPrefix } from './from-review.js';

/** Longer clauses are compared by the finding's sentence and its neighbourhood only. */
const MAX_CLAUSE = 300;
const AROUND = 80;

/** The text to compare a finding's clause by. */
export function findingContext(detail: ReviewDetail, f: Pick<ReviewFinding, 'clauseId' | 'start' | 'end' | 'quote'>): string {
  const clause = detail.document.clauses.find((c) => c.id === f.clauseId);
  if (clause && clause.text.length <= MAX_CLAUSE && clause.text.trim()) return clause.text;
  const text = detail.document.text;
  if (f.end > f.start && f.end <= text.length) return text.slice(Math.max(0, f.start - AROUND), Math.min(text.length, f.end + AROUND));
  return f.quote;
}

export async function precedentsFor(search: DecisionSearch, detail: ReviewDetail, perFinding = 3): Promise<Record<string, SimilarDecision[]>> {
  const out: Record<string, SimilarDecision[]> = {};
  for (const f of detail.findings) {
    out[f.id] = await search.similar({
      text: findingContext(detail, f),
      rule: f.addedByHand ? undefined : f.rule,
      category: f.category,
      limit: perFinding,
      excludeKeyPrefix: reviewKeyPrefix(detail.review.id),
    });
  }
  return out;
}
