/** Schema of the 烦企扰民 cleanup campaign (inventory, pre-check jobs, decisions): versions 30–39. */
import type { Migration } from '../store/migrations.js';

export const CLEANUP_MIGRATIONS: readonly Migration[] = [
  {
    version: 30,
    name: 'cleanup campaigns, inventory items, pre-check jobs, decisions',
    sql: [
      `CREATE TABLE cleanup_campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        deadline TEXT,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL
      )`,
      // one row per document of the inventory; the decision lives on the row (one per document)
      `CREATE TABLE cleanup_items (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES cleanup_campaigns(id) ON DELETE CASCADE,
        source_row INTEGER NOT NULL,
        title TEXT NOT NULL,
        doc_number TEXT NOT NULL DEFAULT '',
        issuer TEXT NOT NULL DEFAULT '',
        issue_date TEXT,
        validity TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL,
        document_hash TEXT REFERENCES documents(hash),
        file_name TEXT,
        review_id TEXT REFERENCES reviews(id),
        decision TEXT CHECK (decision IN ('keep', 'amend', 'repeal', 'invalid')),
        decision_reason TEXT,
        decision_clauses_json TEXT NOT NULL DEFAULT '[]',
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        created_at TEXT NOT NULL,
        CHECK (decision IS NULL OR decision = 'keep' OR length(trim(coalesce(decision_reason, ''))) > 0)
      )`,
      `CREATE INDEX cleanup_items_campaign ON cleanup_items(campaign_id, department)`,
      `CREATE INDEX cleanup_items_decided ON cleanup_items(decided_at)`,
      // an attach batch: the texts handed over together, pre-checked in the background
      `CREATE TABLE cleanup_jobs (
        id TEXT PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES cleanup_campaigns(id) ON DELETE CASCADE,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL
      )`,
      // per-item state; 'running' left over from a stopped process goes back to 'pending' on start
      `CREATE TABLE cleanup_job_items (
        job_id TEXT NOT NULL REFERENCES cleanup_jobs(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL REFERENCES cleanup_items(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
        actor_id INTEGER NOT NULL REFERENCES users(id),
        document_hash TEXT NOT NULL REFERENCES documents(hash),
        file_name TEXT NOT NULL,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        review_id TEXT REFERENCES reviews(id),
        started_at TEXT,
        finished_at TEXT,
        PRIMARY KEY (job_id, item_id)
      )`,
      `CREATE INDEX cleanup_job_items_state ON cleanup_job_items(state, job_id, seq)`,
    ],
  },
  {
    version: 31,
    name: 'cleanup: 作废 of campaigns and items, pack choice per campaign, the inventory read in full (施行日期, 序号 and other columns), the attached text checked against its row, a legal basis for decisions',
    sql: [
      `ALTER TABLE cleanup_campaigns ADD COLUMN voided_at TEXT`,
      `ALTER TABLE cleanup_campaigns ADD COLUMN voided_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE cleanup_campaigns ADD COLUMN void_reason TEXT`,
      // null: the admin's default packs at the time of each pre-check; else a JSON array of pack names
      `ALTER TABLE cleanup_campaigns ADD COLUMN packs_json TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN voided_at TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN voided_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE cleanup_items ADD COLUMN void_reason TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN effective_date TEXT`,
      // the inventory's own columns the product does not read (序号, 备注 …): [[header, value], …] in column order
      `ALTER TABLE cleanup_items ADD COLUMN extra_json TEXT NOT NULL DEFAULT '[]'`,
      // what the pre-check read from the attached text: its 文号, title and last valid day
      `ALTER TABLE cleanup_items ADD COLUMN text_doc_number TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN text_title TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN text_valid_until TEXT`,
      // a 文号 or title differing from the row is confirmed by a person before a decision
      `ALTER TABLE cleanup_items ADD COLUMN text_confirmed_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE cleanup_items ADD COLUMN text_confirmed_at TEXT`,
      `ALTER TABLE cleanup_items ADD COLUMN decision_basis TEXT`,
    ],
  },
];
