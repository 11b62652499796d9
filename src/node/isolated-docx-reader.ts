/**
 * The Node reader of binary drafts: .docx, and (through Node-only libraries) .doc, .wps and text PDFs, each read
 * in the bounded worker pool (node/reader-pool.ts) so that a crafted file cannot take the server or the CLI down.
 * A .docx's zip is inspected here first (streaming, cheap): a zip bomb is refused without taking a worker.
 */
import type { ExtractedText } from '../document/build.js';
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
