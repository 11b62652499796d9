/** A draft named on the command line, read within the limits and ingested (Word files in a guarded worker). */
import type { DocumentModel } from '../document/model.js';
import { ingestBytes, type DocxReader } from '../ingest/ingest.js';
import { withLimits } from '../document/limits.js';
import { isolatedDocxReader } from '../node/isolated-docx-reader.js';
import { closeReaderWorkers, readerLoad } from '../node/reader-pool.js';
import { readInput, UsageError } from './io.js';

export async function loadDraft(file: string | undefined): Promise<{ doc: DocumentModel; bytes: Uint8Array }> {
  if (!file) throw new UsageError('缺少文件参数（文件路径，或 - 表示标准输入）');
  const input = await readInput(file, withLimits());
  const doc = await ingestBytes(input.bytes, { ...(input.fileName ? { fileName: input.fileName } : {}), readDocx: isolatedDocxReader });
  return { doc, bytes: input.bytes };
}

export async function loadDocument(file: string | undefined): Promise<DocumentModel> {
  return (await loadDraft(file)).doc;
}

/**
 * The isolated reader, running `meanwhile` (a synchronous load, such as the segmenter's
 * dictionary) on this thread once a worker has the file: the two overlap instead of adding up.
 * Not run when the file is refused before reaching a worker (a zip bomb, a damaged zip). The
 * command line reads one file: the worker ends once it has read it, so that its memory (as much
 * as mammoth's own process) is freed before the rules run instead of adding to the peak.
 */
export function readingMeanwhile(meanwhile: () => void, reader: DocxReader = isolatedDocxReader): DocxReader {
  const read: DocxReader = (bytes, limits, format) => {
    let settled = false;
    const reading = reader(bytes, limits, format).finally(async () => {
      settled = true;
      await closeReaderWorkers();
    });
    let turns = 0;
    const wait = () => {
      if (settled) return;
      // the zip check runs first on this thread, then the pool hands the file to a worker
      if (readerLoad().running > 0 || ++turns > 10_000) meanwhile();
      else setImmediate(wait);
    };
    setImmediate(wait);
    return reading;
  };
  return Object.assign(read, reader.formats ? { formats: reader.formats } : {});
}
