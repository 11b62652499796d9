/**
 * Scoring and ordering for the posting-list decision index (posting-index.ts): BM25 exactly as
 * Orama computes it (its parameters, field lengths and running average, the same boosts, OR
 * over the query words), accumulated per slot in one Float64Array that is reused from search
 * to search, and Orama's order of results.
 */
import type { IndexHit, IndexQuery } from './decision-index.js';
import { F, TEXT_FIELDS, type PostingField, type PostingStore, type TextField } from './posting-store.js';

export class PostingScorer {
  /** Per slot: the score of the last search (valid for the slots in `matched`). */
  scores: Float64Array = new Float64Array(0);
  /** Per slot: the search that last scored it (`epoch`). */
  private seen: Uint32Array = new Uint32Array(0);
  private epoch = 0;
  /** The slots matched by the last search, in its first n places. */
  matched: Int32Array = new Int32Array(0);

  constructor(
    private readonly store: PostingStore,
    private readonly relevance: { k: number; b: number; d: number },
  ) {}

  private scratch(): void {
    if (this.scores.length < this.store.next) {
      this.scores = new Float64Array(this.store.ids.length);
      this.seen = new Uint32Array(this.store.ids.length);
      this.matched = new Int32Array(this.store.ids.length);
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
  score(tokens: readonly string[], boosts: Partial<Record<TextField, number>>, allowed: Uint8Array | null): number {
    this.scratch();
    const { k, b, d } = this.relevance;
    const store = this.store;
    const docs = store.size;
    const { scores, seen, matched, epoch } = this;
    const alive = store.alive;
    let n = 0;
    for (const name of TEXT_FIELDS) {
      const boost = boosts[name];
      if (boost === undefined) continue;
      const f = store.fields[F[name]] as PostingField;
      const fieldLen = f.fieldLen;
      const avg = f.avg;
      for (const t of tokens) {
        const tid = store.termIds.get(t);
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

  /** Live slots passing the filters, in `this.matched`, all scored 0. */
  everything(allowed: Uint8Array | null): number {
    this.scratch();
    const { next, alive } = this.store;
    let n = 0;
    for (let s = 0; s < next; s++) {
      if (!alive[s] || (allowed !== null && !allowed[s])) continue;
      this.scores[s] = 0;
      this.matched[n++] = s;
    }
    return n;
  }

  /**
   * Orama's order: by score (ties by id); by date, newest first, equal days latest-added first
   * (Orama's sorter), undated last by score.
   */
  order(sort: IndexQuery['sort']): (a: number, b: number) => boolean {
    const { scores } = this;
    const { ids, date } = this.store;
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

  hitsOf(slots: number[]): IndexHit[] {
    return slots.map((s) => ({ id: this.store.ids[s] as number, score: this.scores[s] as number }));
  }
}
