/**
 * Storage of the cleanup campaign over the core Store's SQL driver: campaigns, inventory
 * items, pre-check jobs (per-item state that survives restarts) and decisions. Originals go
 * through Store.putDocument and reviews through Store.createReview, so the existing report
 * page opens them. Writes that must land together use one batch.
 *
 * `actorId` null is the local command line (the machine's trust, as in Store).
 */
import { sniffFormat } from '../ingest/sniff.js';
import { isIngestError } from '../ingest/errors.js';
import { withLimits } from '../ingest/limits.js';
import { stmt, type SqlStatement, type SqlValue } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { ROLE_LABELS, StoreError, type Role, type User } from '../store/types.js';
import { InventoryError } from './inventory.js';
import { matchFile } from './match.js';
import {
  DECISIONS, emptyCounts, type Campaign, type CampaignProgress, type CleanupItem, type Decision, type DecisionClause, type DepartmentProgress,
  type InventoryRow, type JobProgress, type JobState, type RowError,
} from './model.js';

export interface CleanupStoreOptions {
  now?: () => Date;
  /** Local time offset for "today" and date filters, default +8 h (China Standard Time). */
  utcOffsetMinutes?: number;
}

/** Who may do what in the campaign. Everyone signed in may look and export. */
export const CLEANUP_ROLES = {
  /** Import inventories and attach texts. */
  edit: ['reviewer', 'chief', 'admin'] as Role[],
  /** Decide on a document: a legal judgment, so the section's reviewers and chief. */
  decide: ['reviewer', 'chief'] as Role[],
  /** Change a campaign's deadline. */
  deadline: ['chief', 'admin'] as Role[],
};

export interface ImportResult {
  campaign: Campaign;
  created: boolean;
  imported: number;
}

export interface AttachFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface AttachResult {
  jobId: string | null;
  matched: { itemId: number; title: string; fileName: string; by: 'docNumber' | 'title' | 'chosen' }[];
  unmatched: { fileName: string; reason: string }[];
}

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
}

export interface DecisionInput {
  decision: Decision;
  reason?: string;
  /** Clause ids of the item's review. */
  clauses?: string[];
}

export interface ItemFilter {
  department?: string;
  /** A decision, or 'undecided'. */
  decision?: Decision | 'undecided';
}

interface CampaignRow { id: number; name: string; deadline: string | null; created_by: number | null; created_at: string }
interface ItemRow {
  id: number; campaign_id: number; source_row: number; title: string; doc_number: string; issuer: string; issue_date: string | null; validity: string;
  department: string; document_hash: string | null; file_name: string | null; review_id: string | null; decision: Decision | null; decision_reason: string | null;
  decision_clauses_json: string; decided_by: number | null; decided_by_name: string | null; decided_at: string | null;
  job_state: JobState | null; job_error: string | null; finding_count: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_MIME = 'application/octet-stream';
const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  md: 'text/markdown',
};

/** The item's latest pre-check (its newest job) and the number of findings of its review. */
const ITEM_SELECT = `SELECT i.*, u.display_name AS decided_by_name,
    (SELECT ji.state FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id WHERE ji.item_id = i.id ORDER BY j.created_at DESC, ji.rowid DESC LIMIT 1) AS job_state,
    (SELECT ji.error FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id WHERE ji.item_id = i.id ORDER BY j.created_at DESC, ji.rowid DESC LIMIT 1) AS job_error,
    CASE WHEN i.review_id IS NULL THEN NULL ELSE (SELECT count(*) FROM review_findings f WHERE f.review_id = i.review_id) END AS finding_count
  FROM cleanup_items i LEFT JOIN users u ON u.id = i.decided_by`;

export function checkCampaignName(name: string): string {
  const n = name.trim();
  if (!n) throw new StoreError('INVALID', '请填写专项清理的名称');
  if (n.length > 100) throw new StoreError('INVALID', '专项清理名称不能超过 100 个字符');
  return n;
}

export function checkDeadline(deadline: string | null | undefined): string | null {
  if (deadline === undefined || deadline === null || deadline.trim() === '') return null;
  const d = deadline.trim();
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, day));
  if (!DAY.test(d) || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== day) throw new StoreError('INVALID', `截止日期“${d}”无效，应写成 YYYY-MM-DD，如 2026-12-31`);
  return d;
}

