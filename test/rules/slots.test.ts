import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/corpus.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadPlaceData } from '../../src/node/place-data.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';
import { phraseAround } from '../../src/rules/slots.js';
import { compileRuleSet, RuleLoadError } from '../../src/rules/ruleset.js';
import { testRuleExamples } from '../../src/rules/self-test.js';

const CORPUS: Corpus = {
  laws: [
    {
      name: '公平竞争审查条例', title: '公平竞争审查条例', docNumber: '', issuer: '国务院', completeness: '', file: '',
      articles: [{ article: '第十条', text: '第十条 ……', items: [{ item: '（二）', text: '（二）违法违规安排财政支出；' }] }],
    },
  ],
};
const VOCABULARY = readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8');
const SHARED = `
sets:
  local: [本地, 本市]
contexts:
  prohibition:
    - { scope: before, terms: [不得, 严禁] }
    - { scope: phrase, terms: [清理, 整治] }
`;

const rule = (body: string, examples = 'flag: [a, b, c]\n      pass: [d, e, f]') => `
rules:
  - id: slot-rule
    title: 以本地注册为条件给予奖励
    category: 影响生产经营成本
    severity: high
    basis: [{ law: 公平竞争审查条例, article: 第十条, item: （二） }]
    explanation: "“{quote}”以本地注册为条件给予奖励。"
    suggestion: 删除“{quote}”。
${body}
    examples:
      ${examples}`;

const compile = (yaml: string) => compileRuleSet([{ file: 'rules/t.yaml', content: yaml }], [SHARED], CORPUS, { repealed: [] }, { vocabulary: VOCABULARY, places: loadPlaceData });
const run = (yaml: string, text: string, opts = {}) => runRules(ingestText(text, { fragment: true }), compile(yaml), opts);
const quotes = (yaml: string, text: string, opts = {}) => run(yaml, text, opts).map((f) => f.quote);

const SLOTS = `    patterns:
      - slots:
          - { place: local }
          - { gap: 8 }
          - { class: condition, terms: [注册, 纳税] }
          - { gap: 20 }
          - { class: benefit }
        quote: slots
    unless:
      - context: prohibition
      - { class: negation, scope: slot-negated }`;

