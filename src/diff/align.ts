/**
 * Clauses of two versions aligned by content, not by number: equal texts first, then one
 * clause split into consecutive clauses (or consecutive ones merged into one), then the most
 * similar remaining pairs (character-bigram Dice ≥ 0.45, found through an inverted index),
 * the rest added or removed. A matched pair out of order (not on the longest increasing run)
 * is a moved clause; a pair whose label changed, a renumbered one.
 */
import { bigrams, dice, merged, overlap, size, type Unit } from './units.js';

export type Pairing =
  | { kind: 'same' | 'changed'; old: number; new: number; similarity: number; moved: boolean; renumbered: boolean }
  | { kind: 'split'; old: number; news: number[]; similarity: number }
  | { kind: 'merged'; olds: number[]; new: number; similarity: number }
  | { kind: 'removed'; old: number }
  | { kind: 'added'; new: number };

const SIMILAR = 0.45;
const PART_CONTAINED = 0.8;
const UNION_SIMILAR = 0.75;

type Bag = Map<string, number>;

/** Consecutive free units of `parts` contained in `whole`: the best run of two or more, if it explains `whole` better than any one part. */
function findSplit(whole: Bag, parts: Bag[], free: boolean[]): number[] | undefined {
  let best: { run: number[]; score: number } | undefined;
  let run: number[] = [];
  const consider = () => {
    if (run.length < 2) return;
    const score = dice(whole, merged(run.map((i) => parts[i] as Bag)));
    const single = Math.max(...run.map((i) => dice(whole, parts[i] as Bag)));
    if (score >= UNION_SIMILAR && score > single + 0.1 && (!best || score > best.score)) best = { run: [...run], score };
  };
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Bag;
    const ok = free[i] && size(p) >= 4 && overlap(p, whole) / size(p) >= PART_CONTAINED;
    if (ok) run.push(i);
    else {
      consider();
      run = [];
    }
  }
  consider();
  return best?.run;
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

  // 1. equal texts, in order
  const byText = new Map<string, number[]>();
  newUnits.forEach((u, i) => byText.set(u.text, [...(byText.get(u.text) ?? []), i]));
  oldUnits.forEach((u, i) => {
    const j = byText.get(u.text)?.find((k) => newFree[k]);
    if (j === undefined) return;
    oldFree[i] = false;
    newFree[j] = false;
    pairs.push({ old: i, new: j, similarity: 1 });
  });

  const oldBags = oldUnits.map((u) => bigrams(u.text));
  const newBags = newUnits.map((u) => bigrams(u.text));

  // 2. splits and merges
  oldUnits.forEach((_, i) => {
    if (!oldFree[i]) return;
    const run = findSplit(oldBags[i] as Bag, newBags, newFree);
    if (!run) return;
    oldFree[i] = false;
    for (const j of run) newFree[j] = false;
    out.push({ kind: 'split', old: i, news: run, similarity: dice(oldBags[i] as Bag, merged(run.map((j) => newBags[j] as Bag))) });
  });
  newUnits.forEach((_, j) => {
    if (!newFree[j]) return;
    const run = findSplit(newBags[j] as Bag, oldBags, oldFree);
    if (!run) return;
    newFree[j] = false;
    for (const i of run) oldFree[i] = false;
    out.push({ kind: 'merged', olds: run, new: j, similarity: dice(newBags[j] as Bag, merged(run.map((i) => oldBags[i] as Bag))) });
  });

  // 3. most similar remaining pairs, through an inverted index of the new side
  const index = new Map<string, number[]>();
  newBags.forEach((bag, j) => {
    if (!newFree[j]) return;
    for (const g of bag.keys()) index.set(g, [...(index.get(g) ?? []), j]);
  });
  const candidates: { old: number; new: number; similarity: number }[] = [];
  oldBags.forEach((bag, i) => {
    if (!oldFree[i]) return;
    const shared = new Map<number, number>();
    for (const [g, v] of bag) for (const j of index.get(g) ?? []) shared.set(j, (shared.get(j) ?? 0) + Math.min(v, (newBags[j] as Bag).get(g) ?? 0));
    const a = size(bag);
    for (const [j, common] of shared) {
      const s = (2 * common) / (a + size(newBags[j] as Bag));
      if (s >= SIMILAR) candidates.push({ old: i, new: j, similarity: s });
    }
  });
  const distance = (c: { old: number; new: number }) => Math.abs(c.old / Math.max(1, oldUnits.length) - c.new / Math.max(1, newUnits.length));
  candidates.sort((x, y) => y.similarity - x.similarity || distance(x) - distance(y));
  for (const c of candidates) {
    if (!oldFree[c.old] || !newFree[c.new]) continue;
    oldFree[c.old] = false;
    newFree[c.new] = false;
    pairs.push(c);
  }

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
