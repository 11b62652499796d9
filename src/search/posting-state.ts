/**
 * Saving and loading the posting-list decision index (posting-index.ts). The state is typed
 * arrays and strings (structured-clone / v8 serialisable, not JSON); dead slots are compacted
 * away from the postings first, and the phrase signatures are not saved but recomputed on load.
 */
import { FACET_FIELDS } from './decision-index.js';
import { TEXT_FIELDS, type PostingStore } from './posting-store.js';
import { SIG_WORDS } from './posting-signatures.js';

/** The saved state (see `saveState`). */
export interface PostingState {
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

export function saveState(store: PostingStore): PostingState {
  if (store.deadPostings) store.compact();
  const next = store.next;
  return {
    engine: 'postings',
    version: 1,
    next,
    ids: store.ids.slice(0, next),
    alive: store.alive.slice(0, next),
    date: store.date.slice(0, next),
    // copies: the state may be kept while the index takes more changes
    terms: [...store.terms],
    fields: store.fields.map((f) => ({
      lists: f.lists.map((l, t) => l.slice(0, f.lens[t] as number)),
      df: [...f.df],
      fieldLen: f.fieldLen.slice(0, next),
      avg: f.avg,
      text: f.text.slice(0, next),
    })),
    facetValues: store.facetValues.map((vs) => [...vs]),
    facet: store.facet.map((a) => a.slice(0, next)),
  };
}

/** Loads a `saveState` state into an empty store. */
export function restoreState(store: PostingStore, s: PostingState): void {
  store.next = s.next;
  store.ids = s.ids;
  store.alive = s.alive;
  store.date = s.date;
  store.slotOf = new Map();
  for (let slot = 0; slot < s.next; slot++) if (s.alive[slot]) store.slotOf.set(s.ids[slot] as number, slot);
  store.terms = s.terms;
  store.termIds = new Map(s.terms.map((t, i) => [t, i]));
  store.postings = 0;
  store.fields = s.fields.map((f) => {
    const lens = f.lists.map((l) => l.length);
    store.postings += lens.reduce((a, b) => a + b, 0);
    return { lists: f.lists, lens, df: f.df, fieldLen: f.fieldLen, avg: f.avg, text: f.text };
  });
  store.facetValues = s.facetValues;
  store.facetValueIds = s.facetValues.map((vs) => new Map(vs.map((v, i) => [v, i])));
  store.facet = s.facet;
  store.sig = new Uint32Array(s.next * TEXT_FIELDS.length * SIG_WORDS);
  store.fields.forEach((f, fi) => {
    for (let slot = 0; slot < s.next; slot++) if (s.alive[slot]) store.sign(slot, fi, f.text[slot] as string);
  });
}
