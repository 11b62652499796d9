import { describe, expect, it } from 'vitest';
import { nativeMb, rssVerdict } from '../../bench/load.js';

describe('load bench memory parts', () => {
  it('counts as native what no heap accounts for (main heap, external, each worker)', () => {
    expect(nativeMb(653, { heapTotal: 94, external: 9, workers: [{ jobs: 1, used: 90, total: 103, external: 2 }, { jobs: 1, used: 90, total: 102, external: 1 }] })).toBe(342);
    expect(nativeMb(388, { heapTotal: 75, external: 4, workers: [] })).toBe(309);
  });
  it('judges a flat series stable and a creeping one not', () => {
    const flat: [number, number][] = Array.from({ length: 49 }, (_, i) => [60 + i * 5, 700 + (i % 2)]);
    const creep: [number, number][] = Array.from({ length: 49 }, (_, i) => [60 + i * 5, 650 + i * 1.8]);
    expect(rssVerdict(flat, 60)).toContain('→ 稳定');
    expect(rssVerdict(creep, 60)).toContain('→ 不稳定');
  });
});
