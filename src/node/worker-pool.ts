/**
 * One bounded pool of worker threads for the whole process, shared by the Word/PDF reader
 * (node/reader-pool.ts) and the analysis of drafts (node/pooled-analyzer.ts): at most `size` jobs
 * run at once, up to `waiting` more wait their turn (each at most `queueTimeoutMs`), and any
 * further job is refused at once with BUSY (429 服务器繁忙，请稍后重试 on the API and on pages).
 * Each worker thread has a heap limit and each job a time limit; a worker that timed out, ran out
 * of memory or crashed is terminated, never reused. Idle workers are kept for a while (a worker
 * that has analysed once holds the compiled rules and the dictionary, ~0.3–3 s to load),
 * unreferenced so they never keep a process alive; a worker is only reused for the same heap limit.
 *
 * Memory stays flat under a long load and the idle server small:
 * - a worker idle for `idleMs` (FAHU_WORKER_IDLE_MS, default 60 s; 0: kept for ever) is ended, so
 *   the idle server holds no analysing worker;
 * - a worker is recycled (ended after its job, the next job starts a fresh one) once it has done
 *   `maxJobs` jobs (FAHU_WORKER_MAX_JOBS, default 2000) or its V8 heap after a job passes
 *   `recycleHeapMb` (FAHU_WORKER_RECYCLE_MB, default 160): V8 lets a long-lived heap grow towards
 *   its limit and glibc keeps freed arenas, which made RSS creep under the soak;
 * - FAHU_WORKER_YOUNG_MB bounds a worker's young generation (default 16 MB; it used to be a
 *   quarter of the heap limit, 64 MB): at 64 MB each analysing worker's heap swung between ~42
 *   and ~107 MB over a 10-minute soak, at 16 MB it stayed at 60–68 MB (session 8, two 5-minute
 *   soaks), and reviews were no slower (bench/young-gen.ts, alternating rounds on a loaded
 *   machine: median 62 vs 68 ms and 112 vs 122 ms per review, 16 vs 64 MB).
 *
 * Sizes come from the environment: FAHU_WORKERS (default 2: the machines have 2 cores, and each
 * analysing worker costs ~150–250 MB), FAHU_WORKER_QUEUE (default 24).
 */
import { Worker } from 'node:worker_threads';
import { IngestError } from '../document/errors.js';
import { collectGarbage } from './idle-gc.js';

const fromSources = import.meta.url.endsWith('.ts');
const trace = process.env.FAHU_POOL_TRACE === '1';
const workerUrl = new URL(fromSources ? './pool-worker.ts' : './pool-worker.js', import.meta.url);

export interface PoolOptions {
  /** Jobs run at once; also the number of idle workers kept. */
  size: number;
  /** Jobs that may wait for a worker; one more is refused with BUSY. */
  waiting: number;
  /** How long a job may wait for a worker before it is refused with BUSY. */
  queueTimeoutMs: number;
  /** An idle worker is ended after this long (0: never). */
  idleMs?: number;
  /** A worker is ended after this many jobs (0: never). */
  maxJobs?: number;
  /** A worker whose V8 heap after a job is above this (MB) is ended (0: never). */
  recycleHeapMb?: number;
  /** A worker's young generation (MB; default: a quarter of its heap limit, 4–64; the shared pool: DEFAULT_YOUNG_MB). */
  youngMb?: number;
  /** Called when the idle timer has ended the last worker and no job runs or waits. */
  whenEmpty?: () => void;
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
  /** Told what the worker posts about the job before its answer (a Progress), in order; the job runs on. */
  onProgress?: (value: unknown) => void;
}

/** A worker's word on a job still running (the job's onProgress hears it); the Reply follows. */
export interface Progress {
  id: number;
  progress: unknown;
}

/** A worker's answer: a value, or an error as plain data. */
export type Reply = ({ id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code?: string; message: string; hint?: string; ingest: boolean } }) & {
  /** The worker's V8 heap after the job (MB); `external`: memory outside the heap its objects hold (MB). */
  heap?: { used: number; total: number; external?: number };
};

interface PooledWorker {
  worker: Worker;
  heapMb: number;
  /** The warm-up keys of the jobs it has done. */
  warm: Set<string>;
  jobs: number;
  /** Its heap after its last job. */
  heap?: Reply['heap'];
  /** Ends it when it has been idle too long. */
  idleTimer?: ReturnType<typeof setTimeout> | undefined;
}

/** What the pool has done with its workers since it was made (bench, tests). */
export interface PoolCounts {
  started: number;
  /** Ended after maxJobs or over recycleHeapMb. */
  recycled: number;
  /** Ended after idleMs without a job. */
  idleEnded: number;
  /** Ended after a timeout, out of memory, a crash or an exit. */
  failed: number;
}

/** A worker's young generation unless FAHU_WORKER_YOUNG_MB says otherwise (MB; see the header). */
export const DEFAULT_YOUNG_MB = 16;

function intFromEnv(name: string, fallback: number, min: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= min ? n : fallback;
}

export function poolOptionsFromEnv(): PoolOptions {
  return {
    size: intFromEnv('FAHU_WORKERS', 2, 1),
    waiting: intFromEnv('FAHU_WORKER_QUEUE', 24, 0),
    queueTimeoutMs: intFromEnv('FAHU_WORKER_QUEUE_MS', 60_000, 1),
    idleMs: intFromEnv('FAHU_WORKER_IDLE_MS', 60_000, 0),
    maxJobs: intFromEnv('FAHU_WORKER_MAX_JOBS', 2000, 0),
    recycleHeapMb: intFromEnv('FAHU_WORKER_RECYCLE_MB', 160, 0),
    youngMb: intFromEnv('FAHU_WORKER_YOUNG_MB', DEFAULT_YOUNG_MB, 1),
  };
}

