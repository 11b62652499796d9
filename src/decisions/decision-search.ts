/**
 * Decision search as the app and the CLI use it: the database (DecisionStore) is the truth,
 * the index follows it. Before every search the index asks the store what changed since the
 * revision it last saw (one small query when nothing did) and applies it, so a decision
 * written by any process — the web app, `fahu decisions import` in another terminal — is
 * found by the next search. A saved index is reused only for the same database (epoch) and is
 * brought up to date the same way.
 *
 * Two engines rank alike (test/search/posting-index.test.ts): Orama for ordinary libraries, and
 * from LARGE_INDEX_MIN decisions on our posting-list index, which keeps search p95 within
 * 20 ms at 100,000 decisions where Orama took 300 ms (bench/search-scale.ts).
 */
import { z } from 'zod';
import { DaySchema, OUTCOMES, REVIEW_TYPES, SOURCE_KINDS, type Decision } from './types.js';
import type { DecisionStore } from './decision-store.js';
import type { Segmenter } from '../segment/segmenter.js';
import { parseInput } from '../store/types.js';
import { segmenterAnalyzer, type TextAnalyzer } from '../search/analyzer.js';
import { createDecisionIndex, loadDecisionIndex, type DecisionIndex, type FacetCount, type FacetField, type IndexedDecision } from '../search/decision-index.js';
import { matchSpans, snippet, type Snippet } from '../search/highlight.js';
import { createPostingIndex, loadPostingIndex } from '../search/posting-index.js';
import { parseQuery } from '../search/query.js';
import { emptyToUndefined } from '../store/schema-kit.js';

const opt = <T extends z.ZodType>(s: T) => z.preprocess(emptyToUndefined, s.optional());
const word = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

/** Search parameters as they come from a query string, the CLI or a form. */
export const DecisionSearchSchema = z
  .object({
    q: opt(word(500)),
    category: opt(word(50)),
    issuer: opt(word(200)),
    department: opt(word(100)),
    outcome: opt(z.enum(OUTCOMES, { error: `处理结果只能是 ${OUTCOMES.join('、')}` })),
    rule: opt(word(100)),
    reviewType: opt(z.enum(REVIEW_TYPES, { error: `审查类型只能是 ${REVIEW_TYPES.join('、')}` })),
    source: opt(z.enum(SOURCE_KINDS, { error: '来源只能是 own（本科室审查）或 published（公开案例）' })),
    from: opt(DaySchema),
    to: opt(DaySchema),
    sort: z.preprocess(emptyToUndefined, z.enum(['relevance', 'date'], { error: '排序只能是 relevance（相关度）或 date（日期）' }).default('relevance')),
    page: z.preprocess(emptyToUndefined, z.coerce.number({ error: '页码无效' }).int('页码无效').min(1, '页码无效').max(10_000, '页码无效').default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number({ error: '每页条数无效' }).int('每页条数无效').min(1, '每页条数无效').max(100, '每页最多 100 条').default(20)),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: '起始日期不能晚于截止日期', path: ['from'] });
export type DecisionSearchInput = z.input<typeof DecisionSearchSchema>;
export type DecisionSearchParams = z.output<typeof DecisionSearchSchema>;

/**
 * Said beside an empty result: what the library holds, so "罚款" finding nothing reads as the
 * library's scope rather than as "no such problem ever found".
 */
export const LIBRARY_SCOPE_NOTE =
  '随附的公开案例均来自公平竞争审查；本科室签发的审查意见（含合法性审核）在签发时自动入库，以往的意见可由科长或管理员导入（审查意见库页面或 fahu decisions import）。';

export interface DecisionHit {
  decision: Decision;
  score: number;
  /** The clause text and the reasoning around the matches. */
  snippets: { clauseText: Snippet; reasoning: Snippet };
}

export interface DecisionSearchResult {
  items: DecisionHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Record<FacetField, FacetCount[]>;
  /** The words searched for after segmentation (stop words dropped) and the exact phrases. */
  tokens: string[];
  phrases: string[];
}

