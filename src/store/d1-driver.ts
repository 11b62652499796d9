/**
 * SqlDriver over Cloudflare D1. The D1 types are declared structurally here (only what is
 * used) so the core needs no Workers type package; the Workers adapter passes `env.DB`.
 */
import type { RunResult, SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';

export interface D1PreparedStatementLike {
  bind(...values: unknown[]): D1PreparedStatementLike;
  run(): Promise<{ meta: { changes?: number; last_row_id?: number } }>;
  all<T>(): Promise<{ results: T[] }>;
  first<T>(): Promise<T | null>;
}

export interface D1DatabaseLike {
  prepare(sql: string): D1PreparedStatementLike;
  batch(statements: D1PreparedStatementLike[]): Promise<{ meta: { changes?: number; last_row_id?: number } }[]>;
  exec(sql: string): Promise<unknown>;
}

function toResult(meta: { changes?: number; last_row_id?: number }): RunResult {
  return { changes: meta.changes ?? 0, ...(meta.last_row_id ? { lastRowId: meta.last_row_id } : {}) };
}

/** D1 has no bigint binding; Uint8Array binds as a BLOB. */
function bindable(params: readonly SqlValue[] = []): unknown[] {
  return params.map((p) => (typeof p === 'bigint' ? Number(p) : p));
}

export function d1Driver(db: D1DatabaseLike): SqlDriver {
  const prep = (s: SqlStatement) => db.prepare(s.sql).bind(...bindable(s.params));
  return {
    async run(sql, params) {
      return toResult((await prep({ sql, params: params ?? [] }).run()).meta);
    },
    async all<T>(sql: string, params?: readonly SqlValue[]) {
      return (await prep({ sql, params: params ?? [] }).all<T>()).results;
    },
    async first<T>(sql: string, params?: readonly SqlValue[]) {
      return prep({ sql, params: params ?? [] }).first<T>();
    },
    async batch(statements) {
      if (statements.length === 0) return [];
      return (await db.batch(statements.map(prep))).map((r) => toResult(r.meta));
    },
    async exec(sql) {
      // D1's exec splits on newlines; a prepared statement keeps multi-line SQL whole
      await db.prepare(sql).run();
    },
  };
}
