/** SqlDriver over better-sqlite3 (synchronous underneath), and opening the data directory's database. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { RunResult, SqlDriver, SqlValue } from '../store/sql-driver.js';

export interface SqliteDriver extends SqlDriver {
  readonly path: string;
  close(): void;
}

/** better-sqlite3 binds Buffers, not plain Uint8Arrays. */
function bind(params: readonly SqlValue[] = []): unknown[] {
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
}

function result(r: Database.RunResult): RunResult {
  const id = Number(r.lastInsertRowid);
  return { changes: r.changes, ...(id ? { lastRowId: id } : {}) };
}

/** Opens (creating if needed) a SQLite file, or ':memory:', with WAL and foreign keys on. */
export function openSqlite(path: string): SqliteDriver {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  const runOne = (sql: string, params?: readonly SqlValue[]): RunResult => {
    const s = prepare(sql);
    if (s.reader) {
      s.all(...bind(params));
      return { changes: 0 };
    }
    return result(s.run(...bind(params)));
  };
  const batch = db.transaction((statements: readonly { sql: string; params?: readonly SqlValue[] }[]) => statements.map((s) => runOne(s.sql, s.params)));
  return {
    path,
    async run(sql, params) {
      return runOne(sql, params);
    },
    async all<T>(sql: string, params?: readonly SqlValue[]) {
      return prepare(sql).all(...bind(params)) as T[];
    },
    async first<T>(sql: string, params?: readonly SqlValue[]) {
      return (prepare(sql).get(...bind(params)) as T | undefined) ?? null;
    },
    async batch(statements) {
      return batch(statements);
    },
    async exec(sql) {
      db.exec(sql);
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}

/** `DATA_DIR`, or ./data under the working directory. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR || './data');
}

/** Opens `<dataDir>/fahu.sqlite`, creating the directory. */
export function openDataDatabase(dir = dataDir()): SqliteDriver {
  mkdirSync(dir, { recursive: true });
  return openSqlite(join(dir, 'fahu.sqlite'));
}
