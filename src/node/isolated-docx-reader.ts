/**
 * The Node reader of binary drafts: .docx, and (through Node-only libraries) .doc, .wps and text PDFs, each read
 * in the bounded worker pool (node/reader-pool.ts) so that a crafted file cannot take the server or the CLI down.
 * A .docx's zip is inspected here first (streaming, cheap): a zip bomb is refused without taking a worker.
 */
import type { ExtractedText } from '../document/build.js';
import type { SourceInfo } from '../document/model.js';
import type { BinaryFormat, DocxReader } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';
import { inspectZip } from '../ingest/zip-guard.js';
import { closeReaderWorkers, idleReaderWorkers, MAX_RUNNING, readInWorker } from './reader-pool.js';

/** Workers kept waiting for the next file. */
export const IDLE_WORKERS = MAX_RUNNING;

export const idleDocxWorkers = idleReaderWorkers;
export const closeDocxWorkers = closeReaderWorkers;

async function readIsolated(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat = 'docx'): Promise<ExtractedText> {
  if (format === 'docx') await inspectZip(bytes, limits);
  return readInWorker(bytes, limits, format);
}

export const isolatedDocxReader: DocxReader = Object.assign(readIsolated, { formats: ['docx', 'doc', 'wps', 'pdf'] as const });

/**
 * The command line's reader: the same worker, limits and errors, but the zip check runs in the worker only
 * (readDocx makes it first there, before anything is inflated), so that the worker has the file at once
 * instead of after a check on this thread (0.1–0.2 s of the 60k draft under load, made twice). A zip bomb
 * then costs the command's own bounded worker, which the server's reader does not allow. The worker builds
 * the document model too (DocxReader.document): it is idle once the file is read, while this thread is
 * still loading the rules (measured: 50–60 ms of the 60k draft off the command's critical path).
 */
export const workerCheckedDocxReader: DocxReader = Object.assign((bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat = 'docx') => readInWorker(bytes, limits, format), {
  formats: ['docx', 'doc', 'wps', 'pdf'] as const,
  document: (bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat, source: SourceInfo, onText?: (text: string) => void) => readInWorker(bytes, limits, format, source, onText),
});
