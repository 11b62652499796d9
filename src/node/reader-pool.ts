/**
 * One bounded pool of reader workers for the whole process: at most MAX_RUNNING files are read at once, up to
 * MAX_WAITING more wait their turn, and any further file is refused at once with BUSY (the server answers 429
 * 服务器繁忙，请稍后重试). Each worker thread has a heap limit and each file a time limit; a worker that timed
 * out, ran out of memory or crashed is terminated, never reused. Idle workers are kept (starting one costs about
 * 300 ms), unreferenced so they never keep a process alive; a worker is only reused for the same heap limit.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractedText } from '../document/build.js';
import { IngestError, type IngestErrorCode } from '../document/errors.js';
import type { BinaryFormat } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';

const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './docx-worker.ts' : './docx-worker.js', import.meta.url);

/** Files read at once (the machines have 2 cores); also the number of idle workers kept. */
export const MAX_RUNNING = 2;
/** Files that may wait for a worker; one more is refused with BUSY. */
export const MAX_WAITING = 8;

type Reply = { id: number; ok: true; value: ExtractedText } | { id: number; ok: false; error: { code: IngestErrorCode; message: string; hint: string } };

interface PooledWorker {
  worker: Worker;
  heapMb: number;
}

const idle: PooledWorker[] = [];
const waiting: (() => void)[] = [];
let running = 0;
let nextId = 1;

/** Under vitest the worker is TypeScript: a small bootstrap registers tsx first. */
function startWorker(heapMb: number): PooledWorker {
  const options: ConstructorParameters<typeof Worker>[1] = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, heapMb >> 2)) } };
  const worker = fromSources
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { ...options, eval: true })
    : new Worker(workerUrl, options);
  return { worker, heapMb };
}

function takeWorker(heapMb: number): PooledWorker {
  const i = idle.findIndex((w) => w.heapMb === heapMb);
  if (i < 0) return startWorker(heapMb);
  const [w] = idle.splice(i, 1) as [PooledWorker];
  w.worker.ref();
  return w;
}

function giveBack(w: PooledWorker): void {
  if (idle.length >= MAX_RUNNING) {
    void w.worker.terminate();
    return;
  }
  w.worker.unref();
  idle.push(w);
}

/** Waits for a free slot, or refuses when too many files already wait. */
async function acquire(): Promise<void> {
  if (running < MAX_RUNNING) {
    running++;
    return;
  }
  if (waiting.length >= MAX_WAITING) throw new IngestError('BUSY', '服务器繁忙，请稍后重试', `正在读取的文件已达上限（${MAX_RUNNING} 个读取中、${MAX_WAITING} 个等待），请稍后重新提交`);
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next(); // the slot passes on
  else running--;
}

/** How many workers wait for the next file. */
export const idleReaderWorkers = (): number => idle.length;
/** Files being read and files waiting, now. */
export const readerLoad = (): { running: number; waiting: number } => ({ running, waiting: waiting.length });

/** Ends the idle workers (tests; a process that wants to exit at once). */
export async function closeReaderWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.worker.terminate()));
}

const SAVE_AGAIN = '请在 Word 中打开并重新保存为 .docx';

/** Reads one file in a pooled worker under `limits`. */
export async function readInWorker(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat): Promise<ExtractedText> {
  await acquire();
  try {
    return await runOnce(bytes, limits, format);
  } finally {
    release();
  }
}

function runOnce(bytes: Uint8Array, limits: IngestLimits, format: BinaryFormat): Promise<ExtractedText> {
  return new Promise<ExtractedText>((resolve, reject) => {
    const pooled = takeWorker(limits.docxWorkerHeapMb);
    const { worker } = pooled;
    const id = nextId++;
    let settled = false;
    const what = format === 'pdf' ? 'PDF 文件' : 'Word 文档';
    const cleanUp = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    /** `healthy`: the worker answered and may read the next file. */
    const settle = (healthy: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      cleanUp();
      if (healthy) giveBack(pooled);
      else void worker.terminate();
      fn();
    };
    const onMessage = (msg: Reply) => {
      if (msg.id !== id) return;
      settle(true, () => (msg.ok ? resolve(msg.value) : reject(new IngestError(msg.error.code, msg.error.message, msg.error.hint))));
    };
    const onError = (e: Error & { code?: string }) =>
      settle(false, () =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new IngestError('OUT_OF_MEMORY', `读取该${what}所需内存超过上限`, `文件可能是压缩炸弹或已损坏，${SAVE_AGAIN}`)
            : new IngestError(format === 'pdf' ? 'PDF' : 'CORRUPT_DOCX', `无法读取${what}（${e.message.slice(0, 80)}）`, SAVE_AGAIN),
        ),
      );
    const onExit = (code: number) => settle(false, () => reject(new IngestError(format === 'pdf' ? 'PDF' : 'CORRUPT_DOCX', `读取${what}的进程意外退出（${code}）`, SAVE_AGAIN)));
    const timer = setTimeout(
      () => settle(false, () => reject(new IngestError('TIMEOUT', `读取${what}超过 ${Math.round(limits.docxTimeoutMs / 1000)} 秒仍未完成`, `文件可能已损坏或结构异常，${SAVE_AGAIN}`))),
      limits.docxTimeoutMs,
    );
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // the bytes are copied, not transferred: the caller keeps its buffer (stored by hash afterwards)
    worker.postMessage({ id, bytes, limits, format });
  });
}
