/**
 * A dictionary of phrases found in a text in one pass: phrases are keyed by their first two
 * characters (one for one-character phrases), so each position costs one or two map look-ups
 * and only plausible positions try the lengths that exist. Used for the 44,700 division names
 * and for the vocabulary; web-standard, no Node API.
 */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  text: string;
  values: T[];
}

export class PhraseIndex<T> {
  /** Phrase → its value, or its values when several share the phrase (most have one: no array each). */
  private readonly phrases = new Map<string, T | Multi<T>>();
  /** First two characters (as one number, pairOf) → the lengths (2–31) of phrases starting with them, as bits: no array each. */
  private readonly lengths = new Map<number, number>();
  /** Lengths of 32 and more, rare, by first two characters, longest first. */
  private readonly longLengths = new Map<number, number[]>();
  private readonly single = new Set<string>();
  /** The one-unit phrases, by code unit (each() tests them without making a string). */
  private readonly singles = new Uint8Array(65536);
  /** Characters (UTF-16 units) some phrase starts with: most positions of a text are rejected here. */
  private readonly firsts = new Uint8Array(65536);
  private count = 0;

  add(phrase: string, value: T): void {
    if (!phrase) return;
    const known = this.phrases.get(phrase);
    if (known !== undefined || this.phrases.has(phrase)) {
      if (known instanceof Multi) {
        if (!known.values.includes(value)) known.values.push(value);
      } else if (known !== value) this.phrases.set(phrase, new Multi([known as T, value]));
      return;
    }
    this.phrases.set(phrase, value);
    this.count++;
    this.firsts[phrase.charCodeAt(0)] = 1;
    if (phrase.length === 1) {
      this.single.add(phrase);
      this.singles[phrase.charCodeAt(0)] = 1;
      return;
    }
    const key = pairOf(phrase, 0);
    if (phrase.length < 32) this.lengths.set(key, (this.lengths.get(key) ?? 0) | (1 << phrase.length));
    else {
      const ls = this.longLengths.get(key) ?? [];
      if (!ls.includes(phrase.length)) ls.push(phrase.length);
      this.longLengths.set(key, ls.sort((a, b) => b - a));
    }
  }

  get size(): number {
    return this.count;
  }

  /** Every phrase occurrence, overlapping ones included, in text order (longest first at a position). */
  all(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < text.length; i++) this.at(text, i, out, false);
    return out;
  }

  /** Each value of every phrase occurrence, overlapping ones included, in text order; nothing allocated per occurrence. */
  each(text: string, visit: (value: T) => void): void {
    for (let i = 0; i < text.length; i++) {
      if (this.firsts[text.charCodeAt(i)] === 0) continue;
      const key = i + 1 < text.length ? pairOf(text, i) : -1;
      const long = key < 0 ? undefined : this.longLengths.get(key);
      if (long) for (const len of long) this.visitAt(text, i, len, visit);
      let bits = key < 0 ? 0 : (this.lengths.get(key) ?? 0);
      // the lengths present, shortest first
      while (bits !== 0) {
        const low = bits & -bits;
        this.visitAt(text, i, 31 - Math.clz32(low), visit);
        bits ^= low;
      }
      if (this.singles[text.charCodeAt(i)] === 1) this.visitAt(text, i, 1, visit);
    }
  }

  private visitAt(text: string, i: number, len: number, visit: (value: T) => void): void {
    if (i + len > text.length) return;
    const phrase = len === 1 ? (text[i] as string) : text.slice(i, i + len);
    const v = this.phrases.get(phrase);
    if (v === undefined && !this.phrases.has(phrase)) return;
    if (v instanceof Multi) for (const x of v.values) visit(x);
    else visit(v as T);
  }

  /** Leftmost-longest occurrences that do not overlap (the reading a person makes of 湖州市吴兴区). */
  longest(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < text.length; ) {
      const before = out.length;
      this.at(text, i, out, true);
      i = out.length > before ? (out[out.length - 1] as PhraseMatch<T>).end : i + 1;
    }
    return out;
  }

  private values(phrase: string): T[] | undefined {
    const v = this.phrases.get(phrase);
    if (v === undefined && !this.phrases.has(phrase)) return undefined;
    return v instanceof Multi ? v.values : [v as T];
  }

  /** Tries a phrase of `len` at i; true when found. */
  private try(text: string, i: number, len: number, out: PhraseMatch<T>[]): boolean {
    if (i + len > text.length) return false;
    const s = text.slice(i, i + len);
    const values = this.values(s);
    if (!values) return false;
    out.push({ start: i, end: i + len, text: s, values });
    return true;
  }

  private at(text: string, i: number, out: PhraseMatch<T>[], firstOnly: boolean): void {
    if (this.firsts[text.charCodeAt(i)] === 0) return;
    const key = i + 1 < text.length ? pairOf(text, i) : -1;
    const long = key < 0 ? undefined : this.longLengths.get(key);
    if (long) for (const len of long) if (this.try(text, i, len, out) && firstOnly) return;
    const bits = key < 0 ? undefined : this.lengths.get(key);
    if (bits) {
      for (let len = 31; len >= 2; len--) if (bits & (1 << len) && this.try(text, i, len, out) && firstOnly) return;
    }
    const ch = text[i] as string;
    if (this.single.has(ch)) out.push({ start: i, end: i + 1, text: ch, values: this.values(ch) as T[] });
  }
}

/**
 * Two UTF-16 units of a text at i as one small integer (a map key without making a string). Two
 * pairs may share a key: their lengths are merged, and each length tried is checked against the
 * phrase itself, so a shared key costs a look-up, never a wrong match.
 */
const pairOf = (text: string, i: number) => ((text.charCodeAt(i) << 14) ^ text.charCodeAt(i + 1)) & 0x3fffffff;

/** Several values of one phrase (a class of its own, so that a value that is an array is not mistaken for it). */
class Multi<T> {
  constructor(readonly values: T[]) {}
}
