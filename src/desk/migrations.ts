/** Schema of the review desk (送审件, deadlines, 集中会审, calendars): versions 20–29, 61, 62, 66. */
import type { Migration } from '../store/migrations.js';

export const DESK_MIGRATIONS: readonly Migration[] = [
  {
    version: 20,
    name: 'desk requests, steps, draft versions, linked reviews, joint review meetings, loaded calendars',
    sql: [
      // days (received_on, opinion_on …) are local dates 'YYYY-MM-DD' in Asia/Shanghai; *_at are UTC instants
      `CREATE TABLE desk_requests (
        id INTEGER PRIMARY KEY,
        department TEXT NOT NULL,
        title TEXT NOT NULL,
        review_type TEXT NOT NULL CHECK (review_type IN ('legality', 'fair', 'both')),
        received_on TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
        early INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0, 1)),
        assignee_id INTEGER REFERENCES users(id),
        status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'reviewing', 'returned', 'resubmitted', 'opinion', 'closed')),
        opinion_on TEXT,
        closed_on TEXT,
        urgent_reason TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE INDEX desk_requests_status ON desk_requests(status, received_on)`,
      `CREATE INDEX desk_requests_received ON desk_requests(received_on)`,
      `CREATE TABLE desk_request_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        user_id INTEGER REFERENCES users(id),
        at TEXT NOT NULL
      )`,
      `CREATE INDEX desk_request_steps_request ON desk_request_steps(request_id, id)`,
      `CREATE TABLE desk_request_versions (
        request_id INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        document_hash TEXT NOT NULL REFERENCES documents(hash),
        file_name TEXT NOT NULL,
        received_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (request_id, version)
      )`,
      `CREATE TABLE desk_request_reviews (
        request_id INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
        review_id TEXT NOT NULL REFERENCES reviews(id),
        linked_by INTEGER REFERENCES users(id),
        linked_at TEXT NOT NULL,
        PRIMARY KEY (request_id, review_id)
      )`,
      `CREATE TABLE desk_meetings (
        id INTEGER PRIMARY KEY,
        held_on TEXT NOT NULL,
        title TEXT NOT NULL,
        members TEXT NOT NULL DEFAULT '',
        agenda TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE desk_meeting_items (
        meeting_id INTEGER NOT NULL REFERENCES desk_meetings(id) ON DELETE CASCADE,
        request_id INTEGER NOT NULL REFERENCES desk_requests(id),
        seq INTEGER NOT NULL,
        outcome TEXT CHECK (outcome IN ('pass', 'amend', 'return', 'defer')),
        outcome_note TEXT NOT NULL DEFAULT '',
        recorded_by INTEGER REFERENCES users(id),
        recorded_at TEXT,
        PRIMARY KEY (meeting_id, request_id)
      )`,
      // an administrator's load of a year's arrangement; replaces the shipped year of the same number
      `CREATE TABLE desk_calendar_years (
        year INTEGER PRIMARY KEY,
        holidays_json TEXT NOT NULL,
        workdays_json TEXT NOT NULL,
        source TEXT NOT NULL,
        loaded_by INTEGER REFERENCES users(id),
        loaded_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 61,
    name: 'voiding desk requests and joint review meetings (作废 with a reason, never deleted)',
    sql: [
      `ALTER TABLE desk_requests ADD COLUMN voided_at TEXT`,
      `ALTER TABLE desk_requests ADD COLUMN voided_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE desk_requests ADD COLUMN void_reason TEXT`,
      `ALTER TABLE desk_meetings ADD COLUMN voided_at TEXT`,
      `ALTER TABLE desk_meetings ADD COLUMN voided_by INTEGER REFERENCES users(id)`,
      `ALTER TABLE desk_meetings ADD COLUMN void_reason TEXT`,
    ],
  },
  {
    version: 62,
    name: 'which version of the draft (第N版) a linked review is of',
    sql: [`ALTER TABLE desk_request_reviews ADD COLUMN version INTEGER`],
  },
  {
    version: 66,
    name: 'the kind of a desk request (规范性文件, 政策措施, 重大行政决策 …) and the 送审材料 received for it',
    sql: [
      `ALTER TABLE desk_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'normative' CHECK (kind IN ('normative', 'policy', 'major', 'contract', 'other'))`,
      `CREATE TABLE desk_request_materials (
        request_id INTEGER NOT NULL REFERENCES desk_requests(id) ON DELETE CASCADE,
        item TEXT NOT NULL,
        recorded_by INTEGER REFERENCES users(id),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (request_id, item)
      )`,
    ],
  },
];
