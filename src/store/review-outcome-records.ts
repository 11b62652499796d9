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
import { WRITABLE } from './review-records.js';
import { ConclusionSchema, parseInput, StoreError, type ConclusionInput } from './types.js';

/** One decision carried over: the later review's finding takes the earlier one's status. */
export interface InheritInput {
  findingId: string;
  status: 'confirmed' | 'dismissed';
  dismissReason: string | null;
  fromFindingId: string;
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
   * Returns how many findings took an inherited decision.
   */
  async inheritDecisions(reviewId: string, fromReviewId: string, decisions: readonly InheritInput[], actorId: number): Promise<number> {
    const actor = await this.ctx.requireActor(actorId);
    if (reviewId === fromReviewId) throw new StoreError('INVALID', '不能沿用同一审查记录的决定');
    const from = await this.ctx.db.first<{ id: string }>('SELECT id FROM reviews WHERE id = ?', [fromReviewId]);
    if (!from) throw new StoreError('NOT_FOUND', `没有编号为 ${fromReviewId} 的审查记录`);
    for (const d of decisions) {
      if (d.status === 'dismissed' && !d.dismissReason?.trim()) throw new StoreError('INVALID', `沿用的排除决定缺少理由（问题 ${d.fromFindingId}）`);
    }
    const writable = await this.ctx.db.first(`SELECT 1 AS x FROM reviews WHERE id = ? AND ${WRITABLE}`, [reviewId]);
    if (!writable) await this.refuse(reviewId);
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
      this.ctx.auditStmt(actor.id, 'review.inherit', `review:${reviewId}`, { from: fromReviewId, findings: decisions.map((d) => `${d.findingId}←${d.fromFindingId}:${d.status}`) }),
    ]);
    return results.slice(1, 1 + decisions.length).reduce((n, r) => n + (r?.changes ?? 0), 0);
  }

  private async refuse(reviewId: string): Promise<never> {
    const rec = await this.ctx.db.first<{ status: string; voided_at: string | null }>('SELECT status, voided_at FROM reviews WHERE id = ?', [reviewId]);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (rec.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    throw new StoreError('CONFLICT', '审查记录已作废，不能再修改（如需继续审查，请先撤销作废）');
  }
}
