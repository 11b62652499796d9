/**
 * Review records (预审) linked to a desk request: the candidates 关联已有预审 offers (same original
 * or title first), linking and unlinking (audited in the same batch), and which 第N版 a review is
 * of. Split from DeskStore, which delegates to it.
 */
import { stmt } from '../store/sql-driver.js';
import { StoreError } from '../store/types.js';
import type { DeskContext } from './desk-context.js';
import type { DeskRequestQueries } from './desk-request-queries.js';
import type { DraftVersion, LinkedReview, RequestWithDeadline } from './desk-types.js';

export interface LinkCandidate {
  id: string;
  title: string;
  department: string;
  createdAt: string;
  status: string;
  match: 'hash' | 'title' | 'department';
}

export class DeskLinks {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
    private readonly requireLive: (id: number) => Promise<RequestWithDeadline>,
    private readonly versions: (id: number) => Promise<DraftVersion[]>,
  ) {}

  /**
   * Review records to offer for 关联已有预审: not voided, not linked yet; first those of an original
   * of the request's versions or of the same title, then the latest of the same department.
   */
  async linkCandidates(id: number, limit = 20): Promise<LinkCandidate[]> {
    const request = await this.requests.requireRequest(id);
    const rows = await this.ctx.db.all<{ id: string; title: string; department: string; created_at: string; status: string; m: number }>(
      `SELECT r.id, r.title, r.department, r.created_at, r.status,
         CASE WHEN r.document_hash IN (SELECT document_hash FROM desk_request_versions WHERE request_id = ?) THEN 0 WHEN r.title = ? THEN 1 ELSE 2 END AS m
       FROM reviews r
       WHERE r.voided_at IS NULL AND r.id NOT IN (SELECT review_id FROM desk_request_reviews WHERE request_id = ?)
         AND (r.document_hash IN (SELECT document_hash FROM desk_request_versions WHERE request_id = ?) OR r.title = ? OR r.department = ?)
       ORDER BY m, r.created_at DESC, r.id LIMIT ?`,
      [id, request.title, id, id, request.title, request.department, limit],
    );
    const match = ['hash', 'title', 'department'] as const;
    return rows.map((r) => ({ id: r.id, title: r.title, department: r.department, createdAt: r.created_at, status: r.status, match: match[r.m] ?? 'department' }));
  }


  /**
   * Links a review record (预审) of the core store to the request, as a review of 第`version`版
   * (default: the latest version whose original is the review's). Linking twice is harmless.
   */
  async linkReview(id: number, reviewId: string, actorId: number | null, version?: number): Promise<LinkedReview[]> {
    await this.ctx.actor(actorId);
    await this.requireLive(id);
    const record = await this.ctx.store.getReviewRecord(reviewId);
    if (!record) throw new StoreError('NOT_FOUND', `没有编号为 ${reviewId} 的审查记录`);
    const versions = await this.versions(id);
    if (version !== undefined && !versions.some((v) => v.version === version)) throw new StoreError('NOT_FOUND', `送审件 ${id} 没有第 ${version} 版`);
    const of = version ?? [...versions].reverse().find((v) => v.documentHash === record.documentHash)?.version ?? null;
    await this.ctx.db.batch([
      stmt('INSERT OR IGNORE INTO desk_request_reviews (request_id, review_id, linked_by, linked_at, version) VALUES (?, ?, ?, ?, ?)', id, reviewId, actorId, this.ctx.iso(), of),
      this.ctx.audit(actorId, 'desk.link', `desk:${id}`, { reviewId, ...(of !== null ? { version: of } : {}) }, true),
    ]);
    return this.linkedReviews(id);
  }

  async unlinkReview(id: number, reviewId: string, actorId: number | null): Promise<LinkedReview[]> {
    await this.ctx.actor(actorId);
    if (!(await this.ctx.db.first('SELECT 1 AS x FROM desk_request_reviews WHERE request_id = ? AND review_id = ?', [id, reviewId]))) {
      throw new StoreError('NOT_FOUND', '该审查记录没有关联到这个送审件');
    }
    await this.ctx.db.batch([
      stmt('DELETE FROM desk_request_reviews WHERE request_id = ? AND review_id = ?', id, reviewId),
      this.ctx.audit(actorId, 'desk.unlink', `desk:${id}`, { reviewId }, true),
    ]);
    return this.linkedReviews(id);
  }

  /** Which 第N版 of a request's draft a review is of (the latest link that knows), or null. */
  async versionOfReview(reviewId: string): Promise<number | null> {
    const row = await this.ctx.db.first<{ version: number }>('SELECT version FROM desk_request_reviews WHERE review_id = ? AND version IS NOT NULL ORDER BY linked_at DESC LIMIT 1', [reviewId]);
    return row?.version ?? null;
  }

  async linkedReviews(id: number): Promise<LinkedReview[]> {
    const rows = await this.ctx.db.all<{ id: string; title: string; status: string; created_at: string; linked_at: string; findings: number; version: number | null; voided_at: string | null }>(
      `SELECT r.id, r.title, r.status, r.created_at, l.linked_at, l.version, r.voided_at,
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status <> 'dismissed') AS findings
       FROM desk_request_reviews l JOIN reviews r ON r.id = l.review_id WHERE l.request_id = ? ORDER BY l.linked_at, r.id`,
      [id],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, createdAt: r.created_at, findings: r.findings, linkedAt: r.linked_at, version: r.version, voided: r.voided_at !== null }));
  }
}
