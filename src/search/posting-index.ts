/**
 * The decision index for large corpora: our own inverted index over typed arrays, behind the
 * same `DecisionIndex` interface as the Orama index and scoring exactly as Orama does (BM25
 * with Orama's parameters, field lengths and running average, the same boosts, OR over the
 * query words), so both engines rank alike (test/search/posting-index.test.ts compares them
 * on the seed). Web-standard, so it runs on Workers too.
 *
 * Why not Orama at 100,000 decisions: a query there walks Sets and per-document objects,
 * sorts every match and fetches documents for facets; frequent words have posting lists of
 * tens of thousands, and p95 was 300 ms. Here a posting list is an Int32Array of slots, a
 * score is accumulated in one Float64Array, the page is picked with a small heap instead of
 * sorting all matches, facets are counted from per-slot value numbers, and a quoted phrase is
 * looked for only in texts whose character-pair signature allows it (see SIG_WORDS).
 * bench/search-scale.ts: p95 within 12 ms at 100,000 decisions for every query kind.
 *
 * Slots: a decision gets the next slot when it is added and is never moved; an update frees
 * the old slot (its postings are skipped while dead and dropped at the next compaction) and
 * takes a new one. The index state is typed arrays and strings (structured-clone / v8
 * serialisable, not JSON).
 */
import type { TextAnalyzer } from './analyzer.js';
import {
  FACET_FIELDS,
  FIELD_BOOST,
  PRUNE_MIN_DOCS,
  PRUNE_SHARE,
  RELEVANCE,
  SIMILAR_BOOST,
  SIMILAR_CANDIDATES,
  SIMILAR_MAX_TOKENS,
  dayNumber,
  emptyFacets,
  rankSimilar,
  sortedCounts,
  type DecisionFilters,
  type DecisionIndex,
  type FacetCount,
  type FacetField,
  type IndexHit,
  type IndexQuery,
  type IndexResult,
  type IndexedDecision,
  type SimilarQuery,
} from './decision-index.js';

/**
 * The text fields, in Orama's schema order (title, clauseText, reasoning): scores are summed
 * in the same order as Orama sums them, so equal documents get bit-equal scores.
 */
const TEXT_FIELDS = ['title', 'clauseText', 'reasoning'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const F = { title: 0, clauseText: 1, reasoning: 2 } as const;
/** The list of a term not (yet) in a field: shared, replaced on the first posting. */
const NO_SLOTS = new Int32Array(0);
/**
 * Quoted phrases are checked with `includes` on the texts of the candidates; a common word of
 * the phrase (机构 in 分支机构) makes tens of thousands of candidates. Each field of each slot
 * has a 256-bit signature of its character pairs, so a text lacking a pair of the phrase is
 * passed over without reading it (no false negatives; `includes` decides the rest).
 */
const SIG_WORDS = 8;
/** Compaction drops dead postings once they are this share of all postings. */
const COMPACT_SHARE = 0.25;

interface PostingField {
  /** Per term id: slots holding the term (dead slots included until compaction). */
  lists: Int32Array[];
  /** Used length of each list. */
  lens: number[];
  /** Live documents holding the term (Orama's tokenOccurrences). */
  df: number[];
  /** Token count of each slot's field (Orama's fieldLengths). */
  fieldLen: Int32Array;
  /** Orama's running average of the field lengths. */
  avg: number;
  text: string[];
}

/** The saved state (see `save`). */
interface PostingState {
  engine: 'postings';
  version: 1;
  next: number;
  ids: Int32Array;
  alive: Uint8Array;
  date: Int32Array;
  terms: string[];
  fields: { lists: Int32Array[]; df: number[]; fieldLen: Int32Array; avg: number; text: string[] }[];
  facetValues: string[][];
  facet: Int32Array[];
}

/** A saved state of this version, whole (a damaged one is rebuilt from the rows instead). */
export function isPostingState(raw: unknown): raw is PostingState {
  if (typeof raw !== 'object' || raw === null) return false;
  const s = raw as Partial<PostingState>;
  const n = s.next;
  return (
    s.engine === 'postings' &&
    s.version === 1 &&
    typeof n === 'number' &&
    s.ids instanceof Int32Array && s.ids.length === n &&
    s.alive instanceof Uint8Array && s.alive.length === n &&
    s.date instanceof Int32Array && s.date.length === n &&
    Array.isArray(s.terms) &&
    Array.isArray(s.fields) && s.fields.length === TEXT_FIELDS.length &&
    s.fields.every((f) => f.lists.length === s.terms?.length && f.df.length === f.lists.length && f.fieldLen.length === n && f.text.length === n) &&
    Array.isArray(s.facet) && s.facet.length === FACET_FIELDS.length && s.facet.every((a) => a instanceof Int32Array && a.length === n) &&
    Array.isArray(s.facetValues) && s.facetValues.length === FACET_FIELDS.length
  );
}

export function createPostingIndex(analyzer: TextAnalyzer, relevance = RELEVANCE): DecisionIndex {
  return new PostingDecisionIndex(analyzer, relevance);
}

export function loadPostingIndex(analyzer: TextAnalyzer, raw: unknown, relevance = RELEVANCE): DecisionIndex {
  if (!isPostingState(raw)) throw new Error('not a whole posting index state');
  const idx = new PostingDecisionIndex(analyzer, relevance);
  idx.restore(raw);
  return idx;
}

/** The signature bit of the character pair at i, i+1. */
function pairBit(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i) * 65_599 + text.charCodeAt(i + 1), 0x9e3779b1) >>> 24) & 0xff;
}

