/**
 * Creating a review record from an upload or pasted text — shared by the JSON API and the
 * no-script upload form. Order matters, so that nothing is half-stored: everything that can
 * refuse the input (metadata, format sniffed by content, size and zip limits, reading) runs
 * first; only then the original is stored by its SHA-256 and the review saved. The store
 * audits both (document.upload, review.create).
 */
import type { Context } from 'hono';
import { IngestError } from '../document/errors.js';
import { ingestBytes, ingestText } from '../ingest/ingest.js';
import { documentJson } from '../document/document-json.js';
import { review, type Review } from './review.js';
import { parseInput, ReviewMetaSchema, StoreError, type ReviewRecord } from '../store/types.js';
import type { DocumentModel } from '../document/model.js';
import type { AppDeps, AppEnv } from '../server/env.js';
import { checkPacks, defaultPacks } from './packs.js';

export interface ReviewInput {
  bytes?: Uint8Array;
  fileName?: string;
  text?: string;
  department?: string;
  title?: string;
  docNumber?: string;
  /** Pasted text is Markdown. */
  markdown?: boolean;
  /** Industry packs to run; absent: the admin's default packs. */
  packs?: string[];
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The rules' review of a parsed document (no findings when the app has no rule set). */
export function runReview(deps: AppDeps, doc: DocumentModel, packs: readonly string[] = []): Review {
  if (!deps.ruleSet) return { document: documentJson(doc), findings: [] };
  return review(doc, deps.ruleSet, { ...(deps.segmenter ? { segmenter: deps.segmenter } : {}), packs: [...packs] });
}

/** The packs a review runs: those asked for (checked), else the admin's defaults. */
export async function packsFor(deps: AppDeps, requested: readonly string[] | undefined): Promise<string[]> {
  return requested ? checkPacks(deps.ruleSet, requested) : defaultPacks(deps.store, deps.ruleSet);
}

/** A file name the store accepts (1–255 characters), keeping the extension. */
function storableName(name: string | undefined, fallback: string): string {
  const n = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || fallback;
  return n.length <= 255 ? n : n.slice(n.length - 255);
}

export async function createReviewFromInput(c: Context<AppEnv>, input: ReviewInput): Promise<ReviewRecord> {
  const deps = c.var.deps;
  const user = c.var.user;
  if (!user) throw new StoreError('FORBIDDEN', '请先登录');
  const meta = parseInput(ReviewMetaSchema, { department: input.department ?? '', title: input.title || undefined, docNumber: input.docNumber || undefined });
  const packs = await packsFor(deps, input.packs);

  let doc: DocumentModel;
  let bytes: Uint8Array;
  let fileName: string;
  if (input.bytes) {
    bytes = input.bytes;
    fileName = storableName(input.fileName, '上传文件');
    doc = await ingestBytes(bytes, { fileName, ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) });
  } else if (typeof input.text === 'string') {
    doc = ingestText(input.text, { markdown: input.markdown === true });
    bytes = new TextEncoder().encode(input.text);
    fileName = storableName(input.fileName, input.markdown ? '粘贴文本.md' : '粘贴文本.txt');
  } else {
    throw new IngestError('EMPTY_FILE', '没有收到文件或文字', '请上传 .docx 文件或粘贴文件正文');
  }
  const result = runReview(deps, doc, packs);
  const mime = MIME[doc.source.format] ?? 'application/octet-stream';

  const { hash } = await deps.store.putDocument({ bytes: bytes as Uint8Array<ArrayBuffer>, fileName, mime }, user.id);
  return deps.store.createReview(result, { ...meta, documentHash: hash }, user.id);
}
