/**
 * Word families (rules/shared.yaml `families`): a plain word of a term list stands for every word of its family, in
 * slots, near items and blockers alike; regexes are not widened; a word in two families is a load error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadPlaceData } from '../../src/node/place-data.js';
import { runRules } from '../../src/rules/engine.js';
import { compileRuleSet, RuleLoadError } from '../../src/rules/ruleset.js';

const CORPUS: Corpus = {
  laws: [
    {
      name: '公平竞争审查条例', title: '公平竞争审查条例', docNumber: '', issuer: '国务院', completeness: '', file: '',
      articles: [{ article: '第八条', text: '第八条 ……', items: [{ item: '（三）', text: '（三）限定经营、购买或者使用特定经营者提供的商品；' }] }],
    },
  ],
};
const VOCABULARY = readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8');
const shared = (families: string) => `
sets:
  local: [本地, 本市]
families:
${families}
contexts:
  prohibition:
    - { scope: before, terms: [不得, 严禁] }
`;
const RULE = `
rules:
  - id: family-rule
    title: 限定向某公司采购
    category: 限制市场准入和退出
    severity: high
    basis: [{ law: 公平竞争审查条例, article: 第八条, item: （三） }]
    explanation: "“{quote}”限定了交易对象。"
    suggestion: 删除“{quote}”。
    patterns:
      - slots:
          - { terms: [只能] }
          - { gap: 2 }
          - { terms: [向] }
          - { gap: 10 }
          - { terms: [供应] }
      - regex: 统一出售
    unless:
      - { terms: [承接], scope: sentence }
    examples:
      flag: [a, b, c]
      pass: [d, e, f]
`;
const FAMILIES = '  - [供应, 供货]\n  - [承接, 承揽]\n  - [出售, 销售]';
const compile = (families: string) =>
  compileRuleSet([{ file: 'rules/t.yaml', content: RULE }], [shared(families)], CORPUS, { repealed: [] }, { vocabulary: VOCABULARY, places: loadPlaceData });
const rules = (families: string, text: string) =>
  runRules(ingestText(text, { fragment: true }), compile(families)).map((f) => f.rule);

describe('word families', () => {
  it('let a word of a slot stand for the other words of its family', () => {
    expect(rules(FAMILIES, '各单位只能向某某公司供应建材。')).toEqual(['family-rule']);
    expect(rules(FAMILIES, '各单位只能向某某公司供货。')).toEqual(['family-rule']);
    // without the family the other word is not read
    expect(rules('  - [承接, 承揽]', '各单位只能向某某公司供货。')).toEqual([]);
  });

  it('widen blockers the same way, and leave regexes as written', () => {
    expect(rules(FAMILIES, '中标人只能向某某公司供货，由其承揽安装。')).toEqual([]);
    expect(rules(FAMILIES, '建材由镇里统一出售。')).toEqual(['family-rule']);
    expect(rules(FAMILIES, '建材由镇里统一销售。')).toEqual([]);
  });

  it('refuse a word that belongs to two families', () => {
    expect(() => compile('  - [供应, 供货]\n  - [供货, 配送]')).toThrow(RuleLoadError);
    expect(() => compile('  - [供应, 供货]\n  - [供货, 配送]')).toThrow(/供货.*两个词族/);
  });
});
