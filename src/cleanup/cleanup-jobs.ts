/**
 * The pre-check job queue in SQL: each attached text is a row of cleanup_job_items that goes
 * pending → running → done/failed, so work survives a restart. The runner claims rows one at
 * a time; CleanupStore exposes these as its methods (and checks roles where a user acts).
 */
import { stmt, type SqlDriver } from '../store/sql-driver.js';
import type { JobProgress, JobState } from './model.js';

/** A claimed unit of work for the runner. */
export interface JobWork {
  jobId: string;
  itemId: number;
  actorId: number;
  documentHash: string;
  fileName: string;
  title: string;
  docNumber: string;
  department: string;
  /** The campaign's packs; null: the admin's defaults. */
  packs: string[] | null;
}

/** What the pre-check read from the text, saved on the item to compare with its row. */
export interface TextReading {
  docNumber: string | null;
  title: string | null;
  validUntil: string | null;
}

/** Up to `limit` pending items, oldest job first. */
export async function pendingWork(db: SqlDriver, limit: number): Promise<JobWork[]> {
  const rows = await db.all<{ job_id: string; item_id: number; actor_id: number; document_hash: string; file_name: string; title: string; doc_number: string; department: string; packs_json: string | null }>(
    `SELECT ji.job_id, ji.item_id, ji.actor_id, ji.document_hash, ji.file_name, i.title, i.doc_number, i.department, c.packs_json
       FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id JOIN cleanup_items i ON i.id = ji.item_id JOIN cleanup_campaigns c ON c.id = i.campaign_id
      WHERE ji.state = 'pending' ORDER BY j.created_at, ji.seq LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({ jobId: r.job_id, itemId: r.item_id, actorId: r.actor_id, documentHash: r.document_hash, fileName: r.file_name, title: r.title, docNumber: r.doc_number, department: r.department,
    packs: r.packs_json === null ? null : (JSON.parse(r.packs_json) as string[]),
  }));
}

export async function countPending(db: SqlDriver): Promise<number> {
  return (await db.first<{ n: number }>(`SELECT count(*) AS n FROM cleanup_job_items WHERE state IN ('pending', 'running')`))?.n ?? 0;
}

/** pending → running; false when another runner took it first. */
export async function claimWork(db: SqlDriver, w: JobWork, at: string): Promise<boolean> {
  const r = await db.run(`UPDATE cleanup_job_items SET state = 'running', started_at = ?, attempts = attempts + 1 WHERE job_id = ? AND item_id = ? AND state = 'pending'`, [at, w.jobId, w.itemId]);
  return r.changes > 0;
}

export async function completeWork(db: SqlDriver, w: JobWork, reviewId: string, at: string, text: TextReading): Promise<void> {
  await db.batch([
    stmt(`UPDATE cleanup_job_items SET state = 'done', error = NULL, review_id = ?, finished_at = ? WHERE job_id = ? AND item_id = ?`, reviewId, at, w.jobId, w.itemId),
    // a newer attachment of the same item wins over this older one
    stmt(
      'UPDATE cleanup_items SET review_id = ?, text_doc_number = ?, text_title = ?, text_valid_until = ? WHERE id = ? AND document_hash = ?',
      reviewId, text.docNumber, text.title, text.validUntil, w.itemId, w.documentHash,
    ),
  ]);
}

export async function failWork(db: SqlDriver, w: JobWork, error: string, at: string): Promise<void> {
  await db.run(`UPDATE cleanup_job_items SET state = 'failed', error = ?, finished_at = ? WHERE job_id = ? AND item_id = ?`, [error.slice(0, 1000), at, w.jobId, w.itemId]);
}

/** Items a stopped process was working on go back to the queue. */
export async function resetInterrupted(db: SqlDriver): Promise<number> {
  return (await db.run(`UPDATE cleanup_job_items SET state = 'pending', started_at = NULL WHERE state = 'running'`)).changes;
}

/** Failed items of one job, or of every job when `jobId` is null, go back to the queue. */
export async function requeueFailed(db: SqlDriver, jobId: string | null): Promise<number> {
  const reset = `UPDATE cleanup_job_items SET state = 'pending', error = NULL, started_at = NULL, finished_at = NULL`;
  const r = jobId === null ? await db.run(`${reset} WHERE state = 'failed'`) : await db.run(`${reset} WHERE job_id = ? AND state = 'failed'`, [jobId]);
  return r.changes;
}

export async function jobProgress(db: SqlDriver, jobId: string): Promise<JobProgress | null> {
  const job = await db.first<{ id: string; campaign_id: number; created_at: string }>('SELECT * FROM cleanup_jobs WHERE id = ?', [jobId]);
  if (!job) return null;
  const counts = await db.all<{ state: JobState; n: number }>('SELECT state, count(*) AS n FROM cleanup_job_items WHERE job_id = ? GROUP BY state', [jobId]);
  const n = (s: JobState) => counts.find((c) => c.state === s)?.n ?? 0;
  const failures = await db.all<{ item_id: number; title: string; file_name: string; error: string | null }>(
    `SELECT ji.item_id, i.title, ji.file_name, ji.error FROM cleanup_job_items ji JOIN cleanup_items i ON i.id = ji.item_id WHERE ji.job_id = ? AND ji.state = 'failed' ORDER BY ji.seq`,
    [jobId],
  );
  const total = counts.reduce((s, c) => s + c.n, 0);
  return {
    jobId, campaignId: job.campaign_id, createdAt: job.created_at, total, pending: n('pending'), running: n('running'), done: n('done'), failed: n('failed'),
    failures: failures.map((f) => ({ itemId: f.item_id, title: f.title, fileName: f.file_name, error: f.error ?? '' })),
    finished: n('pending') + n('running') === 0,
  };
}

/** The campaign's newest job (what its page shows a progress bar for). */
export async function latestJob(db: SqlDriver, campaignId: number): Promise<JobProgress | null> {
  const j = await db.first<{ id: string }>('SELECT id FROM cleanup_jobs WHERE campaign_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', [campaignId]);
  return j ? jobProgress(db, j.id) : null;
}
