/**
 * Precedents: under each finding of a review, the prior decisions on the most similar clauses
 * (the same rule ranks higher), so the reviewer sees how alike cases were decided. The
 * review's own decisions (once it is signed off) are left out.
 */
import type { DecisionSearch, SimilarDecision } from './decision-search.js';
import type { ReviewDetail, ReviewFinding } from '../store/types.js';
import { reviewKeyPrefix } from './from-review.js';
import type { Decision } from './types.js';

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

/**
 * Where a precedent comes from, for the line under a finding and the decision pages: the
 * published notice (authority, title, date, address) when the decision has one; the section's own
 * review record; an address or 文号 given as the source; else 内部案例库 — never a database path.
 */
export function precedentSource(d: Pick<Decision, 'sourceKind' | 'sourceRef'> & Partial<Pick<Decision, 'noticeAuthority' | 'noticeTitle' | 'noticeDate' | 'noticeAddress'>>): string {
  const notice = [d.noticeAuthority, d.noticeTitle ? `《${d.noticeTitle.replace(/^《|》$/g, '')}》` : '', d.noticeDate ? `（${d.noticeDate}）` : '', d.noticeAddress].filter(Boolean).join(' ');
  if (notice) return `来源：${notice}`;
  if (d.sourceKind === 'own') return '来源：本科室审查记录';
  if (isAddress(d.sourceRef)) return `来源：${d.sourceRef.trim()}`;
  return '来源：内部案例库';
}

/** A web address or a 文号 (湖吴政办发〔2026〕8号) a reader can look up. */
export function isAddress(ref: string): boolean {
  const r = ref.trim();
  return /^https?:\/\/\S+$/.test(r) || /^[\u4e00-\u9fff]+[〔\[]\d{4}[〕\]]\d+号$/.test(r);
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