export class CleanupStore {
  readonly db: Store['db'];
  private readonly now: () => Date;
  private readonly utcOffsetMinutes: number;

  constructor(
    readonly store: Store,
    options: CleanupStoreOptions = {},
  ) {
    this.db = store.db;
    this.now = options.now ?? (() => new Date());
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  /** Today as yyyy-mm-dd in local time. */
  today(): string {
    return new Date(this.now().getTime() + this.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  }

  // ---------------------------------------------------------------- campaigns

  async listCampaigns(): Promise<Campaign[]> {
    return (await this.db.all<CampaignRow>('SELECT * FROM cleanup_campaigns ORDER BY created_at DESC, id DESC')).map(toCampaign);
  }

  async getCampaign(id: number): Promise<Campaign | null> {
    const r = await this.db.first<CampaignRow>('SELECT * FROM cleanup_campaigns WHERE id = ?', [id]);
    return r ? toCampaign(r) : null;
  }

  async findCampaign(name: string): Promise<Campaign | null> {
    const r = await this.db.first<CampaignRow>('SELECT * FROM cleanup_campaigns WHERE name = ?', [name.trim()]);
    return r ? toCampaign(r) : null;
  }

  async requireCampaign(id: number): Promise<Campaign> {
    const c = await this.getCampaign(id);
    if (!c) throw new StoreError('NOT_FOUND', '没有这个专项清理');
    return c;
  }

  /** The named campaign, or the only one there is (for the command line). */
  async resolveCampaign(name?: string): Promise<Campaign> {
    if (name) {
      const c = await this.findCampaign(name);
      if (!c) throw new StoreError('NOT_FOUND', `没有名为“${name}”的专项清理`);
      return c;
    }
    const all = await this.listCampaigns();
    if (all.length === 0) throw new StoreError('NOT_FOUND', '还没有专项清理，请先导入清单');
    if (all.length > 1) throw new StoreError('INVALID', `有 ${all.length} 个专项清理，请用 --campaign 指定：${all.map((c) => c.name).join('、')}`);
    return all[0] as Campaign;
  }

  async setDeadline(campaignId: number, deadline: string | null, actorId: number | null): Promise<Campaign> {
    await this.requireRole(actorId, CLEANUP_ROLES.deadline, '修改截止日期');
    const d = checkDeadline(deadline);
    const c = await this.requireCampaign(campaignId);
    await this.db.run('UPDATE cleanup_campaigns SET deadline = ? WHERE id = ?', [d, campaignId]);
    await this.store.appendAudit({ userId: actorId, action: 'cleanup.deadline', target: `cleanup:${campaignId}`, detail: { from: c.deadline, to: d, ...(actorId === null ? { via: 'cli' } : {}) } });
    return (await this.getCampaign(campaignId)) as Campaign;
  }

  // ---------------------------------------------------------------- inventory

  /**
   * Adds the rows to the named campaign (created when new) in one batch: all rows or none.
   * A 文号 already in the campaign is a row error like any other.
   */
  async importInventory(input: { campaign: string; deadline?: string | null; fileName?: string; rows: readonly InventoryRow[] }, actorId: number | null): Promise<ImportResult> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '导入清单');
    const name = checkCampaignName(input.campaign);
    const deadline = checkDeadline(input.deadline);
    if (input.rows.length === 0) throw new InventoryError([{ row: 0, message: '清单中没有文件' }]);
    const existing = await this.findCampaign(name);
    if (existing) {
      const numbers = new Set(
        (await this.db.all<{ doc_number: string }>(`SELECT doc_number FROM cleanup_items WHERE campaign_id = ? AND doc_number <> ''`, [existing.id])).map((r) => r.doc_number),
      );
      const errors: RowError[] = input.rows.filter((r) => r.docNumber && numbers.has(r.docNumber)).map((r) => ({ row: r.row, message: `文号 ${r.docNumber} 已在“${name}”的清单中` }));
      if (errors.length) throw new InventoryError(errors);
    }
    const at = this.iso();
    const campaignId = existing ? stmt('?', existing.id) : stmt('(SELECT id FROM cleanup_campaigns WHERE name = ?)', name);
    const statements: SqlStatement[] = [];
    if (!existing) statements.push(stmt('INSERT INTO cleanup_campaigns (name, deadline, created_by, created_at) VALUES (?, ?, ?, ?)', name, deadline, actorId, at));
    else if (deadline && deadline !== existing.deadline) statements.push(stmt('UPDATE cleanup_campaigns SET deadline = ? WHERE id = ?', deadline, existing.id));
    for (const r of input.rows) {
      statements.push({
        sql: `INSERT INTO cleanup_items (campaign_id, source_row, title, doc_number, issuer, issue_date, validity, department, created_at)
              VALUES (${campaignId.sql}, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [...(campaignId.params ?? []), r.row, r.title, r.docNumber, r.issuer, r.issueDate, r.validity, r.department, at],
      });
    }
    try {
      await this.db.batch(statements);
    } catch (e) {
      if (/UNIQUE/i.test(String(e))) throw new StoreError('CONFLICT', `专项清理“${name}”正在被另一操作创建，请重试`);
      throw e;
    }
    const campaign = (await this.findCampaign(name)) as Campaign;
    await this.store.appendAudit({
      userId: actorId, action: 'cleanup.import', target: `cleanup:${campaign.id}`,
      detail: { campaign: name, rows: input.rows.length, fileName: input.fileName ?? '', created: !existing },
    });
    return { campaign, created: !existing, imported: input.rows.length };
  }

  async listItems(campaignId: number, filter: ItemFilter = {}): Promise<CleanupItem[]> {
    const where = ['i.campaign_id = ?'];
    const params: SqlValue[] = [campaignId];
    if (filter.department) (where.push('i.department = ?'), params.push(filter.department));
    if (filter.decision === 'undecided') where.push('i.decision IS NULL');
    else if (filter.decision) (where.push('i.decision = ?'), params.push(filter.decision));
    const rows = await this.db.all<ItemRow>(`${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.department, i.source_row, i.id`, params);
    return rows.map(toItem);
  }

  async getItem(id: number): Promise<CleanupItem | null> {
    const r = await this.db.first<ItemRow>(`${ITEM_SELECT} WHERE i.id = ?`, [id]);
    return r ? toItem(r) : null;
  }

  async requireItem(id: number): Promise<CleanupItem> {
    const item = await this.getItem(id);
    if (!item) throw new StoreError('NOT_FOUND', '清单中没有这份文件');
    return item;
  }

  async departments(campaignId: number): Promise<string[]> {
    return (await this.db.all<{ department: string }>('SELECT DISTINCT department FROM cleanup_items WHERE campaign_id = ? ORDER BY department', [campaignId])).map((r) => r.department);
  }

  // ---------------------------------------------------------------- attaching texts

  /**
   * Stores each file matched to an item (by 文号 or title in its name, or `itemId` when one
   * file is given for one item) and queues its pre-check as one job. Files that match no item,
   * several items, or are not .docx/.txt are reported, not stored.
   */
  async attachTexts(campaignId: number, files: readonly AttachFile[], actorId: number, options: { itemId?: number } = {}): Promise<AttachResult> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '上传文件正文');
    await this.requireCampaign(campaignId);
    const items = await this.db.all<{ id: number; title: string; doc_number: string }>('SELECT id, title, doc_number FROM cleanup_items WHERE campaign_id = ?', [campaignId]);
    const matchable = items.map((i) => ({ id: i.id, title: i.title, docNumber: i.doc_number }));
    const titleOf = new Map(items.map((i) => [i.id, i.title]));
    if (options.itemId !== undefined && !titleOf.has(options.itemId)) throw new StoreError('NOT_FOUND', '清单中没有这份文件');
    if (options.itemId !== undefined && files.length !== 1) throw new StoreError('INVALID', '为一份文件上传正文时只能选择一个文件');

    const result: AttachResult = { jobId: null, matched: [], unmatched: [] };
    const taken = new Map<number, string>();
    const accepted: { itemId: number; file: AttachFile; format: string }[] = [];
    const limits = withLimits();
    for (const file of files) {
      const m = options.itemId !== undefined ? { itemId: options.itemId, by: 'chosen' as const } : matchFile(file.fileName, matchable);
      if (m.itemId === null) {
        result.unmatched.push({ fileName: file.fileName, reason: m.reason });
        continue;
      }
      if (taken.has(m.itemId)) {
        result.unmatched.push({ fileName: file.fileName, reason: `与 ${taken.get(m.itemId)} 对应同一份文件（${titleOf.get(m.itemId)}）` });
        continue;
      }
      let format: string;
      try {
        if (file.bytes.length === 0) throw new StoreError('INVALID', '文件为空');
        const f = sniffFormat(file.bytes, file.fileName, limits);
        format = f.kind === 'docx' ? 'docx' : f.format;
      } catch (e) {
        if (isIngestError(e)) result.unmatched.push({ fileName: file.fileName, reason: e.userMessage });
        else if (e instanceof StoreError) result.unmatched.push({ fileName: file.fileName, reason: e.message });
        else throw e;
        continue;
      }
      taken.set(m.itemId, file.fileName);
      accepted.push({ itemId: m.itemId, file, format });
      result.matched.push({ itemId: m.itemId, title: titleOf.get(m.itemId) ?? '', fileName: file.fileName, by: m.by });
    }
    if (accepted.length === 0) return result;

    const jobId = crypto.randomUUID();
    const at = this.iso();
    const statements: SqlStatement[] = [stmt('INSERT INTO cleanup_jobs (id, campaign_id, created_by, created_at) VALUES (?, ?, ?, ?)', jobId, campaignId, actorId, at)];
    let seq = 0;
    for (const a of accepted) {
      const fileName = storableName(a.file.fileName);
      const { hash } = await this.store.putDocument({ bytes: a.file.bytes as Uint8Array<ArrayBuffer>, fileName, mime: MIME[a.format] ?? MAX_MIME }, actorId);
      statements.push(
        stmt('UPDATE cleanup_items SET document_hash = ?, file_name = ? WHERE id = ?', hash, fileName, a.itemId),
        stmt(
          `INSERT INTO cleanup_job_items (job_id, item_id, seq, state, actor_id, document_hash, file_name) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
          jobId, a.itemId, seq++, actorId, hash, fileName,
        ),
      );
    }
    await this.db.batch(statements);
    await this.store.appendAudit({ userId: actorId, action: 'cleanup.attach', target: `cleanup:${campaignId}`, detail: { job: jobId, files: accepted.length, unmatched: result.unmatched.length } });
    result.jobId = jobId;
    return result;
  }

  // ---------------------------------------------------------------- pre-check jobs

  /** Up to `limit` pending items, oldest job first. Claim each before working on it. */
  async pendingWork(limit: number): Promise<JobWork[]> {
    const rows = await this.db.all<{ job_id: string; item_id: number; actor_id: number; document_hash: string; file_name: string; title: string; doc_number: string; department: string }>(
      `SELECT ji.job_id, ji.item_id, ji.actor_id, ji.document_hash, ji.file_name, i.title, i.doc_number, i.department
         FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id JOIN cleanup_items i ON i.id = ji.item_id
        WHERE ji.state = 'pending' ORDER BY j.created_at, ji.seq LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({ jobId: r.job_id, itemId: r.item_id, actorId: r.actor_id, documentHash: r.document_hash, fileName: r.file_name, title: r.title, docNumber: r.doc_number, department: r.department }));
  }

  async countPending(): Promise<number> {
    return (await this.db.first<{ n: number }>(`SELECT count(*) AS n FROM cleanup_job_items WHERE state IN ('pending', 'running')`))?.n ?? 0;
  }

  /** pending → running; false when another runner took it first. */
  async claim(w: JobWork): Promise<boolean> {
    const r = await this.db.run(`UPDATE cleanup_job_items SET state = 'running', started_at = ?, attempts = attempts + 1 WHERE job_id = ? AND item_id = ? AND state = 'pending'`, [this.iso(), w.jobId, w.itemId]);
    return r.changes > 0;
  }

  async complete(w: JobWork, reviewId: string): Promise<void> {
    const at = this.iso();
    await this.db.batch([
      stmt(`UPDATE cleanup_job_items SET state = 'done', error = NULL, review_id = ?, finished_at = ? WHERE job_id = ? AND item_id = ?`, reviewId, at, w.jobId, w.itemId),
      // a newer attachment of the same item wins over this older one
      stmt('UPDATE cleanup_items SET review_id = ? WHERE id = ? AND document_hash = ?', reviewId, w.itemId, w.documentHash),
    ]);
  }

  async fail(w: JobWork, error: string): Promise<void> {
    await this.db.run(`UPDATE cleanup_job_items SET state = 'failed', error = ?, finished_at = ? WHERE job_id = ? AND item_id = ?`, [error.slice(0, 1000), this.iso(), w.jobId, w.itemId]);
  }

  /** After a restart: items a stopped process was working on go back to the queue. */
  async resetInterrupted(): Promise<number> {
    return (await this.db.run(`UPDATE cleanup_job_items SET state = 'pending', started_at = NULL WHERE state = 'running'`)).changes;
  }

  /** Failed items of a job go back to the queue. */
  async retryFailed(jobId: string, actorId: number | null): Promise<number> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '重新预审');
    const r = await this.db.run(`UPDATE cleanup_job_items SET state = 'pending', error = NULL, started_at = NULL, finished_at = NULL WHERE job_id = ? AND state = 'failed'`, [jobId]);
    return r.changes;
  }

  /** Every failed item of every job goes back to the queue (the command line's --retry). */
  async retryAllFailed(): Promise<number> {
    const r = await this.db.run(`UPDATE cleanup_job_items SET state = 'pending', error = NULL, started_at = NULL, finished_at = NULL WHERE state = 'failed'`);
    return r.changes;
  }

  async jobProgress(jobId: string): Promise<JobProgress | null> {
    const job = await this.db.first<{ id: string; campaign_id: number; created_at: string }>('SELECT * FROM cleanup_jobs WHERE id = ?', [jobId]);
    if (!job) return null;
    const counts = await this.db.all<{ state: JobState; n: number }>('SELECT state, count(*) AS n FROM cleanup_job_items WHERE job_id = ? GROUP BY state', [jobId]);
    const n = (s: JobState) => counts.find((c) => c.state === s)?.n ?? 0;
    const failures = await this.db.all<{ item_id: number; title: string; file_name: string; error: string | null }>(
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
  async latestJob(campaignId: number): Promise<JobProgress | null> {
    const j = await this.db.first<{ id: string }>('SELECT id FROM cleanup_jobs WHERE campaign_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', [campaignId]);
    return j ? this.jobProgress(j.id) : null;
  }

  // ---------------------------------------------------------------- decisions

  /**
   * 继续有效 / 修改 / 废止 / 宣布失效. Anything but 继续有效 needs a reason; the clauses must be
   * clauses of the item's review. Deciding again replaces the decision; each is audited.
   */
  async decide(itemId: number, input: DecisionInput, actorId: number | null): Promise<CleanupItem> {
    await this.requireRole(actorId, CLEANUP_ROLES.decide, '作出清理结论');
    if (!DECISIONS.includes(input.decision)) throw new StoreError('INVALID', '清理结论只能是 继续有效、修改、废止 或 宣布失效');
    const reason = (input.reason ?? '').trim();
    if (reason.length > 2000) throw new StoreError('INVALID', '理由不能超过 2000 个字符');
    if (input.decision !== 'keep' && !reason) throw new StoreError('INVALID', `结论为“${decisionLabel(input.decision)}”时必须填写理由`);
    const item = await this.requireItem(itemId);
    const clauses = await this.resolveClauses(item, input.clauses ?? []);
    const at = this.iso();
    await this.db.run(
      'UPDATE cleanup_items SET decision = ?, decision_reason = ?, decision_clauses_json = ?, decided_by = ?, decided_at = ? WHERE id = ?',
      [input.decision, reason || null, JSON.stringify(clauses), actorId, at, itemId],
    );
    await this.store.appendAudit({
      userId: actorId, action: 'cleanup.decide', target: `cleanup-item:${itemId}`,
      detail: { title: item.title, decision: input.decision, previous: item.decision, reason, clauses: clauses.map((c) => c.path) },
    });
    return this.requireItem(itemId);
  }

  private async resolveClauses(item: CleanupItem, ids: readonly string[]): Promise<DecisionClause[]> {
    const unique = [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
    if (unique.length === 0) return [];
    if (!item.reviewId) throw new StoreError('INVALID', '这份文件还没有预审结果，不能选择条款');
    const detail = await this.store.getReview(item.reviewId);
    if (!detail) throw new StoreError('NOT_FOUND', '预审记录不存在');
    const byId = new Map(detail.document.clauses.map((c) => [c.id, c]));
    const byPath = new Map(detail.document.clauses.map((c) => [c.path, c]));
    return unique.map((id) => {
      const c = byId.get(id) ?? byPath.get(id);
      if (!c) throw new StoreError('INVALID', `预审结果中没有条款 ${id}`);
      return { id: c.id, path: c.path };
    });
  }

  // ---------------------------------------------------------------- progress

  async progress(campaignId: number): Promise<CampaignProgress> {
    const campaign = await this.requireCampaign(campaignId);
    const rows = await this.db.all<{ department: string; decision: Decision | null; prechecked: number; n: number }>(
      `SELECT department, decision, count(review_id) AS prechecked, count(*) AS n FROM cleanup_items WHERE campaign_id = ? GROUP BY department, decision ORDER BY department`,
      [campaignId],
    );
    const daysLeft = campaign.deadline ? daysBetween(this.today(), campaign.deadline) : null;
    const byDept = new Map<string, DepartmentProgress>();
    for (const r of rows) {
      let d = byDept.get(r.department);
      if (!d) byDept.set(r.department, (d = { department: r.department, total: 0, prechecked: 0, decided: 0, undecided: 0, byDecision: emptyCounts(), overdue: false }));
      d.total += r.n;
      d.prechecked += r.prechecked;
      if (r.decision) (d.decided += r.n), (d.byDecision[r.decision] += r.n);
      else d.undecided += r.n;
    }
    const departments = [...byDept.values()].sort((a, b) => a.department.localeCompare(b.department, 'zh'));
    for (const d of departments) d.overdue = daysLeft !== null && daysLeft < 0 && d.undecided > 0;
    const byDecision = emptyCounts();
    for (const d of departments) for (const k of DECISIONS) byDecision[k] += d.byDecision[k];
    const sum = (f: (d: DepartmentProgress) => number) => departments.reduce((s, d) => s + f(d), 0);
    return {
      campaign, daysLeft, total: sum((d) => d.total), prechecked: sum((d) => d.prechecked), decided: sum((d) => d.decided), undecided: sum((d) => d.undecided),
      byDecision, departments,
    };
  }

  // ---------------------------------------------------------------- helpers

  /** The user the command line acts for when it needs one (reviews have an author): a name, or the first active admin. */
  async cliActor(name?: string): Promise<User> {
    if (name) {
      const u = await this.store.findUserByName(name);
      if (!u || u.disabled) throw new StoreError('NOT_FOUND', `没有可用的账号 ${name}`);
      return u;
    }
    const admin = (await this.store.listUsers()).find((u) => u.role === 'admin' && !u.disabled);
    if (!admin) throw new StoreError('INVALID', '预审记录需要记在某个账号名下：请先用 fahu user add --admin 创建账号，或用 --user 指定');
    return admin;
  }

  private async requireRole(actorId: number | null, roles: Role[], what: string): Promise<void> {
    if (actorId === null) return;
    const u = await this.store.getUser(actorId);
    if (!u || u.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    if (!roles.includes(u.role)) throw new StoreError('FORBIDDEN', `只有${roles.map((r) => ROLE_LABELS[r]).join('或')}可以${what}`);
  }
}

function decisionLabel(d: Decision): string {
  return { keep: '继续有效', amend: '修改', repeal: '废止', invalid: '宣布失效' }[d];
}

/** Whole calendar days from one yyyy-mm-dd to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A file name the store accepts (1–255 characters, no folders, no control characters). */
function storableName(name: string): string {
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || '正文.txt';
  return last.length <= 255 ? last : last.slice(last.length - 255);
}

function toCampaign(r: CampaignRow): Campaign {
  return { id: r.id, name: r.name, deadline: r.deadline, createdBy: r.created_by, createdAt: r.created_at };
}

function toItem(r: ItemRow): CleanupItem {
  return {
    id: r.id, campaignId: r.campaign_id, sourceRow: r.source_row, title: r.title, docNumber: r.doc_number, issuer: r.issuer, issueDate: r.issue_date, validity: r.validity,
    department: r.department, documentHash: r.document_hash, fileName: r.file_name, reviewId: r.review_id, decision: r.decision, decisionReason: r.decision_reason,
    decisionClauses: JSON.parse(r.decision_clauses_json) as DecisionClause[], decidedBy: r.decided_by, decidedByName: r.decided_by_name, decidedAt: r.decided_at,
    precheck: r.job_state ? { state: r.job_state, error: r.job_error } : null, findingCount: r.finding_count,
  };
}
