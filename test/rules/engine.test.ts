import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { runRules } from '../../src/rules/engine.js';
import { primaryFinding, type Finding } from '../../src/rules/findings.js';
import { windowChars } from '../../src/rules/matchers.js';
import { compileRuleSet, RuleLoadError } from '../../src/rules/ruleset.js';

const CORPUS: Corpus = {
  laws: [
    {
      name: '公平竞争审查条例', title: '公平竞争审查条例', docNumber: '', issuer: '国务院', completeness: '', file: '',
      articles: [
        { article: '第九条', text: '第九条 ……', items: [{ item: '（二）', text: '（二）排斥、限制、强制或者变相强制外地经营者在本地投资经营或者设立分支机构；' }] },
        { article: '第十条', text: '第十条 ……', items: [{ item: '（一）', text: '（一）给予特定经营者税收优惠；' }] },
      ],
    },
  ],
};

const SHARED = `
sets:
  local: [本地, 本市, 项目所在地]
contexts:
  prohibition:
    - { scope: before, terms: [不得, 严禁] }
`;

const examples = `
    examples:
      flag: [a, b, c]
      pass: [d, e, f]`;

const rule = (body: string) => `
rules:
  - id: local-branch
    title: 要求在本地设立分支机构
    category: 限制商品要素自由流动
    severity: high
    basis: [{ law: 公平竞争审查条例, article: 第九条, item: （二） }]
    explanation: "“{quote}”要求外地经营者在本地设立分支机构。"
    suggestion: 删除“{quote}”。
${body}${examples}`;

const compile = (yaml: string) => compileRuleSet([{ file: 'rules/t.yaml', content: yaml }], [SHARED], CORPUS, { repealed: [] });
const run = (yaml: string, text: string, opts = {}) => runRules(ingestText(text, { fragment: true }), compile(yaml), opts);

describe('rule loading', () => {
  it('refuses a basis that is not in the corpus, naming file and rule', () => {
    const bad = rule(`    patterns: [{ terms: [分支机构] }]`).replace('article: 第九条, item: （二）', 'article: 第九条, item: （九）');
    expect(() => compile(bad)).toThrow(RuleLoadError);
    expect(() => compile(bad)).toThrow(/rules\/t\.yaml 规则 local-branch：依据无效，《公平竞争审查条例》第九条没有第（九）项/);
  });

  it('refuses a rule with fewer than 3 examples of each kind and an unknown category', () => {
    const few = rule(`    patterns: [{ terms: [分支机构] }]`).replace('flag: [a, b, c]', 'flag: [a]').replace('限制商品要素自由流动', '地方保护');
    const err = (() => { try { compile(few); } catch (e) { return e as RuleLoadError; } return undefined; })();
    expect(err?.problems.join('\n')).toMatch(/至少 3 个应当命中的例句/);
    expect(err?.problems.join('\n')).toMatch(/category/);
  });

  it('refuses an undefined term set', () => {
    expect(() => compile(rule(`    patterns: [{ terms: ['@nowhere'] }]`))).toThrow(/未定义的词集 @nowhere/);
  });
});

