import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { parseDecisions } from '../../src/decisions/import-export.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { packagePath } from '../../src/node/package-root.js';
import { segmenterAnalyzer } from '../../src/search/analyzer.js';
import { createDecisionIndex, type DecisionIndex, type IndexedDecision, type IndexQuery, type IndexResult } from '../../src/search/decision-index.js';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { createPostingIndex, loadPostingIndex } from '../../src/search/posting-index.js';
import { memoryStore } from '../store/helpers.js';

const analyzer = segmenterAnalyzer(jiebaSegmenter());

let seed: IndexedDecision[] = [];
let orama: DecisionIndex;
let postings: DecisionIndex;

beforeAll(async () => {
  const parsed = await parseDecisions(readFileSync(packagePath('fixtures', 'decisions', 'seed.jsonl'), 'utf8'), 'jsonl');
  seed = parsed.rows.map((r, i) => ({ ...r.decision, id: i + 1 }));
  orama = createDecisionIndex(analyzer);
  await orama.upsert(seed);
  postings = createPostingIndex(analyzer);
  await postings.upsert(seed);
});

const queries: string[] = readFileSync(packagePath('fixtures', 'decisions', 'relevance-queries.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);

/** Hits as id and score rounded far below any gap between neighbours (the sums are the same, in the same order). */
const page = (r: IndexResult) => r.hits.map((h) => `${h.id}:${h.score.toFixed(9)}`);

async function same(q: IndexQuery, a = orama, b = postings): Promise<IndexResult> {
  const [ra, rb] = [await a.search(q), await b.search(q)];
  expect(page(rb), JSON.stringify(q)).toEqual(page(ra));
  expect(rb.count, JSON.stringify(q)).toBe(ra.count);
  expect(rb.tokens).toEqual(ra.tokens);
  expect(rb.facets).toEqual(ra.facets);
  return rb;
}

describe('the posting-list index ranks as the Orama index does (seed, 185 decisions)', () => {
  it('the relevance queries: the same hits, scores and counts, all pages', async () => {
    for (const words of queries) {
      const r = await same({ words, limit: 10, facets: true });
      expect(r.count).toBeGreaterThan(0);
      await same({ words, limit: 7, offset: 7 });
    }
  });

  it('filters, facets and the date sort', async () => {
    const rule = seed.find((d) => d.rule)?.rule as string;
    const issuer = seed.find((d) => d.issuer)?.issuer as string;
    const filterSets = [
      { outcome: '修改' },
      { rule },
      { issuer },
      { reviewType: '公平竞争审查' },
      { from: '2020-01-01', to: '2023-12-31' },
      { category: '限制市场准入和退出', sourceKind: 'published' },
      { outcome: '没有这种结果' },
    ];
    for (const filters of filterSets) {
      for (const words of ['', '指定品牌', '奖励 迁出', '本地 企业 分支机构']) {
        const r = await same({ words, filters, facets: true, limit: 20 });
        if (filters.outcome === '没有这种结果') expect(r.count).toBe(0);
      }
    }
    const all = await same({ words: '', facets: true, limit: 5 });
    expect(all.count).toBe(seed.length);
    // by date the same dates come in the same order (equal days: the order among them is Orama's)
    for (const words of ['', '奖励', '指定品牌']) {
      const [a, b] = [await orama.search({ words, sort: 'date', limit: 200 }), await postings.search({ words, sort: 'date', limit: 200 })];
      const dates = (r: IndexResult) => r.hits.map((h) => seed[h.id - 1]?.date ?? null);
      expect(dates(b)).toEqual(dates(a));
      expect(b.count).toBe(a.count);
    }
  });

  it('quoted phrases: the same matches and facets', async () => {
    for (const phrase of ['指定品牌', '不得迁出', '地方综合贡献', '履约保证金', '分支机构', '本地', '经营者', '没有这个短语', '区', '80%']) {
      await same({ words: '', phrases: [phrase], facets: true, limit: 20 });
      await same({ words: '企业', phrases: [phrase], facets: true, limit: 5 });
    }
    await same({ words: '', phrases: ['不得', '迁出'], facets: true, limit: 20 });
  });

  it('similar clauses: the same precedents', async () => {
    for (const d of seed.slice(0, 60)) {
      const q = { text: d.clauseText, rule: d.rule || undefined, category: d.category, limit: 3 };
      expect((await postings.similar(q)).map((h) => h.id)).toEqual((await orama.similar(q)).map((h) => h.id));
    }
  });
});

describe('the posting-list index keeps up with changes', () => {
  it('updates and removals show at once and ranks stay as Orama’s', async () => {
    const a = createDecisionIndex(analyzer);
    const b = createPostingIndex(analyzer);
    for (const idx of [a, b]) {
      await idx.upsert(seed);
      await idx.upsert([{ ...(seed[3] as IndexedDecision), clauseText: '按企业纳税额给予返还。' }]);
      await idx.remove(seed.slice(100, 160).map((d) => d.id));
    }
    expect(b.size).toBe(seed.length - 60);
    const before = await b.search({ words: '', phrases: [(seed[3] as IndexedDecision).clauseText.slice(0, 12)], limit: 500 });
    expect(before.hits.map((h) => h.id)).not.toContain(4);
    expect((await b.search({ words: '', phrases: ['按企业纳税额给予返还'] })).hits.map((h) => h.id)).toEqual([4]);
    expect((await b.search({ words: '', filters: { outcome: (seed[120] as IndexedDecision).outcome }, limit: 500 })).hits.map((h) => h.id)).not.toContain(121);
    await same({ words: '纳税额 返还', limit: 10, facets: true }, a, b);
    for (const words of queries.slice(0, 20)) await same({ words, limit: 10, facets: true }, a, b);
    await same({ words: '', phrases: ['指定品牌'], facets: true }, a, b);
  });

  it('a saved state loads into an index that answers the same (and keeps taking changes)', async () => {
    const loaded = loadPostingIndex(analyzer, structuredClone(postings.save()));
    expect(loaded.size).toBe(seed.length);
    for (const words of queries) await same({ words, limit: 10, facets: true }, postings, loaded);
    await loaded.upsert([{ ...(seed[0] as IndexedDecision), id: 9999, clauseText: '必须加入指定行业协会' }]);
    expect((await loaded.search({ words: '行业协会' })).hits.map((h) => h.id)).toContain(9999);
  });
});

describe('DecisionSearch moves to the posting-list index for large libraries', () => {
  it('builds it from the threshold on, switches when the library grows past it, snapshots and reloads it', async () => {
    const fx = await memoryStore();
    try {
      const parsed = await parseDecisions(readFileSync(packagePath('fixtures', 'decisions', 'seed.jsonl'), 'utf8'), 'jsonl');
      const rows = parsed.rows.map((r) => r.decision);
      const store = new DecisionStore(fx.store.db);
      await store.upsertMany(rows.slice(0, 100));
      const seg = jiebaSegmenter();
      const search = new DecisionSearch(store, seg, { largeIndexMin: 150 });
      const small = await search.search({ q: '指定品牌', category: rows[0]?.category });
      expect(search.indexEngine).toBe('orama');
      await store.upsertMany(rows.slice(100));
      const big = await search.search({ q: '指定品牌' });
      expect(search.indexEngine).toBe('postings');
      expect(search.size).toBe(rows.length);
      // the same answers as an Orama-only search over the same rows, highlights included
      const reference = new DecisionSearch(store, seg, { largeIndexMin: Number.MAX_SAFE_INTEGER });
      for (const input of [{ q: '指定品牌' }, { q: '"不得迁出"', outcome: '修改' as const }, { q: '奖励', sort: 'date' as const, pageSize: 50 }, { q: '', source: 'published' as const, page: 2 }]) {
        const [a, b] = [await reference.search(input), await search.search(input)];
        expect(reference.indexEngine).toBe('orama');
        expect(b.total).toBe(a.total);
        expect(b.facets).toEqual(a.facets);
        expect(b.items.map((h) => [h.decision.date, h.snippets])).toEqual(a.items.map((h) => [h.decision.date, h.snippets]));
        if (input.sort !== 'date') expect(b.items.map((h) => h.decision.key)).toEqual(a.items.map((h) => h.decision.key));
      }
      expect((await search.similar({ text: rows[5]?.clauseText ?? '', rule: rows[5]?.rule })).map((s) => s.decision.key)).toEqual(
        (await reference.similar({ text: rows[5]?.clauseText ?? '', rule: rows[5]?.rule })).map((s) => s.decision.key),
      );
      expect(big.total).toBeGreaterThanOrEqual(small.total);
      // a snapshot of it comes back as the posting-list index and is caught up with later writes
      const snap = await search.snapshot();
      expect(snap.engine).toBe('postings');
      await store.upsertMany([{ ...(rows[0] as (typeof rows)[number]), key: 'late:1', clauseText: '必须加入指定行业协会方可申报' }]);
      const reloaded = new DecisionSearch(store, seg, { snapshot: structuredClone(snap), largeIndexMin: 150 });
      expect((await reloaded.search({ q: '行业协会' })).items.map((h) => h.decision.key)).toContain('late:1');
      expect(reloaded.indexEngine).toBe('postings');
      expect(reloaded.rebuilds).toBe(0);
      // a snapshot whose data does not load is rebuilt from the rows, not trusted
      const damaged = new DecisionSearch(store, seg, { snapshot: { ...snap, data: { engine: 'postings' } }, largeIndexMin: 150 });
      expect((await damaged.search({ q: '行业协会' })).items.map((h) => h.decision.key)).toContain('late:1');
      expect(damaged.rebuilds).toBe(1);
    } finally {
      fx.close();
    }
  });
});
