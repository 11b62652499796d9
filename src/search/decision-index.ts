/**
 * The in-memory full-text index of decisions, behind the `DecisionIndex` interface (so that a
 * SQLite FTS5 index could stand in for very large corpora). This implementation is Orama with
 * the jieba analyzer as its tokenizer; web-standard, so it runs on Workers too.
 *
 * Orama notes that shaped this file:
 *  - the tokenizer is called with the property name when indexing and without it for the
 *    query, which is how index and query get different jieba cuts;
 *  - `tolerance` stays 0 (edit distance means nothing for Chinese words) and `exact` stays
 *    false (its check is a \b regex, which never matches between Chinese characters); words
 *    match exactly through an end mark on every token instead (see END);
 *  - a saved index must be loaded into an index created with the same tokenizer (Orama's
 *    restore() would bring back the default tokenizer and find nothing).
 */
import { create, insertMultiple, load, removeMultiple, save, search, type Orama, type Results, type SearchParams } from '@orama/orama';
import type { TextAnalyzer } from './analyzer.js';

/** What the index keeps of a decision: the searchable text and the fields to filter, facet and sort by. */
export interface IndexedDecision {
  id: number;
  title: string;
  clauseText: string;
  reasoning: string;
  issuer: string;
  department: string;
  category: string;
  outcome: string;
  rule: string;
  reviewType: string;
  sourceKind: string;
  /** YYYY-MM-DD or null. */
  date: string | null;
}

