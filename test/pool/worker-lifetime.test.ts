/**
 * How long a pooled worker lives (node/worker-pool.ts): one idle for idleMs is ended and the pool
 * reports it empty; one that has done maxJobs jobs, or whose heap after a job passes
 * recycleHeapMb, is replaced by a fresh worker; the findings are the same whichever worker runs.
 * A healthy worker that has loaded nodejieba's dictionaries frees them before it ends (they would
 * stay in the process otherwise); one that only parsed has nothing to free, one that timed out is
 * terminated without being asked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pooledAnalyzer } from '../../src/node/pooled-analyzer.js';
import { WorkerPool } from '../../src/node/worker-pool.js';
import { parseDocument, runReview, type ReviewDeps } from '../../src/review/create-review.js';
import { ruleSet } from '../server/helpers.js';

const text = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'text', 'demo-review.txt'), 'utf8');
/**
 * With a sentence whose word window spans more characters than its words: such a match cut words (and loaded the
 * dictionary in the worker) while windows were counted in jieba's words; they count characters now (matchers.ts
 * windowChars), so no analysis loads it and a worker has no native dictionary to free.
 */
const cutting = `${text}\n特许经营期限届满前一年，乙方未提出异议的，特许经营期限自动延长十年。`;
const depsOf = (pool: WorkerPool): ReviewDeps => ({ ruleSet: ruleSet(), analyze: pooledAnalyzer(pool, 120_000) });

describe('worker lifetime', () => {
  it('ends a worker idle for idleMs and says the pool is empty', async () => {
    let emptied = 0;
    const pool = new WorkerPool({ size: 1, waiting: 2, queueTimeoutMs: 120_000, idleMs: 300, whenEmpty: () => emptied++ });
    try {
      const first = await runReview(depsOf(pool), { text });
      expect(first.review.findings.length).toBeGreaterThan(0);
      expect(pool.idleWorkers()).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(pool.idleWorkers()).toBe(0);
      expect(pool.stats()).toMatchObject({ started: 1, idleEnded: 1, recycled: 0, failed: 0 });
      expect(emptied).toBe(1);
      // the next job starts a fresh worker with the same findings
      expect((await runReview(depsOf(pool), { text })).review).toEqual(first.review);
      expect(pool.stats().started).toBe(2);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('replaces a worker after maxJobs jobs', async () => {
    const pool = new WorkerPool({ size: 1, waiting: 2, queueTimeoutMs: 120_000, idleMs: 0, maxJobs: 2 });
    try {
      const reviews = [];
      for (let i = 0; i < 5; i++) reviews.push((await runReview(depsOf(pool), { text })).review);
      for (const r of reviews) expect(r).toEqual(reviews[0]);
      // jobs 1–2 in the first worker, 3–4 in the second, 5 in the third
      expect(pool.stats()).toMatchObject({ started: 3, recycled: 2, failed: 0 });
      expect(pool.idleWorkers()).toBe(1);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('replaces a worker whose heap after a job passes recycleHeapMb', async () => {
    // an analysing worker's heap holds the rules: well above 1 MB after every job
    const pool = new WorkerPool({ size: 1, waiting: 2, queueTimeoutMs: 120_000, idleMs: 0, recycleHeapMb: 1 });
    try {
      for (let i = 0; i < 3; i++) await runReview(depsOf(pool), { text });
      expect(pool.stats()).toMatchObject({ started: 3, recycled: 3, failed: 0 });
      expect(pool.idleWorkers()).toBe(0);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('ends a worker that analysed, idle or recycled (no analysis cuts words: nothing native to free first)', async () => {
    const pool = new WorkerPool({ size: 1, waiting: 2, queueTimeoutMs: 120_000, idleMs: 300, maxJobs: 2 });
    try {
      // a window wider in characters than in words: counted in characters, no words are cut
      for (let i = 0; i < 3; i++) await runReview(depsOf(pool), { text: cutting });
      // the first worker was recycled after 2 jobs; the second ends idle after 300 ms
      await new Promise((r) => setTimeout(r, 1500));
      expect(pool.stats()).toMatchObject({ started: 2, recycled: 1, idleEnded: 1, failed: 0 });
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('ends a worker that only parsed, and replaces one that timed out', async () => {
    const pool = new WorkerPool({ size: 1, waiting: 2, queueTimeoutMs: 120_000, idleMs: 0 });
    try {
      await parseDocument(depsOf(pool), { text });
      await pool.close();
      expect(pool.stats()).toMatchObject({ started: 1, failed: 0 });
      const hasty: ReviewDeps = { ruleSet: ruleSet(), analyze: pooledAnalyzer(pool, 1, 0) };
      await expect(runReview(hasty, { text })).rejects.toMatchObject({ code: 'TIMEOUT' });
      expect(pool.stats()).toMatchObject({ started: 2, failed: 1 });
      // the pool goes on with a fresh worker
      expect((await runReview(depsOf(pool), { text: cutting })).review.findings.length).toBeGreaterThan(0);
      await pool.close();
      expect(pool.stats()).toMatchObject({ started: 3, failed: 1 });
    } finally {
      await pool.close();
    }
  }, 120_000);
});
