/**
 * Scale of decision search: synthetic corpora of 10,000 and 100,000 decisions recombined from
 * the fragments of the real seed clauses and opinions (so their words are real, and repeat far
 * more than real decisions would: posting lists are long, a worst case). Index build time,
 * memory, search p50/p95 (plain, with facets as the page and API ask, quoted phrase, and the
 * precedents query), and loading a saved snapshot against rebuilding from the database.
 *
 * Memory is the heap growth after a forced GC (the index and the synthetic rows it came from).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DecisionStore } from '../src/decisions/decision-store.js';
import type { DecisionInput } from '../src/decisions/types.js';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { openSqlite } from '../src/node/sqlite-driver.js';
import { segmenterAnalyzer } from '../src/search/analyzer.js';
import { createDecisionIndex, loadDecisionIndex, type DecisionIndex } from '../src/search/decision-index.js';
import { DecisionSearch, indexedDecision } from '../src/search/decision-search.js';
import { migrate } from '../src/store/migrations.js';
import { relevanceQueries, seedDecisions, toIndexed } from './search-relevance.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** A small seeded PRNG (mulberry32), so every run measures the same corpus. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fragmentsOf = (texts: string[]) => texts.flatMap((t) => t.split(/[，；。！？、\n]/)).map((s) => s.trim()).filter((s) => s.length >= 4);

export function syntheticDecisions(seed: DecisionInput[], n: number, seedNo = 1): DecisionInput[] {
  const rand = prng(seedNo);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const clauseParts = fragmentsOf(seed.map((d) => d.clauseText));
  const reasonParts = fragmentsOf(seed.map((d) => d.reasoning));
  const issuers = [...new Set(seed.map((d) => d.issuer).filter(Boolean))];
  const out: DecisionInput[] = [];
  for (let i = 0; i < n; i++) {
    const base = pick(seed);
    const parts = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => pick(clauseParts));
    const y = 2015 + Math.floor(rand() * 12);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    out.push({
      ...base,
      key: `synthetic:${i}`,
      issuer: pick(issuers),
      date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      clauseText: `${parts.join('，')}。`,
      reasoning: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => pick(reasonParts)).join('；'),
    });
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export interface ScaleRow {
  n: number;
  buildS: number;
  heapMb: number;
  plain: { p50: number; p95: number };
  facets: { p50: number; p95: number };
  phrase: { p50: number; p95: number };
  similar: { p50: number; p95: number };
  snapshotMb: number;
  saveS: number;
  loadS: number;
  rebuildFromDbS: number;
}

async function measure(n: number, seed: DecisionInput[], log: (s: string) => void): Promise<ScaleRow> {
  const analyzer = segmenterAnalyzer(jiebaSegmenter());
  const queries = relevanceQueries().map((q) => q.q);
  const decisions = syntheticDecisions(seed, n);
  const before = heapMb();
  let t = performance.now();
  const index: DecisionIndex = createDecisionIndex(analyzer);
  for (let i = 0; i < decisions.length; i += 5000) await index.upsert(decisions.slice(i, i + 5000).map((d, j) => toIndexed(d, i + j + 1)));
  const buildS = (performance.now() - t) / 1000;
  const heap = heapMb() - before;
  log(`  ${n} 条：建索引 ${buildS.toFixed(1)} s，堆增加 ${heap.toFixed(0)} MB`);

  let qi = 0;
  const next = () => queries[qi++ % queries.length] as string;
  const runs = Math.max(200, queries.length * 5);
  const plain = await timed(() => index.search({ words: next(), limit: 20 }), runs);
  const facets = await timed(() => index.search({ words: next(), limit: 20, facets: true }), runs);
  const phrases = ['指定品牌', '不得迁出', '地方综合贡献', '履约保证金', '分支机构', '优先采购', '本地注册', '定点'];
  let pi = 0;
  const phrase = await timed(() => index.search({ words: '', phrases: [phrases[pi++ % phrases.length] as string], limit: 20, facets: true }), runs);
  const clauses = seed.map((d) => d.clauseText);
  let ci = 0;
  const similar = await timed(() => index.similar({ text: clauses[ci++ % clauses.length] as string, rule: 'designated-operator', limit: 3 }), runs);

  // a saved snapshot against a rebuild from the database rows
  const dir = mkdtempSync(join(tmpdir(), 'fahu-bench-'));
  const file = join(dir, 'index.v8');
  t = performance.now();
  writeFileSync(file, serialize({ data: index.save() }));
  const saveS = (performance.now() - t) / 1000;
  const snapshotMb = statSync(file).size / 1024 / 1024;
  t = performance.now();
  const loaded = loadDecisionIndex(analyzer, (deserialize(readFileSync(file)) as { data: unknown }).data);
  const loadS = (performance.now() - t) / 1000;
  if (loaded.size !== n) throw new Error(`loaded ${loaded.size} of ${n}`);
  const check = await loaded.search({ words: '指定品牌', limit: 5 });
  if (check.count === 0) throw new Error('the loaded index finds nothing');

  const driver = openSqlite(join(dir, 'bench.sqlite'));
  await migrate(driver);
  const store = new DecisionStore(driver);
  for (let i = 0; i < decisions.length; i += 10_000) await store.upsertMany(decisions.slice(i, i + 10_000));
  t = performance.now();
  const search = new DecisionSearch(store, jiebaSegmenter());
  await search.sync();
  const rebuildFromDbS = (performance.now() - t) / 1000;
  if (search.size !== n) throw new Error(`rebuilt ${search.size} of ${n}`);
  driver.close();
  rmSync(dir, { recursive: true, force: true });
  void indexedDecision;
  return { n, buildS, heapMb: heap, plain, facets, phrase, similar, snapshotMb, saveS, loadS, rebuildFromDbS };
}

export async function scaleBench(log: (s: string) => void, sizes: number[] = [10_000, 100_000]): Promise<ScaleRow[]> {
  const seed = await seedDecisions();
  log(`\n审查意见检索规模（由 ${seed.length} 条真实条款和意见的片段重组的合成语料；词汇重复远多于真实语料，是偏坏的情形）`);
  const rows: ScaleRow[] = [];
  for (const n of sizes) rows.push(await measure(n, seed, log));
  const ms = (x: { p50: number; p95: number }) => `${x.p50.toFixed(1)}/${x.p95.toFixed(1)}`;
  log(`${'条数'.padStart(8)} ${'建索引s'.padStart(8)} ${'堆MB'.padStart(6)}  检索p50/p95ms  含分面  引号短语  相似条款  快照MB 保存s 载入s 从库重建s`);
  for (const r of rows) {
    log(
      `${String(r.n).padStart(8)} ${r.buildS.toFixed(1).padStart(9)} ${r.heapMb.toFixed(0).padStart(7)}  ${ms(r.plain).padStart(13)} ${ms(r.facets).padStart(9)} ${ms(r.phrase).padStart(9)} ${ms(r.similar).padStart(9)} ${r.snapshotMb.toFixed(0).padStart(7)} ${r.saveS.toFixed(1).padStart(5)} ${r.loadS.toFixed(1).padStart(5)} ${r.rebuildFromDbS.toFixed(1).padStart(9)}`,
    );
  }
  return rows;
}
