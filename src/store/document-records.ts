/**
 * Uploaded originals (documents table), stored once by their SHA-256 within the storage quota
 * (./storage-quota.ts). Split out of the Store, which stays the one entry point and delegates
 * here with its StoreContext. The bytes are in the row, or in the adapter's FileStore
 * (./file-store.ts: R2 on Workers) under their hash, with documents.files naming it.
 */
import type { FileStore } from './file-store.js';
import { stmt } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { downloadName, fitsQuota, quotaRefusal, storageUsage } from './storage-quota.js';
import { sha256Hex } from './tokens.js';
import { DocumentInputSchema, parseInput, type DocumentInput, type StoredDocument } from './types.js';

export class DocumentRecords {
  constructor(
    private readonly ctx: StoreContext,
    /** Total bytes of originals allowed. */
    private readonly quotaBytes: number,
    /** Where new originals' bytes go; absent: in the row. */
    private readonly files?: FileStore,
  ) {}

  /**
   * Stores an original by its SHA-256; storing the same bytes again keeps the first copy (each
   * upload is audited, with the uploader's name for it). New bytes must fit the storage quota
   * (./storage-quota.ts), else StoreError QUOTA with a Chinese message.
   */
  async put(input: DocumentInput, actorId: number | null): Promise<{ hash: string; created: boolean }> {
    const d = parseInput(DocumentInputSchema, input);
    const hash = await sha256Hex(d.bytes);
    const detail = { fileName: d.fileName, size: d.bytes.length };
    const audit = (ifChanged = false) => this.ctx.auditStmt(actorId, 'document.upload', `document:${hash}`, detail, ifChanged);
    const known = async () => (await this.ctx.db.first('SELECT 1 AS x FROM documents WHERE hash = ?', [hash])) !== null;
    if (await known()) {
      await this.ctx.db.batch([audit()]);
      return { hash, created: false };
    }
    const fits = fitsQuota(d.bytes.length, this.quotaBytes);
    // the object first (idempotent by hash), then the row that points at it: a row never names missing bytes
    if (this.files) await this.files.put(hash, d.bytes, { mime: d.mime });
    const inRow = this.files ? new Uint8Array(0) : d.bytes;
    const [r] = await this.ctx.db.batch([
      stmt(`INSERT OR IGNORE INTO documents (hash, file_name, mime, size, bytes, files, created_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${fits.sql}`, hash, d.fileName, d.mime, d.bytes.length, inRow, this.files?.name ?? null, this.ctx.iso(), ...fits.params),
      audit(true),
    ]);
    if ((r?.changes ?? 0) > 0) return { hash, created: true };
    // someone stored the same bytes meanwhile, or the quota is used up
    if (await known()) {
      await this.ctx.db.batch([audit()]);
      return { hash, created: false };
    }
    // refused: no row points at the object just written
    if (this.files) await this.files.delete(hash).catch(() => undefined);
    throw await quotaRefusal(this.ctx.db, d.bytes.length, this.quotaBytes);
  }

  /** Bytes and number of stored originals. */
  usage(): Promise<{ bytes: number; documents: number }> {
    return storageUsage(this.ctx.db);
  }

  /** The file name for a download of `hash` by `userId` (./storage-quota.ts): never another uploader's name unasked. */
  downloadName(hash: string, userId: number | null, wanted: string | undefined, ext: string): Promise<string> {
    return downloadName(this.ctx.db, hash, userId, wanted, ext);
  }

  async get(hash: string): Promise<StoredDocument | null> {
    const row = await this.ctx.db.first<{ hash: string; file_name: string; mime: string; size: number; bytes: unknown; files: string | null; created_at: string }>('SELECT * FROM documents WHERE hash = ?', [hash]);
    if (!row) return null;
    return { hash: row.hash, fileName: row.file_name, mime: row.mime, size: row.size, createdAt: row.created_at, bytes: row.files === null ? toBytes(row.bytes) : await this.outside(row.files, row.hash) };
  }

  private async outside(files: string, hash: string): Promise<Uint8Array> {
    if (!this.files || this.files.name !== files) throw new Error(`原始文件保存在文件存储“${files}”中，但本服务没有接入该存储`);
    const bytes = await this.files.get(hash);
    if (!bytes) throw new Error(`原始文件 ${hash.slice(0, 12)}… 在文件存储“${files}”中找不到`);
    return bytes;
  }
}

/** BLOBs come back as Buffer (better-sqlite3), ArrayBuffer or number[] (D1). */
function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  throw new Error('documents.bytes is not a BLOB');
}
