/**
 * The rule set's literal dictionary (TextScanner): every literal in a trie of UTF-16 units whose edges are one
 * open-addressing hash table of typed arrays, each literal's node holding where its (word, mask) pairs are. A
 * scan walks the trie from each position of a text and ORs the pairs of every literal ending on the way into
 * the bits: every occurrence of every literal, overlapping ones included — what PhraseIndex.each visits — with
 * no string made per position and no object per node (PhraseIndex slices a string for each length a position's
 * first two characters allow, and looks it up by hash). Web-standard.
 */
/** What a trie is made of (LiteralTrie.arrays): edge table (from, unit, to), each node's pairs (at, pairs), first units. */
export interface LiteralTrieArrays {
  from: Int32Array;
  unit: Uint16Array;
  to: Int32Array;
  at: Int32Array;
  pairs: Int32Array;
  firsts: Uint8Array;
}

export class LiteralTrie {
  /** Edge table: the parent node, the unit, the child node; parent -1: an empty slot. */
  private readonly from: Int32Array;
  private readonly unit: Uint16Array;
  private readonly to: Int32Array;
  private readonly mask: number;
  /** Per node: where its literal's pairs start in `pairs` (a count, then (word, mask) pairs), or -1. */
  private readonly at: Int32Array;
  private readonly pairs: Int32Array;
  /** Units some literal starts with: most positions of a text are passed over here. */
  private readonly firsts: Uint8Array;

  /** The trie of arrays made before (LiteralTrie.arrays, e.g. read back from a cache on disk); undefined: not a trie's. */
  static fromArrays(a: LiteralTrieArrays): LiteralTrie | undefined {
    const cap = a.from.length;
    if (cap < 16 || (cap & (cap - 1)) !== 0 || a.unit.length !== cap || a.to.length !== cap || a.firsts.length !== 65536 || a.at.length < 1) return undefined;
    return new LiteralTrie([], 0, a);
  }

  /** `literals`: each literal with the ids it stands for (a finder's id: bit id of the scan's answer). */
  constructor(literals: Iterable<[string, readonly number[]]>, totalUnits: number, made?: LiteralTrieArrays) {
    if (made) {
      this.mask = made.from.length - 1;
      this.from = made.from;
      this.unit = made.unit;
      this.to = made.to;
      this.at = made.at;
      this.pairs = made.pairs;
      this.firsts = made.firsts;
      return;
    }
    this.firsts = new Uint8Array(65536);
    let cap = 16;
    while (cap < 2 * (totalUnits + 1)) cap <<= 1;
    this.mask = cap - 1;
    this.from = new Int32Array(cap).fill(-1);
    this.unit = new Uint16Array(cap);
    this.to = new Int32Array(cap);
    const at: number[] = [-1];
    const pairs: number[] = [];
    const words = new Map<number, number>();
    let nodes = 1;
    for (const [literal, ids] of literals) {
      if (!literal) continue;
      let n = 0;
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        let s = slot(n, c) & this.mask;
        while (this.from[s] !== -1 && !(this.from[s] === n && this.unit[s] === c)) s = (s + 1) & this.mask;
        if (this.from[s] === -1) {
          this.from[s] = n;
          this.unit[s] = c;
          this.to[s] = nodes++;
          at.push(-1);
        }
        n = this.to[s] as number;
      }
      this.firsts[literal.charCodeAt(0)] = 1;
      words.clear();
      for (const id of ids) words.set(id >>> 5, (words.get(id >>> 5) ?? 0) | (1 << (id & 31)));
      at[n] = pairs.length;
      pairs.push(words.size);
      for (const [word, m] of words) pairs.push(word, m);
    }
    this.at = Int32Array.from(at);
    this.pairs = Int32Array.from(pairs);
  }

  /** The trie's arrays (shared, never to be changed): LiteralTrie.fromArrays makes the same trie of them. */
  arrays(): LiteralTrieArrays {
    return { from: this.from, unit: this.unit, to: this.to, at: this.at, pairs: this.pairs, firsts: this.firsts };
  }

  /** ORs into `bits` the pairs of every literal occurring in `text`. */
  scan(text: string, bits: Uint32Array): void {
    const { from, unit, to, mask, at, pairs, firsts } = this;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      if (firsts[text.charCodeAt(i)] === 0) continue;
      let n = 0;
      for (let j = i; j < length; j++) {
        const c = text.charCodeAt(j);
        let s = slot(n, c) & mask;
        let next = -1;
        for (let f = from[s] as number; f !== -1; f = from[s] as number) {
          if (f === n && unit[s] === c) {
            next = to[s] as number;
            break;
          }
          s = (s + 1) & mask;
        }
        if (next < 0) break;
        n = next;
        const p = at[n] as number;
        if (p < 0) continue;
        const end = p + 1 + 2 * (pairs[p] as number);
        for (let k = p + 1; k < end; k += 2) bits[pairs[k] as number] = (bits[pairs[k] as number] as number) | (pairs[k + 1] as number);
      }
    }
  }
}

const slot = (node: number, unit: number) => (Math.imul(node, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) >>> 0;