export interface SimilarDecision {
  decision: Decision;
  score: number;
  snippet: Snippet;
}

export type IndexEngine = 'orama' | 'postings';

/**
 * From this many decisions on, the posting-list index. Measured (bench/search-scale.ts): at
 * 10,000 Orama's p95 is already 12–18 ms for quoted phrases and similar clauses, at 100,000 it
 * is 100–850 ms, while the posting-list index stays within 12 ms at 100,000. Small libraries
 * (the seed, a district's own decisions) stay on Orama, which the app has always used.
 */
export const LARGE_INDEX_MIN = 5_000;

export function engineFor(size: number, largeMin = LARGE_INDEX_MIN): IndexEngine {
  return size >= largeMin ? 'postings' : 'orama';
}

export function createIndex(engine: IndexEngine, analyzer: TextAnalyzer): DecisionIndex {
  return engine === 'postings' ? createPostingIndex(analyzer) : createDecisionIndex(analyzer);
}

export function loadIndex(engine: IndexEngine, analyzer: TextAnalyzer, data: unknown): DecisionIndex {
  return engine === 'postings' ? loadPostingIndex(analyzer, data) : loadDecisionIndex(analyzer, data);
}

/** Snapshot layout; 2 since tags are indexed with the title (older snapshots are rebuilt). */
export const SNAPSHOT_FORMAT = 2;

export interface IndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Absent in snapshots written before there were two engines: Orama. */
  engine?: IndexEngine;
  analyzer: string;
  epoch: string;
  rev: number;
  data: unknown;
}

/**
 * A decision as the index sees it. The tags (the words reviewers label decisions with, such as
 * 指定品牌) are searched together with the title: the title field carries both.
 */
export function indexedDecision(d: Pick<Decision, 'id' | 'title' | 'tags' | 'clauseText' | 'reasoning' | 'issuer' | 'department' | 'category' | 'outcome' | 'rule' | 'reviewType' | 'sourceKind' | 'date'>): IndexedDecision {
  return {
    id: d.id, title: [d.title, ...d.tags].filter((t) => t.trim() !== '').join(' '), clauseText: d.clauseText, reasoning: d.reasoning, issuer: d.issuer, department: d.department, category: d.category,
    outcome: d.outcome, rule: d.rule, reviewType: d.reviewType, sourceKind: d.sourceKind, date: d.date,
  };
}

export class DecisionSearch {
  private index: DecisionIndex;
  private engine: IndexEngine;
  private readonly largeMin: number;
  private seen: { epoch: string; rev: number } | null;
  private syncing: Promise<void> | null = null;
  readonly analyzer: TextAnalyzer;
  /** Times the index was built from all rows (not caught up incrementally). */
  rebuilds = 0;

