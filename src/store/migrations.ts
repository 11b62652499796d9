/**
 * Versioned schema migrations. Each migration is a list of single statements applied in one
 * atomic batch together with its row in schema_migrations, so a migration lands whole or not
 * at all. Never edit a released migration: add a new one.
 *
 * Each part of the product owns its migrations, in its own folder and its own range of version
 * numbers (core 1–9 here, decisions/ 10–19, desk/ 20–29, cleanup/ 30–39; 作废 and submit tokens
 * 60–69: 60, 63 and 64 (公平竞争审查表) here, 61 and 62 in desk/), so that they never collide; src/boot/migrations.ts puts them
 * together in version order (the store imports no feature), and a database applies whichever of
 * them it has not yet applied, in version order.
 *
 * Times are ISO 8601 UTC strings (`Date.prototype.toISOString`), which sort as text.
 */
import type { SqlDriver } from './sql-driver.js';

export interface Migration {
  version: number;
  name: string;
  /** Single SQL statements, in order (no BEGIN/COMMIT: the batch is the transaction). */
  sql: readonly string[];
}

/** The store's own tables: accounts, documents, reviews, audit log, settings. */
export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, documents, reviews, audit log, settings',
    sql: [
      `CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('reviewer', 'chief', 'admin')),
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE INDEX sessions_user ON sessions(user_id)`,
      `CREATE INDEX sessions_expiry ON sessions(expires_at)`,
      `CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      )`,
      `CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        success INTEGER NOT NULL CHECK (success IN (0, 1))
      )`,
      `CREATE INDEX login_attempts_key_at ON login_attempts(key, at)`,
      `CREATE TABLE documents (
        hash TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        document_hash TEXT REFERENCES documents(hash),
        title TEXT NOT NULL,
        doc_number TEXT,
        department TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewing', 'signed')),
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        signed_by INTEGER REFERENCES users(id),
        signed_at TEXT,
        result_json TEXT NOT NULL
      )`,
      `CREATE INDEX reviews_created ON reviews(created_at)`,
      `CREATE INDEX reviews_department ON reviews(department, created_at)`,
      `CREATE INDEX reviews_status ON reviews(status, created_at)`,
      `CREATE TABLE review_findings (
        review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rule TEXT NOT NULL,
        category TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        clause_id TEXT NOT NULL,
        path TEXT NOT NULL,
        quote TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
        dismiss_reason TEXT,
        suggestion_override TEXT,
        added_by_hand INTEGER NOT NULL DEFAULT 0 CHECK (added_by_hand IN (0, 1)),
        title TEXT,
        explanation TEXT,
        suggestion TEXT,
        updated_by INTEGER REFERENCES users(id),
        updated_at TEXT,
        PRIMARY KEY (review_id, finding_id),
        CHECK (status <> 'dismissed' OR length(trim(dismiss_reason)) > 0)
      )`,
      `CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT '',
        detail_json TEXT NOT NULL DEFAULT '{}'
      )`,
      `CREATE INDEX audit_log_at ON audit_log(at)`,
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      `CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 60,
    name: 'voiding reviews (作废 with a reason, never deleted); upload submit tokens; reviews by document hash',
    sql: [
      `ALTER TABLE reviews ADD COLUMN voided_at TEXT`,
      `ALTER TABLE reviews ADD COLUMN voided_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE reviews ADD COLUMN void_reason TEXT`,
      `CREATE INDEX reviews_document ON reviews(document_hash, created_at)`,
      // one per rendered upload form: a form sent twice (Back, double click) lands once
      `CREATE TABLE submit_tokens (
        token TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        review_id TEXT REFERENCES reviews(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 63,
    name: "the reviewer's conclusion on a review; decisions inherited from the review of an earlier version",
    sql: [
      // one of CONCLUSIONS (report/writers/types.ts), chosen by the reviewer, never by the tool
      `ALTER TABLE reviews ADD COLUMN conclusion TEXT`,
      `ALTER TABLE reviews ADD COLUMN conclusion_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE reviews ADD COLUMN conclusion_at TEXT`,
      // the review of the earlier version this one inherited decisions from (a desk request's 第N版)
      `ALTER TABLE reviews ADD COLUMN previous_review_id TEXT REFERENCES reviews(id)`,
      // 'reviewId#findingId' of the earlier decision; cleared when the reviewer decides again
      `ALTER TABLE review_findings ADD COLUMN inherited_from TEXT`,
    ],
  },
  {
    version: 64,
    name: '公平竞争审查表: the reviewer’s boxes of a review, one form per review',
    sql: [
      `CREATE TABLE fcr_forms (
        review_id TEXT PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE,
        form_json TEXT NOT NULL,
        updated_by INTEGER REFERENCES users(id),
        updated_at TEXT NOT NULL
      )`,
    ],
  },
];

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export interface MigrateResult {
  /** Versions applied by this call, in order (empty when the schema was current). */
  applied: number[];
  /** The schema version after the call. */
  version: number;
}

/** Applies the pending migrations in version order; safe to call on every start. */
export async function applyMigrations(driver: SqlDriver, migrations: readonly Migration[], now: () => Date = () => new Date()): Promise<MigrateResult> {
  checkOrder(migrations);
  await driver.exec(CREATE_TABLE);
  const done = new Set((await driver.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...done].filter((v) => !known.has(v));
  if (unknown.length) throw new Error(`数据库的结构版本 ${Math.max(...unknown)} 比本程序新，请升级法护后再启动`);
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    // a second process may have applied it meanwhile: the primary key makes the batch fail whole
    await driver.batch([
      ...m.sql.map((sql) => ({ sql })),
      { sql: 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', params: [m.version, m.name, now().toISOString()] },
    ]);
    applied.push(m.version);
  }
  return { applied, version: await schemaVersion(driver) };
}

export async function schemaVersion(driver: SqlDriver): Promise<number> {
  const row = await driver.first<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : (migrations[i - 1] as Migration).version;
    if (!Number.isInteger(m.version) || m.version <= previous) throw new Error(`迁移版本号必须为正整数且严格递增（第 ${i + 1} 个是 ${m.version}）`);
  });
}
