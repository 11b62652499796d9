/**
 * Runs fuzz cases through the ingest (in-process: the same code the reader workers run) and the rules, and
 * counts the outcomes: read, refused cleanly (an IngestError with a code), crashed (anything else), hung (over
 * the time limit). Shared by test/fuzz (2,000 cases in npm test) and bench/fuzz.ts (npm run fuzz, 20,000).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocx } from '../src/ingest/docx/read-docx.js';
import { isIngestError } from '../src/document/errors.js';
import { ingestBytes, type DocxReader } from '../src/ingest/ingest.js';
import { readLegacyWord } from '../src/node/legacy-word-reader.js';
import { readPdf } from '../src/node/pdf-reader.js';
import { fuzzCase, type Seeds } from './fuzz-mutator.js';

export interface FuzzReport {
  cases: number;
  read: number;
  refused: number;
  crashes: { name: string; error: string }[];
  hangs: { name: string; ms: number }[];
  slowestMs: number;
  codes: Record<string, number>;
  peakRssMb: number;
  seconds: number;
}

/** The readers of the worker pool, in-process: .doc, .wps and PDF mutations reach word-extractor and pdfjs. */
const nodeReaders: DocxReader = Object.assign(
  (bytes: Uint8Array, limits: Parameters<DocxReader>[1], format?: Parameters<DocxReader>[2]) =>
    format === 'pdf' ? readPdf(bytes, limits) : format === 'doc' || format === 'wps' ? readLegacyWord(bytes, format, limits) : readDocx(bytes, limits),
  { formats: ['docx', 'doc', 'wps', 'pdf'] as const },
);

export function loadSeeds(root: string, legacy = false): Seeds {
  const dir = (d: string) => join(root, 'fixtures', d);
  const files = (d: string, re: RegExp) => readdirSync(dir(d)).filter((f) => re.test(f)).sort();
  return {
    docx: files('docx', /\.docx$/).filter((f) => !f.startsWith('long-')).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir('docx'), f))) })),
    text: [...files('text', /\.(txt|md)$/).map((f) => join(dir('text'), f)), join(dir('reading'), 'county-policy-crawled.txt')].map((p) => ({ name: p.split('/').pop() as string, text: readFileSync(p, 'utf8') })),
    other: [
      ...files('bad', /./).filter((f) => f !== 'zip-bomb.docx').map((f) => join(dir('bad'), f)),
      ...(legacy ? files('reading', /\.(doc|wps|pdf)$/).map((f) => join(dir('reading'), f)) : []),
    ].map((p) => ({ name: p.split('/').pop() as string, bytes: new Uint8Array(readFileSync(p)) })),
  };
}

export async function runFuzz(root: string, seed: number, cases: number, limitMs: number, options: { scale?: number; from?: number; legacy?: boolean; onProgress?: (done: number, report: FuzzReport) => void } = {}): Promise<FuzzReport> {
  const { scale = 1, from = 0, legacy = false, onProgress } = options;
  const seeds = loadSeeds(root, legacy);
  const report: FuzzReport = { cases, read: 0, refused: 0, crashes: [], hangs: [], slowestMs: 0, codes: {}, peakRssMb: 0, seconds: 0 };
  const started = performance.now();
  // limits a little tighter than a server's, so that each case stays cheap
  const limits = { maxTextChars: 400_000, docxTimeoutMs: limitMs };
  for (let i = 0; i < cases; i++) {
    const c = await fuzzCase(seeds, seed, from + i, scale);
    const t0 = performance.now();
    try {
      await ingestBytes(c.bytes, { fileName: c.fileName, limits, ...(legacy ? { readDocx: nodeReaders } : {}) });
      report.read++;
    } catch (e) {
      if (isIngestError(e)) {
        report.refused++;
        report.codes[e.code] = (report.codes[e.code] ?? 0) + 1;
      } else report.crashes.push({ name: c.name, error: e instanceof Error ? `${e.name}: ${e.message.slice(0, 120)}` : String(e) });
    }
    const ms = performance.now() - t0;
    report.slowestMs = Math.max(report.slowestMs, ms);
    if (ms > limitMs) report.hangs.push({ name: c.name, ms: Math.round(ms) });
    if (i % 50 === 0) report.peakRssMb = Math.max(report.peakRssMb, process.memoryUsage().rss / 1024 / 1024);
    if (onProgress && i % 500 === 499) onProgress(i + 1, report);
  }
  report.peakRssMb = Math.round(Math.max(report.peakRssMb, process.memoryUsage().rss / 1024 / 1024));
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  return report;
}
