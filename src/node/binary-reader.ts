/**
 * Reads a binary draft in this thread: .docx with mammoth (after the streaming zip check), .doc/.wps
 * with word-extractor, PDF with pdfjs-dist. Only ever called inside a pool worker (node/pool-worker.ts),
 * where a hostile file costs a bounded worker, not the server.
 */
import type { ExtractedText } from '../document/build.js';
import { readDocx } from '../ingest/docx/read-docx.js';
import type { BinaryFormat, DocxReader } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';
import { inspectZip } from '../ingest/zip-guard.js';
import './docx-shadow.js';

export function readBinary(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat): Promise<ExtractedText> {
  // the .doc and PDF readers (word-extractor, pdfjs) load with the first such file: a worker reading .docx never pays for them
  if (format === 'pdf') return import('./pdf-reader.js').then((m) => m.readPdf(bytes, limits));
  if (format === 'doc' || format === 'wps') return import('./legacy-word-reader.js').then((m) => m.readLegacyWord(bytes, format, limits));
  return readDocx(bytes, limits);
}

/** The reader an analysing worker hands to ingestBytes: the same formats and checks as the isolated reader. */
export const inThreadBinaryReader: DocxReader = Object.assign(
  async (bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat = 'docx'): Promise<ExtractedText> => {
    if (format === 'docx') await inspectZip(bytes, limits);
    return readBinary(bytes, limits, format);
  },
  { formats: ['docx', 'doc', 'wps', 'pdf'] as const },
);