describe('slot patterns', () => {
  it('start a quote cut by the length cap after an item label, not inside a word', () => {
    const text = '招标公告七、本项目于投标截止前第3日上午在昌乐县农业农村局组织现场踏勘和答疑会';
    const at = text.indexOf('踏勘');
    const q = phraseAround(text, at, at + 2);
    expect(text.slice(q.start, q.end)).toBe('本项目于投标截止前第3日上午在昌乐县农业农村局组织现场踏勘和答疑会');
    // a list in front of the hit is not a label: the quote keeps it
    const list = '供应商承诺活动所需舞美、灯光、音响设备全部从市内租赁的得6分';
    const r = phraseAround(list, list.indexOf('租赁'), list.indexOf('租赁') + 2);
    expect(list.slice(r.start, r.end)).toBe(list);
  });

  it('read near slots of scope lead in the clause and the lead-in that governs it (下列条件：), not elsewhere', () => {
    const yaml = rule(`    patterns:
      - slots:
          - { terms: [在] }
          - { gap: 1 }
          - { place: local }
          - { gap: 4 }
          - { terms: [注册] }
        near: [{ regex: '符合下列条件' }]
        scope: lead`);
    // the items sit beside their lead-in in a fragment, under it in a document: both read the lead-in
    expect(quotes(yaml, '投标人应当符合下列条件：（一）具有法人资格；（二）在本市注册满三年。')).toEqual(['在本市注册满三年']);
    const doc = ingestText('关于某事的通知\n第六条 投标人应当符合下列条件：\n（一）具有法人资格；\n（二）在本市注册满三年。');
    expect(runRules(doc, compile(yaml)).map((f) => f.quote)).toEqual(['在本市注册满三年']);
    // the same words without the lead-in, or after a lead-in that ends without a colon, are not a condition
    expect(quotes(yaml, '（一）具有法人资格；（二）在本市注册满三年。')).toEqual([]);
    expect(quotes(yaml, '本镇企业基本情况。（一）在本市注册的企业共120家。')).toEqual([]);
  });

  it('match a local place, a condition and a benefit in order within their gaps', () => {
    expect(quotes(rule(SLOTS), '对在本市注册的企业给予奖励。')).toEqual(['本市注册的企业给予奖励']);
    // a named place is the issuer's own when the review says so, another county's when not
    expect(quotes(rule(SLOTS), '对在吴兴区注册的企业给予奖励。', { jurisdiction: '湖州市吴兴区' })).toEqual(['吴兴区注册的企业给予奖励']);
    expect(quotes(rule(SLOTS), '对在南浔区注册的企业给予奖励。', { jurisdiction: '湖州市吴兴区' })).toEqual([]);
    // without a jurisdiction a named place is presumed local
    expect(quotes(rule(SLOTS), '对在吴兴区注册的企业给予奖励。')).toEqual(['吴兴区注册的企业给予奖励']);
  });

  it('respect gaps and order', () => {
    expect(quotes(rule(SLOTS), '本市的各类商会、行业协会组织企业注册的，给予奖励。')).toEqual([]);
    expect(quotes(rule(SLOTS), '给予奖励的企业须在本市注册。')).toEqual([]);
  });

  it('quote the phrase around the slots by default, or the slots named', () => {
    const phrase = rule(SLOTS.replace('        quote: slots\n', ''));
    expect(quotes(phrase, '符合条件的，对在本市注册的企业给予奖励，奖励标准另定。')).toEqual(['对在本市注册的企业给予奖励']);
    const part = rule(SLOTS.replace('quote: slots', 'quote: { from: 2, to: 3 }'));
    expect(quotes(part, '对在本市注册的企业给予奖励。')).toEqual(['注册的企业给予奖励']);
  });

  it('are blocked by a negation directly before a slot, and by prohibitions', () => {
    expect(quotes(rule(SLOTS), '不以在本市注册作为给予奖励的条件。')).toEqual([]);
    expect(quotes(rule(SLOTS), '严禁对在本市注册的企业给予奖励。')).toEqual([]);
  });

  it('can require a tender context and near terms anywhere in the clause', () => {
    const tender = rule(`    patterns:
      - slots: [{ place: local }, { gap: 6 }, { class: condition, terms: [业绩] }]
        requires: [tender]
        near: [{ regex: '得\\d+分' }]
        scope: clause`);
    expect(quotes(tender, '投标人在本市完成的业绩，每项得2分。')).toHaveLength(1);
    expect(quotes(tender, '企业在本市完成的业绩良好。')).toEqual([]);
  });
});

