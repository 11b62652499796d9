/**
 * Turning Chinese text into search tokens. Orama's default tokenizer treats every Chinese
 * character as a separator (a Chinese decision indexes to nothing), so the index gets its
 * tokens from the jieba segmenter instead:
 *
 *   index  search-mode cut (指定品牌 → 指定, 品牌, 指定品牌): a query for a part of a long word finds it
 *   query  search-mode cut too by default: a query word the corpus never has whole (指定品牌) still
 *          finds its parts, and clauses with all of them rank first. Measured against the
 *          precise cut in `npm run bench` (MRR 0.98 against 0.96 on the seed query set).
 *
 * Both drop punctuation, the stop words and lone Chinese characters (的, 对, 区 …: too common
 * to rank by; words of two or more characters carry the meaning). ASCII is lower-cased;
 * full-width letters and digits are folded (NFKC).
 */
import type { Segmenter } from '../segment/segmenter.js';
import { STOP_WORDS } from './stop-words.js';

export interface TextAnalyzer {
  readonly name: string;
  /** Tokens of a document field, without duplicates. */
  indexTokens(text: string): string[];
  /** Tokens of a query, without duplicates. */
  queryTokens(text: string): string[];
  /** Normalises one word the way the tokens are (for matching words of a text against query tokens). */
  normalize(word: string): string;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const LONE_CJK = /^[\u3400-\u9fff]$/;

export function normalizeWord(word: string): string {
  return word.normalize('NFKC').toLowerCase().trim();
}

/** Keeps a normalised word as a token? */
export function keepToken(t: string): boolean {
  return t.length > 0 && HAS_WORD.test(t) && !LONE_CJK.test(t) && !STOP_WORDS.has(t);
}

function tokens(words: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const t = normalizeWord(w);
    if (keepToken(t)) out.add(t);
  }
  return [...out];
}

export type QueryCut = 'precise' | 'search';

/** The jieba analyzer (the Segmenter must be the same for index and query). */
export function segmenterAnalyzer(segmenter: Segmenter, options: { queryCut?: QueryCut } = {}): TextAnalyzer {
  const forSearch = (text: string) => (segmenter.cutForSearch ? segmenter.cutForSearch(text) : segmenter.cut(text));
  const queryCut = options.queryCut ?? 'search';
  return {
    name: `${segmenter.name}/${queryCut}`,
    // folded before cutting, so that ＡＢＣ１２３ is one word as ABC123 is
    indexTokens: (text) => tokens(forSearch(text.normalize('NFKC'))),
    // whitespace separates words the user meant apart; each part is cut on its own
    queryTokens: (text) =>
      tokens(
        text
          .normalize('NFKC')
          .split(/\s+/)
          .filter(Boolean)
          .flatMap((part) => (queryCut === 'search' ? forSearch(part) : segmenter.cut(part))),
      ),
    normalize: normalizeWord,
  };
}
