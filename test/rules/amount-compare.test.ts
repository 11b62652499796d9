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
      articles: [{ article: '第十条', text: '第十条 ……', items: [{ item: '（四）', text: '（四）其他影响生产经营成本的内容。' }] }],
    },
  ],
};
const VOCABULARY = readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8');
const SHARED = `
sets:
  local: [本地]
contexts:
  prohibition:
    - { scope: before, terms: [不得] }
`;

const rule = (pattern: string) => `
rules:
  - id: amount-rule
    title: 保证金超过预算的规定比例
    category: 影响生产经营成本
    severity: medium
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （四） }]
    explanation: "“{quote}”保证金过高。"
    suggestion: 降低保证金。
    patterns:
${pattern}
    unless:
      - context: prohibition
    examples:
      flag: [a, b, c]
      pass: [d, e, f]`;

const DEPOSIT = `      - exceeds:
          demand: { terms: [投标保证金, 保证金] }
          need: { terms: [预算金额, 合同金额] }
          factor: 0.02
        scope: clause`;

const compile = (yaml: string) => compileRuleSet([{ file: 'rules/t.yaml', content: yaml }], [SHARED], CORPUS, { repealed: [] }, { vocabulary: VOCABULARY, places: loadPlaceData });
const quotes = (yaml: string, text: string) => runRules(ingestText(text, { fragment: true }), compile(yaml)).map((f) => f.quote);

describe('the exceeds pattern', () => {
  it('finds a demanded amount beyond the factor times the need the clause states', () => {
    expect(quotes(rule(DEPOSIT), '投标保证金为10万元（本项目预算金额为150万元）。')).toEqual(['投标保证金为10万元（本项目预算金额为150万元）']);
    expect(quotes(rule(DEPOSIT), '投标保证金为2万元（本项目预算金额为150万元）。')).toEqual([]);
  });

  it('compares only amounts of one dimension, and binds each amount to the nearest word before it', () => {
    // a share is not an amount to compare; 5万元 here is bound to 合同金额, not to 保证金
    expect(quotes(rule(DEPOSIT), '保证金为合同金额的10%，合同金额5万元。')).toEqual([]);
    expect(quotes(rule(DEPOSIT), '保证金为20万立方米，预算金额为100万元。')).toEqual([]);
  });

  it('looks across the sentences of one clause with scope: clause, quoting in the demand’s sentence', () => {
    expect(quotes(rule(DEPOSIT), '投标人须缴纳保证金30万元；本项目预算金额为200万元。')).toEqual(['投标人须缴纳保证金30万元']);
    expect(quotes(rule(DEPOSIT.replace('        scope: clause', '')), '投标人须缴纳保证金30万元；本项目预算金额为200万元。')).toEqual([]);
  });

  it('is blocked like any pattern, and rejects a malformed pattern when the rules load', () => {
    expect(quotes(rule(DEPOSIT), '不得要求投标保证金10万元（本项目预算金额为150万元）。')).toEqual([]);
    expect(() => compile(rule(DEPOSIT.replace('factor: 0.02', 'factor: -1')))).toThrow(RuleLoadError);
  });
});
