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
  private readonly phrases = new Map<string, T[]>();
  /** First two characters → the distinct lengths of phrases starting with them, longest first. */
  private readonly lengths = new Map<string, number[]>();
  private readonly single = new Set<string>();
  /** Characters (UTF-16 units) some phrase starts with: most positions of a text are rejected here. */
  private readonly firsts = new Uint8Array(65536);

  add(phrase: string, value: T): void {
    if (!phrase) return;
    const list = this.phrases.get(phrase);
    if (list) {
      if (!list.includes(value)) list.push(value);
      return;
    }
    this.phrases.set(phrase, [value]);
    this.firsts[phrase.charCodeAt(0)] = 1;
    if (phrase.length === 1) {
      this.single.add(phrase);
      return;
    }
    const key = phrase.slice(0, 2);
    const ls = this.lengths.get(key) ?? [];
    if (!ls.includes(phrase.length)) {
      ls.push(phrase.length);
      ls.sort((a, b) => b - a);
    }
    this.lengths.set(key, ls);
  }

  get size(): number {
    return this.phrases.size;
  }

  /** Every phrase occurrence, overlapping ones included, in text order (longest first at a position). */
  all(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = 0; i < text.length; i++) this.at(text, i, out, false);
    return out;
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

  private at(text: string, i: number, out: PhraseMatch<T>[], firstOnly: boolean): void {
    if (this.firsts[text.charCodeAt(i)] === 0) return;
    const ls = this.lengths.get(text.slice(i, i + 2));
    if (ls) {
      for (const len of ls) {
        if (i + len > text.length) continue;
        const s = text.slice(i, i + len);
        const values = this.phrases.get(s);
        if (!values) continue;
        out.push({ start: i, end: i + len, text: s, values });
        if (firstOnly) return;
      }
    }
    const ch = text[i] as string;
    if (this.single.has(ch)) out.push({ start: i, end: i + 1, text: ch, values: this.phrases.get(ch) as T[] });
  }
}
