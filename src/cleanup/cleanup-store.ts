/**
 * Storage of the cleanup campaign over the core Store's SQL driver: campaigns, inventory
 * items, pre-check jobs (per-item state that survives restarts) and decisions. Originals go
 * through Store.putDocument and reviews through Store.createReview, so the existing report
 * page opens them. Writes that must land together use one batch.
 *
 * This class is the one entry point (roles are checked here, as ./campaign-rules.ts says); the job queue SQL is in
 * ./cleanup-jobs.ts, attaching texts in ./cleanup-attach.ts, progress in
 * ./cleanup-progress.ts, decisions in ./cleanup-decisions.ts and the row mapping in
 * ./cleanup-rows.ts.
 *
 * `actorId` null is the local command line (the machine's trust, as in Store).
 */
import { stmt, type SqlStatement, type SqlValue } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { ROLE_LABELS, StoreError, voidedCondition, type PurgeInput, type Role, type User, type VoidedFilter, type VoidInput } from '../store/types.js';
import { checkPacks } from '../review/packs.js';
import type { RuleSet } from '../rules/ruleset.js';
import { attachAndQueue, type AttachFile, type AttachResult } from './cleanup-attach.js';
import * as jobs from './cleanup-jobs.js';
import type { JobWork } from './cleanup-jobs.js';
import { checkDecision, confirmAttachedText, recordDecision, type DecisionInput } from './cleanup-decisions.js';
import { campaignProgress } from './cleanup-progress.js';
import { CAMPAIGN_SELECT, ITEM_SELECT, toCampaign, toItem, type CampaignRow, type ItemRow } from './cleanup-rows.js';
import * as voiding from './cleanup-voiding.js';
import type { CleanupPurgeResult } from './cleanup-voiding.js';
import { InventoryError } from './inventory.js';
import {
  type Campaign, type CampaignProgress, type CleanupItem, type Decision,
  type InventoryRow, type JobProgress, type RowError,
} from './model.js';

export type { AttachFile, AttachResult } from './cleanup-attach.js';
export type { JobWork } from './cleanup-jobs.js';
export type { CleanupPurgeResult } from './cleanup-voiding.js';
export type { DecisionInput } from './cleanup-decisions.js';
export { daysBetween } from './cleanup-progress.js';
export { CLEANUP_ROLES, checkCampaignName, checkDeadline, type ImportResult, type ItemFilter } from './campaign-rules.js';
import { CLEANUP_ROLES, checkCampaignName, checkDeadline, type ImportResult, type ItemFilter } from './campaign-rules.js';

export interface CleanupStoreOptions {
  now?: () => Date;
  /** Local time offset for "today" and date filters, default +8 h (China Standard Time). */
  utcOffsetMinutes?: number;
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
    // the store's clock by default, so that its records and the cleanup's agree (and tests can move it)
    this.now = options.now ?? (() => store.currentTime());
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

  /** Campaigns, newest first; voided ones only when asked for. */
  async listCampaigns(voided: VoidedFilter = 'hide'): Promise<Campaign[]> {
    const cond = voidedCondition(voided, 'c');
    return (await this.db.all<CampaignRow>(`${CAMPAIGN_SELECT}${cond ? ` WHERE ${cond}` : ''} ORDER BY c.created_at DESC, c.id DESC`)).map(toCampaign);
  }

  async getCampaign(id: number): Promise<Campaign | null> {
    const r = await this.db.first<CampaignRow>(`${CAMPAIGN_SELECT} WHERE c.id = ?`, [id]);
    return r ? toCampaign(r) : null;
  }

  async findCampaign(name: string): Promise<Campaign | null> {
    const r = await this.db.first<CampaignRow>(`${CAMPAIGN_SELECT} WHERE c.name = ?`, [name.trim()]);
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
    const c = await this.requireLiveCampaign(campaignId);
    await this.db.run('UPDATE cleanup_campaigns SET deadline = ? WHERE id = ?', [d, campaignId]);
    await this.store.appendAudit({ userId: actorId, action: 'cleanup.deadline', target: `cleanup:${campaignId}`, detail: { from: c.deadline, to: d, ...(actorId === null ? { via: 'cli' } : {}) } });
    return (await this.getCampaign(campaignId)) as Campaign;
  }

  /** The industry packs the campaign's pre-checks run (checked against the rule set); null: the admin's defaults. */
  async setPacks(campaignId: number, packs: readonly string[] | null, ruleSet: RuleSet | undefined, actorId: number | null): Promise<Campaign> {
    await this.requireRole(actorId, CLEANUP_ROLES.deadline, '选择专项清理的规则包');
    const checked = packs === null ? null : checkPacks(ruleSet, packs);
    const c = await this.requireLiveCampaign(campaignId);
    await this.db.run('UPDATE cleanup_campaigns SET packs_json = ? WHERE id = ?', [checked === null ? null : JSON.stringify(checked), campaignId]);
    await this.store.appendAudit({ userId: actorId, action: 'cleanup.packs', target: `cleanup:${campaignId}`, detail: { campaign: c.name, from: c.packs, to: checked } });
    return (await this.getCampaign(campaignId)) as Campaign;
  }

