/**
 * Originals (documents table) within a storage quota, and the name a download is given.
 *
 * Quota: StoreOptions.storageQuotaBytes (the Node adapter reads STORAGE_QUOTA_MB; default
 * DEFAULT_STORAGE_QUOTA_BYTES). A new original is inserted by one INSERT … SELECT … WHERE the
 * stored total plus its size fits, so concurrent uploads cannot overshoot it; bytes already
 * stored (same SHA-256) cost nothing and are always accepted.
 *
 * Names: the same bytes uploaded by two people are stored once, under the first name. A
 * download is named, in this order: the name the link asks for, if anyone gave these bytes that
 * name (the desk and report pages link with the version's / record's own name); the name the
 * requester gave them; else 原始文件.<ext>. Names come from the audit log's document.upload
 * entries, which every upload writes.
 */
import type { SqlDriver } from './sql-driver.js';
import { StoreError } from './types.js';

export const DEFAULT_STORAGE_QUOTA_BYTES = 8 * 1024 ** 3;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** The SQL condition (with its two parameters) that `size` more bytes fit. */
export function fitsQuota(size: number, quotaBytes: number): { sql: string; params: [number, number] } {
  return { sql: '(SELECT coalesce(sum(size), 0) FROM documents) + ? <= ?', params: [size, quotaBytes] };
}

export async function quotaRefusal(db: SqlDriver, size: number, quotaBytes: number): Promise<StoreError> {
  const used = (await db.first<{ n: number }>('SELECT coalesce(sum(size), 0) AS n FROM documents'))?.n ?? 0;
  return new StoreError('QUOTA', `存储空间已满：原始文件已占用 ${mb(used)}，上限 ${mb(quotaBytes)}，无法再保存这个 ${mb(size)} 的文件。请联系管理员清理旧文件或调高存储上限（STORAGE_QUOTA_MB）`);
}

export async function storageUsage(db: SqlDriver): Promise<{ bytes: number; documents: number }> {
  const row = await db.first<{ bytes: number; n: number }>('SELECT coalesce(sum(size), 0) AS bytes, count(*) AS n FROM documents');
  return { bytes: row?.bytes ?? 0, documents: row?.n ?? 0 };
}

/** See the header: the name for `userId`'s download of `hash`. `ext` is the extension of its type by content. */
export async function downloadName(db: SqlDriver, hash: string, userId: number | null, wanted: string | undefined, ext: string): Promise<string> {
  const names = await db.all<{ user_id: number | null; name: string | null }>(
    `SELECT user_id, json_extract(detail_json, '$.fileName') AS name FROM audit_log WHERE action = 'document.upload' AND target = ? ORDER BY id DESC LIMIT 500`,
    [`document:${hash}`],
  );
  const given = names.filter((n): n is { user_id: number | null; name: string } => typeof n.name === 'string' && n.name !== '');
  if (wanted && given.some((n) => n.name === wanted)) return wanted;
  const own = given.find((n) => userId !== null && n.user_id === userId);
  if (own) return own.name;
  return ext ? `原始文件.${ext}` : '原始文件';
}
