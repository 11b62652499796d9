/**
 * Word segmentation behind an interface: nodejieba on Node (src/node/), jieba-wasm on
 * Workers later. Index and query must use the same segmenter.
 */
export interface Segmenter {
  readonly name: string;
  /** Precise-mode cut; the tokens concatenate back to the input exactly. */
  cut(text: string): string[];
  /**
   * Search-mode cut: the precise words plus the dictionary words inside long ones
   * (指定品牌 → 指定, 品牌, 指定品牌), overlapping, so no offsets. For building search indexes.
   */
  cutForSearch?(text: string): string[];
}

export interface Token {
  word: string;
  start: number;
  end: number;
}

/** Tokens with offsets into `text` (offsets are running sums of token lengths). */
export function tokenize(segmenter: Segmenter, text: string, base = 0): Token[] {
  const out: Token[] = [];
  let at = 0;
  for (const word of segmenter.cut(text)) {
    // a segmenter that drops characters would break offsets: resynchronise on the text
    const found = text.startsWith(word, at) ? at : text.indexOf(word, at);
    if (found < 0) continue;
    out.push({ word, start: base + found, end: base + found + word.length });
    at = found + word.length;
  }
  return out;
}

/** A segmenter without a dictionary: runs of CJK characters, ASCII words, single symbols. */
export const characterSegmenter: Segmenter = {
  name: 'characters',
  cut(text: string): string[] {
    return text.match(/[\u4e00-\u9fff]|[A-Za-z0-9.%]+|\s+|[^\u4e00-\u9fffA-Za-z0-9.%\s]/g) ?? [];
  },
};