  // ---------------------------------------------------------------- 作废 (cleanup-voiding.ts)

  /** 作废 a campaign: its creator, the chief or an administrator (or the command line). */
  async voidCampaign(campaignId: number, input: VoidInput, actorId: number | null): Promise<Campaign> {
    const c = await this.requireCampaign(campaignId);
    await this.mayVoidCampaign(c, actorId);
    await voiding.voidCampaign(this.store, c, input, actorId, this.iso());
    return (await this.getCampaign(campaignId)) as Campaign;
  }

  async restoreCampaign(campaignId: number, actorId: number | null): Promise<Campaign> {
    const c = await this.requireCampaign(campaignId);
    await this.mayVoidCampaign(c, actorId);
    await voiding.restoreCampaign(this.store, c, actorId, this.iso());
    return (await this.getCampaign(campaignId)) as Campaign;
  }

  /** 作废 one document of an inventory (a row imported by mistake): whoever may edit the campaign. */
  async voidItem(itemId: number, input: VoidInput, actorId: number | null): Promise<CleanupItem> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '作废清单中的文件');
    const item = await this.requireItem(itemId);
    await this.requireLiveCampaign(item.campaignId);
    await voiding.voidItem(this.store, item, input, actorId, this.iso());
    return this.requireItem(itemId);
  }

  async restoreItem(itemId: number, actorId: number | null): Promise<CleanupItem> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '撤销作废');
    const item = await this.requireItem(itemId);
    await this.requireLiveCampaign(item.campaignId);
    await voiding.restoreItem(this.store, item, actorId, this.iso());
    return this.requireItem(itemId);
  }

  /** The administrator's purge of campaigns and items voided at least N days ago (typed phrase required). */
  async purgeVoided(input: PurgeInput, actorId: number | null): Promise<CleanupPurgeResult> {
    if (actorId !== null) {
      const u = await this.store.getUser(actorId);
      if (!u || u.disabled || u.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以永久删除已作废的测试数据`);
    }
    return voiding.purgeVoidedCleanup(this.store, input, actorId, this.iso());
  }

  private async mayVoidCampaign(c: Campaign, actorId: number | null): Promise<void> {
    if (actorId === null) return;
    const u = await this.store.getUser(actorId);
    if (!u || u.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    if (u.role === 'chief' || u.role === 'admin' || c.createdBy === u.id) return;
    throw new StoreError('FORBIDDEN', `只有导入该清单的人员、${ROLE_LABELS.chief}或${ROLE_LABELS.admin}可以作废专项清理`);
  }

  /** The campaign, refused when voided (a voided campaign takes no new work until restored). */
  async requireLiveCampaign(id: number): Promise<Campaign> {
    const c = await this.requireCampaign(id);
    if (c.voidedAt) throw new StoreError('CONFLICT', `专项清理“${c.name}”已作废，请先撤销作废`);
    return c;
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
    if (existing?.voidedAt) throw new StoreError('CONFLICT', `专项清理“${name}”已作废：请先撤销作废，或换一个名称导入`);
    if (existing) {
      const numbers = new Set(
        (await this.db.all<{ doc_number: string }>(`SELECT doc_number FROM cleanup_items WHERE campaign_id = ? AND doc_number <> '' AND voided_at IS NULL`, [existing.id])).map((r) => r.doc_number),
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
        sql: `INSERT INTO cleanup_items (campaign_id, source_row, title, doc_number, issuer, issue_date, validity, department, effective_date, extra_json, created_at)
              VALUES (${campaignId.sql}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [...(campaignId.params ?? []), r.row, r.title, r.docNumber, r.issuer, r.issueDate, r.validity, r.department, r.effectiveDate ?? null, JSON.stringify(r.extras ?? []), at],
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
    const voided = voidedCondition(filter.voided ?? 'hide', 'i');
    if (voided) where.push(voided);
    if (filter.department) (where.push('i.department = ?'), params.push(filter.department));
    if (filter.decision === 'undecided') where.push('i.decision IS NULL');
    else if (filter.decision) (where.push('i.decision = ?'), params.push(filter.decision));
    const rows = await this.db.all<ItemRow>(`${ITEM_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.department, i.source_row, i.id`, params);
    const today = this.today();
    const items = rows.map((r) => toItem(r, today));
    return filter.expired ? items.filter((i) => i.expired) : items;
  }

  async getItem(id: number): Promise<CleanupItem | null> {
    const r = await this.db.first<ItemRow>(`${ITEM_SELECT} WHERE i.id = ?`, [id]);
    return r ? toItem(r, this.today()) : null;
  }

  async requireItem(id: number): Promise<CleanupItem> {
    const item = await this.getItem(id);
    if (!item) throw new StoreError('NOT_FOUND', '清单中没有这份文件');
    return item;
  }

  async departments(campaignId: number): Promise<string[]> {
    return (await this.db.all<{ department: string }>('SELECT DISTINCT department FROM cleanup_items WHERE campaign_id = ? AND voided_at IS NULL ORDER BY department', [campaignId])).map((r) => r.department);
  }

  // ---------------------------------------------------------------- attaching texts

  /**
   * Stores each file matched to an item (by 文号 or title in its name, or `itemId` when one
   * file is given for one item) and queues its pre-check as one job. Files that match no item,
   * several items, or are not .docx/.txt are reported, not stored.
   */
  async attachTexts(campaignId: number, files: readonly AttachFile[], actorId: number, options: { itemId?: number } = {}): Promise<AttachResult> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '上传文件正文');
    await this.requireLiveCampaign(campaignId);
    return attachAndQueue(this.store, () => this.iso(), campaignId, files, actorId, options);
  }

  // ---------------------------------------------------------------- pre-check jobs

  /** Up to `limit` pending items, oldest job first. Claim each before working on it. */
  async pendingWork(limit: number): Promise<JobWork[]> {
    return jobs.pendingWork(this.db, limit);
  }

  async countPending(): Promise<number> {
    return jobs.countPending(this.db);
  }

  /** pending → running; false when another runner took it first. */
  async claim(w: JobWork): Promise<boolean> {
    return jobs.claimWork(this.db, w, this.iso());
  }

  async complete(w: JobWork, reviewId: string, text: jobs.TextReading = { docNumber: null, title: null, validUntil: null }): Promise<void> {
    await jobs.completeWork(this.db, w, reviewId, this.iso(), text);
  }

  async fail(w: JobWork, error: string): Promise<void> {
    await jobs.failWork(this.db, w, error, this.iso());
  }

  /** After a restart: items a stopped process was working on go back to the queue. */
  async resetInterrupted(): Promise<number> {
    return jobs.resetInterrupted(this.db);
  }

  /** Failed items of a job go back to the queue. */
  async retryFailed(jobId: string, actorId: number | null): Promise<number> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '重新预审');
    return jobs.requeueFailed(this.db, jobId);
  }

  /** Every failed item of every job goes back to the queue (the command line's --retry). */
  async retryAllFailed(): Promise<number> {
    return jobs.requeueFailed(this.db, null);
  }

  async jobProgress(jobId: string): Promise<JobProgress | null> {
    return jobs.jobProgress(this.db, jobId);
  }

  /** The campaign's newest job (what its page shows a progress bar for). */
  async latestJob(campaignId: number): Promise<JobProgress | null> {
    return jobs.latestJob(this.db, campaignId);
  }

  // ---------------------------------------------------------------- decisions

  /**
   * 继续有效 / 修改 / 废止 / 宣布失效. Anything but 继续有效 needs a reason; the clauses must be
   * clauses of the item's review. Deciding again replaces the decision; each is audited.
   */
  async decide(itemId: number, input: DecisionInput, actorId: number | null): Promise<CleanupItem> {
    await this.requireRole(actorId, CLEANUP_ROLES.decide, '作出清理结论');
    const checked = checkDecision(input);
    const item = await this.requireItem(itemId);
    if (item.voidedAt) throw new StoreError('CONFLICT', `《${item.title}》已作废，不能作出清理结论`);
    await this.requireLiveCampaign(item.campaignId);
    await recordDecision(this.store, item, checked, actorId, this.iso());
    return this.requireItem(itemId);
  }

  /**
   * A person confirms that the attached text is the row's document although its 文号 or title
   * differs (a renumbered reissue, a typo in the inventory). Until then no decision is taken.
   */
  async confirmText(itemId: number, actorId: number | null): Promise<CleanupItem> {
    await this.requireRole(actorId, CLEANUP_ROLES.edit, '确认正文');
    const item = await this.requireItem(itemId);
    if (item.textConfirmedAt && item.mismatches.length) return item;
    await confirmAttachedText(this.store, item, actorId, this.iso());
    return this.requireItem(itemId);
  }

  // ---------------------------------------------------------------- progress

  async progress(campaignId: number): Promise<CampaignProgress> {
    return campaignProgress(this.db, await this.requireCampaign(campaignId), () => this.today());
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
