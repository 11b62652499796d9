/**
 * The imported legal texts over the store's SqlDriver (SQLite on Node, D1 on Workers): import,
 * list, read, 作废 with a reason (never a delete). Only an administrator or the command line
 * imports or voids; every write is audited in the same batch (one transaction) as the change. Refusals are StoreErrors with a Chinese message.
 */
import type { CorpusLaw } from '../corpus/corpus.js';
import type { DocumentModel } from '../document/model.js';
import type { Store } from '../store/store.js';
import { stmt } from '../store/sql-driver.js';
import { parseInput, StoreError } from '../store/store-error.js';
import { sha256Hex } from '../store/tokens.js';
import { articlesOf } from './from-document.js';
import { ImportMetaSchema, VoidTextSchema, type ImportMeta, type LocalText } from './types.js';

interface Row {
  id: number; title: string; doc_number: string; issuer: string; issued_on: string | null; effective_on: string | null; source_name: string; source_hash: string;
  articles_json: string; imported_by: number | null; imported_by_name: string | null; imported_at: string; voided_at: string | null; voided_by_name: string | null; void_reason: string | null;
}

const SELECT = `SELECT t.*, iu.display_name AS imported_by_name, vu.display_name AS voided_by_name FROM local_texts t
  LEFT JOIN users iu ON iu.id = t.imported_by LEFT JOIN users vu ON vu.id = t.voided_by`;

export const NO_ARTICLES = '未能识别出条款：文本须按“第一条、第二条……”或“一、（一）……”编号，每条另起一行';

export class LocalTextStore {
  constructor(readonly store: Store) {}

  /** Passes for an administrator or the command line (null), else FORBIDDEN. */
  checkImporter(actorId: number | null): Promise<void> {
    return this.requireAdmin(actorId);
  }

  private async requireAdmin(actorId: number | null): Promise<void> {
    if (actorId === null) return;
    const user = await this.store.getUser(actorId);
    if (!user || user.disabled) throw new StoreError('FORBIDDEN', '请先登录');
    if (user.role !== 'admin') throw new StoreError('FORBIDDEN', '只有管理员可以导入或作废本地法规文本');
  }

  /** Stores the text read from `doc` (built by the ingest stage from `bytes`); `meta` overrides what was read. */
  async importDocument(doc: DocumentModel, bytes: Uint8Array, meta: ImportMeta, actorId: number | null): Promise<LocalText> {
    await this.requireAdmin(actorId);
    const m = parseInput(ImportMetaSchema, meta);
    const articles = articlesOf(doc);
    if (articles.length === 0) throw new StoreError('INVALID', NO_ARTICLES);
    const title = m.title ?? doc.meta.title.trim();
    if (!title) throw new StoreError('INVALID', '未能识别出标题：请用 --title（网页上“标题”一栏）写明');
    const hash = await sha256Hex(bytes);
    const same = await this.store.db.first<{ id: number }>('SELECT id FROM local_texts WHERE source_hash = ? AND voided_at IS NULL', [hash]);
    if (same) throw new StoreError('CONFLICT', `该文本已导入（编号 ${same.id}），如需重新导入请先作废原记录`);
    const at = this.store.currentTime().toISOString();
    const row = {
      title,
      docNumber: m.docNumber ?? doc.meta.docNumber ?? '',
      issuer: m.issuer ?? doc.meta.issuers.join('、'),
      issued: m.issued ?? doc.meta.issueDate?.date ?? null,
      effective: m.effective ?? doc.meta.effective?.date ?? null,
    };
    const detail = JSON.stringify({ title, docNumber: row.docNumber, articles: articles.length, ...(actorId === null ? { via: 'cli' } : {}) });
    // the text and its audit record in one batch (one transaction): both land or neither; a
    // second import of the same original racing this one inserts nothing and leaves no record
    const [r] = await this.store.db.batch([
      stmt(
        `INSERT INTO local_texts (title, doc_number, issuer, issued_on, effective_on, source_name, source_hash, articles_json, imported_by, imported_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM local_texts WHERE source_hash = ? AND voided_at IS NULL)`,
        row.title, row.docNumber, row.issuer, row.issued, row.effective, doc.source.fileName ?? '', hash, JSON.stringify(articles), actorId, at, hash,
      ),
      stmt(
        `INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, 'corpus.import', 'local-text:' || last_insert_rowid(), ? WHERE changes() > 0`,
        at, actorId, detail,
      ),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', '该文本刚被他人导入，请刷新列表');
    const id = Number(r.lastRowId);
    return (await this.get(id)) as LocalText;
  }

  async get(id: number): Promise<LocalText | null> {
    const row = await this.store.db.first<Row>(`${SELECT} WHERE t.id = ?`, [id]);
    return row ? toText(row) : null;
  }

  /** Newest first; voided texts only when asked for. */
  async list(options: { includeVoided?: boolean } = {}): Promise<LocalText[]> {
    const rows = await this.store.db.all<Row>(`${SELECT} ${options.includeVoided ? '' : 'WHERE t.voided_at IS NULL'} ORDER BY t.imported_at DESC, t.id DESC`);
    return rows.map(toText);
  }

  /** 作废: the text stays (listed with the reason) but is no longer cited or offered. */
  async void(id: number, input: { reason: string }, actorId: number | null): Promise<LocalText> {
    await this.requireAdmin(actorId);
    const { reason } = parseInput(VoidTextSchema, input);
    const existing = await this.get(id);
    if (!existing) throw new StoreError('NOT_FOUND', `没有编号为 ${id} 的本地法规文本`);
    if (existing.voidedAt) throw new StoreError('CONFLICT', '该文本已作废');
    const at = this.store.currentTime().toISOString();
    const detail = JSON.stringify({ title: existing.title, reason, ...(actorId === null ? { via: 'cli' } : {}) });
    const [r] = await this.store.db.batch([
      stmt('UPDATE local_texts SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL', at, actorId, reason, id),
      stmt(`INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, 'corpus.void', ?, ? WHERE changes() > 0`, at, actorId, `local-text:${id}`, detail),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', '该文本已作废');
    return (await this.get(id)) as LocalText;
  }

  /** The texts in force, in the shape of the bundled corpus (name = title). */
  async laws(): Promise<CorpusLaw[]> {
    return (await this.list()).map(lawOf);
  }
}

export function lawOf(t: LocalText): CorpusLaw {
  return { name: t.title, title: t.title, docNumber: t.docNumber, issuer: t.issuer, completeness: `本地导入（${t.articles.length}条）`, file: `local:${t.id}`, articles: t.articles };
}

function toText(r: Row): LocalText {
  return {
    id: r.id, title: r.title, docNumber: r.doc_number, issuer: r.issuer, issuedOn: r.issued_on, effectiveOn: r.effective_on, sourceName: r.source_name, sourceHash: r.source_hash,
    articles: JSON.parse(r.articles_json) as LocalText['articles'], importedBy: r.imported_by, importedByName: r.imported_by === null ? '命令行' : (r.imported_by_name ?? ''),
    importedAt: r.imported_at, voidedAt: r.voided_at, voidedByName: r.voided_at ? (r.voided_by_name ?? '命令行') : null, voidReason: r.void_reason,
  };
}