function signInto(sig: Uint32Array, at: number, text: string): void {
  sig.fill(0, at, at + SIG_WORDS);
  for (let i = 0; i + 1 < text.length; i++) {
    const bit = pairBit(text, i);
    sig[at + (bit >>> 5)] = (sig[at + (bit >>> 5)] as number) | (1 << (bit & 31));
  }
}

/** The signature of the phrases (all must be in one field); null when a phrase is one character. */
function phraseSignature(phrases: readonly string[]): Uint32Array | null {
  if (phrases.some((p) => p.length < 2)) return null;
  const sig = new Uint32Array(SIG_WORDS);
  const tmp = new Uint32Array(SIG_WORDS);
  for (const p of phrases) {
    signInto(tmp, 0, p);
    for (let w = 0; w < SIG_WORDS; w++) sig[w] = (sig[w] as number) | (tmp[w] as number);
  }
  return sig;
}

function grow<T extends Int32Array | Uint8Array | Float64Array | Uint32Array>(a: T, min: number, smallest = 64): T {
  if (a.length >= min) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2, smallest));
  b.set(a);
  return b;
}

/** The k best of `n` slots by `better` (a binary heap whose root is the worst kept). */
function topK(slots: Int32Array, n: number, k: number, better: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  if (k * 4 >= n) {
    const all = Array.from(slots.subarray(0, n));
    return all.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0)).slice(0, k);
  }
  const heap: number[] = [];
  const worse = (i: number, j: number) => better(heap[j] as number, heap[i] as number);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && worse(l, w)) w = l;
      if (r < heap.length && worse(r, w)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w] as number, heap[i] as number];
      i = w;
    }
  };
  for (let i = 0; i < n; i++) {
    const s = slots[i] as number;
    if (heap.length < k) {
      heap.push(s);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        [heap[c], heap[p]] = [heap[p] as number, heap[c] as number];
        c = p;
      }
    } else if (better(s, heap[0] as number)) {
      heap[0] = s;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

class PostingDecisionIndex implements DecisionIndex {
  private next = 0;
  private ids: Int32Array = new Int32Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private date: Int32Array = new Int32Array(0);
  private slotOf = new Map<number, number>();
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private fields: PostingField[] = TEXT_FIELDS.map(() => ({ lists: [], lens: [], df: [], fieldLen: new Int32Array(0), avg: 0, text: [] }));
  private facetValueIds = FACET_FIELDS.map(() => new Map<string, number>());
  private facetValues: string[][] = FACET_FIELDS.map(() => []);
  private facet: Int32Array[] = FACET_FIELDS.map(() => new Int32Array(0));
  /** Character-pair signatures: SIG_WORDS words per text field per slot. */
  private sig: Uint32Array = new Uint32Array(0);
  private postings = 0;
  private deadPostings = 0;
  // scratch space of one search
  private scores: Float64Array = new Float64Array(0);
  private seen: Uint32Array = new Uint32Array(0);
  private epoch = 0;
  private matched: Int32Array = new Int32Array(0);

  constructor(
    private readonly analyzer: TextAnalyzer,
    private readonly relevance: { k: number; b: number; d: number },
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  async upsert(docs: readonly IndexedDecision[]): Promise<void> {
    const present = docs.filter((d) => this.slotOf.has(d.id)).map((d) => d.id);
    if (present.length) await this.remove(present);
    for (const d of docs) this.add(d);
  }

  async remove(ids: readonly number[]): Promise<void> {
    for (const id of ids) this.drop(id);
    if (this.deadPostings > COMPACT_SHARE * this.postings) this.compact();
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(t, id);
      this.terms.push(t);
      for (const f of this.fields) {
        f.lists.push(NO_SLOTS);
        f.lens.push(0);
        f.df.push(0);
      }
    }
    return id;
  }

  private ensureSlots(n: number): void {
    if (this.ids.length >= n) return;
    this.ids = grow(this.ids, n);
    this.alive = grow(this.alive, n);
    this.date = grow(this.date, n);
    for (const f of this.fields) f.fieldLen = grow(f.fieldLen, n);
    this.facet = this.facet.map((a) => grow(a, n));
    this.sig = grow(this.sig, this.ids.length * TEXT_FIELDS.length * SIG_WORDS);
  }

  private valueId(fi: number, value: string): number {
    const ids = this.facetValueIds[fi] as Map<string, number>;
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
      (this.facetValues[fi] as string[]).push(value);
    }
    return id;
  }

  private add(d: IndexedDecision): void {
    const slot = this.next++;
    this.ensureSlots(slot + 1);
    this.ids[slot] = d.id;
    this.alive[slot] = 1;
    this.date[slot] = d.date ? dayNumber(d.date) : 0;
    this.slotOf.set(d.id, slot);
    const n = this.slotOf.size;
    FACET_FIELDS.forEach((name, fi) => ((this.facet[fi] as Int32Array)[slot] = this.valueId(fi, d[name])));
    TEXT_FIELDS.forEach((name, fi) => {
      const f = this.fields[fi] as PostingField;
      const text = d[name];
      f.text[slot] = text;
      signInto(this.sig, (slot * TEXT_FIELDS.length + fi) * SIG_WORDS, text);
      const tokens = this.analyzer.indexTokens(text);
      // Orama's running average, updated the way Orama updates it
      f.avg = (f.avg * (n - 1) + tokens.length) / n;
      f.fieldLen[slot] = tokens.length;
      for (const t of tokens) {
        const id = this.termId(t);
        const len = f.lens[id] as number;
        let list = f.lists[id] as Int32Array;
        if (len === list.length) f.lists[id] = list = grow(list, len + 1, 4);
        list[len] = slot;
        f.lens[id] = len + 1;
        f.df[id] = (f.df[id] as number) + 1;
      }
      this.postings += tokens.length;
    });
  }

  private drop(id: number): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const n = this.slotOf.size;
    for (const f of this.fields) {
      const text = f.text[slot] as string;
      const tokens = this.analyzer.indexTokens(text);
      f.avg = n > 1 ? (f.avg * n - (f.fieldLen[slot] as number)) / (n - 1) : 0;
      for (const t of tokens) {
        const tid = this.termIds.get(t);
        if (tid !== undefined) f.df[tid] = (f.df[tid] as number) - 1;
      }
      this.deadPostings += tokens.length;
      f.text[slot] = '';
    }
    this.alive[slot] = 0;
    this.slotOf.delete(id);
  }

  /** Drops the postings of dead slots. */
  private compact(): void {
    const alive = this.alive;
    for (const f of this.fields) {
      for (let t = 0; t < f.lists.length; t++) {
        const list = f.lists[t] as Int32Array;
        const len = f.lens[t] as number;
        let w = 0;
        for (let r = 0; r < len; r++) {
          const s = list[r] as number;
          if (alive[s]) list[w++] = s;
        }
        f.lens[t] = w;
        if (w === 0) f.lists[t] = NO_SLOTS;
        else if (w < list.length / 4) f.lists[t] = list.slice(0, w);
      }
    }
    this.postings -= this.deadPostings;
    this.deadPostings = 0;
  }

  private scratch(): void {
    if (this.scores.length < this.next) {
      this.scores = new Float64Array(this.ids.length);
      this.seen = new Uint32Array(this.ids.length);
      this.matched = new Int32Array(this.ids.length);
      this.epoch = 0;
    }
    this.epoch++;
    if (this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
  }

  /**
   * Scores every live slot holding any of `tokens` in the given fields (BM25 as Orama computes
   * it; tokens are unique per field, so a term's frequency is 1 / field length) and returns
   * how many matched; the slots are in `this.matched`, their scores in `this.scores`.
   */
  private score(tokens: readonly string[], boosts: Partial<Record<TextField, number>>, allowed: Uint8Array | null): number {
    this.scratch();
    const { k, b, d } = this.relevance;
    const docs = this.size;
    const { scores, seen, matched, alive, epoch } = this;
    let n = 0;
    for (const name of TEXT_FIELDS) {
      const boost = boosts[name];
      if (boost === undefined) continue;
      const f = this.fields[F[name]] as PostingField;
      const fieldLen = f.fieldLen;
      const avg = f.avg;
      for (const t of tokens) {
        const tid = this.termIds.get(t);
        if (tid === undefined) continue;
        const df = f.df[tid] as number;
        if (df <= 0) continue;
        const idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        const list = f.lists[tid] as Int32Array;
        const len = f.lens[tid] as number;
        for (let i = 0; i < len; i++) {
          const s = list[i] as number;
          if (!alive[s] || (allowed !== null && !allowed[s])) continue;
          const fl = fieldLen[s] as number;
          const tf = 1 / fl;
          const bm25 = (idf * (d + tf * (k + 1))) / (tf + k * (1 - b + (b * fl) / avg));
          if (seen[s] !== epoch) {
            seen[s] = epoch;
            scores[s] = bm25 * boost;
            matched[n++] = s;
          } else scores[s] = (scores[s] as number) + bm25 * boost;
        }
      }
    }
    return n;
  }

  /** Slots passing the filters (null when there are none). */
  private allowedBy(filters: DecisionFilters): Uint8Array | null | 'none' {
    const checks: { values: Int32Array; id: number }[] = [];
    for (const name of FACET_FIELDS) {
      const v = filters[name];
      if (v === undefined) continue;
      const fi = FACET_FIELDS.indexOf(name);
      const id = this.facetValueIds[fi]?.get(v);
      if (id === undefined) return 'none';
      checks.push({ values: this.facet[fi] as Int32Array, id });
    }
    const ranged = Boolean(filters.from || filters.to);
    if (!checks.length && !ranged) return null;
    const lo = filters.from ? dayNumber(filters.from) : 0;
    const hi = filters.to ? dayNumber(filters.to) : 99_991_231;
    const allowed = new Uint8Array(this.next);
    const date = this.date;
    outer: for (let s = 0; s < this.next; s++) {
      if (!this.alive[s]) continue;
      for (const c of checks) if (c.values[s] !== c.id) continue outer;
      if (ranged) {
        const day = date[s] as number;
        if (day === 0 || day < lo || day > hi) continue;
      }
      allowed[s] = 1;
    }
    return allowed;
  }

  /** Live slots passing the filters, in `this.matched`, all scored 0. */
  private everything(allowed: Uint8Array | null): number {
    this.scratch();
    let n = 0;
    for (let s = 0; s < this.next; s++) {
      if (!this.alive[s] || (allowed !== null && !allowed[s])) continue;
      this.scores[s] = 0;
      this.matched[n++] = s;
    }
    return n;
  }

  private facetsOf(slots: Int32Array, n: number): Record<FacetField, FacetCount[]> {
    const out = emptyFacets();
    FACET_FIELDS.forEach((name, fi) => {
      const values = this.facet[fi] as Int32Array;
      const names = this.facetValues[fi] as string[];
      const counts = new Int32Array(names.length);
      for (let i = 0; i < n; i++) {
        const v = values[slots[i] as number] as number;
        counts[v] = (counts[v] as number) + 1;
      }
      const rec: Record<string, number> = {};
      counts.forEach((c, v) => {
        if (c > 0) rec[names[v] as string] = c;
      });
      out[name] = sortedCounts(rec);
    });
    return out;
  }

  /**
   * Orama's order: by score (ties by id); by date, newest first, equal days latest-added first
   * (Orama's sorter), undated last by score.
   */
  private order(sort: IndexQuery['sort']): (a: number, b: number) => boolean {
    const { scores, ids, date } = this;
    const byScore = (a: number, b: number) => {
      const sa = scores[a] as number;
      const sb = scores[b] as number;
      return sa > sb || (sa === sb && (ids[a] as number) < (ids[b] as number));
    };
    if (sort !== 'date') return byScore;
    return (a, b) => {
      const da = date[a] as number;
      const db = date[b] as number;
      if (da !== db) return da === 0 ? false : db === 0 ? true : da > db;
      if (da !== 0) return (ids[a] as number) > (ids[b] as number);
      return byScore(a, b);
    };
  }

  private hitsOf(slots: number[]): IndexHit[] {
    return slots.map((s) => ({ id: this.ids[s] as number, score: this.scores[s] as number }));
  }

  private withoutCommon(tokens: string[]): string[] {
    if (this.size < PRUNE_MIN_DOCS || tokens.length < 2) return tokens;
    const limit = this.size * PRUNE_SHARE;
    const rare = tokens.filter((t) => this.documentFrequency(t) <= limit);
    return rare.length ? rare : tokens;
  }

  private documentFrequency(token: string): number {
    const tid = this.termIds.get(token);
    return tid === undefined ? 0 : ((this.fields[F.clauseText] as PostingField).df[tid] as number);
  }

  async search(q: IndexQuery): Promise<IndexResult> {
    const phrases = (q.phrases ?? []).map((p) => p.trim()).filter(Boolean);
    const tokens = this.analyzer.queryTokens([q.words, ...phrases].join(' '));
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    const hasText = tokens.length > 0 || phrases.length > 0;
    const empty = (): IndexResult => ({ hits: [], count: 0, tokens, ...(q.facets ? { facets: emptyFacets() } : {}) });
    if (hasText && tokens.length === 0) return empty();
    const allowed = this.allowedBy(q.filters ?? {});
    if (allowed === 'none') return empty();

    let n = hasText ? this.score(phrases.length ? tokens : this.withoutCommon(tokens), FIELD_BOOST, allowed) : this.everything(allowed);
    const matched = this.matched;
    if (phrases.length) {
      // the phrase itself must be in one field (all phrases in the same one)
      const texts = this.fields.map((f) => f.text);
      const want = phraseSignature(phrases);
      const sig = this.sig;
      const fields = texts.length;
      let w = 0;
      for (let i = 0; i < n; i++) {
        const s = matched[i] as number;
        for (let fi = 0; fi < fields; fi++) {
          if (want) {
            const at = (s * fields + fi) * SIG_WORDS;
            let lacks = false;
            for (let k = 0; k < SIG_WORDS && !lacks; k++) lacks = ((want[k] as number) & ~(sig[at + k] as number)) !== 0;
            if (lacks) continue;
          }
          const text = (texts[fi] as string[])[s] as string;
          if (phrases.every((p) => text.includes(p))) {
            matched[w++] = s;
            break;
          }
        }
      }
      n = w;
    }
    const page = topK(matched, n, offset + limit, this.order(q.sort)).slice(offset);
    return { hits: this.hitsOf(page), count: n, tokens, ...(q.facets ? { facets: this.facetsOf(matched, n) } : {}) };
  }

  async similar(q: SimilarQuery): Promise<IndexHit[]> {
    const tokens = this.analyzer
      .queryTokens(q.text)
      .map((t) => ({ t, df: this.documentFrequency(t) }))
      .filter((x) => x.df > 0)
      .sort((a, b) => a.df - b.df || b.t.length - a.t.length)
      .slice(0, SIMILAR_MAX_TOKENS)
      .map((x) => x.t);
    if (tokens.length === 0) return [];
    const n = this.score(tokens, SIMILAR_BOOST, null);
    const better = this.order('relevance');
    const best = topK(this.matched, n, SIMILAR_CANDIDATES, better);
    let sameRule: number[] = [];
    const ruleId = q.rule ? this.facetValueIds[FACET_FIELDS.indexOf('rule')]?.get(q.rule) : undefined;
    if (ruleId !== undefined) {
      // the same rule's decisions on their own too, so a rare rule still gets its precedents
      const rules = this.facet[FACET_FIELDS.indexOf('rule')] as Int32Array;
      const mine = new Int32Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) if (rules[this.matched[i] as number] === ruleId) mine[m++] = this.matched[i] as number;
      sameRule = topK(mine, m, SIMILAR_CANDIDATES, better);
    }
    const ruleValues = this.facetValues[FACET_FIELDS.indexOf('rule')] as string[];
    const categoryValues = this.facetValues[FACET_FIELDS.indexOf('category')] as string[];
    const rules = this.facet[FACET_FIELDS.indexOf('rule')] as Int32Array;
    const categories = this.facet[FACET_FIELDS.indexOf('category')] as Int32Array;
    return rankSimilar(
      [...best, ...sameRule].map((s) => ({
        id: this.ids[s] as number,
        score: this.scores[s] as number,
        rule: ruleValues[rules[s] as number] as string,
        category: categoryValues[categories[s] as number] as string,
      })),
      q,
    );
  }

  save(): unknown {
    if (this.deadPostings) this.compact();
    const state: PostingState = {
      engine: 'postings',
      version: 1,
      next: this.next,
      ids: this.ids.slice(0, this.next),
      alive: this.alive.slice(0, this.next),
      date: this.date.slice(0, this.next),
      // copies: the state may be kept while the index takes more changes
      terms: [...this.terms],
      fields: this.fields.map((f) => ({
        lists: f.lists.map((l, t) => l.slice(0, f.lens[t] as number)),
        df: [...f.df],
        fieldLen: f.fieldLen.slice(0, this.next),
        avg: f.avg,
        text: f.text.slice(0, this.next),
      })),
      facetValues: this.facetValues.map((vs) => [...vs]),
      facet: this.facet.map((a) => a.slice(0, this.next)),
    };
    return state;
  }

  /** Loads a `save()` state into this (empty) index. */
  restore(s: PostingState): void {
    this.next = s.next;
    this.ids = s.ids;
    this.alive = s.alive;
    this.date = s.date;
    this.slotOf = new Map();
    for (let slot = 0; slot < s.next; slot++) if (s.alive[slot]) this.slotOf.set(s.ids[slot] as number, slot);
    this.terms = s.terms;
    this.termIds = new Map(s.terms.map((t, i) => [t, i]));
    this.postings = 0;
    this.fields = s.fields.map((f) => {
      const lens = f.lists.map((l) => l.length);
      this.postings += lens.reduce((a, b) => a + b, 0);
      return { lists: f.lists, lens, df: f.df, fieldLen: f.fieldLen, avg: f.avg, text: f.text };
    });
    this.facetValues = s.facetValues;
    this.facetValueIds = s.facetValues.map((vs) => new Map(vs.map((v, i) => [v, i])));
    this.facet = s.facet;
    this.sig = new Uint32Array(s.next * TEXT_FIELDS.length * SIG_WORDS);
    this.fields.forEach((f, fi) => {
      for (let slot = 0; slot < s.next; slot++) if (s.alive[slot]) signInto(this.sig, (slot * TEXT_FIELDS.length + fi) * SIG_WORDS, f.text[slot] as string);
    });
  }
}
