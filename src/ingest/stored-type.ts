/**
 * What a stored original is, judged by its bytes (never by the type or name the client sent):
 * the same content check as a review (./sniff.ts: no .doc/.wps/.pdf/images/binaries), plus,
 * for a zip, that it is a Word document (word/document.xml in its directory). Desk versions
 * are checked with it on upload, and every download is served with the type it gives.
 */
import { IngestError } from '../document/errors.js';
import { DEFAULT_LIMITS, type IngestLimits } from '../document/limits.js';
import { sniffFormat } from './sniff.js';
import { readCentralDirectory } from './zip-guard.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface StoredType {
  mime: string;
  /** The file name extension that goes with it. */
  ext: 'docx' | 'txt' | 'md';
}

/** The type of an upload that fahu keeps, or an IngestError saying why not and what to do. */
export function storedType(bytes: Uint8Array, fileName: string | undefined, limits: IngestLimits = DEFAULT_LIMITS): StoredType {
  const sniffed = sniffFormat(bytes, fileName, limits);
  if (sniffed.kind === 'text') return sniffed.format === 'md' ? { mime: 'text/markdown; charset=utf-8', ext: 'md' } : { mime: 'text/plain; charset=utf-8', ext: 'txt' };
  const names = readCentralDirectory(bytes).map((e) => e.name);
  if (names.includes('word/document.xml')) return { mime: DOCX_MIME, ext: 'docx' };
  if (names.includes('xl/workbook.xml') || names.includes('ppt/presentation.xml')) throw new IngestError('OTHER_OFFICE', '这是表格或演示文稿，不是 Word 文档', '请提交文件草案的 .docx 文件');
  throw new IngestError('UNSUPPORTED', '这是压缩包，不是 Word 文档', '请提交文件草案的 .docx 文件');
}

/** For a download: the type by content, or a plain binary for anything stored before the check. */
export function servedType(bytes: Uint8Array): StoredType | { mime: 'application/octet-stream'; ext: '' } {
  try {
    return storedType(bytes, undefined, { ...DEFAULT_LIMITS, maxInputBytes: Number.MAX_SAFE_INTEGER });
  } catch {
    return { mime: 'application/octet-stream', ext: '' };
  }
}