/** Turns an error reply back into the error the job would have thrown in-thread. */
export function errorOf(e: Extract<Reply, { ok: false }>['error']): Error {
  if (e.ingest && e.code) return new IngestError(e.code as never, e.message, e.hint ?? '');
  return new Error(e.message);
}

export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  /** Every worker started and not yet ended (idle or running a job). */
  private readonly live = new Set<PooledWorker>();
  private readonly queue: { resolve: () => void }[] = [];
  private running = 0;
  private nextId = 1;
  private readonly counts: PoolCounts = { started: 0, recycled: 0, idleEnded: 0, failed: 0 };

  constructor(readonly options: PoolOptions) {}

  /** Jobs running and jobs waiting, now. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  idleWorkers(): number {
    return this.idle.length;
  }

  /** Workers started and ended so far, by why. */
  stats(): PoolCounts {
    return { ...this.counts };
  }

  /** The live workers' heaps after their last jobs (MB; bench memory breakdown). */
  workerHeaps(): { jobs: number; used: number; total: number; external: number }[] {
    return [...this.live].map((w) => ({ jobs: w.jobs, used: w.heap?.used ?? 0, total: w.heap?.total ?? 0, external: w.heap?.external ?? 0 }));
  }

  /** Ends the idle workers (tests; a process that wants to exit at once). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => (clearTimeout(w.idleTimer), this.end(w))));
  }

  /**
   * Ends a worker. No analysis holds native memory that would outlive the thread (the rules load no jieba:
   * a word window counts characters), so it is terminated as it is.
   */
  private end(w: PooledWorker): Promise<number> {
    this.live.delete(w);
    return w.worker.terminate();
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
    const young = this.options.youngMb ?? Math.min(64, Math.max(4, heapMb >> 2));
    const options: ConstructorParameters<typeof Worker>[1] = { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: young } };
    const worker = fromSources
      ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { ...options, eval: true })
      : new Worker(workerUrl, options);
    this.counts.started++;
    const w: PooledWorker = { worker, heapMb, warm: new Set(), jobs: 0 };
    this.live.add(w);
    return w;
  }

  /**
   * Starts a worker ahead of its first job and posts `preload` to it (a command about to read a
   * Word file, before it loads the rest of itself: the thread's start and its reader's module
   * load overlap the command's). The worker waits idle, unreferenced, for the job; nothing is
   * started when one of that heap limit is idle already or the pool is full.
   */
  prestart(heapMb: number, preload?: unknown): void {
    if (this.idle.some((w) => w.heapMb === heapMb) || this.live.size >= this.options.size) return;
    const w = this.startWorker(heapMb);
    if (preload !== undefined) w.worker.postMessage(preload);
    w.worker.unref();
    this.idle.push(w);
  }

  private takeWorker(heapMb: number): PooledWorker {
    const i = this.idle.findIndex((w) => w.heapMb === heapMb);
    if (i < 0) return this.startWorker(heapMb);
    const [w] = this.idle.splice(i, 1) as [PooledWorker];
    clearTimeout(w.idleTimer);
    w.idleTimer = undefined;
    w.worker.ref();
    return w;
  }

  /** Whether a worker that just answered has done enough (jobs, heap) to be replaced by a fresh one. */
  private spent(w: PooledWorker, heap: Reply['heap']): boolean {
    const { maxJobs = 0, recycleHeapMb = 0 } = this.options;
    return (maxJobs > 0 && w.jobs >= maxJobs) || (recycleHeapMb > 0 && heap !== undefined && heap.used > recycleHeapMb);
  }

  private giveBack(w: PooledWorker, heap: Reply['heap']): void {
    if (this.spent(w, heap)) {
      this.counts.recycled++;
      void this.end(w);
      return;
    }
    if (this.idle.length >= this.options.size) {
      void this.end(w);
      return;
    }
    w.worker.unref();
    const idleMs = this.options.idleMs ?? 0;
    if (idleMs > 0) {
      w.idleTimer = setTimeout(() => {
        const i = this.idle.indexOf(w);
        if (i < 0) return;
        this.idle.splice(i, 1);
        this.counts.idleEnded++;
        void this.end(w).then(() => {
          if (this.idle.length === 0 && this.running === 0) this.options.whenEmpty?.();
        });
      }, idleMs);
      w.idleTimer.unref();
    }
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
      const settle = (healthy: boolean, fn: () => void, heap?: Reply['heap']) => {
        if (settled) return;
        settled = true;
        cleanUp();
        if (healthy) this.giveBack(pooled, heap);
        else {
          this.counts.failed++;
          void this.end(pooled);
        }
        fn();
      };
      const onMessage = (msg: Reply | Progress) => {
        if (msg.id !== id) return;
        if ('progress' in msg) {
          if (!settled) job.onProgress?.(msg.progress);
          return;
        }
        if (job.warmUp) pooled.warm.add(job.warmUp.key);
        pooled.jobs++;
        pooled.heap = msg.heap;
        if (trace && pooled.jobs % 100 === 1) console.error(`[pool] worker ${worker.threadId} job ${pooled.jobs} heap ${msg.heap?.used}/${msg.heap?.total} MB`);
        settle(true, () => (msg.ok ? resolve(msg.value) : reject(errorOf(msg.error))), msg.heap);
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
export const sharedPool = new WorkerPool({ ...poolOptionsFromEnv(), whenEmpty: collectGarbage });
