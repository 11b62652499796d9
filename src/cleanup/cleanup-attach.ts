/**
 * Attaching texts to inventory items: each file is matched to an item (by 文号 or title in its
 * name, or the chosen item), checked to be a readable .docx/.txt, stored through
 * Store.putDocument, and queued for pre-check as one job in one batch. Files that match no
 * item, several items, or are not .docx/.txt are reported, not stored.
 */
import { sniffFormat } from '../ingest/sniff.js';
import { isIngestError } from '../document/errors.js';
import { withLimits } from '../document/limits.js';
import { stmt, type SqlStatement } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/types.js';
import { matchFile } from './match.js';

export interface AttachFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface AttachResult {
  jobId: string | null;
  matched: { itemId: number; title: string; fileName: string; by: 'docNumber' | 'title' | 'chosen' }[];
  unmatched: { fileName: string; reason: string }[];
}

const MAX_MIME = 'application/octet-stream';
const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  md: 'text/markdown',
};

/** The campaign exists and the actor may edit (the caller checked); `iso` is the store's clock. */
export async function attachAndQueue(
  store: Store, iso: () => string, campaignId: number, files: readonly AttachFile[], actorId: number, options: { itemId?: number },
): Promise<AttachResult> {
  const items = await store.db.all<{ id: number; title: string; doc_number: string }>('SELECT id, title, doc_number FROM cleanup_items WHERE campaign_id = ? AND voided_at IS NULL', [campaignId]);
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
      format = f.kind === 'text' ? f.format : f.kind;
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
  const at = iso();
  const statements: SqlStatement[] = [stmt('INSERT INTO cleanup_jobs (id, campaign_id, created_by, created_at) VALUES (?, ?, ?, ?)', jobId, campaignId, actorId, at)];
  let seq = 0;
  for (const a of accepted) {
    const fileName = storableName(a.file.fileName);
    const { hash } = await store.putDocument({ bytes: a.file.bytes as Uint8Array<ArrayBuffer>, fileName, mime: MIME[a.format] ?? MAX_MIME }, actorId);
    statements.push(
      // a new text is read and compared with its row afresh
      stmt(
        'UPDATE cleanup_items SET document_hash = ?, file_name = ?, text_doc_number = NULL, text_title = NULL, text_valid_until = NULL, text_confirmed_by = NULL, text_confirmed_at = NULL WHERE id = ?',
        hash, fileName, a.itemId,
      ),
      stmt(
        `INSERT INTO cleanup_job_items (job_id, item_id, seq, state, actor_id, document_hash, file_name) VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
        jobId, a.itemId, seq++, actorId, hash, fileName,
      ),
    );
  }
  await store.db.batch(statements);
  await store.appendAudit({ userId: actorId, action: 'cleanup.attach', target: `cleanup:${campaignId}`, detail: { job: jobId, files: accepted.length, unmatched: result.unmatched.length } });
  result.jobId = jobId;
  return result;
}

/** A file name the store accepts (1–255 characters, no folders, no control characters). */
function storableName(name: string): string {
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || '正文.txt';
  return last.length <= 255 ? last : last.slice(last.length - 255);
}
