/**
 * Worker thread body: reads files one at a time under the limits its parent set (.docx with mammoth, .doc/.wps
 * with word-extractor, PDF with pdfjs-dist). The parent (node/reader-pool.ts) keeps a worker alive between files
 * and throws it away after a timeout, an out-of-memory stop or a crash.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractedText } from '../document/build.js';
import { readDocx } from '../ingest/docx/read-docx.js';
import { isIngestError } from '../document/errors.js';
import type { BinaryFormat } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';
import { readLegacyWord } from './legacy-word-reader.js';
import { readPdf } from './pdf-reader.js';

function read(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat): Promise<ExtractedText> {
  if (format === 'pdf') return readPdf(bytes, limits);
  if (format === 'doc' || format === 'wps') return readLegacyWord(bytes, format, limits);
  return readDocx(bytes, limits);
}

parentPort?.on('message', ({ id, bytes, limits, format }: { id: number; bytes: Uint8Array; limits: IngestLimits; format?: BinaryFormat }) => {
  read(bytes, limits, format ?? 'docx').then(
    (value) => parentPort?.postMessage({ id, ok: true, value }),
    (e: unknown) =>
      parentPort?.postMessage({
        id,
        ok: false,
        error: isIngestError(e)
          ? e.toJSON()
          : { code: format === 'pdf' ? 'PDF' : 'CORRUPT_DOCX', message: `无法读取文件（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）`, hint: '请在 Word 中打开并重新保存为 .docx' },
      }),
  );
});