describe('differential and exclusive forms', () => {
  it('find two amounts bound to places of different locality', () => {
    const diff = rule(`    patterns:
      - differential: money`);
    expect(quotes(diff, '本地企业奖励50万元，外地企业奖励30万元。')).toEqual(['本地企业奖励50万元，外地企业奖励30万元']);
    expect(quotes(diff, '吴兴区内企业奖励50万元，湖州市外企业奖励20万元。', { jurisdiction: '吴兴区' })).toHaveLength(1);
    expect(quotes(diff, '本地企业奖励50万元，外地企业奖励50万元。')).toEqual([]);
    expect(quotes(diff, '区内外企业均奖励50万元，最高100万元。')).toEqual([]);
  });

  it('bind amounts to settings when every place of the sentence is one (在本区…补助200元，在区外…50元), not past an operator\'s place', () => {
    const diff = rule(`    patterns:
      - differential: money`);
    expect(quotes(diff, '在本区码头卸货的每航次补助200元，在区外码头卸货的每航次补助50元。')).toHaveLength(1);
    // 市外 is no setting: the setting 本区 (迁入本区) does not take the sum beyond 市外's reach
    expect(quotes(diff, '市外工程机械配套企业将总部迁入本区的，按其迁入后首年纳税额的50%给予一次性落户奖励，最高2000万元。')).toEqual([]);
  });

  it('bind an amount to where a person or firm is registered or lives (户籍在某镇的经营者, 注册在本县的企业): a record, not a setting', () => {
    const diff = rule(`    patterns:
      - differential: money`);
    expect(quotes(diff, '摊位费按月收取，户籍在新塍镇的经营者每月600元，外地经营者每月900元。')).toHaveLength(1);
    expect(quotes(diff, '注册在本县的企业奖励30万元，县外企业奖励10万元。')).toHaveLength(1);
    expect(quotes(diff, '户籍在本镇的经营者每月600元，外地经营者每月600元。')).toEqual([]);
    // 高于本市企业: a comparison names whose standard it is, no setting
    expect(quotes(diff, '对乙方（注册地在本市以外）项目设定的投资强度为每亩500万元，高于本市企业同类项目每亩300万元的标准。')).toHaveLength(1);
  });

  it('compare 全额 with a share of it, and bind a certificate to the place it was obtained (在本市培训机构取得…证书的300元；持市外取得的150元)', () => {
    const diff = rule(`    patterns:
      - differential: money
        scope: clause`);
    expect(quotes(diff, '镇内注册的服务机构收取的服务券按面值全额兑付；镇外服务机构收取的服务券按面值的八折兑付。')).toHaveLength(1);
    expect(quotes(diff, '镇内注册的服务机构收取的服务券按面值全额兑付；镇外服务机构收取的服务券也按面值全额兑付。')).toEqual([]);
    expect(quotes(diff, '在本市培训机构取得职业技能等级证书的，每人每月300元；持市外取得的同等级证书的，每人每月150元。')).toHaveLength(1);
    expect(quotes(diff, '在本市培训机构取得职业技能等级证书的，每人每月300元；持市外取得的同等级证书的，每人每月300元。')).toEqual([]);
  });

  it('bind a treatment after a semicolon to the place of its own half of the clause (非舟山籍渔船…每航次；本镇渔船按季度抽查)', () => {
    const diff = rule(`    patterns:
      - differential: treatment
        scope: clause`);
    expect(quotes(diff, '非舟山籍渔船在渔港停泊的，渔业办每航次登船检查；本镇渔船按季度抽查。')).toHaveLength(1);
    expect(quotes(diff, '非舟山籍渔船在渔港停泊的，渔业办每航次登船检查；本镇渔船也每航次登船检查。')).toEqual([]);
  });

  it('read how often operators are inspected by place (外地投资者…每季度由…开展一次检查；本县投资的…每年一次)', () => {
    const diff = rule(`    patterns:
      - differential: treatment
        scope: clause`);
    expect(quotes(diff, '外地投资者在本县经营的温泉企业，每季度由县文旅、市场监管部门联合开展一次全面检查；本县投资的企业每年检查一次。')).toHaveLength(1);
    expect(quotes(diff, '外地投资者在本县经营的温泉企业，每年由县文旅部门开展一次检查；本县投资的企业每年检查一次。')).toEqual([]);
  });

  it('find an exclusivity word bound to one organisation, or others shut out', () => {
    const excl = rule(`    patterns:
      - exclusive: either`);
    expect(quotes(excl, '全区公共停车场由湖州某某停车管理有限公司统一经营。')).toHaveLength(1);
    expect(quotes(excl, '园区内不再引进其他同类企业。')).toHaveLength(1);
    expect(quotes(excl, '开发企业不得自行或者委托其他企业经营配建停车场。')).toHaveLength(1);
    expect(quotes(excl, '开发企业可以自行经营或者委托其他企业经营配建停车场。')).toEqual([]);
    expect(quotes(excl, '鼓励企业参与停车场建设和经营。')).toEqual([]);
  });
});

describe('blocker scopes', () => {
  const terms = (scope: string, extra = '') => rule(`    patterns: [{ terms: [罚款] }]
    unless:
      - { terms: [整治], scope: ${scope}${extra} }`);
  it('phrase: a correcting verb governs its own phrase only', () => {
    expect(quotes(terms('phrase'), '专项整治期间，对违规企业处以罚款。')).toEqual(['罚款']);
    expect(quotes(terms('phrase'), '整治乱罚款问题。')).toEqual([]);
  });
  it('before with a bound, hit, sentence, clause, document', () => {
    expect(quotes(terms('before', ', within: 3'), '整治期间，对违规企业处以罚款。')).toEqual(['罚款']);
    expect(quotes(terms('before'), '整治期间，对违规企业处以罚款。')).toEqual([]);
    expect(quotes(terms('sentence'), '整治期间，对违规企业处以罚款。')).toEqual([]);
    expect(quotes(terms('document'), '整治期间，对违规企业处以罚款。')).toEqual([]);
  });
  it('subject: a government body doing its own duty', () => {
    const reg = rule(`    patterns: [{ terms: [注册] }]
    unless:
      - { subject: government }`);
    expect(quotes(reg, '区大数据管理局负责将数据目录注册到省平台。')).toEqual([]);
    expect(quotes(reg, '企业须在本区注册。')).toEqual(['注册']);
    // the body hands the act to the operator it addresses: the operator's act, not the body's own duty
    expect(quotes(reg, '街道要求其在本街道注册。')).toEqual(['注册']);
    expect(quotes(reg, '县商务局责令其在本县注册。')).toEqual(['注册']);
  });
});

