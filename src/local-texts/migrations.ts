/**
 * Schema of the section's own legal texts (本地法规文本): version 65. A text enters only when a
 * person imports it (`fahu corpus import`, /admin/corpus, POST /api/admin/corpus); removing it is
 * 作废 with a reason, never a delete. Hand-added findings carry the basis a reviewer picked
 * (`review_findings.basis_json`: the cited articles with their text, as the rules' findings do).
 * Decisions keep the published notice they come from (authority, title, date, address).
 */
import type { Migration } from '../store/migrations.js';

export const LOCAL_TEXT_MIGRATIONS: readonly Migration[] = [
  {
    version: 65,
    name: 'local legal texts imported by the section; basis of hand-added findings; published notice of decisions',
    sql: [
      `CREATE TABLE local_texts (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        doc_number TEXT NOT NULL DEFAULT '',
        issuer TEXT NOT NULL DEFAULT '',
        issued_on TEXT,
        effective_on TEXT,
        source_name TEXT NOT NULL DEFAULT '',
        source_hash TEXT NOT NULL,
        articles_json TEXT NOT NULL,
        imported_by INTEGER REFERENCES users(id),
        imported_at TEXT NOT NULL,
        voided_at TEXT,
        voided_by INTEGER REFERENCES users(id),
        void_reason TEXT,
        CHECK (voided_at IS NULL OR length(trim(void_reason)) > 0)
      )`,
      `CREATE INDEX local_texts_title ON local_texts (title)`,
      `ALTER TABLE review_findings ADD COLUMN basis_json TEXT`,
      // the published notice a precedent cites (decisions/types.ts), in this one migration id of the round
      `ALTER TABLE decisions ADD COLUMN notice_authority TEXT NOT NULL DEFAULT ''`,
      `ALTER TABLE decisions ADD COLUMN notice_title TEXT NOT NULL DEFAULT ''`,
      `ALTER TABLE decisions ADD COLUMN notice_date TEXT`,
      `ALTER TABLE decisions ADD COLUMN notice_address TEXT NOT NULL DEFAULT ''`,
    ],
  },
];
