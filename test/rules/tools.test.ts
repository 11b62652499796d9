import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/corpus.js';
import { loadRuleSet, sharedDefinitions } from '../../src/node/rule-files.js';
import { compileRuleSet } from '../../src/rules/ruleset.js';
import { groupReport, kindOf, sourceOf, type LabelledClause } from '../../src/rules/evaluate.js';
import { explainRule } from '../../src/rules/explain.js';
import { anchorsAtStart, lintRules } from '../../src/rules/lint.js';

const ruleSet = loadRuleSet();

describe('fahu rules lint', () => {
  const warnings = lintRules(ruleSet);
  it('warns on long regexes and on a regex repeated across rules', () => {
    expect(warnings.some((w) => /正则长 \d+ 字符/.test(w.message))).toBe(true);
    // the shipped rules no longer repeat a blocker regex: lint two rules that do
    const rule = (id: string) => `  - id: ${id}
    title: 重复正则的规则
    category: 违法收费
    severity: low
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （二） }]
    explanation: 说明文字
    suggestion: 修改建议
    patterns: [{ terms: [检查费] }]
    unless: [{ regex: '(?:不得|严禁)以[^。；]{0,15}为(?:由|名)', scope: sentence }]
    examples:
      flag: [缴纳检查费。, 收取检查费。, 交检查费。]
      pass: [缴纳税款。, 收取租金。, 交房租。]
`;
    const corpus = JSON.parse(readFileSync(new URL('../../corpus/laws.json', import.meta.url), 'utf8')) as Corpus;
    const set = compileRuleSet([{ file: 'rules/dup.yaml', content: `rules:\n${rule('dup-one')}${rule('dup-two')}` }], sharedDefinitions(), corpus, { repealed: [] });
    const repeated = lintRules(set).find((w) => /同一正则出现在 (\d+) 条规则中/.test(w.message));
    expect(repeated?.rule.split('、').sort()).toEqual(['dup-one', 'dup-two']);
  });
  it('warns on rules whose examples come from fewer than three kinds of document, and not on the slot rule with four', () => {
    // the shipped core rules all have three kinds or more now: lint a rule whose examples are all management rules
    const corpus = JSON.parse(readFileSync(new URL('../../corpus/laws.json', import.meta.url), 'utf8')) as Corpus;
    const oneKind = `rules:
  - id: one-kind
    title: 例句只来自一类文件的规则
    category: 违法收费
    severity: low
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （二） }]
    explanation: 说明文字
    suggestion: 修改建议
    patterns: [{ terms: [检查费] }]
    examples:
      flag:
        - { text: 管理办法：商户缴纳检查费。, kind: management }
        - { text: 管理办法：企业交检查费。, kind: management }
        - { text: 管理办法：收取检查费。, kind: management }
      pass: [缴纳税款。, 收取租金。, 交房租。]
`;
    const set = compileRuleSet([{ file: 'rules/one-kind.yaml', content: oneKind }], sharedDefinitions(), corpus, { repealed: [] });
    expect(lintRules(set).some((w) => w.rule === 'one-kind' && /少于|只来自/.test(w.message))).toBe(true);
    expect(warnings.filter((w) => w.rule === 'benefit-on-local-condition')).toEqual([]);
  });
});

describe('fahu rules lint: a ^ in a later slot', () => {
  it('warns where a slot after the first anchors at the sentence start, and the shipped rules have none', () => {
    expect(anchorsAtStart('[^，。；]{0,6}的')).toBe(false);
    expect(anchorsAtStart('\\^号')).toBe(false);
    expect(anchorsAtStart('的?“|^生产的')).toBe(true);
    const corpus = JSON.parse(readFileSync(new URL('../../corpus/laws.json', import.meta.url), 'utf8')) as Corpus;
    const rule = `rules:
  - id: anchored-slot
    title: 后一槽位以句首锚定的规则
    category: 违法收费
    severity: low
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （二） }]
    explanation: 说明文字
    suggestion: 修改建议
    patterns:
      - slots:
          - { terms: [收取] }
          - { gap: 2 }
          - { regex: '^检查费' }
    examples:
      flag: [收取检查费。, 收取检查费用。, 收取了检查费。]
      pass: [缴纳税款。, 收取租金。, 交房租。]
`;
    const set = compileRuleSet([{ file: 'rules/anchored.yaml', content: rule }], sharedDefinitions(), corpus, { repealed: [] });
    expect(lintRules(set).some((w) => w.rule === 'anchored-slot' && /只在句首成立/.test(w.message))).toBe(true);
    expect(shippedWarnings().filter((w) => /只在句首成立/.test(w.message))).toEqual([]);
  });
});

const shippedWarnings = () => lintRules(ruleSet);

describe('fahu rules explain', () => {
  it('shows the annotations, the hits and the blockers that stop them', () => {
    const e = explainRule(ruleSet, 'benefit-on-local-condition', '对在吴兴区注册并纳税的企业给予奖励，不以在本区注册为给予奖励的条件。', { jurisdiction: '湖州市吴兴区' });
    expect(e.jurisdiction).toBe('吴兴区（审查时设定）');
    const s = e.sentences[0];
    expect(s?.places[0]).toBe('吴兴区（本地）');
    expect(s?.classes.some((c) => c.startsWith('condition：注册'))).toBe(true);
    expect(s?.hits.map((h) => h.blockedBy.length > 0)).toEqual([false, true]);
    expect(s?.hits[1]?.blockedBy.join('')).toMatch(/negation/);
  });
  it('refuses an unknown rule id', () => {
    expect(() => explainRule(ruleSet, 'no-such-rule', '句子')).toThrow(/没有编号为 no-such-rule 的规则/);
  });
});

describe('fahu eval --by-source', () => {
  it('groups recall by source and by document kind', () => {
    const items: LabelledClause[] = [
      { id: '1', text: '投标人在本市的业绩每项得2分', label: 'violation', category: '限制商品要素自由流动', source: 'github:a/b cases.html（副本）' },
      { id: '2', text: '甲方同意乙方独家经营', label: 'violation', category: '限制市场准入和退出', source: 'github:a/b cases.html（另一副本）' },
      { id: '3', text: '对新落户企业给予奖励', label: 'ok', category: 'ok', source: 'http://example.gov.cn/x' },
    ];
    const verdicts = new Map([['1', { flagged: true }], ['2', { flagged: false }], ['3', { flagged: true }]]);
    expect(groupReport(items, verdicts, sourceOf)).toEqual([
      { group: 'cases.html', violations: 2, caught: 1, ok: 0, falseAlarms: 0 },
      { group: 'http://example.gov.cn/x', violations: 0, caught: 0, ok: 1, falseAlarms: 1 },
    ]);
    expect(groupReport(items, verdicts, kindOf).map((r) => r.group).sort()).toEqual(['agreement', 'policy', 'tender']);
  });
});