describe('rule-file errors stop loading, naming file and rule, in Chinese', () => {
  const problems = (yaml: string) => {
    try {
      compile(yaml);
    } catch (e) {
      expect(e).toBeInstanceOf(RuleLoadError);
      return (e as RuleLoadError).problems.join('\n');
    }
    return '';
  };
  it('an unknown class', () => {
    expect(problems(rule(`    patterns: [{ slots: [{ class: benefits }] }]`))).toMatch(/rules\/t\.yaml 规则 slot-rule：未知的词类 benefits/);
  });
  it('a term outside its class', () => {
    expect(problems(rule(`    patterns: [{ slots: [{ class: benefit, terms: [注册] }] }]`))).toMatch(/规则 slot-rule：词“注册”不在词类 benefit 中/);
  });
  it('a bad slot', () => {
    expect(problems(rule(`    patterns: [{ slots: [{ place: nearby }] }]`))).toMatch(/rules\/t\.yaml 规则 slot-rule/);
    expect(problems(rule(`    patterns: [{ slots: [{ gap: 5 }] }]`))).toMatch(/至少要有一个槽位/);
  });
  it('a bad regex', () => {
    expect(problems(rule(`    patterns: [{ regex: '(本地' }]`))).toMatch(/规则 slot-rule：正则表达式无效/);
  });
  it('nothing half-loaded: one bad rule fails the whole set', () => {
    const two = `${rule(SLOTS)}\n${rule(`    patterns: [{ slots: [{ class: nope }] }]`).replace('rules:\n', '').replace('id: slot-rule', 'id: other-rule')}`;
    expect(() => compile(two)).toThrow(RuleLoadError);
  });
});

describe('examples mark their span', () => {
  it('fail when the quote does not cover the marked words', () => {
    const marked = rule(SLOTS, 'flag: ["对在【本市注册的企业给予奖励】。", "对在本市注册的企业给予奖励。", "对在【本市注册的企业给予奖励，奖励标准另定】。"]\n      pass: [d, e, f]');
    const result = testRuleExamples(compile(marked));
    expect(result.failures.map((f) => f.got)).toEqual([expect.stringMatching(/未覆盖标出的“本市注册的企业给予奖励，奖励标准另定”/)]);
    expect(result.marked).toBe(2);
  });
});

describe('the shipped rules on the sentences of issue 9', () => {
  const ruleSet = loadRuleSet();
  const found = (text: string) => runRules(ingestText(text, { fragment: true }), ruleSet).map((f) => f.rule);
  it('整治, 排查, 清理 no longer silence whole sentences', () => {
    expect(found('专项整治期间，对违规企业处以5000元罚款。')).toContain('legality-fine');
    expect(found('整治期间，外地企业须在本镇设立分公司方可承接加工业务。')).toContain('forced-local-establishment');
    expect(found('整治期间，对拒不配合的企业予以断电停产。')).toContain('legality-coercive-measure');
  });
  it('but the government correcting the act itself is still a lawful look-alike', () => {
    expect(found('清理要求外地企业在本镇设立分公司的规定。')).toEqual([]);
    expect(found('排查违规设置的罚款事项。')).toEqual([]);
  });
  it('the slot rule reads a draft with its own place names', () => {
    const doc = ingestText('湖州市吴兴区人民政府关于印发扶持童装产业发展若干政策的通知\n一、对在吴兴区注册并纳税满三年的童装企业，给予一次性奖励20万元。\n二、对在湖州市外注册的企业，不予支持。\n湖州市吴兴区人民政府\n2024年5月1日');
    const findings = runRules(doc, ruleSet);
    expect(findings.find((f) => f.rule === 'benefit-on-local-condition')?.quote).toBe('对在吴兴区注册并纳税满三年的童装企业，给予一次性奖励20万元');
  });
});
