/**
 * The server's V8 heap growing factor (node/heap-growth.ts): the percent from the environment, the
 * cases that leave V8 alone, and — in a child process, since a V8 flag is per process — that
 * setting it at run time really keeps a garbage-heavy heap closer to its live size.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWING_PERCENT, heapGrowingPercentFromEnv, limitHeapGrowth } from '../../src/node/heap-growth.js';

describe('heap growing percent', () => {
  it('reads FAHU_HEAP_GROWING_PERCENT, falling back to the default on a bad value', () => {
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowingPercentFromEnv({})).toBe(50);
    expect(heapGrowingPercentFromEnv({ FAHU_HEAP_GROWING_PERCENT: '30' })).toBe(30);
    expect(heapGrowingPercentFromEnv({ FAHU_HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(heapGrowingPercentFromEnv({ FAHU_HEAP_GROWING_PERCENT: 'small' })).toBe(50);
    expect(heapGrowingPercentFromEnv({ FAHU_HEAP_GROWING_PERCENT: '-5' })).toBe(50);
    expect(heapGrowingPercentFromEnv({ FAHU_HEAP_GROWING_PERCENT: '1000' })).toBe(50);
  });

  it('leaves V8 alone at 0 and when node was given the flag itself', () => {
    expect(limitHeapGrowth(0, [])).toBeNull();
    expect(limitHeapGrowth(50, ['--heap-growing-percent=80'])).toBeNull();
    expect(limitHeapGrowth(50, ['--heap_growing_percent', '80'])).toBeNull();
  });

  it('keeps the heap of a process that makes much garbage around a live set smaller', () => {
    const module = pathToFileURL(new URL('../../src/node/heap-growth.ts', import.meta.url).pathname).href;
    // ~60 MB live, then a stream of short-lived arrays; prints the largest heapTotal seen (MB)
    const script = `
      const { limitHeapGrowth } = await import(${JSON.stringify(module)});
      if (process.argv[1] === 'limit') limitHeapGrowth(50, []);
      const live = [];
      for (let i = 0; i < 20; i++) live.push(Array.from({ length: 1e5 }, (_, j) => ({ j })));
      const keep = [];
      let max = 0;
      for (let round = 0; round < 250; round++) {
        keep.push(Array.from({ length: 2e4 }, (_, j) => ({ j, s: 'x' + j })));
        if (keep.length > 8) keep.shift();
        max = Math.max(max, process.memoryUsage().heapTotal);
      }
      console.log(Math.round(max / 1048576) + ' ' + live.length);`;
    const run = (mode: string) => Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, mode], { encoding: 'utf8' }).split(' ')[0]);
    const own = run('v8');
    const limited = run('limit');
    expect(limited).toBeGreaterThan(0);
    expect(limited).toBeLessThan(own * 0.8);
  }, 120_000);
});
