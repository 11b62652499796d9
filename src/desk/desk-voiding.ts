/**
 * 作废 on the desk, and the administrator's purge of voided test data. A voided request is
 * kept with who voided it and why, audited, and left out of the desk lists and the period
 * report; nothing is deleted but by the purge, which takes only records voided at least N days
 * ago, only with the typed phrase, and writes what it removed to the (append-only) audit log.
 * Split from DeskStore, which delegates to it.
 */
import { stmt, type SqlStatement } from '../store/sql-driver.js';
import { parseInput, PurgeSchema, ROLE_LABELS, StoreError, VoidSchema, type PurgeInput, type User, type VoidInput } from '../store/types.js';
import type { DeskContext } from './desk-context.js';
import type { DeskRequestQueries } from './desk-request-queries.js';
import type { RequestWithDeadline } from './desk-types.js';

export interface PurgeResult {
  reviews: number;
  requests: number;
  /** Voided at or before this instant. */
  before: string;
}

export class DeskVoiding {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
  ) {}

  async voidRequest(id: number, input: VoidInput, actorId: number | null): Promise<RequestWithDeadline> {
    const { reason } = parseInput(VoidSchema, input);
    const actor = await this.ctx.actor(actorId);
    const request = await this.requests.requireRequest(id);
    mayVoid(actor, request);
    if (request.voidedAt) throw new StoreError('CONFLICT', `送审件 ${id} 已于 ${request.voidedAt} 由 ${request.voidedByName ?? ''} 作废`);
    const at = this.ctx.iso();
    const [r] = await this.ctx.db.batch([
      stmt('UPDATE desk_requests SET voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ? WHERE id = ? AND voided_at IS NULL', at, actor?.id ?? null, reason, at, id),
      this.ctx.audit(actorId, 'desk.void', `desk:${id}`, { reason, title: request.title }, true),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', '送审件刚被他人作废，请刷新页面');
    return this.requests.requireRequest(id);
  }

  async restoreRequest(id: number, actorId: number | null): Promise<RequestWithDeadline> {
    const actor = await this.ctx.actor(actorId);
    const request = await this.requests.requireRequest(id);
    mayVoid(actor, request);
    if (!request.voidedAt) throw new StoreError('CONFLICT', `送审件 ${id} 没有作废`);
    await this.ctx.db.batch([
      stmt('UPDATE desk_requests SET voided_at = NULL, voided_by = NULL, void_reason = NULL, updated_at = ? WHERE id = ?', this.ctx.iso(), id),
      this.ctx.audit(actorId, 'desk.restore', `desk:${id}`, { previousReason: request.voidReason }),
    ]);
    return this.requests.requireRequest(id);
  }

  /**
   * Deletes unsigned review records and desk requests voided at least `olderThanDays` days ago.
   * Records still used by a 专项清理 item stay. Administrators (or the command line) only.
   */
  async purgeVoided(input: PurgeInput, actorId: number | null): Promise<PurgeResult> {
    const p = parseInput(PurgeSchema, input);
    const actor = await this.ctx.actor(actorId);
    if (actor && actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以永久删除已作废的测试数据`);
    const before = new Date(Date.parse(this.ctx.iso()) - p.olderThanDays * 86_400_000).toISOString();
    const reviews = (
      await this.ctx.db.all<{ id: string }>(
        `SELECT id FROM reviews r WHERE r.voided_at IS NOT NULL AND r.voided_at <= ? AND r.status <> 'signed'
           AND NOT EXISTS (SELECT 1 FROM cleanup_items c WHERE c.review_id = r.id) AND NOT EXISTS (SELECT 1 FROM cleanup_job_items j WHERE j.review_id = r.id)`,
        [before],
      )
    ).map((r) => r.id);
    const requests = (await this.ctx.db.all<{ id: number }>('SELECT id FROM desk_requests WHERE voided_at IS NOT NULL AND voided_at <= ?', [before])).map((r) => r.id);
    const statements: SqlStatement[] = [];
    for (const id of reviews) {
      // a later version's review that inherited from it keeps its decisions, not the link
      statements.push(stmt('DELETE FROM desk_request_reviews WHERE review_id = ?', id), stmt('UPDATE reviews SET previous_review_id = NULL WHERE previous_review_id = ?', id), stmt('DELETE FROM reviews WHERE id = ?', id));
    }
    for (const id of requests) {
      statements.push(stmt('DELETE FROM desk_meeting_items WHERE request_id = ?', id), stmt('DELETE FROM desk_request_materials WHERE request_id = ?', id), stmt('DELETE FROM desk_requests WHERE id = ?', id));
    }
    statements.push(this.ctx.audit(actorId, 'admin.purge', 'voided', { olderThanDays: p.olderThanDays, before, reviews, requests }));
    await this.ctx.db.batch(statements);
    return { reviews: reviews.length, requests: requests.length, before };
  }
}

/** The request's creator, the chief or an administrator (or the command line). */
function mayVoid(actor: User | null, request: RequestWithDeadline): void {
  if (!actor || actor.role === 'chief' || actor.role === 'admin' || request.createdBy === actor.id) return;
  throw new StoreError('FORBIDDEN', `只有登记该送审件的人员、${ROLE_LABELS.chief}或${ROLE_LABELS.admin}可以作废送审件`);
}
