/**
 * What a TextScanner keeps between processes (text-scanner.ts): the required literals of each regex, the trie of
 * all of them, the ids of its finders, and the hash that keys a finder.
 */
import type { LiteralTrieArrays } from './literal-trie.js';

/** Required literals by regex (flags/source), kept between processes; any value not a valid answer is recomputed. */
export interface LiteralCache {
  get(key: string): unknown;
  set(key: string, value: string[] | null): void;
}

/**
 * Tries made before, by what they were made of (`made`: every (literal, id) the finders asked for, in order, written
 * out unambiguously, TextScanner.made — the trie is a function of it alone): kept between processes, so that a start whose finders
 * ask for the same literals reads the trie instead of building it (17,000 literals: 40–60 ms of a cold start).
 */
export interface TrieStore {
  get(made: TrieMaterial): LiteralTrieArrays | undefined;
  set(made: TrieMaterial, arrays: LiteralTrieArrays): void;
}

/**
 * Every (literal, id) a scanner's finders asked for, in order: `units` the literals joined (UTF-16 units, lone
 * surrogates included), `counts` the finder count and then each literal's length and id — the lengths part `units`.
 */
export interface TrieMaterial {
  units: string;
  counts: Uint32Array;
}

/**
 * A scanner's ids after a compile (TextScanner.freeze), kept between processes (the Node loader's compiled rule cache):
 * TextScanner.thaw makes a scanner whose finders, made again for the same rule texts by the same code in any order
 * (a rule compiled on its first use), get the very ids they had, and whose one scan reads the trie built then.
 */
export interface FrozenScanner {
  /** Finder ids made (the scan's bits). */
  count: number;
  /** The ids of the finders without required literals (run on every text). */
  unfiltered: number[];
  /** A finder id with further requirement sets, and their ids. */
  more: [number, number[]][];
  /** Each finder's key (flags and source, or the phrases) by its keyHash, and its id. */
  keys: [string, number][];
}

/** A FrozenScanner as thawed: its ids and further sets read when a finder is first made (a rule's first run). */
export interface ThawScanner {
  count: number;
  unfiltered: number[];
  more: () => [number, number[]][];
  keys: () => [string, number][];
}

/**
 * A 64-bit hash of a text (two 32-bit multiply-xor lanes) with its length: the key of a finder in FrozenScanner. The
 * keys of one compile are checked distinct when frozen (TextScanner.freeze), and a thawed scanner is only ever asked
 * for keys of that compile, so an id is never taken for another key. Web-standard (no crypto).
 */
export function keyHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(36)}.${(h1 >>> 0).toString(36)}.${text.length}`;
}
