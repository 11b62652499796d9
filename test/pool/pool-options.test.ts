/**
 * The pool's sizes from the environment (node/worker-pool.ts poolOptionsFromEnv): the worker's
 * young generation is bounded to 16 MB unless FAHU_WORKER_YOUNG_MB gives another size, and a bad
 * value falls back to 16 MB rather than to no bound.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { poolOptionsFromEnv } from '../../src/node/worker-pool.js';

const saved = process.env.FAHU_WORKER_YOUNG_MB;
afterEach(() => {
  if (saved === undefined) delete process.env.FAHU_WORKER_YOUNG_MB;
  else process.env.FAHU_WORKER_YOUNG_MB = saved;
});

describe('pool options from the environment', () => {
  it('bounds the young generation to 16 MB unless told otherwise', () => {
    delete process.env.FAHU_WORKER_YOUNG_MB;
    expect(poolOptionsFromEnv().youngMb).toBe(16);
    process.env.FAHU_WORKER_YOUNG_MB = '24';
    expect(poolOptionsFromEnv().youngMb).toBe(24);
    process.env.FAHU_WORKER_YOUNG_MB = 'lots';
    expect(poolOptionsFromEnv().youngMb).toBe(16);
    process.env.FAHU_WORKER_YOUNG_MB = '0';
    expect(poolOptionsFromEnv().youngMb).toBe(16);
  });
});
