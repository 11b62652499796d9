/**
 * The SQL driver the store runs on: a tiny async interface that better-sqlite3 (Node,
 * src/node/sqlite-driver.ts) and Cloudflare D1 (./d1-driver.ts) both implement. SQL is
 * written once, in the SQLite dialect with `?` placeholders.
 *
 * No BEGIN/COMMIT in SQL (D1 refuses them): several writes that must land together go
 * through `batch`, which is atomic on both.
 */

/** A value bound to a `?` placeholder. Booleans are stored as 0/1 by the caller. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface SqlStatement {
  sql: string;
  params?: readonly SqlValue[];
}

export interface RunResult {
  /** Rows changed by the statement (INSERT/UPDATE/DELETE). */
  changes: number;
  /** Rowid of the last inserted row, when the statement inserted one. */
  lastRowId?: number;
}

export interface SqlDriver {
  /** One write statement. */
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
  /** All rows of one query. */
  all<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row of one query, or null. */
  first<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T | null>;
  /** Several statements in one transaction: all apply or none does. Results in order. */
  batch(statements: readonly SqlStatement[]): Promise<RunResult[]>;
  /** One schema statement without parameters (no results). */
  exec(sql: string): Promise<void>;
}

/** Shorthand for building batch entries. */
export function stmt(sql: string, ...params: SqlValue[]): SqlStatement {
  return { sql, params };
}
