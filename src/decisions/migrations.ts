/**
 * Schema of the prior review decisions (审查意见库): versions 10–19.
 *
 * Every write bumps `decision_revision.rev` in the same batch and stamps the changed rows
 * (`decisions.seq`) or the deleted ids (`decision_deletions.seq`) with it, so a search index
 * in any process can catch up with exactly what changed since the revision it has seen.
 * `epoch` names this database: a saved index made from another database is never reused.
 */
import type { Migration } from '../store/migrations.js';

export const DECISION_MIGRATIONS: readonly Migration[] = [
  {
    version: 10,
    name: 'prior review decisions with a change revision for the search index',
    sql: [
      `CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        doc_number TEXT NOT NULL DEFAULT '',
        issuer TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        decided_on TEXT,
        review_type TEXT NOT NULL CHECK (review_type IN ('合法性审核', '公平竞争审查', '专项清理')),
        clause_text TEXT NOT NULL CHECK (length(clause_text) > 0),
        clause_path TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        rule TEXT NOT NULL DEFAULT '',
        outcome TEXT NOT NULL CHECK (outcome IN ('修改', '删除', '保留', '不予出台', '适用例外')),
        reasoning TEXT NOT NULL DEFAULT '',
        basis_json TEXT NOT NULL DEFAULT '[]',
        reviewer TEXT NOT NULL DEFAULT '',
        tags_json TEXT NOT NULL DEFAULT '[]',
        source_kind TEXT NOT NULL CHECK (source_kind IN ('own', 'published')),
        source_ref TEXT NOT NULL DEFAULT '',
        review_id TEXT,
        finding_id TEXT,
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX decisions_seq ON decisions(seq)`,
      `CREATE INDEX decisions_review ON decisions(review_id)`,
      `CREATE TABLE decision_deletions (
        id INTEGER NOT NULL,
        seq INTEGER NOT NULL
      )`,
      `CREATE INDEX decision_deletions_seq ON decision_deletions(seq)`,
      `CREATE TABLE decision_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        rev INTEGER NOT NULL,
        epoch TEXT NOT NULL,
        seeded_at TEXT
      )`,
      `INSERT INTO decision_revision (id, rev, epoch) VALUES (1, 0, lower(hex(randomblob(16))))`,
    ],
  },
];
