/**
 * The Segmenter on Workers: jieba-wasm (jieba-rs) with the same legal user dictionary as
 * nodejieba (rules/dict/legal-terms.dict, `word freq tag` lines). Initialised once per isolate.
 *
 * Offsets: jieba-wasm's own `tokenize` reports code points, not UTF-16 units, so it is not used;
 * `cut` returns the words, and segment/tokenize() sums their JS lengths (UTF-16), exactly as on
 * Node. `utf16Offsets` converts jieba-wasm tokens for callers that want them.
 */
import type { Segmenter } from '../segment/segmenter.js';

/** The part of jieba-wasm used (its web and Node builds both have it). */
export interface JiebaWasm {
  cut(text: string, hmm?: boolean | null): string[];
  cut_for_search(text: string, hmm?: boolean | null): string[];
  add_word(word: string, freq?: number | null, tag?: string | null): number;
}

/** Adds the user dictionary's words; returns how many. */
export function addUserDict(jieba: JiebaWasm, dict: string): number {
  let n = 0;
  for (const line of dict.split('\n')) {
    const [word, freq, tag] = line.trim().split(/\s+/);
    if (!word) continue;
    const f = Number(freq);
    jieba.add_word(word, Number.isFinite(f) && f > 0 ? f : null, tag ?? null);
    n++;
  }
  return n;
}

const ready = new WeakSet<JiebaWasm>();

export function wasmSegmenter(jieba: JiebaWasm, userDict: string): Segmenter {
  if (!ready.has(jieba)) {
    addUserDict(jieba, userDict);
    ready.add(jieba);
  }
  return {
    name: 'jieba-wasm',
    cut: (text: string) => jieba.cut(text, true),
    cutForSearch: (text: string) => jieba.cut_for_search(text, true),
  };
}

/** Code-point offsets (jieba-wasm's tokenize) to UTF-16 offsets into the same text. */
export function utf16Offsets(text: string, tokens: readonly { word: string; start: number; end: number }[]): { word: string; start: number; end: number }[] {
  const at: number[] = [0];
  let u = 0;
  for (const ch of text) at.push((u += ch.length));
  return tokens.map((t) => ({ word: t.word, start: at[t.start] ?? u, end: at[t.end] ?? u }));
}