export const FACET_FIELDS = ['category', 'outcome', 'issuer', 'department', 'rule', 'reviewType', 'sourceKind'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface DecisionFilters {
  /** YYYY-MM-DD, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  issuer?: string | undefined;
  department?: string | undefined;
  category?: string | undefined;
  outcome?: string | undefined;
  rule?: string | undefined;
  reviewType?: string | undefined;
  sourceKind?: string | undefined;
}

export interface IndexQuery {
  /** Words (already parsed: no quotes). */
  words: string;
  /** Phrases that must appear verbatim in the clause text, reasoning or title. */
  phrases?: readonly string[];
  filters?: DecisionFilters;
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
  facets?: boolean;
}

export interface IndexHit {
  id: number;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface IndexResult {
  hits: IndexHit[];
  /** All matches (before paging). */
  count: number;
  facets?: Record<FacetField, FacetCount[]>;
  /** The query tokens actually searched for (for highlighting). */
  tokens: string[];
}

export interface SimilarQuery {
  text: string;
  /** Decisions under this rule rank higher. */
  rule?: string | undefined;
  category?: string | undefined;
  limit?: number;
  exclude?: (id: number) => boolean;
}

export interface DecisionIndex {
  readonly size: number;
  upsert(docs: readonly IndexedDecision[]): Promise<void>;
  remove(ids: readonly number[]): Promise<void>;
  search(q: IndexQuery): Promise<IndexResult>;
  similar(q: SimilarQuery): Promise<IndexHit[]>;
  /** Serializable state, to be handed back to `loadDecisionIndex`. */
  save(): unknown;
}

export const SEARCH_FIELDS = ['clauseText', 'reasoning', 'title'] as const;
/** Field boosts: the clause itself matters most, then the reasoning, then the document title. */
export const FIELD_BOOST = { clauseText: 2, reasoning: 1, title: 1.5 } as const;
/** Similar clauses: candidates fetched before re-ranking by rule and category. */
export const SIMILAR_CANDIDATES = 30;
const SAME_RULE_BOOST = 1.5;
const SAME_CATEGORY_BOOST = 1.15;
/** A clause is compared by its most telling words only (long clauses would score every posting list). */
const SIMILAR_MAX_TOKENS = 12;
/** Similar clauses: the clause text counts three times the reasoning. */
export const SIMILAR_BOOST = { clauseText: 3, reasoning: 1 } as const;
/** Query words in more than this share of the clauses are dropped (when rarer ones remain) … */
export const PRUNE_SHARE = 0.1;
/** … in indexes of at least this many decisions (small ones are fast and keep every word). */
export const PRUNE_MIN_DOCS = 5_000;

const SCHEMA = {
  title: 'string',
  clauseText: 'string',
  reasoning: 'string',
  issuer: 'enum',
  department: 'enum',
  category: 'enum',
  outcome: 'enum',
  rule: 'enum',
  reviewType: 'enum',
  sourceKind: 'enum',
  date: 'number',
} as const;

type Db = Orama<typeof SCHEMA>;

/** An IndexedDecision as Orama stores it: string id, the date as a day number (absent when unknown). */
type OramaDoc = Omit<IndexedDecision, 'id' | 'date'> & { id: string; date?: number };

/** 2026-03-05 → 20260305 (a number sorts and ranges). */
export function dayNumber(day: string): number {
  return Number(day.replace(/-/g, ''));
}

function toDoc(d: IndexedDecision): OramaDoc {
  const { id, date, ...rest } = d;
  return { id: String(id), ...rest, ...(date ? { date: dayNumber(date) } : {}) };
}

export interface IndexOptions {
  /** BM25 parameters (see RELEVANCE). */
  relevance?: { k: number; b: number; d: number };
  /** Orama's own tokenizer instead of the analyzer's: only for measuring it (it indexes Chinese to nothing). */
  oramaDefaultTokenizer?: boolean;
}

/**
 * BM25 parameters: Orama's defaults. On the relevance query set (`npm run bench`) other
 * values of b and k moved MRR by at most one query either way once queries are cut in search
 * mode, too little to tune on.
 */
export const RELEVANCE = { k: 1.2, b: 0.75, d: 0.5 };

/**
 * Orama matches a query word against every index word it begins (its radix tree finds
 * prefixes): 本地 would also score 本地化, 本地企业, 本地产品 …, each with its own long
 * posting list. Every token ends with this mark in the index and in the query, so a word
 * matches only itself (the search-mode cut already indexes the parts of long words).
 */
const END = '\u0001';
const exact = (tokens: string[]) => tokens.map((t) => t + END);

/**
 * The query tokens of the next search, already chosen by the index (Orama would otherwise cut
 * the term again): set just before the synchronous search call and cleared after it.
 */
interface QueryTokens {
  next: string[] | null;
}

function createDb(analyzer: TextAnalyzer, options: IndexOptions, query: QueryTokens): Db {
  return create({
    schema: SCHEMA,
    // sorting is only ever by date; sorters on the long text fields would cost memory for nothing
    sort: { unsortableProperties: ['title', 'clauseText', 'reasoning', 'issuer', 'department', 'category', 'outcome', 'rule', 'reviewType', 'sourceKind'] },
    ...(options.oramaDefaultTokenizer
      ? {}
      : {
          components: {
            tokenizer: {
              language: 'chinese',
              normalizationCache: new Map(),
              tokenize: (raw: string, _language?: string, prop?: string) => exact(prop ? analyzer.indexTokens(raw) : (query.next ?? analyzer.queryTokens(raw))),
            },
          },
        }),
  });
}

export function createDecisionIndex(analyzer: TextAnalyzer, options: IndexOptions = {}): DecisionIndex {
  const query: QueryTokens = { next: null };
  return new OramaDecisionIndex(createDb(analyzer, options, query), analyzer, options.relevance ?? RELEVANCE, query);
}

/** An index made from `save()` output: created with the analyzer first, then loaded (not restored). */
export function loadDecisionIndex(analyzer: TextAnalyzer, raw: unknown, options: IndexOptions = {}): DecisionIndex {
  const query: QueryTokens = { next: null };
  const db = createDb(analyzer, options, query);
  load(db, raw as Parameters<typeof load>[1]);
  return new OramaDecisionIndex(db, analyzer, options.relevance ?? RELEVANCE, query);
}

class OramaDecisionIndex implements DecisionIndex {
  private ids = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly analyzer: TextAnalyzer,
    private readonly relevance: { k: number; b: number; d: number },
    private readonly query: QueryTokens,
  ) {
    const docs = (db.data.docs as { docs: Record<string, OramaDoc | undefined> }).docs;
    for (const d of Object.values(docs)) if (d) this.ids.add(Number(d.id));
  }

  get size(): number {
    return this.ids.size;
  }

  async upsert(docs: readonly IndexedDecision[]): Promise<void> {
    const present = docs.filter((d) => this.ids.has(d.id)).map((d) => d.id);
    if (present.length) await this.remove(present);
    await insertMultiple(this.db, docs.map(toDoc) as never, 1000);
    for (const d of docs) this.ids.add(d.id);
  }

  async remove(ids: readonly number[]): Promise<void> {
    const known = ids.filter((id) => this.ids.has(id));
    if (!known.length) return;
    await removeMultiple(this.db, known.map(String), 1000);
    for (const id of known) this.ids.delete(id);
  }

  /** Documents containing a token in the clause text: Orama's own count, kept per property. */
  private documentFrequency(token: string): number {
    const occ = (this.db.data.index as unknown as { tokenOccurrences: Record<string, Record<string, number>> }).tokenOccurrences;
    return occ['clauseText']?.[token + END] ?? 0;
  }

  /** One Orama search with these query tokens. */
  private run(params: Record<string, unknown>, tokens: string[]): Results<OramaDoc> | Promise<Results<OramaDoc>> {
    this.query.next = tokens;
    try {
      return search(this.db, { ...params, ...(tokens.length ? { term: tokens.join(' ') } : {}) } as SearchParams<Db>) as Results<OramaDoc> | Promise<Results<OramaDoc>>;
    } finally {
      this.query.next = null;
    }
  }

  /**
   * Words found in a large share of the clauses rank almost nothing (BM25's idf) but cost a
   * score for every clause holding them: in a large index they are left out of a query that
   * has rarer words.
   */
  async search(q: IndexQuery): Promise<IndexResult> {
    const phrases = (q.phrases ?? []).map((p) => p.trim()).filter(Boolean);
    const tokens = this.analyzer.queryTokens([q.words, ...phrases].join(' '));
    const searched = phrases.length ? tokens : withoutCommon(tokens, this.size, (t) => this.documentFrequency(t));
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const where = whereOf(q.filters ?? {});
    const sortBy = q.sort === 'date' ? { property: 'date', order: 'DESC' as const } : undefined;
    const hasText = tokens.length > 0 || phrases.length > 0;
    const base = {
      // without words, naming the properties would make Orama score every word of the index
      ...(hasText ? { properties: [...SEARCH_FIELDS], boost: FIELD_BOOST, tolerance: 0, relevance: { ...this.relevance } } : {}),
      ...(Object.keys(where).length ? { where } : {}),
      ...(sortBy ? { sortBy } : {}),
    };
    if (hasText && tokens.length === 0) return { hits: [], count: 0, tokens, ...(q.facets ? { facets: emptyFacets() } : {}) };

    if (phrases.length === 0) {
      const params = {
        ...base,
        ...(hasText ? { threshold: 1 } : {}),
        limit,
        offset,
        ...(q.facets ? { facets: Object.fromEntries(FACET_FIELDS.map((f) => [f, {}])) } : {}),
      };
      const r = await this.run(params, searched);
      return { hits: r.hits.map((h) => ({ id: Number(h.id), score: h.score })), count: r.count, tokens, ...(q.facets ? { facets: facetsOf(r.facets) } : {}) };
    }

    // phrases: candidates hold any of the words (Orama's all-words mode miscounts when a word also
    // matches longer words by prefix), then the phrase itself must be in one field
    const all = await this.run({ ...base, threshold: 1, limit: Math.max(1, this.size) }, searched);
    const kept = all.hits.filter((h) => SEARCH_FIELDS.some((f) => phrases.every((p) => h.document[f].includes(p))));
    return {
      hits: kept.slice(offset, offset + limit).map((h) => ({ id: Number(h.id), score: h.score })),
      count: kept.length,
      tokens,
      ...(q.facets ? { facets: countFacets(kept.map((h) => h.document)) } : {}),
    };
  }

  async similar(q: SimilarQuery): Promise<IndexHit[]> {
    const tokens = tellingTokens(this.analyzer.queryTokens(q.text), (t) => this.documentFrequency(t));
    if (tokens.length === 0) return [];
    const run = async (where?: Record<string, unknown>) => {
      const params = {
        properties: ['clauseText', 'reasoning'],
        boost: SIMILAR_BOOST,
        tolerance: 0,
        threshold: 1,
        relevance: { ...this.relevance },
        limit: SIMILAR_CANDIDATES,
        ...(where ? { where } : {}),
      };
      return (await this.run(params, tokens)).hits;
    };
    // the same rule's decisions are searched on their own too, so a rare rule still gets its precedents
    const hits = [...(await run()), ...(q.rule ? await run({ rule: { eq: q.rule } }) : [])];
    return rankSimilar(hits.map((h) => ({ id: Number(h.id), score: h.score, rule: h.document.rule, category: h.document.category })), q);
  }

  save(): unknown {
    return save(this.db);
  }
}

/**
 * The words a clause is compared by (similar clauses, both engines): the rarest words of the
 * clause say most about what it is about; those in no clause are left out, ties go to the
 * longer word.
 */
/**
 * On a large index, query words found in more than PRUNE_SHARE of the decisions are dropped
 * when rarer ones remain (they would score nearly every decision and tell nothing apart).
 */
export function withoutCommon(tokens: string[], size: number, documentFrequency: (token: string) => number): string[] {
  if (size < PRUNE_MIN_DOCS || tokens.length < 2) return tokens;
  const limit = size * PRUNE_SHARE;
  const rare = tokens.filter((t) => documentFrequency(t) <= limit);
  return rare.length ? rare : tokens;
}

export function tellingTokens(tokens: readonly string[], documentFrequency: (token: string) => number): string[] {
  return tokens
    .map((t) => ({ t, df: documentFrequency(t) }))
    .filter((x) => x.df > 0)
    .sort((a, b) => a.df - b.df || b.t.length - a.t.length)
    .slice(0, SIMILAR_MAX_TOKENS)
    .map((x) => x.t);
}

/**
 * The precedents of a clause from the candidates of both runs (all decisions, then those under
 * the clause's rule): the same rule and the same category rank higher.
 */
export function rankSimilar(hits: readonly { id: number; score: number; rule: string; category: string }[], q: SimilarQuery): IndexHit[] {
  const best = new Map<number, IndexHit>();
  for (const h of hits) {
    if (q.exclude?.(h.id) || best.has(h.id)) continue;
    const boost = (q.rule && h.rule === q.rule ? SAME_RULE_BOOST : 1) * (q.category && h.category === q.category ? SAME_CATEGORY_BOOST : 1);
    best.set(h.id, { id: h.id, score: h.score * boost });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, q.limit ?? 3);
}

function whereOf(f: DecisionFilters): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const k of ['issuer', 'department', 'category', 'outcome', 'rule', 'reviewType', 'sourceKind'] as const) {
    const v = f[k];
    if (v !== undefined) where[k] = { eq: v };
  }
  if (f.from || f.to) where['date'] = { between: [f.from ? dayNumber(f.from) : 0, f.to ? dayNumber(f.to) : 99_991_231] };
  return where;
}

export function emptyFacets(): Record<FacetField, FacetCount[]> {
  return Object.fromEntries(FACET_FIELDS.map((f) => [f, []])) as unknown as Record<FacetField, FacetCount[]>;
}

export function sortedCounts(values: Record<string, number>): FacetCount[] {
  return Object.entries(values)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh'));
}

function facetsOf(r: Results<OramaDoc>['facets']): Record<FacetField, FacetCount[]> {
  const out = emptyFacets();
  for (const f of FACET_FIELDS) out[f] = sortedCounts(r?.[f]?.values ?? {});
  return out;
}

function countFacets(docs: readonly OramaDoc[]): Record<FacetField, FacetCount[]> {
  const out = emptyFacets();
  for (const f of FACET_FIELDS) {
    const values: Record<string, number> = {};
    for (const d of docs) values[d[f]] = (values[d[f]] ?? 0) + 1;
    out[f] = sortedCounts(values);
  }
  return out;
}
