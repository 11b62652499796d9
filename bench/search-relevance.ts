/**
 * Relevance of decision search on the seed corpus: the queries of
 * fixtures/decisions/relevance-queries.jsonl (what a reviewer would type, each with the seed
 * decisions a reviewer would want), MRR and recall@5 for the jieba analyzer against Orama's
 * default tokenizer (which splits Chinese into nothing) and overlapping character pairs; the
 * posting-list engine (used from LARGE_INDEX_MIN decisions on) with the same analyzer.
 *
 * recall@5 = |relevant ∩ top 5| / min(|relevant|, 5), averaged over the queries.
 */
import { readFileSync } from 'node:fs';
import { parseDecisions } from '../src/decisions/import-export.js';
import type { DecisionInput } from '../src/decisions/types.js';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { packagePath } from '../src/node/package-root.js';
import { normalizeWord, segmenterAnalyzer, type TextAnalyzer } from '../src/search/analyzer.js';
import { createDecisionIndex, RELEVANCE, type IndexedDecision, type IndexOptions } from '../src/search/decision-index.js';
import { createPostingIndex } from '../src/search/posting-index.js';
import { indexedDecision } from '../src/decisions/decision-search.js';

export interface RelevanceQuery {
  q: string;
  relevant: string[];
}

export interface RelevanceRow {
  name: string;
  mrr: number;
  recall5: number;
  /** Queries with no relevant decision in the first 10. */
  misses: string[];
}

export async function seedDecisions(): Promise<DecisionInput[]> {
  const parsed = await parseDecisions(readFileSync(packagePath('fixtures', 'decisions', 'seed.jsonl'), 'utf8'), 'jsonl');
  if (parsed.errors.length) throw new Error(`seed.jsonl: ${parsed.errors[0]?.message}`);
  return parsed.rows.map((r) => r.decision);
}

export function relevanceQueries(): RelevanceQuery[] {
  return readFileSync(packagePath('fixtures', 'decisions', 'relevance-queries.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RelevanceQuery);
}

/** The seed decision as the workbench indexes it (tags searched with the title). */
export function toIndexed(d: DecisionInput, id: number): IndexedDecision {
  return indexedDecision({ ...d, id });
}

/** Overlapping pairs of Chinese characters (the classic dictionary-free CJK baseline), words of other scripts whole. */
function bigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of normalizeWord(text).match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
    if (!/[\u3400-\u9fff]/.test(run) || run.length === 1) out.add(run);
    else for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return [...out];
}

const bigramAnalyzer: TextAnalyzer = { name: 'bigrams', indexTokens: bigrams, queryTokens: bigrams, normalize: normalizeWord };

/** What Orama's default (English) tokenizer does with the query: split at everything but a-z, 0-9. */
const oramaDefaultAnalyzer: TextAnalyzer = {
  name: 'orama-default',
  indexTokens: (t) => [...new Set(t.toLowerCase().split(/[^a-z0-9_'-]+/).filter(Boolean))],
  queryTokens: (t) => [...new Set(t.toLowerCase().split(/[^a-z0-9_'-]+/).filter(Boolean))],
  normalize: normalizeWord,
};

export async function evaluate(
  name: string,
  analyzer: TextAnalyzer,
  decisions: DecisionInput[],
  queries: RelevanceQuery[],
  options: IndexOptions & { engine?: 'orama' | 'postings' } = {},
): Promise<RelevanceRow> {
  const index = options.engine === 'postings' ? createPostingIndex(analyzer, options.relevance) : createDecisionIndex(analyzer, options);
  await index.upsert(decisions.map((d, i) => toIndexed(d, i + 1)));
  const keyOf = (id: number) => (decisions[id - 1] as DecisionInput).key.replace(/^seed:/, '');
  let rr = 0;
  let recall = 0;
  const misses: string[] = [];
  for (const q of queries) {
    const r = await index.search({ words: q.q, limit: 10 });
    const ranked = r.hits.map((h) => keyOf(h.id));
    const first = ranked.findIndex((k) => q.relevant.includes(k));
    rr += first >= 0 ? 1 / (first + 1) : 0;
    if (first < 0) misses.push(q.q);
    recall += ranked.slice(0, 5).filter((k) => q.relevant.includes(k)).length / Math.min(q.relevant.length, 5);
  }
  return { name, mrr: rr / queries.length, recall5: recall / queries.length, misses };
}

export async function relevanceBench(log: (s: string) => void): Promise<RelevanceRow[]> {
  const decisions = await seedDecisions();
  const queries = relevanceQueries();
  const jieba = jiebaSegmenter();
  const rows: RelevanceRow[] = [];
  rows.push(await evaluate('结巴分词（索引、查询均 search 模式）·采用', segmenterAnalyzer(jieba, { queryCut: 'search' }), decisions, queries));
  rows.push(await evaluate('同上，倒排表引擎（大库用）', segmenterAnalyzer(jieba, { queryCut: 'search' }), decisions, queries, { engine: 'postings' }));
  rows.push(await evaluate('结巴分词（查询精确模式）', segmenterAnalyzer(jieba, { queryCut: 'precise' }), decisions, queries));
  rows.push(await evaluate('结巴分词，BM25 b=0.3', segmenterAnalyzer(jieba), decisions, queries, { relevance: { ...RELEVANCE, b: 0.3 } }));
  rows.push(await evaluate('汉字二元组（不用词典）', bigramAnalyzer, decisions, queries));
  rows.push(await evaluate('Orama 默认分词器', oramaDefaultAnalyzer, decisions, queries, { oramaDefaultTokenizer: true }));
  log(`\n审查意见检索相关性（种子库 ${decisions.length} 条，${queries.length} 个查询，fixtures/decisions/relevance-queries.jsonl）`);
  log(`${'分词方式'.padEnd(34)} ${'MRR'.padStart(6)} ${'recall@5'.padStart(9)}  前 10 条无相关结果的查询`);
  for (const r of rows) log(`${r.name.padEnd(34)} ${r.mrr.toFixed(3).padStart(6)} ${r.recall5.toFixed(3).padStart(9)}  ${r.misses.length}${r.misses.length && r.misses.length <= 6 ? `（${r.misses.join('；')}）` : ''}`);
  return rows;
}
