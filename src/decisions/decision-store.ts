/**
 * The decisions table over the store's SqlDriver (SQLite on Node, D1 on Workers).
 *
 * Every write is one batch that also bumps the revision and stamps what changed with it, so a
 * search index anywhere can ask "what changed since revision n?" (`changesSince`) and never
 * serve stale results. Writes of many decisions (an import) land whole or not at all.
 */
import { stmt, type SqlDriver, type SqlStatement, type SqlValue } from '../store/sql-driver.js';
import { StoreError } from '../store/types.js';
import type { Decision, DecisionInput, Outcome, ReviewType, SourceKind } from './types.js';

interface DecisionRow {
  id: number; key: string; title: string; doc_number: string; issuer: string; department: string; decided_on: string | null; review_type: ReviewType;
  clause_text: string; clause_path: string; category: string; rule: string; outcome: Outcome; reasoning: string; basis_json: string; reviewer: string;
  tags_json: string; source_kind: SourceKind; source_ref: string;
  notice_authority?: string | null; notice_title?: string | null; notice_date?: string | null; notice_address?: string | null; review_id: string | null; finding_id: string | null; seq: number; created_at: string; updated_at: string;
}

export interface Revision {
  rev: number;
  /** Identifies the database (a saved index from another database is not reused). */
  epoch: string;
}

export interface DecisionChanges extends Revision {
  /** Decisions inserted or changed after the given revision. */
  changed: Decision[];
  /** Ids deleted after the given revision. */
  deleted: number[];
}

export interface WriteResult {
  inserted: number;
  updated: number;
  /** Ids in input order. */
  ids: number[];
}

/** Where a decision taken from an own review points back to. */
export interface ReviewLink {
  reviewId: string;
  findingId: string;
}

const BUMP = stmt('UPDATE decision_revision SET rev = rev + 1 WHERE id = 1');
const REV = '(SELECT rev FROM decision_revision WHERE id = 1)';
/** Large batches are split only for the statement-size limits of D1; all parts go in one batch. */
// D1 binds at most 100 parameters per statement (as desk-request-queries.ts, which reads in 90s)
const SELECT_CHUNK = 90;

export class DecisionStore {
  constructor(
    readonly db: SqlDriver,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async revision(): Promise<Revision> {
    const row = await this.db.first<{ rev: number; epoch: string }>('SELECT rev, epoch FROM decision_revision WHERE id = 1');
    if (!row) throw new Error('decision_revision is missing: the decision migrations have not run');
    return { rev: row.rev, epoch: row.epoch };
  }

  async count(): Promise<number> {
    return (await this.db.first<{ n: number }>('SELECT count(*) AS n FROM decisions'))?.n ?? 0;
  }

  async get(id: number): Promise<Decision | null> {
    const row = await this.db.first<DecisionRow>('SELECT * FROM decisions WHERE id = ?', [id]);
    return row ? toDecision(row) : null;
  }

  async getByKey(key: string): Promise<Decision | null> {
    const row = await this.db.first<DecisionRow>('SELECT * FROM decisions WHERE key = ?', [key]);
    return row ? toDecision(row) : null;
  }

  /** Decisions by id, in the order asked (unknown ids are skipped). */
  async getMany(ids: readonly number[]): Promise<Decision[]> {
    const byId = new Map<number, Decision>();
    for (let i = 0; i < ids.length; i += SELECT_CHUNK) {
      const part = ids.slice(i, i + SELECT_CHUNK);
      const rows = await this.db.all<DecisionRow>(`SELECT * FROM decisions WHERE id IN (${part.map(() => '?').join(',')})`, part);
      for (const r of rows) byId.set(r.id, toDecision(r));
    }
    return ids.map((id) => byId.get(id)).filter((d): d is Decision => d !== undefined);
  }

  /** All decisions in id order (export, index build). */
  async all(): Promise<Decision[]> {
    return (await this.db.all<DecisionRow>('SELECT * FROM decisions ORDER BY id')).map(toDecision);
  }

  async changesSince(rev: number): Promise<DecisionChanges> {
    // read the revision first: a write landing meanwhile is picked up next time
    const now = await this.revision();
    const changed = (await this.db.all<DecisionRow>('SELECT * FROM decisions WHERE seq > ? AND seq <= ? ORDER BY id', [rev, now.rev])).map(toDecision);
    const deleted = (await this.db.all<{ id: number }>('SELECT DISTINCT id FROM decision_deletions WHERE seq > ? AND seq <= ?', [rev, now.rev])).map((r) => r.id);
    return { ...now, changed, deleted };
  }

  /**
   * Inserts the decisions, or updates those whose key exists: all in one batch. Input must be
   * validated already (DecisionInputSchema); keys must be unique within the call.
   */
  async upsertMany(inputs: readonly (DecisionInput & Partial<ReviewLink>)[]): Promise<WriteResult> {
    if (inputs.length === 0) return { inserted: 0, updated: 0, ids: [] };
    const keys = inputs.map((d) => d.key);
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) throw new StoreError('INVALID', `key 重复：${dup}`);
    const existing = new Set<string>();
    for (let i = 0; i < keys.length; i += SELECT_CHUNK) {
      const part = keys.slice(i, i + SELECT_CHUNK);
      for (const r of await this.db.all<{ key: string }>(`SELECT key FROM decisions WHERE key IN (${part.map(() => '?').join(',')})`, part)) existing.add(r.key);
    }
    const at = this.now().toISOString();
    const statements: SqlStatement[] = [BUMP];
    for (const d of inputs) {
      const values: SqlValue[] = [
        d.title, d.docNumber, d.issuer, d.department, d.date, d.reviewType, d.clauseText, d.clausePath, d.category, d.rule, d.outcome, d.reasoning,
        JSON.stringify(d.basis), d.reviewer, JSON.stringify(d.tags), d.sourceKind, d.sourceRef, d.reviewId ?? null, d.findingId ?? null,
        d.noticeAuthority ?? '', d.noticeTitle ?? '', d.noticeDate ?? null, d.noticeAddress ?? '',
      ];
      statements.push(
        stmt(
          `INSERT INTO decisions (title, doc_number, issuer, department, decided_on, review_type, clause_text, clause_path, category, rule, outcome, reasoning,
             basis_json, reviewer, tags_json, source_kind, source_ref, review_id, finding_id,
             notice_authority, notice_title, notice_date, notice_address, key, seq, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${REV}, ?, ?)
           ON CONFLICT(key) DO UPDATE SET title = excluded.title, doc_number = excluded.doc_number, issuer = excluded.issuer, department = excluded.department,
             decided_on = excluded.decided_on, review_type = excluded.review_type, clause_text = excluded.clause_text, clause_path = excluded.clause_path,
             category = excluded.category, rule = excluded.rule, outcome = excluded.outcome, reasoning = excluded.reasoning, basis_json = excluded.basis_json,
             reviewer = excluded.reviewer, tags_json = excluded.tags_json, source_kind = excluded.source_kind, source_ref = excluded.source_ref,
             review_id = coalesce(excluded.review_id, decisions.review_id), finding_id = coalesce(excluded.finding_id, decisions.finding_id),
             notice_authority = excluded.notice_authority, notice_title = excluded.notice_title, notice_date = excluded.notice_date, notice_address = excluded.notice_address,
             seq = excluded.seq, updated_at = excluded.updated_at`,
          ...values, d.key, at, at,
        ),
      );
    }
    await this.db.batch(statements);
    const ids: number[] = [];
    for (let i = 0; i < keys.length; i += SELECT_CHUNK) {
      const part = keys.slice(i, i + SELECT_CHUNK);
      const rows = await this.db.all<{ id: number; key: string }>(`SELECT id, key FROM decisions WHERE key IN (${part.map(() => '?').join(',')})`, part);
      const byKey = new Map(rows.map((r) => [r.key, r.id]));
      for (const k of part) ids.push(byKey.get(k) as number);
    }
    return { inserted: inputs.length - existing.size, updated: existing.size, ids };
  }

