/**
 * The scanner's literal dictionary (literal-trie.ts) answers as the phrase index it replaced: for every
 * text, the OR of the bits of every literal occurring in it (overlapping occurrences, literals inside
 * literals, long ones, surrogate pairs, many ids on one literal), on random literal sets and texts over a
 * small alphabet.
 */
import { describe, expect, it } from 'vitest';
import { PhraseIndex } from '../../src/annotate/phrase-index.js';
import { LiteralTrie } from '../../src/rules/literal-trie.js';

function expected(literals: Map<string, number[]>, text: string, words: number): Uint32Array {
  const index = new PhraseIndex<number>();
  for (const [literal, ids] of literals) for (const id of ids) index.add(literal, id);
  const bits = new Uint32Array(words);
  index.each(text, (id) => {
    bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
  });
  return bits;
}

function trieBits(literals: Map<string, number[]>, text: string, words: number): Uint32Array {
  const units = [...literals.keys()].reduce((n, l) => n + l.length, 0);
  const bits = new Uint32Array(words);
  new LiteralTrie(literals, units).scan(text, bits);
  return bits;
}

/** A small deterministic generator (the same cases on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('LiteralTrie', () => {
  it('finds overlapping literals, literals within literals, long literals and surrogate pairs', () => {
    const long = '本'.repeat(40);
    const literals = new Map<string, number[]>([
      ['本地', [0]],
      ['本地企业', [1, 40]],
      ['地企', [2]],
      ['企', [3, 4, 70]],
      [long, [5]],
      ['𠀀字', [6]],
    ]);
    for (const text of ['本地企业', '本地', '地企业', `${long}本`, '𠀀字在此', '𠀀', '', '无关的文字', '本本本地地企']) {
      expect(Array.from(trieBits(literals, text, 3)), text).toEqual(Array.from(expected(literals, text, 3)));
    }
  });

  it('answers as the phrase index on random literal sets and texts', () => {
    const next = random(15);
    const alphabet = ['本', '地', '企', '业', '外', 'a', '，'];
    const word = (max: number) => Array.from({ length: 1 + Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 200; round++) {
      const literals = new Map<string, number[]>();
      const count = 1 + Math.floor(next() * 40);
      for (let i = 0; i < count; i++) {
        const literal = word(round % 10 === 0 ? 40 : 5);
        const ids = literals.get(literal) ?? [];
        const id = Math.floor(next() * 100);
        if (!ids.includes(id)) ids.push(id);
        literals.set(literal, ids);
      }
      for (let k = 0; k < 5; k++) {
        const text = word(60);
        expect(Array.from(trieBits(literals, text, 4)), `${[...literals.keys()].join('|')} / ${text}`).toEqual(Array.from(expected(literals, text, 4)));
      }
    }
  });
});
