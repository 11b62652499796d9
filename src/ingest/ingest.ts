/**
 * The one entry point from bytes (an upload, a file, standard input) to the document
 * model. Decides the format by content, refuses what it cannot read with a clear
 * message, and hands .docx reading to an injectable reader (the Node adapter isolates it
 * in a worker thread).
 */
import { buildDocument, type ExtractedText } from '../document/build.js';
import type { DocumentModel } from '../document/model.js';
import { decodeText } from './decode-text.js';
import { readDocx } from './docx/read-docx.js';
import { withLimits, type IngestLimits } from '../document/limits.js';
import { sniffFormat } from './sniff.js';
import { extractPlainText } from './text.js';

export type DocxReader = (bytes: Uint8Array, limits: IngestLimits) => Promise<ExtractedText>;

export interface IngestOptions {
  fileName?: string;
  limits?: Partial<IngestLimits>;
  /** Reads .docx; defaults to reading in-process. */
  readDocx?: DocxReader;
}

export async function ingestBytes(bytes: Uint8Array, options: IngestOptions = {}): Promise<DocumentModel> {
  const limits = withLimits(options.limits);
  const format = sniffFormat(bytes, options.fileName, limits);
  const source = { bytes: bytes.length, ...(options.fileName ? { fileName: options.fileName } : {}) };
  if (format.kind === 'docx') {
    const extracted = await (options.readDocx ?? readDocx)(bytes, limits);
    return buildDocument(extracted, { ...source, format: 'docx' }, limits);
  }
  const { text, encoding } = decodeText(bytes);
  return buildDocument(extractPlainText(text, format.format === 'md'), { ...source, format: format.format, encoding }, limits);
}

/** Pasted text (web form, JSON API). */
export function ingestText(text: string, options: { markdown?: boolean; fragment?: boolean; limits?: Partial<IngestLimits> } = {}): DocumentModel {
  const limits = withLimits(options.limits);
  return buildDocument({ ...extractPlainText(text, options.markdown ?? false), fragment: options.fragment ?? false }, { format: options.markdown ? 'md' : 'txt', bytes: new TextEncoder().encode(text).length }, limits);
}
