/**
 * The audit log (append-only): entries for events the store does not see itself, and the
 * administrators' reading of it. Every other write audits itself in its own batch through
 * StoreContext.auditStmt. Split out of the Store, which delegates here.
 */
import type { SqlValue } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { AuditQuerySchema, parseInput, ROLE_LABELS, StoreError, type AuditEntry, type AuditQuery, type Page } from './types.js';

export class AuditRecords {
  constructor(private readonly ctx: StoreContext) {}

  /** For events the store does not see itself (login, logout, refused access …). */
  async append(entry: { userId: number | null; action: string; target?: string; detail?: Record<string, unknown> }): Promise<void> {
    const s = this.ctx.auditStmt(entry.userId, entry.action, entry.target ?? '', entry.detail ?? {});
    await this.ctx.db.run(s.sql, s.params);
  }

  /** Newest first; administrators only. */
  async list(actorId: number, query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    const q = parseInput(AuditQuerySchema, query);
    const actor = await this.ctx.requireActor(actorId);
    if (actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以查看操作日志`);
    const where = q.action ? 'WHERE a.action = ?' : '';
    const params: SqlValue[] = q.action ? [q.action] : [];
    const total = (await this.ctx.db.first<{ n: number }>(`SELECT count(*) AS n FROM audit_log a ${where}`, params))?.n ?? 0;
    const rows = await this.ctx.db.all<{ id: number; at: string; user_id: number | null; user_name: string | null; action: string; target: string; detail_json: string }>(
      `SELECT a.*, u.name AS user_name FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${where} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, userName: r.user_name, action: r.action, target: r.target, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
