import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { parseDecisions, toCsv, toJsonl } from '../../src/decisions/import-export.js';
import { loadSeedOnce } from '../../src/decisions/seed.js';
import type { DecisionInput } from '../../src/decisions/types.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { memoryStore, type Fixture } from '../store/helpers.js';
import { SAMPLE } from './helpers.js';


let fx: Fixture;
let store: DecisionStore;
let search: DecisionSearch;
beforeEach(async () => {
  fx = await memoryStore();
  store = new DecisionStore(fx.store.db);
  search = new DecisionSearch(store, jiebaSegmenter());
});
afterEach(() => fx.close());

const ids = (r: { items: { decision: { key: string } }[] }) => r.items.map((h) => h.decision.key);

describe('the index follows the database', () => {
  it('an insert, an update and a delete are visible in the next search', async () => {
    expect((await search.search({ q: '迁出' })).total).toBe(0);
    const d = await store.insert(SAMPLE);
    expect(ids(await search.search({ q: '迁出' }))).toEqual(['test:1']);
    await store.update(d.id, { clauseText: '企业须在本区纳税满五年。', reasoning: '限定纳税地' });
    expect((await search.search({ q: '迁出' })).total).toBe(0);
    expect(ids(await search.search({ q: '纳税' }))).toEqual(['test:1']);
    await store.remove(d.id);
    expect((await search.search({ q: '纳税' })).total).toBe(0);
    expect(search.rebuilds).toBe(1); // the first search built it; the rest were caught up incrementally
  });

  it('sees writes made through another store on the same database (another process)', async () => {
    await search.sync();
    await new DecisionStore(fx.store.db).upsertMany([{ ...SAMPLE, key: 'other:1', clauseText: '必须使用指定品牌的电梯' }]);
    expect(ids(await search.search({ q: '指定品牌' }))).toEqual(['other:1']);
  });

  it('a snapshot is reused for the same database and caught up; another database rebuilds', async () => {
    await store.insert(SAMPLE);
    const snap = await search.snapshot();
    await store.insert({ ...SAMPLE, key: 'test:2', clauseText: '限本地企业报名参加展会' });
    const reloaded = new DecisionSearch(store, jiebaSegmenter(), { snapshot: structuredClone(snap) });
    expect(ids(await reloaded.search({ q: '"本地企业"' }))).toEqual(['test:2']);
    expect(reloaded.rebuilds).toBe(0);

    const other = await memoryStore();
    try {
      const foreign = new DecisionSearch(new DecisionStore(other.store.db), jiebaSegmenter(), { snapshot: structuredClone(snap) });
      expect((await foreign.search({ q: '迁出' })).total).toBe(0);
      expect(foreign.rebuilds).toBe(1);
    } finally {
      other.close();
    }
  });

  it('finds decisions by their tags, also as a quoted phrase; a snapshot from before tags were indexed is rebuilt', async () => {
    await store.insert({ ...SAMPLE, key: 'tagged', clauseText: '技术参数要求品牌：甲、乙、丙', tags: ['指定品牌'] });
    await store.insert({ ...SAMPLE, key: 'untagged', clauseText: '品牌宣传费用由企业自行承担', tags: [] });
    expect(ids(await search.search({ q: '"指定品牌"' }))).toEqual(['tagged']);
    const snap = await search.snapshot();
    const old = new DecisionSearch(store, jiebaSegmenter(), { snapshot: { ...structuredClone(snap), format: 1 as never } });
    expect(ids(await old.search({ q: '"指定品牌"' }))).toEqual(['tagged']);
    expect(old.rebuilds).toBe(1);
  });

  it('search results carry highlights, filters and facets', async () => {
    await store.upsertMany([SAMPLE, { ...SAMPLE, key: 'test:2', outcome: '保留', category: '', clauseText: '不得限制企业迁出。', reasoning: '描述禁止行为', date: '2025-01-01' }]);
    const r = await search.search({ q: '迁出', outcome: '保留' });
    expect(ids(r)).toEqual(['test:2']);
    expect(r.items[0]?.snippets.clauseText.parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['迁出']);
    const all = await search.search({ q: '迁出' });
    expect(all.facets.outcome.map((f) => [f.value, f.count]).sort()).toEqual([['保留', 1], ['修改', 1]]);
    expect(ids(await search.search({ q: '迁出', from: '2026-01-01' }))).toEqual(['test:1']);
    await expect(search.search({ q: '迁出', from: '2026-02-30' })).rejects.toThrow(/日期不存在/);
    await expect(search.search({ q: '迁出', from: '2026-05-01', to: '2026-01-01' })).rejects.toThrow(/起始日期不能晚于截止日期/);
  });
});

