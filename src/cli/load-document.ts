/** A draft named on the command line, read within the limits and ingested (Word files in a guarded worker). */
import type { DocumentModel } from '../document/model.js';
import { binarySource, ingestBytes, type BinaryFormat, type DocxReader } from '../ingest/ingest.js';
import { sniffFormat } from '../ingest/sniff.js';
import { withLimits } from '../document/limits.js';
import { workerCheckedDocxReader } from '../node/isolated-docx-reader.js';
import { closeReaderWorkers, readerLoad } from '../node/reader-pool.js';
import { readInput, UsageError } from './io.js';

/**
 * Whether two plain records (SourceInfo, IngestLimits: own keys with primitive values) hold the same keys and values.
 * Not util.isDeepStrictEqual: its first call loads node's comparison module, ~10 ms of the main thread right when the
 * document model is asked for (the critical path of `fahu review`). Any value that is an object compares unequal.
 */
function sameRecord(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && (ra[k] === null || typeof ra[k] !== 'object') && ra[k] === rb[k]);
}

export async function loadDraft(file: string | undefined): Promise<{ doc: DocumentModel; bytes: Uint8Array }> {
  if (!file) throw new UsageError('缺少文件参数（文件路径，或 - 表示标准输入）');
  const input = await readInput(file, withLimits());
  const doc = await ingestBytes(input.bytes, { ...(input.fileName ? { fileName: input.fileName } : {}), readDocx: workerCheckedDocxReader });
  return { doc, bytes: input.bytes };
}

export async function loadDocument(file: string | undefined): Promise<DocumentModel> {
  return (await loadDraft(file)).doc;
}

/**
 * Starts reading a binary draft (.docx, .doc, .wps, PDF) in the isolated reader at once, and runs
 * `meanwhile` (loads: the rule set, the place names; awaited; `arrived()`: whether the read has ended) on this thread
 * once a worker has the file, so that the two overlap instead of adding up: the worker starts
 * before the rules are compiled, not after. Resolves to the reader to hand to the review, which
 * answers these bytes with the read already under way. A text draft is not read here and
 * `meanwhile` is not run (its loads stay lazy); a file refused by the reader (a zip bomb, a damaged
 * zip: in the worker, workerCheckedDocxReader) is refused when the review asks for it, as before. The command line reads
 * one file: the worker ends once it has read it, so that its memory (as much as mammoth's own
 * process) is freed before the rules run instead of adding to the peak. A reader that builds the document
 * model itself (DocxReader.document: the worker's) is asked for the model at once, and the review is handed it
 * when it asks with the same bytes, source and limits (anything else is read afresh); `early` has the model's
 * text as soon as that reader posts it, before the rest of the model (the worker builds the clause tree meanwhile).
 */
export interface EarlyText {
  /** The model's text, once the worker has posted it (undefined before, and for a reader that does not). */
  text(): string | undefined;
  /** Resolves once the text is here or the read has ended (whichever first). */
  ready: Promise<void>;
}

export async function readAhead(input: { bytes: Uint8Array; fileName?: string }, meanwhile: (arrived: () => boolean, early: EarlyText) => unknown, reader: DocxReader = workerCheckedDocxReader): Promise<DocxReader> {
  const limits = withLimits();
  let format: BinaryFormat | undefined;
  try {
    const kind = sniffFormat(input.bytes, input.fileName, limits).kind;
    if (kind !== 'text' && (kind === 'docx' || reader.formats?.includes(kind))) format = kind;
  } catch {
    // refused by content: the review says why
  }
  if (!format) return reader;
  let settled = false;
  const source = binarySource(input.bytes, input.fileName, format);
  const build = reader.document;
  let text: string | undefined;
  let textHere = () => {};
  const ready = new Promise<void>((r) => (textHere = r));
  const onText = (t: string) => {
    text = t;
    textHere();
  };
  const reading: Promise<unknown> = (build ? build(input.bytes, limits, format, source, onText) : reader(input.bytes, limits, format)).finally(async () => {
    settled = true;
    textHere();
    await closeReaderWorkers();
  });
  reading.catch(() => undefined); // the error is the review's to report
  // the pool hands the file to a worker (the zip check runs there first)
  // at least one turn: the pool counts the job at once but posts the file to the worker a microtask later
  for (let turns = 0; !settled && turns < 10_000; turns++) {
    await new Promise((r) => setImmediate(r));
    if (readerLoad().running > 0) break;
  }
  await meanwhile(() => settled, { text: () => text, ready });
  const same = (bytes: Uint8Array, f: BinaryFormat | undefined) => bytes === input.bytes && (f ?? 'docx') === format;
  if (build) {
    const model = reading as Promise<DocumentModel>;
    const ahead: DocxReader = (bytes, l, f) => reader(bytes, l, f);
    const document: NonNullable<DocxReader['document']> = (bytes, l, f, s) => (same(bytes, f) && s !== undefined && sameRecord(s, source) && sameRecord(l, limits) ? model : build(bytes, l, f, s));
    return Object.assign(ahead, { document }, reader.formats ? { formats: reader.formats } : {});
  }
  const extracted = reading as ReturnType<DocxReader>;
  const ahead: DocxReader = (bytes, l, f) => (same(bytes, f) ? extracted : reader(bytes, l, f));
  return Object.assign(ahead, reader.formats ? { formats: reader.formats } : {});
}