describe('patterns', () => {
  const cooccur = rule(`    patterns:
      - all: [{ terms: ['@local'] }, { terms: [分支机构, 分公司] }]
        window: 8
    unless: [{ context: prohibition }]`);

  it('finds co-occurring terms in one sentence and quotes the span', () => {
    const f = run(cooccur, '投标人须在本地设立分支机构。');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'local-branch', quote: '本地设立分支机构', severity: 'high', explanation: '“本地设立分支机构”要求外地经营者在本地设立分支机构。' });
    expect(f[0]?.basis[0]).toMatchObject({ law: '公平竞争审查条例', article: '第九条', item: '（二）', text: expect.stringContaining('设立分支机构') });
  });

  it('respects the word window', () => {
    expect(run(cooccur, '本地的采购人在开展采购活动时应当按照规定程序公开公平地组织评审并接受分支机构监督。')).toHaveLength(0);
  });

  it('counts a window in characters (windowChars), with no segmenter at all', () => {
    // window 8 words: 14 characters (1.85 a word)
    expect(windowChars(8)).toBe(14);
    expect(run(cooccur, '投标人须在本地设立分支机构。')).toHaveLength(1);
    // 本地企业优先设立分支机构: 12 characters, within; 本地的企业应当按照要求设立分支机构: 17, not
    expect(run(cooccur, '投标人须为本地企业优先设立分支机构。')).toHaveLength(1);
    expect(run(cooccur, '本地的企业应当按照要求设立分支机构。')).toHaveLength(0);
  });

  it('does not fire across sentences', () => {
    expect(run(cooccur, '项目在本地实施。供应商可以设立分支机构。')).toHaveLength(0);
  });

  it('is blocked by a prohibition before the match, not after', () => {
    expect(run(cooccur, '不得要求经营者在本地设立分支机构。')).toHaveLength(0);
    expect(run(cooccur, '须在本地设立分支机构，否则不得参加投标。')).toHaveLength(1);
  });

  it('is blocked by a negation that overlaps the first words of the match (不要求 before a match starting at 要求)', () => {
    const shared = SHARED.replace('terms: [不得, 严禁]', 'terms: [不得, 严禁, 不要求]');
    const r = rule(`    patterns: [{ regex: '要求[^，。]{0,6}在本地设立分支机构' }]
    unless: [{ context: prohibition }]`);
    const c = compileRuleSet([{ file: 'rules/t.yaml', content: r }], [shared], CORPUS, { repealed: [] });
    const go = (t: string) => runRules(ingestText(t, { fragment: true }), c);
    expect(go('采购人不要求投标人在本地设立分支机构。')).toHaveLength(0);
    expect(go('采购人要求投标人在本地设立分支机构。')).toHaveLength(1);
  });

  it('regex patterns and issuer-level conditions', () => {
    const r = rule(`    patterns: [{ regex: "在[^，。]{1,6}(县|市)内设立(分公司|分支机构)" }]
    when: { issuerLevel: [county, unknown] }`);
    expect(run(r, '供应商在德清县内设立分公司的得5分。')).toHaveLength(1);
    const sc = ingestText('国务院关于某事的通知\n一、供应商在德清县内设立分公司的得5分。\n国务院\n2026年1月1日');
    expect(sc.meta.issuerLevel).toBe('state-council');
    expect(runRules(sc, compile(r))).toHaveLength(0);
  });
});

describe('findings', () => {
  it('merges overlapping findings of two rules into one, the more severe leading', () => {
    const two = `
rules:
  - id: a-medium
    title: 税收返还A
    category: 影响生产经营成本
    severity: medium
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （一） }]
    explanation: 解释说明
    suggestion: 修改建议
    patterns: [{ terms: [税收返还] }]${examples}
  - id: b-high
    title: 税收返还B
    category: 影响生产经营成本
    severity: high
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （一） }]
    explanation: 解释说明
    suggestion: 修改建议
    patterns: [{ terms: [给予税收返还] }]${examples}
`;
    const f = run(two, '对引进企业给予税收返还。');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'b-high', related: ['a-medium'], path: '第一段' });
  });
});

describe('document checks', () => {
  const docRule = (check: string, params = '') => `
rules:
  - id: doc-${check}
    title: 文件检查
    category: 程序与形式
    severity: medium
    basis: [{ law: 公平竞争审查条例, article: 第十条 }]
    explanation: 说明{years}
    suggestion: 建议修改
    check: ${check}
    ${params}${examples}`;

  it('long validity, with a stricter limit for provisional documents', () => {
    const text = '吴兴区某某管理暂行办法\n第一条 企业应当按要求提交材料。\n第二条 本办法自2026年1月1日起施行，有效期至2030年12月31日。';
    const doc = ingestText(text);
    expect(doc.meta.provisional).toBe(true);
    const f = runRules(doc, compile(docRule('long-validity', 'params: { maxYears: 5, provisionalMaxYears: 2 }')));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ quote: '有效期至2030年12月31日', explanation: '说明5', path: '第二条' });
  });

  it('effective on the day of issue for a document that imposes duties', () => {
    const text = '关于某事的通知\n一、企业应当于每月5日前报送数据。\n本通知自印发之日起施行。\n吴兴区某局\n2026年3月1日';
    expect(runRules(ingestText(text), compile(docRule('effective-on-issue')))).toHaveLength(1);
    const noDuty = text.replace('企业应当于每月5日前报送数据', '区财政局做好资金保障');
    expect(runRules(ingestText(noDuty), compile(docRule('effective-on-issue')))).toHaveLength(0);
  });

  it('a duty laid on 乙方 or 中标人 (agreement and tender rules) is a duty on an enterprise', () => {
    const text = '某某区招商引资合同管理办法\n第一条 乙方应当按季度向甲方报送项目建设进度。\n第二条 本办法自印发之日起施行。\n某某区人民政府\n2026年4月1日';
    expect(runRules(ingestText(text), compile(docRule('effective-on-issue')))).toHaveLength(1);
    const tender = text.replace('乙方应当按季度向甲方报送项目建设进度', '中标人须在合同签订前提交履约保证金');
    expect(runRules(ingestText(tender), compile(docRule('effective-on-issue')))).toHaveLength(1);
    const governmentOnly = text.replace('乙方应当按季度向甲方报送项目建设进度', '区商务局负责合同文本的归档');
    expect(runRules(ingestText(governmentOnly), compile(docRule('effective-on-issue')))).toHaveLength(0);
  });

  it('citing a repealed law', () => {
    const set = compileRuleSet([{ file: 'r.yaml', content: docRule('repealed-law') }], [SHARED], CORPUS, { repealed: [{ name: '商标管理条例', repealedOn: '1983-03-01', replacedBy: '中华人民共和国商标法' }] });
    const f = runRules(ingestText('关于某事的通知\n一、依照《商标管理条例》办理。'), set);
    expect(f.map((x) => x.quote)).toEqual(['《商标管理条例》']);
  });
});

