/**
 * What a review ends with besides the decisions on its findings: the reviewer's general
 * conclusion (合法，可以出台 / 修改后可以出台 / 不合法，不得出台 …), which the 审查意见书 prints and the
 * sign-off requires, and the decisions inherited from the review of an earlier version of the
 * same draft (a dismissal keeps its reason; marked 继承 until the reviewer decides again).
 * Split from ReviewRecords; the Store delegates here with its StoreContext. Every write is
 * audited in the same batch, and none lands on a signed or voided record.
 */
import { stmt } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { innermostClause, WRITABLE } from './review-records.js';
import { randomToken } from './tokens.js';
import type { DocumentJson } from '../document/document-json.js';
import { ConclusionSchema, parseInput, StoreError, type ConclusionInput } from './types.js';

/** One decision carried over: the later review's finding takes the earlier one's status. */
export interface InheritInput {
  findingId: string;
  status: 'confirmed' | 'dismissed';
  dismissReason: string | null;
  fromFindingId: string;
}

/** A decided finding marked by hand on the earlier review, copied to the later one at these words. */
export interface InheritHandInput {
  fromFindingId: string;
  start: number;
  end: number;
}

export class ReviewOutcomeRecords {
  constructor(private readonly ctx: StoreContext) {}

  /** Sets (or with null clears) the conclusion; refused on a signed or voided record. */
  async setConclusion(reviewId: string, input: ConclusionInput, actorId: number): Promise<void> {
    const { conclusion } = parseInput(ConclusionSchema, input);
    const actor = await this.ctx.requireActor(actorId);
    const at = this.ctx.iso();
    const [r] = await this.ctx.db.batch([
      stmt(
        `UPDATE reviews SET conclusion = ?, conclusion_by = ?, conclusion_at = ?, updated_at = ? WHERE id = ? AND ${WRITABLE}`,
        conclusion, conclusion === null ? null : actor.id, conclusion === null ? null : at, at, reviewId,
      ),
      this.ctx.auditStmt(actor.id, 'review.conclusion', `review:${reviewId}`, { conclusion }, true),
    ]);
    if (!r?.changes) await this.refuse(reviewId);
  }

