/**
 * What every part of the desk store shares: the core store and its SqlDriver, the clock, the
 * checks on who acts, and the audit statement that rides in the same batch as a change.
 * DeskStore (desk-store.ts) builds one and hands it to its parts, so they all see one clock.
 *
 * `actorId` is the signed-in user, or null for the local command line (machine trust).
 */
import { stmt, type SqlStatement } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { ROLE_LABELS, StoreError, type User } from '../store/types.js';
import { todayInShanghai, type Day } from './days.js';

export class DeskContext {
  constructor(
    readonly store: Store,
    private readonly now: () => Date,
  ) {}

  get db() {
    return this.store.db;
  }

  iso(): string {
    return this.now().toISOString();
  }

  today(): Day {
    return todayInShanghai(this.now());
  }

  async actor(actorId: number | null): Promise<User | null> {
    if (actorId === null) return null;
    const u = await this.store.getUser(actorId);
    if (!u || u.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    return u;
  }

  async requireAdmin(actorId: number | null, what: string): Promise<void> {
    const actor = await this.actor(actorId);
    if (actor && actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以${what}`);
  }

  async requireAssignee(userId: number): Promise<void> {
    const u = await this.store.getUser(userId);
    if (!u || u.disabled) throw new StoreError('INVALID', '承办人不存在或已停用');
  }

  audit(userId: number | null, action: string, target: string, detail: Record<string, unknown>, ifChanged = false): SqlStatement {
    const d = userId === null ? { ...detail, via: 'cli' } : detail;
    return stmt(
      `INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, ?, ?, ?${ifChanged ? ' WHERE changes() > 0' : ''}`,
      this.iso(), userId, action, target, JSON.stringify(d),
    );
  }

  async appendAudit(userId: number | null, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
    const s = this.audit(userId, action, target, detail);
    await this.db.run(s.sql, s.params);
  }
}
