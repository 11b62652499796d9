/**
 * The pre-filter of the rule regexes (text-scanner.ts): `requiredLiterals` names strings one of
 * which every match contains, and the scanner skips a regex on a text holding none of them. It
 * must never skip a text the regex matches: checked on hand-made cases, on random expressions
 * over a small alphabet against random texts, and on every regex of the shipped rules against
 * the fixture sentences.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allHits } from '../../src/rules/pattern-text.js';
import { requiredLiteralSets, requiredLiterals } from '../../src/rules/required-literals.js';
import { TextScanner } from '../../src/rules/text-scanner.js';

describe('requiredLiterals', () => {
  it('names the literals of plain and alternative expressions', () => {
    expect(requiredLiterals('不得限定')).toEqual(['不得限定']);
    expect(requiredLiterals('本地|本县')?.sort()).toEqual(['本县', '本地']);
    expect(requiredLiterals('(?:须由|应由)[^。]{0,10}(?:控股|全资)')?.sort()).toEqual(['应由', '须由']);
    // a run of whole parts is joined (其 then one of two words); of two requirements the one with fewer strings is kept
    expect(requiredLiterals('其(?:企业|经营者)[^，]{0,4}')?.sort()).toEqual(['其企业', '其经营者']);
    expect(requiredLiterals('(?:企业|经营者)[^，]{0,4}不予')).toEqual(['不予']);
    expect(requiredLiterals('a\\.b')).toEqual(['a.b']);
    expect(requiredLiterals('(?<=期间)暂停')).toEqual(['暂停']);
  });

  it('drops a string that contains another of the set', () => {
    expect(requiredLiterals('每批次?|每批')).toEqual(['每批']);
  });

  it('gives null when nothing is required', () => {
    for (const re of ['[一二三]+', '\\d+', '.', 'a?', 'a*b*', '\\d+|本地', '', '(?=本地)'])
      expect(requiredLiterals(re), re).toBeNull();
  });

  it('gives null on syntax it does not analyse (the regex then always runs)', () => {
    for (const re of ['a{', '\\p{L}', '\\cJ', '(?i)a', '\\k<x>', '\\q']) expect(requiredLiterals(re), re).toBeNull();
    expect(requiredLiterals('本地', 'gi')).toBeNull();
  });

  it('holds on random expressions against random texts', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // the high bits: the low ones of this generator cycle (texts would all be shifts of abc，abc，)
      return Math.floor(seed / 65536) % n;
    };
    const alphabet = 'abc，';
    const atom = (depth: number): string => {
      const k = rand(depth > 2 ? 4 : 7);
      if (k <= 1) return alphabet[rand(alphabet.length)] as string;
      if (k === 2) return ['[ab]', '[^，]', '.', '\\b'][rand(4)] as string;
      if (k === 3) return ['a', 'bc', 'ca'][rand(3)] as string;
      if (k === 4) return `(?:${expr(depth + 1)})`;
      if (k === 5) return `(${expr(depth + 1)})`;
      return [`(?<=${expr(depth + 1)})`, `(?!${expr(depth + 1)})`][rand(2)] as string;
    };
    const quant = () => ['', '', '', '?', '*', '+', '{2}', '{0,2}', '{1,3}', '+?'][rand(10)] as string;
    const seq = (depth: number) => Array.from({ length: 1 + rand(4) }, () => atom(depth) + quant()).join('');
    const expr = (depth: number): string => Array.from({ length: 1 + rand(3) }, () => seq(depth)).join('|');
    let checked = 0;
    let withSets = 0;
    for (let i = 0; i < 4000; i++) {
      // a sequence at the top every fourth time: what has further requirement sets
      const source = i % 4 === 3 ? seq(0) : expr(0);
      let re: RegExp;
      try {
        re = new RegExp(source, 'g');
      } catch {
        continue;
      }
      const needles = requiredLiterals(source);
      const sets = requiredLiteralSets(source);
      for (let j = 0; j < 20; j++) {
        const text = Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length)]).join('');
        if (allHits(re, text).length === 0 || !needles) continue;
        checked++;
        expect(
          needles.some((n) => text.includes(n)),
          `${source} matches ${text} but requires ${needles.join('|')}`,
        ).toBe(true);
        for (const set of sets) expect(set.some((n) => text.includes(n)), `${source} matches ${text} but requires one of ${set.join('|')}`).toBe(true);
        if (sets.length) withSets++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(withSets).toBeGreaterThan(50);
  });

  it('names the further sets of a sequence', () => {
    expect(requiredLiteralSets('(?:外地|外省)[^，]{0,10}(?:企业|单位)不得')).toEqual(expect.arrayContaining([['外地', '外省'], ['企业', '单位']]));
    expect(requiredLiteralSets('外地|企业')).toEqual([]);
  });
});

describe('TextScanner', () => {
  it('answers what allHits answers, for every regex of the rule files on the fixture texts', () => {
    const root = join(import.meta.dirname, '..', '..');
    const sources = ['rules', 'rules/shared', 'rules/packs/tongzhuang']
      .flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(root, d, f), 'utf8')))
      .flatMap((text) => [...text.matchAll(/regex: (.+)$/gm)].map((m) => (m[1] as string).trim().replace(/^['"]|['"]$/g, '')))
      .filter((s) => !s.includes('{@'));
    const regexes = sources.flatMap((s) => {
      try {
        return [new RegExp(s, 'g')];
      } catch {
        return [];
      }
    });
    expect(regexes.length).toBeGreaterThan(200);
    const scanner = new TextScanner();
    const finders = regexes.map((re) => scanner.finder(re));
    const texts = readdirSync(join(root, 'fixtures', 'text'))
      .filter((f) => f.endsWith('.txt'))
      .flatMap((f) => readFileSync(join(root, 'fixtures', 'text', f), 'utf8').split(/(?<=[。；\n])/));
    let hits = 0;
    for (const text of texts) {
      regexes.forEach((re, i) => {
        const want = allHits(re, text);
        hits += want.length;
        expect((finders[i] as (t: string) => unknown)(text)).toEqual(want);
      });
    }
    expect(hits).toBeGreaterThan(0);
  });

  it('runs a regex once per text and shares the answer', () => {
    const scanner = new TextScanner();
    const re = /本地/g;
    const a = scanner.finder(re);
    const b = scanner.finder(/本地/g);
    const first = a('本地企业');
    expect(first).toEqual([{ start: 0, end: 2 }]);
    expect(b('本地企业')).toBe(first);
    expect(a('外地企业')).toEqual([]);
  });

  it('warmUp runs every expression once and changes no answer', () => {
    const text = '本区企业优先，外地企业须在本地设立分支机构，本地企业给予奖励。';
    const regexes = [/本地企业/g, /外地|外省/g, /设立(?:分支|子)机构/g, /须在.{0,6}设立/g];
    const before = new TextScanner();
    const expected = regexes.map((re) => before.finder(new RegExp(re.source, re.flags))(text));
    const scanner = new TextScanner();
    const finders = regexes.map((re) => scanner.finder(re));
    for (const re of regexes) re.lastIndex = 5;
    scanner.warmUp();
    for (const re of regexes) expect(re.lastIndex).toBe(0);
    expect(finders.map((f) => f(text))).toEqual(expected);
    expect(expected.flat().length).toBeGreaterThan(3);
  });
});