describe('import and export', () => {
  it('JSONL round trip; importing the same keys again updates instead of duplicating', async () => {
    const parsed = await parseDecisions(toJsonl([SAMPLE]), 'jsonl');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]?.decision).toEqual(SAMPLE);
    expect(await store.upsertMany(parsed.rows.map((r) => r.decision))).toMatchObject({ inserted: 1, updated: 0 });
    expect(await store.upsertMany([{ ...SAMPLE, reasoning: '新的理由' }])).toMatchObject({ inserted: 0, updated: 1 });
    expect(await store.count()).toBe(1);
  });

  it('CSV round trip with commas, quotes, line breaks, lists and a formula-looking cell', async () => {
    const tricky: DecisionInput = { ...SAMPLE, clauseText: '甲，"乙"\n丙', basis: ['第八条', '第九条，第一款'], reasoning: '=1+1 不是公式' };
    const csv = toCsv([tricky]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain("'=1+1");
    const parsed = await parseDecisions(csv, 'csv');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]?.decision).toEqual(tricky);
  });

  it('reports every bad row with its line number and imports nothing', async () => {
    const good = JSON.stringify({ clauseText: '须在本地注册', outcome: '修改', reviewType: '公平竞争审查' });
    const lines = [
      good,
      '{not json',
      JSON.stringify({ clauseText: '', outcome: '修改', reviewType: '公平竞争审查' }),
      '',
      JSON.stringify({ clauseText: '条款', outcome: '撤销', reviewType: '公平竞争审查', date: '2026-13-01' }),
      JSON.stringify({ clauseText: '条款', outcome: '修改', reviewType: '公平竞争审查', colour: 'red' }),
      good,
    ];
    const parsed = await parseDecisions(lines.join('\n'), 'jsonl');
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 5, 5, 6, 7].filter((v, i, a) => a.indexOf(v) === i));
    const byLine = Object.fromEntries(parsed.errors.map((e) => [e.line, e.message]));
    expect(byLine[2]).toContain('不是有效的 JSON');
    expect(byLine[3]).toContain('clauseText');
    expect(byLine[5]).toContain('outcome 只能是');
    expect(byLine[5]).toContain('日期');
    expect(byLine[6]).toContain('无法识别的字段 colour');
    expect(byLine[7]).toContain('与第 1 行重复');
    expect(await store.count()).toBe(0);
  });

  it('CSV errors: unknown columns, wrong cell counts (by the row a spreadsheet shows), unclosed quotes', async () => {
    expect((await parseDecisions('clauseText,colour\n甲,乙\n', 'csv')).errors[0]?.message).toContain('无法识别的列 colour');
    const bad = await parseDecisions('clauseText,outcome,reviewType\n"多\n行",修改,公平竞争审查\n只有一列\n', 'csv');
    expect(bad.rows).toHaveLength(1);
    // the quoted line break stays inside row 2, so the short record is row 3, as Excel shows it
    expect(bad.errors).toEqual([{ line: 3, message: '有 1 列，表头有 3 列' }]);
    expect((await parseDecisions('clauseText,outcome\n"open,修改\n', 'csv')).errors).toEqual([{ line: 2, message: '引号未闭合' }]);
  });
});

describe('the seed corpus', () => {
  const seed = readFileSync(new URL('../../fixtures/decisions/seed.jsonl', import.meta.url), 'utf8');

  it('imports cleanly: 185 published cases, each with its source, keys unique', async () => {
    const parsed = await parseDecisions(seed, 'jsonl');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toHaveLength(185); // as fixtures/decisions/README.md says
    expect(new Set(parsed.rows.map((r) => r.decision.key)).size).toBe(185);
    for (const { decision: d } of parsed.rows) {
      expect(d.key).toMatch(/^seed:/);
      expect(d.sourceKind).toBe('published');
      expect(d.sourceRef.length).toBeGreaterThan(0);
    }
  });

  // the faithfulness check needs the dev set, which lives outside the repository (../shared)
  const DEV = new URL('../../../shared/eval/dev-clauses.jsonl', import.meta.url);
  it.skipIf(!existsSync(DEV))('is every dev clause, the lawful ones as 保留', async () => {
    const dev = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim());
    const parsed = await parseDecisions(seed, 'jsonl');
    expect(parsed.rows).toHaveLength(dev.length);
    const okCount = dev.filter((l) => (JSON.parse(l) as { label: string }).label === 'ok').length;
    expect(parsed.rows.filter((r) => r.decision.outcome === '保留')).toHaveLength(okCount);
  });

  it('loads once into a new install: searchable at once, not reloaded after deletions', async () => {
    expect(await loadSeedOnce(store, seed)).toBeGreaterThan(100);
    const r = await search.search({ q: '"不得迁出"' });
    expect(r.total).toBeGreaterThan(0);
    const first = r.items[0]!.decision;
    await store.remove(first.id);
    expect(await loadSeedOnce(store, seed)).toBe(0);
    expect(await store.get(first.id)).toBeNull();
  });
});
