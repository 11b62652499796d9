/**
 * Scale of decision search: synthetic corpora of 10,000 and 100,000 decisions recombined from
 * fragments of real texts, for both engines (Orama, the in-memory default, and the posting-list
 * index that DecisionSearch uses from LARGE_INDEX_MIN decisions on). Index build time, memory,
 * search p50/p95 (plain, with facets as the page and API ask, quoted phrase, the precedents
 * query, and browsing without words with facets), and a saved snapshot against rebuilding from the database.
 *
 * Two corpora, made the same way — each decision copies the fields of a random seed decision
 * (title, department, category, outcome, rule …), takes a random issuer of the seed and a random
 * date 2015–2026, a clause of 2–5 comma-separated fragments and a reasoning of 1–2 fragments
 * (fragments: the pieces between ，；。！？、 and line ends, at least 4 characters), all picked by
 * a seeded PRNG — and differing only in the pool of real fragments:
 *
 *   realistic   clause fragments from the seed clauses and the sentences of the six real
 *               documents of fixtures/eval-docs (State Council and provincial normative
 *               documents); reasoning fragments from the seed opinions and the articles of the
 *               laws and regulations in corpus/laws.json (what opinions cite).
 *   worst case  clause and reasoning fragments from the 185 seed decisions only: a few words
 *               sit in most decisions, so posting lists are far longer than real ones would be.
 *
 * Memory is the growth of heap + external memory (typed arrays) after a forced GC: the index;
 * the synthetic rows were made before.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DecisionStore } from '../src/decisions/decision-store.js';
import type { DecisionInput } from '../src/decisions/types.js';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { packagePath } from '../src/node/package-root.js';
import { openSqlite } from '../src/node/sqlite-driver.js';
import { segmenterAnalyzer } from '../src/search/analyzer.js';
import type { DecisionIndex } from '../src/search/decision-index.js';
import { createIndex, DecisionSearch, engineFor, LARGE_INDEX_MIN, loadIndex, type IndexEngine } from '../src/decisions/decision-search.js';
import { migrate } from '../src/boot/migrations.js';
import { relevanceQueries, seedDecisions, toIndexed } from './search-relevance.js';
import { seededRandom as prng } from './seeded-random.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  // typed arrays live outside the JS heap (external): the posting lists are there
  return (m.heapUsed + m.external) / 1024 / 1024;
}

const fragmentsOf = (texts: string[]) => texts.flatMap((t) => t.split(/[，；。！？、\n]/)).map((s) => s.trim()).filter((s) => s.length >= 4);

/** The pools of real fragments a synthetic corpus is recombined from. */
export interface FragmentPool {
  name: string;
  clauseParts: string[];
  reasonParts: string[];
}

/** The seed decisions only: the repetitive worst case. */
export function seedPool(seed: DecisionInput[]): FragmentPool {
  return { name: '最坏情形（仅种子库片段）', clauseParts: fragmentsOf(seed.map((d) => d.clauseText)), reasonParts: fragmentsOf(seed.map((d) => d.reasoning)) };
}

/** The seed, the real normative documents of fixtures/eval-docs and the law articles of corpus/laws.json. */
export function realisticPool(seed: DecisionInput[]): FragmentPool {
  const dir = packagePath('fixtures', 'eval-docs');
  const docs = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'utf8'));
  const laws = JSON.parse(readFileSync(packagePath('corpus', 'laws.json'), 'utf8')) as { laws: { articles: { text: string }[] }[] };
  const articles = laws.laws.flatMap((l) => l.articles.map((a) => a.text));
  const unique = (xs: string[]) => [...new Set(xs)];
  return {
    name: '较真实（种子库 + 真实规范性文件 + 法规条文片段）',
    clauseParts: unique(fragmentsOf([...seed.map((d) => d.clauseText), ...docs])),
    reasonParts: unique(fragmentsOf([...seed.map((d) => d.reasoning), ...articles])),
  };
}

