/**
 * The Word/PDF reader's jobs in the process's one worker pool (node/worker-pool.ts, shared with
 * the analysis of drafts): at most MAX_RUNNING jobs at once, MAX_WAITING more waiting, and any
 * further file refused at once with BUSY (the server answers 429 服务器繁忙，请稍后重试). Each file
 * has the heap limit and the time limit of its IngestLimits.
 */
import type { ExtractedText } from '../document/build.js';
import type { DocumentModel, SourceInfo } from '../document/model.js';
import { IngestError } from '../document/errors.js';
import type { BinaryFormat } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';
import { sharedPool } from './worker-pool.js';

/** Jobs run at once (FAHU_WORKERS, default 2: the machines have 2 cores); also the number of idle workers kept. */
export const MAX_RUNNING = sharedPool.options.size;
/** Jobs that may wait for a worker (FAHU_WORKER_QUEUE); one more is refused with BUSY. */
export const MAX_WAITING = sharedPool.options.waiting;

/** How many workers wait for the next job. */
export const idleReaderWorkers = (): number => sharedPool.idleWorkers();
/** Jobs running and jobs waiting in the shared pool, now. */
export const readerLoad = (): { running: number; waiting: number } => sharedPool.load();

/** Ends the idle workers (tests; a process that wants to exit at once). */
export const closeReaderWorkers = (): Promise<void> => sharedPool.close();

const SAVE_AGAIN = '请在 Word 中打开并重新保存为 .docx';

/** Reads one file in a pooled worker under `limits`. */
export function readInWorker(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat): Promise<ExtractedText>;
/** Reads one file and builds its document model (buildDocument with `source`) in a pooled worker under `limits`; `onText`: told the model's text first. */
export function readInWorker(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat, source: SourceInfo, onText?: (text: string) => void): Promise<DocumentModel>;
export function readInWorker(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat, source?: SourceInfo, onText?: (text: string) => void): Promise<ExtractedText | DocumentModel> {
  const what = format === 'pdf' ? 'PDF 文件' : 'Word 文档';
  const unreadable = format === 'pdf' ? 'PDF' : 'CORRUPT_DOCX';
  return sharedPool.run<ExtractedText | DocumentModel>({
    message: { kind: 'read', bytes, limits, format, ...(source ? { source } : {}), ...(source && onText ? { early: true } : {}) },
    ...(source && onText ? { onProgress: (text: unknown) => typeof text === 'string' && onText(text) } : {}),
    heapMb: limits.docxWorkerHeapMb,
    timeoutMs: limits.docxTimeoutMs,
    failure: ({ kind, detail }) =>
      kind === 'oom'
        ? new IngestError('OUT_OF_MEMORY', `读取该${what}所需内存超过上限`, `文件可能是压缩炸弹或已损坏，${SAVE_AGAIN}`)
        : kind === 'crash'
          ? new IngestError(unreadable, `无法读取${what}（${detail}）`, SAVE_AGAIN)
          : kind === 'exit'
            ? new IngestError(unreadable, `读取${what}的进程意外退出（${detail}）`, SAVE_AGAIN)
            : new IngestError('TIMEOUT', `读取${what}超过 ${Math.round(limits.docxTimeoutMs / 1000)} 秒仍未完成`, `文件可能已损坏或结构异常，${SAVE_AGAIN}`),
  });
}
