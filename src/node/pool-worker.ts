/**
 * Worker thread body of the process's one pool (node/worker-pool.ts), one job at a time:
 * - `read`: a binary draft under the limits its parent set (.docx, .doc/.wps, text PDFs); with a `source`,
 *   its document model is built here too (buildDocument), as the command line asks: this thread is idle
 *   once the file is read, the parent's is not; with `early`, the model's text is posted first (a Progress);
 * - `analyze`: a whole analysis (reading, document model, rules; node/analysis-job.ts). The rules
 *   are loaded on the first such job only, so a worker that only ever reads files stays small; no
 *   analysis loads jieba (a rule's word window counts characters).
 * The parent keeps a worker alive between jobs and throws it away after a timeout, an
 * out-of-memory stop or a crash. The thread runs at a lower priority (nice FAHU_WORKER_NICE,
 * default 10; on Linux the nice value is per thread), so that on a busy machine the server's
 * own thread — pages, /health — gets the CPU first and the analyses take what is left.
 */
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { isIngestError } from '../document/errors.js';
import type { BinaryFormat } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';
import type { SourceInfo } from '../document/model.js';
import type { AnalysisRequest } from '../review/analyzer.js';
import { preloadDocxReader } from '../ingest/docx/read-docx.js';
import { readBinary } from './binary-reader.js';
import type { Progress, Reply } from './worker-pool.js';

type Message =
  | { id: number; kind: 'read'; bytes: Uint8Array; limits: IngestLimits; format?: BinaryFormat; source?: SourceInfo; early?: boolean }
  | { id: number; kind: 'analyze'; request: AnalysisRequest }
  /** Sent by WorkerPool.prestart before any job: loads the reader's libraries now; no reply. */
  | { kind: 'preload'; format: 'docx' };

/** The analysis module, once a job has needed it. */
let analysis: Promise<typeof import('./analysis-job.js')> | undefined;

async function run(msg: Exclude<Message, { kind: 'preload' }>): Promise<unknown> {
  if (msg.kind === 'analyze') return (await (analysis ??= import('./analysis-job.js'))).analyzeInThisWorker(msg.request);
  const extracted = readBinary(msg.bytes, msg.limits, msg.format ?? 'docx');
  if (!msg.source) return extracted;
  const [{ buildDocument }, text] = await Promise.all([import('../document/build.js'), extracted]);
  // early: the model's text is posted ahead of the model (a Reply's progress), while the rest is built
  const id = msg.id;
  return buildDocument(text, msg.source, msg.limits, msg.early ? (t) => parentPort?.postMessage({ id, progress: t } satisfies Progress) : undefined);
}

function errorReply(msg: Exclude<Message, { kind: 'preload' }>, e: unknown): Extract<Reply, { ok: false }>['error'] {
  if (isIngestError(e)) return { ...e.toJSON(), ingest: true };
  if (msg.kind === 'read') {
    const code = msg.format === 'pdf' ? 'PDF' : 'CORRUPT_DOCX';
    return { code, message: `无法读取文件（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）`, hint: '请在 Word 中打开并重新保存为 .docx', ingest: true };
  }
  // a fault of the analysis itself: the caller sees an ordinary error (a 500), as in-thread
  return { message: e instanceof Error ? e.message : String(e), ingest: false };
}

const nice = Number(process.env.FAHU_WORKER_NICE ?? 10);
try {
  if (Number.isInteger(nice) && nice > 0 && nice <= 19) setPriority(nice); // this thread only
} catch {
  // not permitted here: the thread keeps the process's priority
}

/** This thread's V8 heap after the job, in MB: the parent recycles a worker whose heap grew past its bound. */
function heapMb(): { used: number; total: number; external: number } {
  const h = getHeapStatistics();
  return { used: Math.round(h.used_heap_size / 1048576), total: Math.round(h.total_heap_size / 1048576), external: Math.round(h.external_memory / 1048576) };
}

parentPort?.on('message', (msg: Message) => {
  if (msg.kind === 'preload') {
    void preloadDocxReader().catch(() => undefined); // a failure shows again, and is reported, on the job itself
    return;
  }
  run(msg).then(
    (value) => parentPort?.postMessage({ id: msg.id, ok: true, value, heap: heapMb() } satisfies Reply),
    (e: unknown) => parentPort?.postMessage({ id: msg.id, ok: false, error: errorReply(msg, e), heap: heapMb() } satisfies Reply),
  );
});