export function syntheticDecisions(seed: DecisionInput[], n: number, pool: FragmentPool = seedPool(seed), seedNo = 1): DecisionInput[] {
  const rand = prng(seedNo);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const { clauseParts, reasonParts } = pool;
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

interface Timing {
  p50: number;
  p95: number;
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up (JIT), not counted
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export interface ScaleRow {
  corpus: string;
  engine: IndexEngine;
  n: number;
  buildS: number;
  heapMb: number;
  plain: Timing;
  facets: Timing;
  phrase: Timing;
  similar: Timing;
  /** No words, facets, one filter in two (the library page as it opens, and narrowed by a facet). */
  browse: Timing;
  /** Measured for the engine DecisionSearch uses at this size. */
  snapshot?: { mb: number; saveS: number; loadS: number };
}

async function measureEngine(engine: IndexEngine, corpus: string, decisions: DecisionInput[], seed: DecisionInput[], log: (s: string) => void, withSnapshot: boolean): Promise<ScaleRow> {
  const analyzer = segmenterAnalyzer(jiebaSegmenter());
  const queries = relevanceQueries().map((q) => q.q);
  const n = decisions.length;
  const before = heapMb();
  let t = performance.now();
  const index: DecisionIndex = createIndex(engine, analyzer);
  for (let i = 0; i < decisions.length; i += 5000) await index.upsert(decisions.slice(i, i + 5000).map((d, j) => toIndexed(d, i + j + 1)));
  const buildS = (performance.now() - t) / 1000;
  const heap = heapMb() - before;
  log(`  ${corpus} ${n} 条 ${engine}：建索引 ${buildS.toFixed(1)} s，堆增加 ${heap.toFixed(0)} MB`);

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
  let bi = 0;
  const browse = await timed(() => index.search({ words: '', limit: 20, facets: true, ...(bi++ % 2 ? { filters: { outcome: '修改', from: '2020-01-01' } } : {}) }), runs);
  const row: ScaleRow = { corpus, engine, n, buildS, heapMb: heap, plain, facets, phrase, similar, browse };

  if (withSnapshot) {
    // a saved snapshot (as src/node/decision-index.ts writes it) against a rebuild
    const dir = mkdtempSync(join(tmpdir(), 'fahu-bench-'));
    const file = join(dir, 'index.v8');
    t = performance.now();
    writeFileSync(file, serialize({ data: index.save() }));
    const saveS = (performance.now() - t) / 1000;
    const mb = statSync(file).size / 1024 / 1024;
    t = performance.now();
    const loaded = loadIndex(engine, analyzer, (deserialize(readFileSync(file)) as { data: unknown }).data);
    const loadS = (performance.now() - t) / 1000;
    rmSync(dir, { recursive: true, force: true });
    if (loaded.size !== n) throw new Error(`loaded ${loaded.size} of ${n}`);
    const [a, b] = [await index.search({ words: '指定品牌', limit: 5 }), await loaded.search({ words: '指定品牌', limit: 5 })];
    if (b.count === 0 || JSON.stringify(a.hits) !== JSON.stringify(b.hits)) throw new Error('the loaded index answers differently');
    row.snapshot = { mb, saveS, loadS };
  }
  return row;
}

/** DecisionSearch over a SQLite database of `decisions`: the time to its first answer (the rebuild from the rows). */
async function rebuildFromDb(decisions: DecisionInput[]): Promise<{ s: number; engine: IndexEngine }> {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-bench-'));
  const driver = openSqlite(join(dir, 'bench.sqlite'));
  await migrate(driver);
  const store = new DecisionStore(driver);
  for (let i = 0; i < decisions.length; i += 10_000) await store.upsertMany(decisions.slice(i, i + 10_000));
  const t = performance.now();
  const search = new DecisionSearch(store, jiebaSegmenter());
  await search.sync();
  const s = (performance.now() - t) / 1000;
  if (search.size !== decisions.length) throw new Error(`rebuilt ${search.size} of ${decisions.length}`);
  const engine = search.indexEngine;
  driver.close();
  rmSync(dir, { recursive: true, force: true });
  return { s, engine };
}

export async function scaleBench(
  log: (s: string) => void,
  options: { sizes?: number[]; engines?: IndexEngine[]; corpora?: ('realistic' | 'worst')[]; fromDb?: boolean } = {},
): Promise<ScaleRow[]> {
  const seed = await seedDecisions();
  const sizes = options.sizes ?? [10_000, 100_000];
  const engines = options.engines ?? ['orama', 'postings'];
  const pools = (options.corpora ?? ['realistic', 'worst']).map((c) => (c === 'realistic' ? realisticPool(seed) : seedPool(seed)));
  log(`\n审查意见检索规模（合成语料：每条由真实片段重组，见 bench/search-scale.ts 的说明；${LARGE_INDEX_MIN} 条起 DecisionSearch 用倒排表引擎）`);
  for (const p of pools) log(`  语料「${p.name}」：条款片段 ${p.clauseParts.length} 个，意见片段 ${p.reasonParts.length} 个`);
  const rows: ScaleRow[] = [];
  const fromDb: string[] = [];
  for (const pool of pools) {
    for (const n of sizes) {
      const decisions = syntheticDecisions(seed, n, pool);
      for (const engine of engines) rows.push(await measureEngine(engine, pool.name, decisions, seed, log, engine === engineFor(n)));
      if (options.fromDb !== false && pool === pools[0]) {
        const r = await rebuildFromDb(decisions);
        fromDb.push(`${n} 条从数据库重建（${r.engine}）${r.s.toFixed(1)} s`);
      }
    }
  }
  const ms = (x: Timing) => `${x.p50.toFixed(1)}/${x.p95.toFixed(1)}`;
  log(`${'语料'.padEnd(6)} ${'引擎'.padEnd(8)} ${'条数'.padStart(7)} ${'建索引s'.padStart(7)} ${'堆MB'.padStart(6)}  检索p50/p95ms    含分面   引号短语   相似条款   浏览+分面  快照MB 保存s 载入s`);
  for (const r of rows) {
    const snap = r.snapshot ? `${r.snapshot.mb.toFixed(0).padStart(7)} ${r.snapshot.saveS.toFixed(1).padStart(5)} ${r.snapshot.loadS.toFixed(1).padStart(5)}` : '';
    log(
      `${(r.corpus.startsWith('最坏') ? '最坏情形' : '较真实').padEnd(6)} ${r.engine.padEnd(9)} ${String(r.n).padStart(8)} ${r.buildS.toFixed(1).padStart(8)} ${r.heapMb.toFixed(0).padStart(7)}  ${ms(r.plain).padStart(13)} ${ms(r.facets).padStart(10)} ${ms(r.phrase).padStart(10)} ${ms(r.similar).padStart(10)} ${ms(r.browse).padStart(10)} ${snap}`,
    );
  }
  if (fromDb.length) log(`  ${fromDb.join('；')}`);
  return rows;
}

// `npx tsx bench/search-scale.ts [sizes…]` runs this bench alone
if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  await scaleBench(console.log, sizes.length ? { sizes } : {});
}