  async insert(input: DecisionInput & Partial<ReviewLink>): Promise<Decision> {
    const { ids } = await this.upsertMany([input]);
    return (await this.get(ids[0] as number)) as Decision;
  }

  /** Changes some fields of one decision (not its key). */
  async update(id: number, patch: Partial<Omit<DecisionInput, 'key'>>): Promise<Decision> {
    const current = await this.get(id);
    if (!current) throw new StoreError('NOT_FOUND', '没有这条审查意见');
    const { id: _id, reviewId, findingId, createdAt: _c, updatedAt: _u, ...rest } = current;
    await this.upsertMany([{ ...rest, ...patch, key: current.key, ...(reviewId ? { reviewId } : {}), ...(findingId ? { findingId } : {}) }]);
    return (await this.get(id)) as Decision;
  }

  async remove(id: number): Promise<void> {
    const [, r] = await this.db.batch([
      BUMP,
      stmt('DELETE FROM decisions WHERE id = ?', id),
      stmt(`INSERT INTO decision_deletions (id, seq) SELECT ?, ${REV} WHERE changes() > 0`, id),
    ]);
    if (!r?.changes) throw new StoreError('NOT_FOUND', '没有这条审查意见');
  }

  /** When the seed corpus was loaded into this database, or null. */
  async seededAt(): Promise<string | null> {
    return (await this.db.first<{ seeded_at: string | null }>('SELECT seeded_at FROM decision_revision WHERE id = 1'))?.seeded_at ?? null;
  }

  async markSeeded(): Promise<void> {
    await this.db.run('UPDATE decision_revision SET seeded_at = ? WHERE id = 1', [this.now().toISOString()]);
  }

  /** Keys of the decisions already taken from this review. */
  async keysOfReview(reviewId: string): Promise<string[]> {
    return (await this.db.all<{ key: string }>('SELECT key FROM decisions WHERE review_id = ?', [reviewId])).map((r) => r.key);
  }
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id, key: r.key, title: r.title, docNumber: r.doc_number, issuer: r.issuer, department: r.department, date: r.decided_on, reviewType: r.review_type,
    clauseText: r.clause_text, clausePath: r.clause_path, category: r.category, rule: r.rule, outcome: r.outcome, reasoning: r.reasoning,
    basis: JSON.parse(r.basis_json) as string[], reviewer: r.reviewer, tags: JSON.parse(r.tags_json) as string[], sourceKind: r.source_kind, sourceRef: r.source_ref,
    noticeAuthority: r.notice_authority ?? '', noticeTitle: r.notice_title ?? '', noticeDate: r.notice_date ?? null, noticeAddress: r.notice_address ?? '',
    reviewId: r.review_id, findingId: r.finding_id, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
