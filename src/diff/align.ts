/**
 * Clauses of two versions aligned by content, not by number: equal texts first (in order, then anywhere), then one
 * clause split into consecutive clauses (or consecutive ones merged into one), then the most
 * similar remaining pairs (character-bigram Dice ≥ 0.45, candidates through an inverted index of the rarer bigrams),
 * the rest added or removed. A matched pair out of order (not on the longest increasing run)
 * is a moved clause; a pair whose label changed, a renumbered one.
 */
import { diffArrays } from 'diff';
import { bigrams, dice, merged, overlap, size, type Unit } from './units.js';

export type Pairing =
  | { kind: 'same' | 'changed'; old: number; new: number; similarity: number; moved: boolean; renumbered: boolean }
  | { kind: 'split'; old: number; news: number[]; similarity: number }
  | { kind: 'merged'; olds: number[]; new: number; similarity: number }
  | { kind: 'removed'; old: number }
  | { kind: 'added'; new: number };

const SIMILAR = 0.45;
const PART_CONTAINED = 0.5;
const UNION_SIMILAR = 0.75;

type Bag = Map<string, number>;

/**
 * Runs of two or more consecutive free units of the other side, each mostly contained in
 * `whole` (shared[j] = bigrams in common), that together explain `whole` better than any one.
 */
function findSplit(whole: Bag, shared: Map<number, number>, parts: Bag[], free: boolean[]): number[] | undefined {
  const contained = [...shared]
    .filter(([j, common]) => free[j] && size(parts[j] as Bag) >= 4 && common / size(parts[j] as Bag) >= PART_CONTAINED)
    .map(([j]) => j)
    .sort((x, y) => x - y);
  let best: { run: number[]; score: number } | undefined;
  let run: number[] = [];
  const consider = () => {
    if (run.length < 2) return;
    const score = dice(whole, merged(run.map((i) => parts[i] as Bag)));
    const single = Math.max(...run.map((i) => dice(whole, parts[i] as Bag)));
    if (score >= UNION_SIMILAR && score > single + 0.1 && (!best || score > best.score)) best = { run: [...run], score };
  };
  for (const j of contained) {
    if (run.length && j !== (run[run.length - 1] as number) + 1) {
      consider();
      run = [];
    }
    run.push(j);
  }
  consider();
  return best?.run;
}

/**
 * For each unit of one side, the units of the other it shares most with: candidates through
 * an inverted index of the other side's rarer bigrams (a bigram in most clauses tells
 * nothing), then the exact bigram overlap with the best few.
 */
