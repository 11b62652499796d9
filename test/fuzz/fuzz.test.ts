/**
 * 2,000 seeded mutations of the fixtures, their long lines and repeats at a tenth of `npm run fuzz`'s sizes (the
 * 1,000,000-character line has its own test): each is read or refused cleanly, none crashes or hangs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../bench/fuzz-run.js';

describe('fuzzing the ingest', () => {
  it('reads or cleanly refuses 2,000 mutated inputs', async () => {
    const report = await runFuzz(join(import.meta.dirname, '..', '..'), 7, 2000, 5000, { scale: 0.1 });
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toEqual([]);
    expect(report.read + report.refused).toBe(2000);
    // the mutations reach both outcomes
    expect(report.read).toBeGreaterThan(100);
    expect(report.refused).toBeGreaterThan(100);
  }, 600_000);
});