  /**
   * Applies decisions of the earlier review `fromReviewId` to findings of `reviewId` that are
   * still open (a decision made here is never overwritten) and records where they came from.
   * Findings the reviewer marked by hand on the earlier review (`hand`, decided ones) are copied
   * to this one at the given words, which must be the same words; once only per earlier finding.
   * Returns how many findings took an inherited decision (copies included).
   */
  async inheritDecisions(reviewId: string, fromReviewId: string, decisions: readonly InheritInput[], actorId: number, hand: readonly InheritHandInput[] = []): Promise<number> {
    const actor = await this.ctx.requireActor(actorId);
    if (reviewId === fromReviewId) throw new StoreError('INVALID', '不能沿用同一审查记录的决定');
    const from = await this.ctx.db.first<{ id: string }>('SELECT id FROM reviews WHERE id = ?', [fromReviewId]);
    if (!from) throw new StoreError('NOT_FOUND', `没有编号为 ${fromReviewId} 的审查记录`);
    for (const d of decisions) {
      if (d.status === 'dismissed' && !d.dismissReason?.trim()) throw new StoreError('INVALID', `沿用的排除决定缺少理由（问题 ${d.fromFindingId}）`);
    }
    const writable = await this.ctx.db.first(`SELECT 1 AS x FROM reviews WHERE id = ? AND ${WRITABLE}`, [reviewId]);
    if (!writable) await this.refuse(reviewId);
    const copies = await this.handCopies(reviewId, fromReviewId, hand);
    const at = this.ctx.iso();
    const results = await this.ctx.db.batch([
      // inherited decisions are work on the record: a draft becomes 审查中
      stmt(
        `UPDATE reviews SET previous_review_id = ?, updated_at = ?, status = CASE WHEN ? > 0 AND status = 'draft' THEN 'reviewing' ELSE status END WHERE id = ? AND ${WRITABLE}`,
        fromReviewId, at, decisions.length, reviewId,
      ),
      ...decisions.map((d) =>
        stmt(
          `UPDATE review_findings SET status = ?, dismiss_reason = ?, inherited_from = ?, updated_by = ?, updated_at = ?
           WHERE review_id = ? AND finding_id = ? AND status = 'open' AND EXISTS (SELECT 1 FROM reviews WHERE id = ? AND ${WRITABLE})`,
          d.status, d.status === 'dismissed' ? d.dismissReason : null, `${fromReviewId}#${d.fromFindingId}`, actor.id, at, reviewId, d.findingId, reviewId,
        ),
      ),
      ...copies.map((h) =>
        stmt(
          `INSERT INTO review_findings (review_id, finding_id, seq, rule, category, severity, clause_id, path, quote, start, "end", status, dismiss_reason,
             suggestion_override, added_by_hand, title, explanation, suggestion, updated_by, updated_at, inherited_from)
           SELECT ?, ?, coalesce((SELECT max(seq) + 1 FROM review_findings WHERE review_id = ?), 0), rule, category, severity, ?, ?, quote, ?, ?, status, dismiss_reason,
             suggestion_override, 1, title, explanation, suggestion, ?, ?, ?
           FROM review_findings WHERE review_id = ? AND finding_id = ?
             AND EXISTS (SELECT 1 FROM reviews WHERE id = ? AND ${WRITABLE})
             AND NOT EXISTS (SELECT 1 FROM review_findings WHERE review_id = ? AND inherited_from = ?)`,
          reviewId, `hand-${randomToken(6)}`, reviewId, h.clauseId, h.path, h.start, h.end, actor.id, at, h.from, fromReviewId, h.fromFindingId, reviewId, reviewId, h.from,
        ),
      ),
      this.ctx.auditStmt(actor.id, 'review.inherit', `review:${reviewId}`, {
        from: fromReviewId,
        findings: decisions.map((d) => `${d.findingId}←${d.fromFindingId}:${d.status}`),
        ...(copies.length ? { handFindings: copies.map((h) => h.fromFindingId) } : {}),
      }),
    ]);
    return results.slice(1, 1 + decisions.length + copies.length).reduce((n, r) => n + (r?.changes ?? 0), 0);
  }

  /** The hand findings to copy: decided, marked by hand, and the same words at the new place. */
  private async handCopies(reviewId: string, fromReviewId: string, hand: readonly InheritHandInput[]) {
    if (hand.length === 0) return [];
    const json = await this.ctx.db.first<{ result_json: string }>('SELECT result_json FROM reviews WHERE id = ?', [reviewId]);
    const document = (JSON.parse(json?.result_json ?? '{}') as { document?: DocumentJson }).document;
    if (!document) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    const out: (InheritHandInput & { clauseId: string; path: string; from: string })[] = [];
    for (const h of hand) {
      const row = await this.ctx.db.first<{ quote: string; status: string; added_by_hand: number }>(
        'SELECT quote, status, added_by_hand FROM review_findings WHERE review_id = ? AND finding_id = ?',
        [fromReviewId, h.fromFindingId],
      );
      if (!row || row.added_by_hand !== 1) throw new StoreError('INVALID', `上一版没有手工添加的问题 ${h.fromFindingId}`);
      if (row.status === 'open') throw new StoreError('INVALID', `上一版手工添加的问题 ${h.fromFindingId} 尚未处理，不能沿用`);
      if (document.text.slice(h.start, h.end) !== row.quote) throw new StoreError('INVALID', `手工添加的问题 ${h.fromFindingId} 所标文字“${row.quote}”不在新版本的指定位置`);
      const clause = innermostClause(document, h.start, h.end);
      out.push({ ...h, clauseId: clause?.id ?? '', path: clause?.path ?? '全文', from: `${fromReviewId}#${h.fromFindingId}` });
    }
    return out;
  }

  private async refuse(reviewId: string): Promise<never> {
    const rec = await this.ctx.db.first<{ status: string; voided_at: string | null }>('SELECT status, voided_at FROM reviews WHERE id = ?', [reviewId]);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (rec.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    throw new StoreError('CONFLICT', '审查记录已作废，不能再修改（如需继续审查，请先撤销作废）');
  }
}
