/**
 * Rate limiting of password checks (sign-in, the current password on 我的账号), atomic: an
 * attempt first reserves its place with one INSERT … SELECT that counts the recent failures
 * of every key it is limited by and inserts a row for each key only when all are under their
 * limit. One statement is atomic on SQLite and D1, so 60 concurrent attempts at a limit of 5
 * reserve exactly 5 places, however they interleave; the others are refused before any hash
 * is computed. A reserved row counts as a failure until the attempt is settled:
 *   success  keys with `resetOnSuccess` become a success (earlier failures stop counting);
 *            the other keys' rows are removed (a right password does not use up the limit);
 *   failure  the rows stay as failures.
 * Rows live in login_attempts (key, at, success); purgeExpired() removes old ones.
 */
import type { StoreContext } from './store-context.js';

export interface AttemptLimit {
  /** What is limited, e.g. `login:liwei@10.0.0.5` or `login-address:10.0.0.5`. */
  key: string;
  /** Failures allowed within the window. */
  max: number;
  /** A success clears this key's count (per account keys); otherwise only time does (per address keys). */
  resetOnSuccess?: boolean;
}

export interface AttemptReservation {
  rows: { id: number; resetOnSuccess: boolean }[];
}

const failuresSince = `(SELECT count(*) FROM login_attempts a WHERE a.key = ? AND a.success = 0 AND a.at > ?
    AND a.at > coalesce((SELECT max(b.at) FROM login_attempts b WHERE b.key = ? AND b.success = 1), ''))`;

export class AttemptLimiter {
  constructor(private readonly ctx: StoreContext) {}

  /** A place for one attempt under every limit, or null when any limit is reached. */
  async reserve(limits: readonly AttemptLimit[], windowMs: number): Promise<AttemptReservation | null> {
    if (limits.length === 0) return { rows: [] };
    const since = this.ctx.iso(-windowMs);
    const keys = limits.map(() => 'SELECT ? AS key').join(' UNION ALL ');
    const under = limits.map(() => `${failuresSince} < ?`).join(' AND ');
    const rows = await this.ctx.db.all<{ id: number; key: string }>(
      `INSERT INTO login_attempts (key, at, success) SELECT k.key, ?, 0 FROM (${keys}) k WHERE ${under} RETURNING id, key`,
      [this.ctx.iso(), ...limits.map((l) => l.key), ...limits.flatMap((l) => [l.key, since, l.key, l.max])],
    );
    if (rows.length < limits.length) return null;
    return { rows: rows.map((r) => ({ id: r.id, resetOnSuccess: limits.find((l) => l.key === r.key)?.resetOnSuccess === true })) };
  }

  async settle(reservation: AttemptReservation, success: boolean): Promise<void> {
    if (!success || reservation.rows.length === 0) return;
    const reset = reservation.rows.filter((r) => r.resetOnSuccess).map((r) => r.id);
    const drop = reservation.rows.filter((r) => !r.resetOnSuccess).map((r) => r.id);
    const marks = (ids: number[]) => ids.map(() => '?').join(', ');
    if (reset.length) await this.ctx.db.run(`UPDATE login_attempts SET success = 1 WHERE id IN (${marks(reset)})`, reset);
    if (drop.length) await this.ctx.db.run(`DELETE FROM login_attempts WHERE id IN (${marks(drop)})`, drop);
  }
}
