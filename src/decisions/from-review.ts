/**
 * A signed-off review teaches: each confirmed finding becomes a decision to change the clause
 * (修改), each dismissed one a decision to keep it (保留) with the reviewer's reason — what was
 * judged lawful is as useful a precedent as what was not. Keys are `review:<id>:<finding>`, so
 * recording a review again changes nothing.
 */
import type { Store } from '../store/store.js';
import type { ReviewDetail, ReviewFinding } from '../store/types.js';
import type { DecisionStore, ReviewLink } from './decision-store.js';
import { reviewTypeOf, type DecisionInput } from './types.js';

const CST_MS = 8 * 3600_000;

/** The China Standard Time day of an ISO instant. */
export function localDay(iso: string): string {
  return new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 10);
}

export function reviewKeyPrefix(reviewId: string): string {
  return `review:${reviewId}:`;
}

function basisLabel(b: ReviewFinding['basis'][number]): string {
  return `《${b.law}》${b.article}${b.item ? `第${b.item}项` : ''}`;
}

/** The innermost clause holding the finding, for its full text and path. */
function clauseOf(detail: ReviewDetail, f: ReviewFinding): { text: string; path: string } {
  const exact = detail.document.clauses.find((c) => c.id === f.clauseId);
  if (exact && exact.text.trim()) return { text: exact.text, path: exact.path };
  return { text: f.quote, path: f.path };
}

export function decisionsOfReview(detail: ReviewDetail, names: ReadonlyMap<number, string> = new Map()): (DecisionInput & ReviewLink)[] {
  const { review } = detail;
  const issuer = detail.document.meta.issuers?.join('、') ?? '';
  const day = review.signedAt ? localDay(review.signedAt) : null;
  return detail.findings
    .filter((f) => f.status === 'confirmed' || f.status === 'dismissed')
    .map((f) => {
      const clause = clauseOf(detail, f);
      const suggestion = f.suggestionOverride ?? f.suggestion;
      const reasoning =
        f.status === 'dismissed'
          ? `排除理由：${f.dismissReason ?? ''}（规则提示：${f.title}）`
          : [f.explanation, suggestion ? `修改建议：${suggestion}` : ''].filter(Boolean).join('\n');
      return {
        key: `${reviewKeyPrefix(review.id)}${f.id}`,
        reviewId: review.id,
        findingId: f.id,
        title: review.title,
        docNumber: review.docNumber ?? '',
        issuer,
        department: review.department,
        date: day,
        reviewType: reviewTypeOf(f.category),
        clauseText: clause.text,
        clausePath: clause.path,
        category: f.category,
        rule: f.rule,
        outcome: f.status === 'dismissed' ? '保留' : '修改',
        reasoning,
        basis: f.basis.map(basisLabel),
        reviewer: (f.updatedBy !== null ? names.get(f.updatedBy) : undefined) ?? review.signedByName ?? '',
        tags: [...(f.addedByHand ? ['手工添加'] : []), ...(f.status === 'dismissed' ? ['规则误报'] : [])],
        sourceKind: 'own' as const,
        sourceRef: `/reviews/${encodeURIComponent(review.id)}#f-${encodeURIComponent(f.id)}`,
      };
    });
}

/** Records the decisions of a signed-off review (nothing for a review not signed). Returns how many. */
export async function recordReviewDecisions(store: Store, decisions: DecisionStore, reviewId: string): Promise<number> {
  const detail = await store.getReview(reviewId);
  if (!detail || detail.review.status !== 'signed') return 0;
  const names = new Map<number, string>();
  for (const id of new Set(detail.findings.map((f) => f.updatedBy).filter((x): x is number => x !== null))) {
    const u = await store.getUser(id);
    if (u) names.set(id, u.displayName || u.name);
  }
  const inputs = decisionsOfReview(detail, names);
  await decisions.upsertMany(inputs);
  return inputs.length;
}

/** Signed reviews whose decisions were never recorded (a crash between sign-off and recording): records them. */
export async function recordMissedReviews(store: Store, decisions: DecisionStore): Promise<number> {
  const rows = await store.db.all<{ id: string }>(
    `SELECT r.id FROM reviews r WHERE r.status = 'signed'
       AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.review_id = r.id)
       AND EXISTS (SELECT 1 FROM review_findings f WHERE f.review_id = r.id AND f.status IN ('confirmed', 'dismissed'))`,
  );
  let n = 0;
  for (const r of rows) n += await recordReviewDecisions(store, decisions, r.id);
  return n;
}
