/** literal-alternation.ts: the trie gives allHits' spans for every literal alternation, and declines any other regex. */
import { describe, expect, it } from 'vitest';
import { alternativesOf, literalAlternation } from '../../src/rules/literal-alternation.js';
import { allHits, termsRegex } from '../../src/rules/pattern-text.js';

/** A small seeded generator (the same cases every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('literalAlternation', () => {
  it('matches as the regex does: the earliest alternative at a position, then on after it', () => {
    const same = (source: string, text: string) => expect(literalAlternation(new RegExp(source, 'g'))?.(text), `${source} on ${text}`).toEqual(allHits(new RegExp(source, 'g'), text));
    same('企业|企', '本地企业和企');
    same('企|企业', '本地企业和企'); // the earlier alternative wins though shorter
    same('本地企业|本地|地企', '本地企业本地企地企');
    same('a\\.b|\\(|\\|', 'a.b(|axb');
    same('ab|abc|b', 'abcabab');
    same('𠀀|本', '𠀀本𠀀'); // astral characters: two units each
  });

  it('agrees with allHits on random term lists and texts', () => {
    const next = random(15);
    const alphabet = '本地外企业区市县供应商投标人a.|(';
    const word = (max: number) => Array.from({ length: 1 + Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let k = 0; k < 400; k++) {
      const terms = Array.from({ length: 1 + Math.floor(next() * 8) }, () => word(4));
      const text = word(60);
      for (const re of [termsRegex(terms), new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')]) {
        const trie = literalAlternation(re);
        expect(trie, re.source).toBeDefined();
        expect(trie?.(text), `${re.source} on ${text}`).toEqual(allHits(re, text));
      }
    }
  });

  it('declines every regex that is more than literals, and every flag but g', () => {
    for (const source of ['本地|外地[企]', '(?:本地)|外地', '本地?', '^本地', '本地$', 'a\\d', 'a\\u4e00', '本地|', '|本地', 'a{2}', 'a.b']) expect(literalAlternation(new RegExp(source, 'g')), source).toBeUndefined();
    for (const flags of ['', 'gi', 'gu', 'gy', 'gm', 'gs']) expect(literalAlternation(new RegExp('本地|外地', flags)), flags).toBeUndefined();
    expect(alternativesOf('a\\|b|c')).toEqual(['a|b', 'c']);
  });
});
