/**
 * The storage of the posting-list decision index (posting-index.ts): slots, terms, the posting
 * lists and field lengths of each text field, the facet value of each slot, the phrase
 * signatures, and how they grow, shrink and compact as decisions come and go. Scoring,
 * filtering and saving read these arrays in place (posting-scoring.ts, posting-facets.ts,
 * posting-state.ts), so they are public.
 *
 * Slots: a decision gets the next slot when it is added and is never moved; an update frees
 * the old slot (its postings are skipped while dead and dropped at the next compaction) and
 * takes a new one.
 */
import type { TextAnalyzer } from './analyzer.js';
import { FACET_FIELDS, dayNumber, type FacetField, type IndexedDecision } from './decision-index.js';
import { SIG_WORDS, signInto } from './posting-signatures.js';

/**
 * The text fields, in Orama's schema order (title, clauseText, reasoning): scores are summed
 * in the same order as Orama sums them, so equal documents get bit-equal scores.
 */
export const TEXT_FIELDS = ['title', 'clauseText', 'reasoning'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const F = { title: 0, clauseText: 1, reasoning: 2 } as const;
/** The list of a term not (yet) in a field: shared, replaced on the first posting. */
const NO_SLOTS = new Int32Array(0);
/** Compaction drops dead postings once they are this share of all postings. */
const COMPACT_SHARE = 0.25;

export interface PostingField {
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

function grow<T extends Int32Array | Uint8Array | Float64Array | Uint32Array>(a: T, min: number, smallest = 64): T {
  if (a.length >= min) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2, smallest));
  b.set(a);
  return b;
}

export class PostingStore {
  next = 0;
  ids: Int32Array = new Int32Array(0);
  alive: Uint8Array = new Uint8Array(0);
  date: Int32Array = new Int32Array(0);
  slotOf = new Map<number, number>();
  termIds = new Map<string, number>();
  terms: string[] = [];
  fields: PostingField[] = TEXT_FIELDS.map(() => ({ lists: [], lens: [], df: [], fieldLen: new Int32Array(0), avg: 0, text: [] }));
  facetValueIds = FACET_FIELDS.map(() => new Map<string, number>());
  facetValues: string[][] = FACET_FIELDS.map(() => []);
  facet: Int32Array[] = FACET_FIELDS.map(() => new Int32Array(0));
  /** Character-pair signatures: SIG_WORDS words per text field per slot. */
  sig: Uint32Array = new Uint32Array(0);
  postings = 0;
  deadPostings = 0;

  constructor(private readonly analyzer: TextAnalyzer) {}

  get size(): number {
    return this.slotOf.size;
  }

  has(id: number): boolean {
    return this.slotOf.has(id);
  }

  /** Live documents holding the token in the clause text (as the Orama index counts it). */
  documentFrequency(token: string): number {
    const tid = this.termIds.get(token);
    return tid === undefined ? 0 : ((this.fields[F.clauseText] as PostingField).df[tid] as number);
  }

  /** The value id of `value` in a facet, if any decision ever had it. */
  facetValueId(name: FacetField, value: string): number | undefined {
    return this.facetValueIds[FACET_FIELDS.indexOf(name)]?.get(value);
  }

  /** Per slot, the value id of the facet. */
  facetColumn(name: FacetField): Int32Array {
    return this.facet[FACET_FIELDS.indexOf(name)] as Int32Array;
  }

  /** The facet's values, by value id. */
  facetNames(name: FacetField): string[] {
    return this.facetValues[FACET_FIELDS.indexOf(name)] as string[];
  }

  /** (Re)computes the signature of a text field of a slot. */
  sign(slot: number, fi: number, text: string): void {
    signInto(this.sig, (slot * TEXT_FIELDS.length + fi) * SIG_WORDS, text);
  }

  remove(ids: readonly number[]): void {
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

  add(d: IndexedDecision): void {
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
      this.sign(slot, fi, text);
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
  compact(): void {
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
}
