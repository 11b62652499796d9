/**
 * 作废 in the cleanup: a campaign (a test import, a wrong inventory) or one item of an inventory
 * is voided with a reason, kept with who and when, audited, and left out of lists, progress and
 * the period figures; 撤销作废 brings it back. Nothing is deleted but by the administrator's
 * purge, which removes campaigns and items voided at least N days ago (with the typed phrase,
 * written to the audit log). Split from CleanupStore, which checks roles and delegates here.
 */
import { stmt, type SqlStatement } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { parseInput, PurgeSchema, StoreError, VoidSchema, type PurgeInput, type VoidInput } from '../store/types.js';
import type { Campaign, CleanupItem } from './model.js';

export interface CleanupPurgeResult {
  campaigns: number;
  items: number;
  /** Voided at or before this instant. */
  before: string;
}

/** The audit entry riding in the same batch; with `ifChanged` only when the update before it changed a row. */
const auditStmt = (userId: number | null, action: string, target: string, detail: Record<string, unknown>, at: string, ifChanged = false): SqlStatement =>
  stmt(
    `INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, ?, ?, ?${ifChanged ? ' WHERE changes() > 0' : ''}`,
    at, userId, action, target, JSON.stringify(userId === null ? { ...detail, via: 'cli' } : detail),
  );

export async function voidCampaign(store: Store, c: Campaign, input: VoidInput, actorId: number | null, at: string): Promise<void> {
  const { reason } = parseInput(VoidSchema, input);
  if (c.voidedAt) throw new StoreError('CONFLICT', `专项清理“${c.name}”已于 ${c.voidedAt.slice(0, 10)} 由 ${c.voidedByName ?? '命令行'} 作废`);
  const [r] = await store.db.batch([
    stmt('UPDATE cleanup_campaigns SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL', at, actorId, reason, c.id),
    auditStmt(actorId, 'cleanup.void', `cleanup:${c.id}`, { campaign: c.name, reason }, at, true),
  ]);
  if (!r?.changes) throw new StoreError('CONFLICT', '专项清理刚被他人作废，请刷新页面');
}

export async function restoreCampaign(store: Store, c: Campaign, actorId: number | null, at: string): Promise<void> {
  if (!c.voidedAt) throw new StoreError('CONFLICT', `专项清理“${c.name}”没有作废`);
  await store.db.batch([
    stmt('UPDATE cleanup_campaigns SET voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = ?', c.id),
    auditStmt(actorId, 'cleanup.restore', `cleanup:${c.id}`, { campaign: c.name, previousReason: c.voidReason }, at),
  ]);
}

export async function voidItem(store: Store, item: CleanupItem, input: VoidInput, actorId: number | null, at: string): Promise<void> {
  const { reason } = parseInput(VoidSchema, input);
  if (item.voidedAt) throw new StoreError('CONFLICT', `《${item.title}》已于 ${item.voidedAt.slice(0, 10)} 由 ${item.voidedByName ?? '命令行'} 作废`);
  const [r] = await store.db.batch([
    stmt('UPDATE cleanup_items SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL', at, actorId, reason, item.id),
    auditStmt(actorId, 'cleanup.void.item', `cleanup-item:${item.id}`, { title: item.title, reason }, at, true),
  ]);
  if (!r?.changes) throw new StoreError('CONFLICT', '这份文件刚被他人作废，请刷新页面');
}

export async function restoreItem(store: Store, item: CleanupItem, actorId: number | null, at: string): Promise<void> {
  if (!item.voidedAt) throw new StoreError('CONFLICT', `《${item.title}》没有作废`);
  await store.db.batch([
    stmt('UPDATE cleanup_items SET voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = ?', item.id),
    auditStmt(actorId, 'cleanup.restore.item', `cleanup-item:${item.id}`, { title: item.title, previousReason: item.voidReason }, at),
  ]);
}

/**
 * Deletes campaigns voided at least `olderThanDays` days ago (with their items and jobs) and
 * items voided that long ago in other campaigns. The caller checked the role (administrator or
 * the command line). Their pre-check reviews stay (the desk's purge takes voided reviews).
 */
export async function purgeVoidedCleanup(store: Store, input: PurgeInput, actorId: number | null, now: string): Promise<CleanupPurgeResult> {
  const p = parseInput(PurgeSchema, input);
  const before = new Date(Date.parse(now) - p.olderThanDays * 86_400_000).toISOString();
  const campaigns = await store.db.all<{ id: number; name: string }>('SELECT id, name FROM cleanup_campaigns WHERE voided_at IS NOT NULL AND voided_at <= ?', [before]);
  const items = await store.db.all<{ id: number; title: string }>(
    `SELECT i.id, i.title FROM cleanup_items i JOIN cleanup_campaigns c ON c.id = i.campaign_id
      WHERE (i.voided_at IS NOT NULL AND i.voided_at <= ?) OR (c.voided_at IS NOT NULL AND c.voided_at <= ?)`,
    [before, before],
  );
  const statements: SqlStatement[] = [];
  // job rows name their items, so they go first (whether or not the driver enforces the cascade)
  for (const i of items) statements.push(stmt('DELETE FROM cleanup_job_items WHERE item_id = ?', i.id), stmt('DELETE FROM cleanup_items WHERE id = ?', i.id));
  for (const c of campaigns) {
    statements.push(
      stmt('DELETE FROM cleanup_job_items WHERE job_id IN (SELECT id FROM cleanup_jobs WHERE campaign_id = ?)', c.id),
      stmt('DELETE FROM cleanup_jobs WHERE campaign_id = ?', c.id),
      stmt('DELETE FROM cleanup_campaigns WHERE id = ?', c.id),
    );
  }
  statements.push(
    auditStmt(actorId, 'cleanup.purge', 'voided', { olderThanDays: p.olderThanDays, before, campaigns: campaigns.map((c) => c.name), items: items.map((i) => i.id) }, now),
  );
  await store.db.batch(statements);
  return { campaigns: campaigns.length, items: items.length, before };
}