function sharedWith(from: Bag[], fromFree: boolean[], to: Bag[], toFree: boolean[], keep = 24): Map<number, number>[] {
  const df = new Map<string, number>();
  to.forEach((bag, j) => {
    if (toFree[j]) for (const g of bag.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  });
  const limit = Math.max(24, Math.ceil(to.length * 0.02));
  const index = new Map<string, number[]>();
  to.forEach((bag, j) => {
    if (!toFree[j]) return;
    for (const g of bag.keys()) {
      if ((df.get(g) ?? 0) > limit) continue;
      const list = index.get(g);
      if (list) list.push(j);
      else index.set(g, [j]);
    }
  });
  const hits = new Int32Array(to.length);
  return from.map((bag, i) => {
    const out = new Map<number, number>();
    if (!fromFree[i]) return out;
    const touched: number[] = [];
    for (const g of bag.keys()) {
      for (const j of index.get(g) ?? []) {
        if (hits[j] === 0) touched.push(j);
        hits[j] = (hits[j] as number) + 1;
      }
    }
    const best = touched.sort((x, y) => (hits[y] as number) - (hits[x] as number)).slice(0, keep);
    for (const j of best) out.set(j, overlap(bag, to[j] as Bag));
    for (const j of touched) hits[j] = 0;
    return out;
  });
}

/** Indices (into `seq`) of a longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev: number[] = new Array(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] as number] as number) < (seq[i] as number)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let k = tails.length ? (tails[tails.length - 1] as number) : -1; k >= 0; k = prev[k] as number) out.add(k);
  return out;
}

export function alignUnits(oldUnits: Unit[], newUnits: Unit[]): Pairing[] {
  const oldFree = oldUnits.map(() => true);
  const newFree = newUnits.map(() => true);
  const pairs: { old: number; new: number; similarity: number }[] = [];
  const out: Pairing[] = [];
  const take = (i: number, j: number, similarity: number) => {
    oldFree[i] = false;
    newFree[j] = false;
    pairs.push({ old: i, new: j, similarity });
  };

  // 1. equal texts: in order first (patience diff of the clause texts), then anywhere (moved)
  const ids = new Map<string, number>();
  const idOf = (u: Unit) => {
    let id = ids.get(u.text);
    if (id === undefined) ids.set(u.text, (id = ids.size));
    return id;
  };
  // patience: texts once on each side, in order, are anchors; between anchors a diff of the few in between
  const oldIds = oldUnits.map(idOf);
  const newIds = newUnits.map(idOf);
  const countIn = (xs: number[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<number, number>());
  const oldN = countIn(oldIds);
  const newN = countIn(newIds);
  const newAt = new Map<number, number>();
  newIds.forEach((id, j) => newAt.set(id, j));
  const unique = oldIds.flatMap((id, i) => (oldN.get(id) === 1 && newN.get(id) === 1 ? [{ old: i, new: newAt.get(id) as number }] : []));
  const steady = longestIncreasing(unique.map((p) => p.new));
  const anchors = unique.filter((_, k) => steady.has(k));
  let prev = { old: -1, new: -1 };
  for (const an of [...anchors, { old: oldUnits.length, new: newUnits.length }]) {
    if (an.old - prev.old > 1 && an.new - prev.new > 1) {
      let i0 = prev.old + 1;
      let j0 = prev.new + 1;
      for (const c of diffArrays(oldIds.slice(i0, an.old), newIds.slice(j0, an.new))) {
        const n = c.count ?? c.value.length;
        if (!c.added && !c.removed) for (let k = 0; k < n; k++) take(i0 + k, j0 + k, 1);
        if (!c.added) i0 += n;
        if (!c.removed) j0 += n;
      }
    }
    if (an.old < oldUnits.length) take(an.old, an.new, 1);
    prev = an;
  }
  const byText = new Map<string, number[]>();
  newUnits.forEach((u, j) => {
    if (!newFree[j]) return;
    const list = byText.get(u.text);
    if (list) list.push(j);
    else byText.set(u.text, [j]);
  });
  oldUnits.forEach((u, i) => {
    if (!oldFree[i]) return;
    const j = byText.get(u.text)?.find((k) => newFree[k]);
    if (j !== undefined) take(i, j, 1);
  });

  const oldBags = oldUnits.map((u) => bigrams(u.text));
  const newBags = newUnits.map((u) => bigrams(u.text));

  // 2. splits and merges
  const oldShared = sharedWith(oldBags, oldFree, newBags, newFree);
  oldUnits.forEach((_, i) => {
    if (!oldFree[i]) return;
    const run = findSplit(oldBags[i] as Bag, oldShared[i] as Map<number, number>, newBags, newFree);
    if (!run) return;
    oldFree[i] = false;
    for (const j of run) newFree[j] = false;
    out.push({ kind: 'split', old: i, news: run, similarity: dice(oldBags[i] as Bag, merged(run.map((j) => newBags[j] as Bag))) });
  });
  const newShared = sharedWith(newBags, newFree, oldBags, oldFree);
  newUnits.forEach((_, j) => {
    if (!newFree[j]) return;
    const run = findSplit(newBags[j] as Bag, newShared[j] as Map<number, number>, oldBags, oldFree);
    if (!run) return;
    newFree[j] = false;
    for (const i of run) oldFree[i] = false;
    out.push({ kind: 'merged', olds: run, new: j, similarity: dice(newBags[j] as Bag, merged(run.map((i) => oldBags[i] as Bag))) });
  });

  // 3. most similar remaining pairs
  const candidates: { old: number; new: number; similarity: number }[] = [];
  oldBags.forEach((bag, i) => {
    if (!oldFree[i]) return;
    const a = size(bag);
    for (const [j, common] of oldShared[i] ?? []) {
      if (!newFree[j]) continue;
      const s = (2 * common) / (a + size(newBags[j] as Bag));
      if (s >= SIMILAR) candidates.push({ old: i, new: j, similarity: s });
    }
  });
  const distance = (c: { old: number; new: number }) => Math.abs(c.old / Math.max(1, oldUnits.length) - c.new / Math.max(1, newUnits.length));
  candidates.sort((x, y) => y.similarity - x.similarity || distance(x) - distance(y));
  for (const c of candidates) if (oldFree[c.old] && newFree[c.new]) take(c.old, c.new, c.similarity);

  // 4. moved and renumbered
  pairs.sort((x, y) => x.old - y.old);
  const inOrder = longestIncreasing(pairs.map((p) => p.new));
  pairs.forEach((p, k) => {
    const o = oldUnits[p.old] as Unit;
    const n = newUnits[p.new] as Unit;
    out.push({ kind: p.similarity === 1 ? 'same' : 'changed', old: p.old, new: p.new, similarity: p.similarity, moved: !inOrder.has(k), renumbered: o.label !== n.label || o.path !== n.path });
  });
  oldFree.forEach((free, i) => free && out.push({ kind: 'removed', old: i }));
  newFree.forEach((free, j) => free && out.push({ kind: 'added', new: j }));
  return out.sort((x, y) => newPosition(x) - newPosition(y));
}

/** Sort key: where the pairing sits in the new version (removed ones just after their old neighbour's place). */
function newPosition(p: Pairing): number {
  switch (p.kind) {
    case 'same':
    case 'changed':
    case 'merged':
      return p.new;
    case 'split':
      return p.news[0] ?? 0;
    case 'added':
      return p.new;
    case 'removed':
      return p.old - 0.5;
  }
}
