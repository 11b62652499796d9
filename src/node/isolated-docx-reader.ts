/**
 * Reads a .docx in a worker thread with a heap limit and a time limit, so that a crafted
 * file (a zip bomb that slipped past the byte count, a pathological XML) cannot take the
 * server or the CLI down with it.
 *
 * Workers are kept between files (starting one costs about 300 ms, more than reading a
 * typical draft): up to IDLE_WORKERS wait, unreferenced so they never keep a process alive.
 * A worker that timed out, ran out of memory or crashed is terminated, never reused; a
 * worker is only reused for the same heap limit, since a thread's limits are fixed at start.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractedText } from '../document/build.js';
import { IngestError, type IngestErrorCode } from '../document/errors.js';
import type { DocxReader } from '../ingest/ingest.js';
import type { IngestLimits } from '../document/limits.js';

const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './docx-worker.ts' : './docx-worker.js', import.meta.url);

/** Workers kept waiting for the next file (the machines have 2 cores). */
export const IDLE_WORKERS = 2;

type Reply = { id: number; ok: true; value: ExtractedText } | { id: number; ok: false; error: { code: IngestErrorCode; message: string; hint: string } };

interface PooledWorker {
  worker: Worker;
  heapMb: number;
}

const idle: PooledWorker[] = [];
let nextId = 1;

/** Under vitest the worker is TypeScript: a small bootstrap registers tsx first. */
function startWorker(heapMb: number): PooledWorker {
  const options: ConstructorParameters<typeof Worker>[1] = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 64 } };
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
  if (idle.length >= IDLE_WORKERS) {
    void w.worker.terminate();
    return;
  }
  w.worker.unref();
  idle.push(w);
}

/** How many workers wait for the next file. */
export const idleDocxWorkers = (): number => idle.length;

/** Ends the idle workers (tests; a process that wants to exit at once). */
export async function closeDocxWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.worker.terminate()));
}

export const isolatedDocxReader: DocxReader = (bytes, limits: IngestLimits) =>
  new Promise<ExtractedText>((resolve, reject) => {
    const pooled = takeWorker(limits.docxWorkerHeapMb);
    const { worker } = pooled;
    const id = nextId++;
    let settled = false;
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
            ? new IngestError('OUT_OF_MEMORY', '读取该 Word 文档所需内存超过上限', '文件可能是压缩炸弹或已损坏，请在 Word 中打开并重新保存为 .docx')
            : new IngestError('CORRUPT_DOCX', `无法读取 Word 文档（${e.message.slice(0, 80)}）`, '请在 Word 中打开并重新保存为 .docx'),
        ),
      );
    const onExit = (code: number) => settle(false, () => reject(new IngestError('CORRUPT_DOCX', `读取 Word 文档的进程意外退出（${code}）`, '请在 Word 中打开并重新保存为 .docx')));
    const timer = setTimeout(
      () => settle(false, () => reject(new IngestError('TIMEOUT', `读取 Word 文档超过 ${Math.round(limits.docxTimeoutMs / 1000)} 秒仍未完成`, '文件可能已损坏或结构异常，请在 Word 中打开并重新保存为 .docx'))),
      limits.docxTimeoutMs,
    );
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    // the bytes are copied, not transferred: the caller keeps its buffer (stored by hash afterwards)
    worker.postMessage({ id, bytes, limits });
  });
