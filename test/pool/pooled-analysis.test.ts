/**
 * Analysis in the worker pool (node/pooled-analyzer.ts) gives exactly what in-thread analysis gives:
 * the same document, the same findings, the same refusals, over every fixture; a full pool refuses
 * with BUSY (429 with a Chinese message on the API and on the upload page); an analysis over its
 * budget is stopped with TIMEOUT and the pool goes on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/document/errors.js';
import { inThreadBinaryReader } from '../../src/node/binary-reader.js';
import { pooledAnalyzer } from '../../src/node/pooled-analyzer.js';
import { WorkerPool } from '../../src/node/worker-pool.js';
import { parseDocument, runReview, type ReviewDeps, type ReviewInput } from '../../src/review/create-review.js';
import { apiToken, bearer, JSON_TYPE, ruleSet, signIn, testApp } from '../server/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const filesOf = (dir: string, ext: RegExp) => readdirSync(join(FIXTURES, dir)).filter((f) => ext.test(f)).sort().map((f) => `${dir}/${f}`);
const INPUTS = [...filesOf('docx', /\.docx$/), ...filesOf('text', /\.(txt|md)$/), ...filesOf('eval-docs', /\.txt$/), ...filesOf('reading', /\.(doc|wps|pdf|txt)$/), ...filesOf('bad', /./)];

const pool = new WorkerPool({ size: 2, waiting: 64, queueTimeoutMs: 120_000 });
afterAll(() => pool.close());

// the reference: everything in this thread, the binary readers included (no worker, no time limit)
const inThread: ReviewDeps = { ruleSet: ruleSet(), readDocx: inThreadBinaryReader };
const pooled: ReviewDeps = { ruleSet: ruleSet(), analyze: pooledAnalyzer(pool, 120_000) };

/** The outcome as data: the value, or the refusal's code and message. */
async function outcome<T>(p: Promise<T>): Promise<T | { refused: string; message: string }> {
  try {
    return await p;
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    return { refused: e.code, message: e.message };
  }
}

describe('analysis in the worker pool', () => {
  it(`finds exactly what in-thread analysis finds, over ${INPUTS.length} fixtures`, async () => {
    const packs = ruleSet().packs.map((p) => p.name);
    let findings = 0;
    let refused = 0;
    // a few at a time, so the pool's queue (64) is never full
    for (let i = 0; i < INPUTS.length; i += 8) {
      await Promise.all(
        INPUTS.slice(i, i + 8).map(async (path) => {
          const input: ReviewInput = { bytes: new Uint8Array(readFileSync(join(FIXTURES, path))), fileName: path.split('/').pop() as string, packs };
          const [here, there] = await Promise.all([outcome(runReview(inThread, input)), outcome(runReview(pooled, input))]);
          expect(there, path).toEqual(here);
          if ('refused' in here) refused++;
          else findings += here.review.findings.length;
        }),
      );
    }
    // the fixtures do exercise the rules and the refusals
    expect(findings).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(5);
    // a pasted text, with a jurisdiction, and a parse without rules
    const text = readFileSync(join(FIXTURES, 'text/demo-review.txt'), 'utf8');
    const paste: ReviewInput = { text, jurisdiction: '湖州市吴兴区' };
    expect(await runReview(pooled, paste)).toEqual(await runReview(inThread, paste));
    expect(await parseDocument(pooled, { text, markdown: true })).toEqual(await parseDocument(inThread, { text, markdown: true }));
    expect(pool.load()).toEqual({ running: 0, waiting: 0 });
  }, 480_000);

  it('stops an analysis over its budget with TIMEOUT, and the pool goes on', async () => {
    // a text long enough that no run of the rules fits the 1 ms budget (the short demo alone once did, with the gated rules)
    const text = readFileSync(join(FIXTURES, 'text/demo-review.txt'), 'utf8').repeat(20);
    const hasty: ReviewDeps = { ruleSet: ruleSet(), analyze: pooledAnalyzer(pool, 1, 0) };
    const e = await runReview(hasty, { text }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect((e as IngestError).code).toBe('TIMEOUT');
    expect((e as IngestError).message).toContain('分析该文件超过');
    expect((await runReview(pooled, { text })).review).toEqual((await runReview(inThread, { text })).review);
  }, 120_000);
});

describe('a full pool', () => {
  const tiny = new WorkerPool({ size: 1, waiting: 1, queueTimeoutMs: 120_000 });
  afterAll(() => tiny.close());
  const text = readFileSync(join(FIXTURES, 'text/demo-review.txt'), 'utf8');

  it('lets one run and one wait, and refuses the third with BUSY', async () => {
    const deps: ReviewDeps = { ruleSet: ruleSet(), analyze: pooledAnalyzer(tiny, 120_000) };
    const results = await Promise.allSettled([1, 2, 3].map(() => runReview(deps, { text })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const e = (results[2] as PromiseRejectedResult).reason as IngestError;
    expect(e.code).toBe('BUSY');
    expect(e.message).toBe('服务器繁忙，请稍后重试');
    expect(tiny.load()).toEqual({ running: 0, waiting: 0 });
  }, 120_000);

  it('refuses a job that waited too long with BUSY', async () => {
    const slow = new WorkerPool({ size: 1, waiting: 4, queueTimeoutMs: 50 });
    try {
      const deps: ReviewDeps = { ruleSet: ruleSet(), analyze: pooledAnalyzer(slow, 120_000) };
      const results = await Promise.allSettled([runReview(deps, { text }), runReview(deps, { text })]);
      expect(results[0]?.status).toBe('fulfilled');
      expect(((results[1] as PromiseRejectedResult).reason as IngestError).code).toBe('BUSY');
      expect(slow.load()).toEqual({ running: 0, waiting: 0 });
    } finally {
      await slow.close();
    }
  }, 120_000);

  it('answers 429 with a Chinese message on the API and on the upload page', async () => {
    const t = await testApp({ ruleSet: ruleSet(), analyze: pooledAnalyzer(new WorkerPool({ size: 1, waiting: 0, queueTimeoutMs: 1000 }), 120_000) });
    // hold the only slot with a slow analysis of the app's own pool... by filling it through the API
    const token = await apiToken(t, t.users.reviewer.id);
    const post = () => t.app.request('/api/review', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ text }) });
    const [first, second] = await Promise.all([post(), post()]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 429]);
    const busy = first.status === 429 ? first : second;
    expect(await busy.json()).toMatchObject({ code: 'BUSY', message: '服务器繁忙，请稍后重试' });

    const b = await signIn(t, 'liwei');
    const form = () => t.app.request('/reviews', {
      method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: b.csrf, department: '区市场监管局', text }),
    });
    const pages = await Promise.all([form(), form()]);
    expect(pages.map((r) => r.status).sort()).toEqual([303, 429]);
    const html = await (pages.find((r) => r.status === 429) as Response).text();
    expect(html).toContain('服务器繁忙，请稍后重试');
    expect(html).toContain('id="upload-form"');
    t.close();
  }, 120_000);
});
