/** One bounded pool of reader workers: at most 2 files at once, 8 waiting, then BUSY (429 on the API). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiErrorOf } from '../../src/server/kit/api-kit.js';
import { IngestError } from '../../src/document/errors.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { closeDocxWorkers, isolatedDocxReader } from '../../src/node/isolated-docx-reader.js';
import { MAX_RUNNING, MAX_WAITING, readerLoad } from '../../src/node/reader-pool.js';
import { inflatingDocx } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

afterAll(() => closeDocxWorkers());

describe('the reader pool', () => {
  it('reads at most 2 files at once, lets 8 wait and refuses the next with BUSY', async () => {
    const draft = new Uint8Array(readFileSync(join(FIXTURES, 'docx/article-typed.docx')));
    let peakRunning = 0;
    const watch = setInterval(() => (peakRunning = Math.max(peakRunning, readerLoad().running)), 5);
    const results = await Promise.allSettled(
      Array.from({ length: MAX_RUNNING + MAX_WAITING + 2 }, () => ingestBytes(draft, { fileName: 'a.docx', readDocx: isolatedDocxReader })),
    );
    clearInterval(watch);
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as IngestError).code === 'BUSY');
    expect(busy).toHaveLength(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_RUNNING + MAX_WAITING);
    expect(peakRunning).toBeLessThanOrEqual(MAX_RUNNING);
    expect(readerLoad()).toEqual({ running: 0, waiting: 0 });
    const refusal = (busy[0] as PromiseRejectedResult).reason as IngestError;
    expect(refusal.message).toBe('服务器繁忙，请稍后重试');
    expect(apiErrorOf(refusal)?.status).toBe(429);
  }, 120_000);

  it('refuses six concurrent inflating uploads without taking a worker, each within 5 s', async () => {
    const bomb = await inflatingDocx(5);
    const started = performance.now();
    const codes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        try {
          await ingestBytes(bomb, { fileName: 'b.docx', readDocx: isolatedDocxReader });
          return 'read';
        } catch (e) {
          return (e as IngestError).code;
        }
      }),
    );
    expect(codes).toEqual(Array(6).fill('TOO_MANY_PARAGRAPHS'));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
