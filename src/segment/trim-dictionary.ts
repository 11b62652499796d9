/**
 * A smaller jieba dictionary with the same word weights: the words of at least `minFrequency`
 * (and every single character), plus two sentinel entries that keep the dictionary's total
 * frequency and its smallest frequency. jieba weighs a word log(freq / total) and an unknown
 * character by the smallest weight, so every word kept (and every user-dictionary word with a
 * frequency, as in rules/dict/) weighs exactly what it weighed in the full dictionary; only the
 * rare words are gone, and the HMM still joins unknown runs. Cut by scripts/build-dictionary.ts
 * at build time; web-standard, so a Workers build can trim the same way.
 *
 * `keep`: rarer words kept all the same — the build keeps every word the full dictionary cuts out of
 * the rule files and the legal corpus, and every place name (src/node/jieba-dictionary.ts): jieba's
 * frequencies come from general text, where 甲方, 注销, 吴兴区 or 国有企业 are rare.
 *
 * The rules read the cut only to count the words of a span against a `window`, so what matters is
 * the count: on the probe clauses of generalisation-r28…r31 (none of them in the rule files) 76.6 %
 * of 40-character windows held another number of words than under the full dictionary with the
 * frequent words alone, 18.7 % with the kept words too (mean difference 1.47 → 0.23 words); load
 * 1 s → 0.1 s and about 190 MB less memory (test/segment/trimmed-dictionary.test.ts, README).
 */

/** Private-use characters: never in a draft, so the sentinels never match text. */
const SENTINEL_MIN = '\uE000\uE001';
const SENTINEL_REST = '\uE000\uE002';

export const DEFAULT_MIN_FREQUENCY = 200;

export interface TrimmedDictionary {
  text: string;
  words: number;
  keptFrom: number;
}

/** `dictionary`: jieba's format, one `word frequency tag` a line; `keep`: words kept whatever their frequency. */
export function trimDictionary(dictionary: string, minFrequency = DEFAULT_MIN_FREQUENCY, keep: ReadonlySet<string> = new Set()): TrimmedDictionary {
  const kept: string[] = [];
  let all = 0;
  let removed = 0;
  let min = Infinity;
  for (const line of dictionary.split('\n')) {
    const [word, freq] = line.split(' ');
    if (!word || freq === undefined) continue;
    const n = Number(freq);
    if (!(n > 0)) throw new Error(`词典行无效：${line.slice(0, 40)}`);
    all++;
    min = Math.min(min, n);
    // single characters stay: they are the fallback of every cut
    if (n >= minFrequency || [...word].length === 1 || keep.has(word)) kept.push(line.trimEnd());
    else removed += n;
  }
  if (!all) throw new Error('词典为空');
  if (removed > 0) {
    kept.push(`${SENTINEL_MIN} ${min} x`);
    if (removed > min) kept.push(`${SENTINEL_REST} ${removed - min} x`);
  }
  return { text: `${kept.join('\n')}\n`, words: kept.length, keptFrom: all };
}
