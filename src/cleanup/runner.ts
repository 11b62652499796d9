/**
 * The pre-check runner: takes pending items in small batches, runs the workbench's review
 * (review/create-review.ts, with the campaign's packs or else the admin's defaults) on each stored original, saves it as a review record (so /reviews/:id opens it)
 * and records done or failed with a Chinese error. It yields to the event loop between items,
 * so a server running it stays responsive. Web-standard: on Node the adapter starts it (and
 * resumes it after a restart); on Workers a queue or cron would call `drain`.
 *
 * State lives in the database only, so a page reload changes nothing and a restart resumes:
 * `resetInterrupted` puts items left 'running' back to 'pending'.
 */
import { isIngestError } from '../document/errors.js';
import { createReview, type ReviewDeps } from '../review/create-review.js';
import type { Store } from '../store/store.js';
import { isStoreError } from '../store/types.js';
import { CleanupStore, type JobWork } from './cleanup-store.js';

/** What a pre-check needs; the web app's AppDeps has all of it. */
export interface PrecheckDeps extends ReviewDeps {
  store: Store;
}

export interface RunnerOptions {
  /** Items fetched per query (each is still claimed alone). Default 5. */
  batchSize?: number;
  /** Between items; default a macrotask (setTimeout 0), so requests in between are served. */
  pause?: () => Promise<void>;
  now?: () => Date;
}

export interface DrainProgress {
  done: number;
  failed: number;
  /** Items still pending or running (any job). */
  remaining: number;
  last?: { title: string; ok: boolean; error?: string };
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The Chinese reason a pre-check failed. */
export function failureMessage(e: unknown): string {
  if (isIngestError(e)) return e.userMessage;
  if (isStoreError(e)) return e.message;
  return `预审出错：${e instanceof Error ? e.message : String(e)}`;
}

export class PrecheckRunner {
  readonly cleanup: CleanupStore;
  private readonly batchSize: number;
  private readonly pause: () => Promise<void>;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly deps: PrecheckDeps,
    options: RunnerOptions = {},
  ) {
    this.cleanup = new CleanupStore(deps.store, options.now ? { now: options.now } : {});
    this.batchSize = options.batchSize ?? 5;
    this.pause = options.pause ?? macrotask;
  }

  /**
   * Runs one claimed item: reads the original, reviews it as the workbench does (createReview,
   * so the admin's default industry packs apply), saves the review.
   */
  async process(w: JobWork): Promise<{ ok: true; reviewId: string } | { ok: false; error: string }> {
    try {
      const doc = await this.deps.store.getDocument(w.documentHash);
      if (!doc) throw new Error('原始文件不存在');
      const { record, document } = await createReview(this.deps, {
        bytes: doc.bytes, fileName: w.fileName, storedHash: w.documentHash, department: w.department, title: w.title,
        ...(w.docNumber ? { docNumber: w.docNumber } : {}), actorId: w.actorId, packs: w.packs ?? undefined,
      });
      // what the text itself says, to compare with the inventory row and to date its expiry
      const m = document.meta;
      await this.cleanup.complete(w, record.id, { docNumber: m.docNumber ?? null, title: m.title || null, validUntil: m.validity?.until ?? null });
      return { ok: true, reviewId: record.id };
    } catch (e) {
      const error = failureMessage(e);
      await this.cleanup.fail(w, error);
      return { ok: false, error };
    }
  }

  /** Processes pending items until none is left (or `signal` aborts); returns what this call did. */
  async drain(onProgress?: (p: DrainProgress) => void, signal?: AbortSignal): Promise<{ done: number; failed: number }> {
    let done = 0;
    let failed = 0;
    for (;;) {
      if (signal?.aborted) break;
      const work = await this.cleanup.pendingWork(this.batchSize);
      if (work.length === 0) break;
      for (const w of work) {
        if (signal?.aborted) break;
        if (!(await this.cleanup.claim(w))) continue;
        const r = await this.process(w);
        if (r.ok) done++;
        else failed++;
        if (onProgress) onProgress({ done, failed, remaining: await this.cleanup.countPending(), last: { title: w.title, ok: r.ok, ...(r.ok ? {} : { error: r.error }) } });
        await this.pause();
      }
    }
    return { done, failed };
  }

  /** Starts draining in the background, or asks the running drain to look again when it ends. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.drain();
        } catch (e) {
          // the database itself failed: leave the items as they are; the next kick or restart resumes
          console.error('专项清理预审队列出错：', e);
        }
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no background drain is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  get busy(): boolean {
    return this.running !== null;
  }
}

/**
 * Called by the Node adapter at start: items left 'running' by a stopped process go back to
 * 'pending', and draining begins. The adapter hands the runner to the app (AppDeps.precheck),
 * which kicks it for new attachments.
 */
export async function startBackgroundRunner(deps: PrecheckDeps, options: RunnerOptions = {}): Promise<{ runner: PrecheckRunner; resumed: number; pending: number }> {
  const runner = new PrecheckRunner(deps, options);
  const resumed = await runner.cleanup.resetInterrupted();
  const pending = await runner.cleanup.countPending();
  runner.kick();
  return { runner, resumed, pending };
}