  constructor(
    readonly store: DecisionStore,
    readonly segmenter: Segmenter,
    options: { analyzer?: TextAnalyzer; snapshot?: IndexSnapshot | undefined; largeIndexMin?: number } = {},
  ) {
    this.analyzer = options.analyzer ?? segmenterAnalyzer(segmenter);
    this.largeMin = options.largeIndexMin ?? LARGE_INDEX_MIN;
    const snap = options.snapshot;
    this.engine = 'orama';
    this.index = createDecisionIndex(this.analyzer);
    this.seen = null;
    if (snap && snap.format === SNAPSHOT_FORMAT && snap.analyzer === this.analyzer.name) {
      try {
        const engine = snap.engine ?? 'orama';
        this.index = loadIndex(engine, this.analyzer, snap.data);
        this.engine = engine;
        this.seen = { epoch: snap.epoch, rev: snap.rev };
      } catch {
        // a snapshot that does not load is rebuilt from the rows at the first search
      }
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** The engine behind the index now. */
  get indexEngine(): IndexEngine {
    return this.engine;
  }

  /** Brings the index up to date with the database; concurrent callers share one catch-up. */
  sync(): Promise<void> {
    this.syncing ??= this.catchUp().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async catchUp(): Promise<void> {
    const now = await this.store.revision();
    if (this.seen && this.seen.epoch === now.epoch && this.seen.rev === now.rev) return;
    if (!this.seen || this.seen.epoch !== now.epoch || this.seen.rev > now.rev) {
      // another database, or a snapshot from its future: start again from the rows
      await this.rebuild(now);
      return;
    }
    const changes = await this.store.changesSince(this.seen.rev);
    await this.index.remove(changes.deleted);
    await this.index.upsert(changes.changed.map(indexedDecision));
    this.seen = { epoch: changes.epoch, rev: changes.rev };
    // a library that grew past the threshold moves to the posting-list index (a shrinking one
    // keeps its engine until the next rebuild, so it never switches back and forth)
    if (this.engine === 'orama' && engineFor(this.index.size, this.largeMin) === 'postings') await this.rebuild(this.seen);
  }

  private async rebuild(now: { epoch: string; rev: number }): Promise<void> {
    const all = await this.store.all();
    const engine = engineFor(all.length, this.largeMin);
    const index = createIndex(engine, this.analyzer);
    await index.upsert(all.map(indexedDecision));
    this.index = index;
    this.engine = engine;
    this.seen = now;
    this.rebuilds++;
  }

  /** State to save (the Node adapter writes it to a file; see src/node/decision-index.ts). */
  async snapshot(): Promise<IndexSnapshot> {
    await this.sync();
    const seen = this.seen as { epoch: string; rev: number };
    return { format: SNAPSHOT_FORMAT, engine: this.engine, analyzer: this.analyzer.name, epoch: seen.epoch, rev: seen.rev, data: this.index.save() };
  }

  async search(input: DecisionSearchInput): Promise<DecisionSearchResult> {
    const p = parseInput(DecisionSearchSchema, input);
    await this.sync();
    const { words, phrases } = parseQuery(p.q ?? '');
    const r = await this.index.search({
      words,
      phrases,
      filters: {
        category: p.category, issuer: p.issuer, department: p.department, outcome: p.outcome, rule: p.rule, reviewType: p.reviewType, sourceKind: p.source,
        from: p.from, to: p.to,
      },
      sort: p.sort,
      limit: p.pageSize,
      offset: (p.page - 1) * p.pageSize,
      facets: true,
    });
    const decisions = await this.store.getMany(r.hits.map((h) => h.id));
    const score = new Map(r.hits.map((h) => [h.id, h.score]));
    const items = decisions.map((d) => ({
      decision: d,
      score: score.get(d.id) ?? 0,
      snippets: {
        clauseText: snippet(d.clauseText, matchSpans(this.segmenter, d.clauseText, r.tokens, phrases), 200),
        reasoning: snippet(d.reasoning, matchSpans(this.segmenter, d.reasoning, r.tokens, phrases), 160),
      },
    }));
    return { items, total: r.count, page: p.page, pageSize: p.pageSize, facets: r.facets as Record<FacetField, FacetCount[]>, tokens: r.tokens, phrases };
  }

  /** Decisions on clauses like `text`, those under the same rule first. */
  async similar(q: { text: string; rule?: string | undefined; category?: string | undefined; limit?: number; excludeKeyPrefix?: string }): Promise<SimilarDecision[]> {
    await this.sync();
    const limit = q.limit ?? 3;
    // excluded decisions (the review's own, once signed off) are dropped after fetching
    const hits = await this.index.similar({ text: q.text, rule: q.rule, category: q.category, limit: q.excludeKeyPrefix ? limit + 20 : limit });
    const decisions = (await this.store.getMany(hits.map((h) => h.id))).filter((d) => !q.excludeKeyPrefix || !d.key.startsWith(q.excludeKeyPrefix)).slice(0, limit);
    const score = new Map(hits.map((h) => [h.id, h.score]));
    const tokens = this.analyzer.queryTokens(q.text);
    return decisions.map((d) => ({ decision: d, score: score.get(d.id) ?? 0, snippet: snippet(d.clauseText, matchSpans(this.segmenter, d.clauseText, tokens), 120) }));
  }
}
export { snippetHtml } from '../search/highlight.js';
