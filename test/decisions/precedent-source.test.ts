/**
 * Precedents cite the published notice a case comes from (authority, title, date, address), kept
 * on the decision through the store, import and export; a seeded case with only a database path
 * shows 来源：内部案例库, and the report's precedent line shows it.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { parseDecisions, toCsv, toJsonl } from '../../src/decisions/import-export.js';
import { precedentSource } from '../../src/decisions/precedents.js';
import type { DecisionInput } from '../../src/decisions/types.js';
import { memoryStore, type Fixture } from '../store/helpers.js';
import { SAMPLE } from './helpers.js';

// a notice invented for the test (not a real publication)
const PUBLISHED: DecisionInput = {
  ...SAMPLE, key: 'test:notice', sourceKind: 'published', sourceRef: 'github:example/repo prisma/dev.db 表Case id=459',
  noticeAuthority: '某某省市场监督管理局（测试）', noticeTitle: '关于某某问题的测试通报', noticeDate: '2026-05-01', noticeAddress: 'https://example.org/notice/1',
};

let fx: Fixture;
beforeEach(async () => {
  fx = await memoryStore();
});
afterEach(() => fx.close());

describe('the source of a precedent', () => {
  it('is the published notice when the decision keeps one', () => {
    expect(precedentSource(PUBLISHED)).toBe('来源：某某省市场监督管理局（测试） 《关于某某问题的测试通报》 （2026-05-01） https://example.org/notice/1');
  });

  it('never shows a database path: 内部案例库; an address or 文号 as given; the own review record', () => {
    const bare = { ...PUBLISHED, noticeAuthority: '', noticeTitle: '', noticeDate: null, noticeAddress: '' };
    expect(precedentSource(bare)).toBe('来源：内部案例库');
    expect(precedentSource({ ...bare, sourceRef: 'https://example.org/case/2' })).toBe('来源：https://example.org/case/2');
    expect(precedentSource({ ...bare, sourceRef: '浙市监竞〔2024〕12号' })).toBe('来源：浙市监竞〔2024〕12号');
    expect(precedentSource(SAMPLE)).toBe('来源：本科室审查记录');
  });

  it('every seeded decision with only a path shows 内部案例库', async () => {
    const parsed = await parseDecisions(readFileSync('fixtures/decisions/seed.jsonl', 'utf8'), 'jsonl');
    expect(parsed.errors).toEqual([]);
    const sources = new Set(parsed.rows.map((r) => precedentSource(r.decision)));
    expect([...sources].some((s) => /github:|\.db|id=|\.xlsx/.test(s))).toBe(false);
    expect(sources.has('来源：内部案例库')).toBe(true);
  });

  it('is kept by the store and survives JSONL and CSV export and import', async () => {
    const store = new DecisionStore(fx.store.db);
    await store.upsertMany([PUBLISHED]);
    const [stored] = (await store.changesSince(0)).changed;
    expect(stored).toMatchObject({ noticeAuthority: '某某省市场监督管理局（测试）', noticeTitle: '关于某某问题的测试通报', noticeDate: '2026-05-01', noticeAddress: 'https://example.org/notice/1' });
    for (const [text, format] of [[toJsonl([PUBLISHED]), 'jsonl'], [toCsv([PUBLISHED]), 'csv']] as const) {
      const back = await parseDecisions(text, format);
      expect(back.errors).toEqual([]);
      expect(back.rows[0]?.decision).toEqual(PUBLISHED);
    }
    const bad = await parseDecisions(JSON.stringify({ ...PUBLISHED, noticeDate: '2026/05/01' }), 'jsonl');
    expect(bad.errors[0]?.message).toContain('日期格式应为 YYYY-MM-DD');
  });
});