describe('set references in regexes, lead sentences, fragments', () => {
  it('expands {@set} inside a regular expression into the set terms', () => {
    const yaml = rule(`    patterns: [{ regex: '(?:在){@local}设立分支机构' }]`);
    expect(run(yaml, '中标人须在本市设立分支机构。').map((f) => f.quote)).toEqual(['在本市设立分支机构']);
    expect(run(yaml, '中标人须在外省设立分支机构。')).toHaveLength(0);
  });

  it('a lead sentence that lists prohibited acts blocks the items below it', () => {
    const shared = SHARED.replace('  prohibition:\n', "  prohibition:\n    - { scope: lead, regex: '不得[^。：]{0,30}以下[^。：]{0,10}：' }\n");
    const set = compileRuleSet([{ file: 'rules/t.yaml', content: rule(`    patterns: [{ terms: [设立分支机构] }]\n    unless: [{ context: prohibition }]`) }], [shared], CORPUS, { repealed: [] });
    const listed = '关于某事的通知\n一、招标人不得设置以下限制条件：\n1.要求投标人在本地设立分支机构；\n2.要求投标人缴纳税收。';
    expect(runRules(ingestText(listed), set)).toHaveLength(0);
    const required = listed.replace('招标人不得设置以下限制条件：', '投标人应当符合以下条件：');
    expect(runRules(ingestText(required), set).map((f) => f.path)).toEqual(['一、1.']);
  });

  it('document-level checks do not run on a one-clause fragment', () => {
    const yaml = `
rules:
  - id: doc-no-validity
    title: 未规定有效期
    category: 程序与形式
    severity: medium
    basis: [{ law: 公平竞争审查条例, article: 第十条 }]
    explanation: 未规定有效期
    suggestion: 写明有效期
    check: no-validity${examples}`;
    const text = '关于某事的通知\n一、企业应当按要求报送材料。';
    expect(runRules(ingestText(text), compile(yaml))).toHaveLength(1);
    expect(runRules(ingestText('一、企业应当按要求报送材料。', { fragment: true }), compile(yaml))).toHaveLength(0);
  });
});

describe('the primary finding of a clause', () => {
  const f = (rule: string, category: Finding['category'], severity: Finding['severity'], start: number): Finding => ({ id: `${rule}@${start}`, rule, title: rule, category, severity, clauseId: 'a1', path: '第一条', quote: 'x', start, end: start + 1, basis: [], explanation: '', suggestion: '' });
  it('is the most severe, then the standard a review opinion cites first, then the first in the text', () => {
    expect(primaryFinding([f('a', '限制市场准入和退出', 'medium', 0), f('b', '限制商品要素自由流动', 'high', 9)])?.rule).toBe('b');
    expect(primaryFinding([f('a', '限制市场准入和退出', 'high', 0), f('b', '影响生产经营成本', 'high', 9)])?.rule).toBe('b');
    expect(primaryFinding([f('a', '增设处罚或强制', 'high', 5), f('b', '影响生产经营成本', 'high', 0)])?.rule).toBe('a');
    expect(primaryFinding([f('a', '限制市场准入和退出', 'high', 5), f('b', '限制市场准入和退出', 'high', 2)])?.rule).toBe('b');
    expect(primaryFinding([])).toBeUndefined();
  });
});
