/**
 * Filters and facet counts of the posting-list decision index (posting-index.ts), from the
 * per-slot value numbers of the store: no document is fetched to filter or to count.
 */
import { FACET_FIELDS, dayNumber, emptyFacets, sortedCounts, type DecisionFilters, type FacetCount, type FacetField } from './decision-index.js';
import type { PostingStore } from './posting-store.js';

/** Slots passing the filters (null when there are none, 'none' when no slot can pass). */
export function allowedBy(store: PostingStore, filters: DecisionFilters): Uint8Array | null | 'none' {
  const checks: { values: Int32Array; id: number }[] = [];
  for (const name of FACET_FIELDS) {
    const v = filters[name];
    if (v === undefined) continue;
    const id = store.facetValueId(name, v);
    if (id === undefined) return 'none';
    checks.push({ values: store.facetColumn(name), id });
  }
  const ranged = Boolean(filters.from || filters.to);
  if (!checks.length && !ranged) return null;
  const lo = filters.from ? dayNumber(filters.from) : 0;
  const hi = filters.to ? dayNumber(filters.to) : 99_991_231;
  const allowed = new Uint8Array(store.next);
  const date = store.date;
  outer: for (let s = 0; s < store.next; s++) {
    if (!store.alive[s]) continue;
    for (const c of checks) if (c.values[s] !== c.id) continue outer;
    if (ranged) {
      const day = date[s] as number;
      if (day === 0 || day < lo || day > hi) continue;
    }
    allowed[s] = 1;
  }
  return allowed;
}

/** The facet counts of the first `n` slots. */
export function facetCounts(store: PostingStore, slots: Int32Array, n: number): Record<FacetField, FacetCount[]> {
  const out = emptyFacets();
  for (const name of FACET_FIELDS) {
    const values = store.facetColumn(name);
    const names = store.facetNames(name);
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
  }
  return out;
}
