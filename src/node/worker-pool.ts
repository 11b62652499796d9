/**
 * One bounded pool of worker threads for the whole process, shared by the Word/PDF reader
 * (node/reader-pool.ts) and the analysis of drafts (node/pooled-analyzer.ts): at most `size` jobs
 * run at once, up to `waiting` more wait their turn (each at most `queueTimeoutMs`), and any
 * further job is refused at once with BUSY (429 服务器繁忙，请稍后重试 on the API and on pages).
 * Each worker thread has a heap limit and each job a time limit; a worker that timed out, ran out
 * of memory or crashed is terminated, never reused. Idle workers are kept (a worker that has
 * analysed once holds the compiled rules and the jieba dictionary, ~250 MB and ~3 s to load),
 * unreferenced so they never keep a process alive; a worker is only reused for the same heap limit.
 *
 * Sizes come from the environment: FAHU_WORKERS (default 2: the machines have 2 cores, and each
 * analysing worker costs ~250 MB), FAHU_WORKER_QUEUE (default 24).
 */
import { Worker } from 'node:worker_threads';
import { IngestError } from '../document/errors.js';

const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './pool-worker.ts' : './pool-worker.js', import.meta.url);

export interface PoolOptions {
  /** Jobs run at once; also the number of idle workers kept. */
  size: number;
  /** Jobs that may wait for a worker; one more is refused with BUSY. */
  waiting: number;
  /** How long a job may wait for a worker before it is refused with BUSY. */
  queueTimeoutMs: number;
}

/** A job's message to the worker (pool-worker.ts) and how its failures read. */
export interface Job {
  message: Record<string, unknown>;
  heapMb: number;
  timeoutMs: number;
  /**
   * A job whose first run in a worker loads something big (the rules and the dictionary): a worker
   * that has not yet run a job of this key gets `extraMs` more, so a cold start under load is not
   * mistaken for a hostile input (which would throw the worker away and pay the load again).
   */
  warmUp?: { key: string; extraMs: number };
  /** The error for a worker that stopped: out of memory, crashed, exited, or over time. */
  failure: (why: { kind: 'oom' | 'crash' | 'exit' | 'timeout'; detail: string }) => Error;
}

/** A worker's answer: a value, or an error as plain data. */
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code?: string; message: string; hint?: string; ingest: boolean } };

interface PooledWorker {
  worker: Worker;
  heapMb: number;
  /** The warm-up keys of the jobs it has done. */
  warm: Set<string>;
}

function intFromEnv(name: string, fallback: number, min: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

export function poolOptionsFromEnv(): PoolOptions {
  return { size: intFromEnv('FAHU_WORKERS', 2, 1), waiting: intFromEnv('FAHU_WORKER_QUEUE', 24, 0), queueTimeoutMs: intFromEnv('FAHU_WORKER_QUEUE_MS', 60_000, 1) };
}

/** Turns an error reply back into the error the job would have thrown in-thread. */
export function errorOf(e: Extract<Reply, { ok: false }>['error']): Error {
  if (e.ingest && e.code) return new IngestError(e.code as never, e.message, e.hint ?? '');
  return new Error(e.message);
}

export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly queue: { resolve: () => void }[] = [];
  private running = 0;
  private nextId = 1;

  constructor(readonly options: PoolOptions) {}

  /** Jobs running and jobs waiting, now. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  idleWorkers(): number {
    return this.idle.length;
  }

  /** Ends the idle workers (tests; a process that wants to exit at once). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.worker.terminate()));
  }

  /** Runs one job in a pooled worker: waits for a slot, or refuses with BUSY. */
  async run<T>(job: Job): Promise<T> {
    await this.acquire();
    try {
      return (await this.runOnce(job)) as T;
    } finally {
      this.release();
    }
  }

  private busy(): IngestError {
    const { size, waiting } = this.options;
    return new IngestError('BUSY', '服务器繁忙，请稍后重试', `正在处理的文件已达上限（${size} 个处理中、${waiting} 个排队），请稍后重新提交`);
  }

  private async acquire(): Promise<void> {
    if (this.running < this.options.size) {
      this.running++;
      return;
    }
    if (this.queue.length >= this.options.waiting) throw this.busy();
    await new Promise<void>((resolve, reject) => {
      const entry = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(this.busy());
      }, this.options.queueTimeoutMs);
      this.queue.push(entry);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next.resolve(); // the slot passes on
    else this.running--;
  }

  /** Under vitest the worker is TypeScript: a small bootstrap registers tsx first. */
  private startWorker(heapMb: number): PooledWorker {
    const options: ConstructorParameters<typeof Worker>[1] = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(4, heapMb >> 2)) } };
    const worker = fromSources
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { ...options, eval: true })
      : new Worker(workerUrl, options);
    return { worker, heapMb, warm: new Set() };
  }

  private takeWorker(heapMb: number): PooledWorker {
    const i = this.idle.findIndex((w) => w.heapMb === heapMb);
    if (i < 0) return this.startWorker(heapMb);
    const [w] = this.idle.splice(i, 1) as [PooledWorker];
    w.worker.ref();
    return w;
  }

  private giveBack(w: PooledWorker): void {
    if (this.idle.length >= this.options.size) {
      void w.worker.terminate();
      return;
    }
    w.worker.unref();
    this.idle.push(w);
  }

  private runOnce(job: Job): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const pooled = this.takeWorker(job.heapMb);
      const { worker } = pooled;
      const id = this.nextId++;
      let settled = false;
      const cleanUp = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      /** `healthy`: the worker answered and may take the next job. */
      const settle = (healthy: boolean, fn: () => void) => {
        if (settled) return;
        settled = true;
        cleanUp();
        if (healthy) this.giveBack(pooled);
        else void worker.terminate();
        fn();
      };
      const onMessage = (msg: Reply) => {
        if (msg.id !== id) return;
        if (job.warmUp) pooled.warm.add(job.warmUp.key);
        settle(true, () => (msg.ok ? resolve(msg.value) : reject(errorOf(msg.error))));
      };
      const onError = (e: Error & { code?: string }) =>
        settle(false, () => reject(job.failure({ kind: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'oom' : 'crash', detail: e.message.slice(0, 80) })));
      const onExit = (code: number) => settle(false, () => reject(job.failure({ kind: 'exit', detail: String(code) })));
      const cold = job.warmUp && !pooled.warm.has(job.warmUp.key) ? job.warmUp.extraMs : 0;
      const timer = setTimeout(() => settle(false, () => reject(job.failure({ kind: 'timeout', detail: String(job.timeoutMs) }))), job.timeoutMs + cold);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      // the bytes are copied, not transferred: the caller keeps its buffer (stored by hash afterwards)
      worker.postMessage({ ...job.message, id });
    });
  }
}

/** The process's one pool (the reader and the analysis share it). */
export const sharedPool = new WorkerPool(poolOptionsFromEnv());
