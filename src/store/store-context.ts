/**
 * What the parts of the Store kept in their own files (./review-records.ts, ./sign-in-records.ts)
 * borrow from the Store that owns them. The helpers live in the Store, once; it hands them over
 * bound, so every part writes with the same driver, clock and audit log and checks actors alike.
 */
import type { SqlDriver, SqlStatement } from './sql-driver.js';
import type { User } from './types.js';

export interface StoreContext {
  readonly db: SqlDriver;
  /** The Store's clock as an ISO instant, `offsetMs` from now. */
  iso(offsetMs?: number): string;
  /** An audit-log insert for a batch (see Store.auditStmt). */
  auditStmt(userId: number | null, action: string, target: string, detail: Record<string, unknown>, ifChanged?: boolean): SqlStatement;
  /** The user, or NOT_FOUND. */
  requireUser(id: number): Promise<User>;
  /** The signed-in, enabled user doing the operation, or FORBIDDEN. */
  requireActor(id: number): Promise<User>;
  /** Passes for an administrator or the command line (null), else FORBIDDEN. */
  requireAdmin(actorId: number | null): Promise<void>;
}
