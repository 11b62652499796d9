/**
 * The one entry point from bytes (an upload, a file, standard input) to the document
 * model. Decides the format by content, refuses what it cannot read with a clear
 * message, and hands .docx reading to an injectable reader (the Node adapter isolates it
 * in a worker thread).
 */
import { buildDocument, type ExtractedText } from '../document/build.js';
import type { DocumentModel, SourceInfo } from '../document/model.js';
import { decodeText } from './decode-text.js';
import { withLimits, type IngestLimits } from '../document/limits.js';
import { refuseUnreadable, sniffFormat } from './sniff.js';
import { extractPlainText } from './text.js';

/** Formats a reader may take besides .docx; each needs a Node-only library (see node/reader-pool.ts). */
export type BinaryFormat = 'docx' | 'doc' | 'wps' | 'pdf';

/**
 * Reads .docx (and, when `formats` lists them, .doc/.wps/.pdf) into extracted text. The format comes third so
 * that a plain .docx reader keeps working.
 */
export interface DocxReader {
  (bytes: Uint8Array, limits: IngestLimits, format?: BinaryFormat): Promise<ExtractedText>;
  formats?: readonly BinaryFormat[];
  /**
   * Reads and builds the document model in one go, answering as `buildDocument(await reader(bytes, limits,
   * format), source, limits)` does (errors included): the command line's reader builds it in its worker,
   * which is idle once it has read the file, instead of on the main thread, where the rules wait for it.
   * `onText`: told the model's text (DocumentModel.text) as soon as it is known, before the rest of the model is
   * built (buildDocument's onText), so that the caller may start on it meanwhile; not called when the read fails.
   */
  document?: (bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat, source: SourceInfo, onText?: (text: string) => void) => Promise<DocumentModel>;
}

/** The source of a binary draft's model, as ingestBytes makes it (readers that build the model take it). */
export function binarySource(bytes: Uint8Array, fileName: string | undefined, format: BinaryFormat): SourceInfo {
  return { bytes: bytes.length, ...(fileName ? { fileName } : {}), format };
}

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
    if (options.readDocx?.document) return options.readDocx.document(bytes, limits, 'docx', binarySource(bytes, options.fileName, 'docx'));
    // the in-process reader loads only when used: a caller with its own (the command line's worker) never loads it here
    const extracted = await (options.readDocx ?? (await import('./docx/read-docx.js')).readDocx)(bytes, limits, 'docx');
    return buildDocument(extracted, { ...source, format: 'docx' }, limits);
  }
  if (format.kind === 'doc' || format.kind === 'wps' || format.kind === 'pdf') {
    const reader = options.readDocx;
    if (!reader?.formats?.includes(format.kind)) refuseUnreadable(format.kind);
    if (reader.document) return reader.document(bytes, limits, format.kind, binarySource(bytes, options.fileName, format.kind));
    const extracted = await reader(bytes, limits, format.kind);
    return buildDocument(extracted, { ...source, format: format.kind }, limits);
  }
  const { text, encoding } = decodeText(bytes);
  return buildDocument(extractPlainText(text, format.format === 'md'), { ...source, format: format.format, encoding }, limits);
}

/** Pasted text (web form, JSON API). */
export function ingestText(text: string, options: { markdown?: boolean; fragment?: boolean; limits?: Partial<IngestLimits> } = {}): DocumentModel {
  const limits = withLimits(options.limits);
  return buildDocument({ ...extractPlainText(text, options.markdown ?? false), fragment: options.fragment ?? false }, { format: options.markdown ? 'md' : 'txt', bytes: new TextEncoder().encode(text).length }, limits);
}
