/**
 * What a whole draft must not lose over the same clause read alone (issue 9; scripts/compare-drafts.ts
 * measures it on the probe drafts): the draft's jurisdiction, its kind and its front matter change how
 * places and document checks read, and a clause flagged alone must be flagged inside its draft.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { documentAnnotations, runRules } from '../../src/rules/engine.js';
import type { Finding } from '../../src/rules/findings.js';

const ruleSet = loadRuleSet();
const options = {};
const serious = (fs: Finding[]) => fs.filter((f) => f.severity !== 'low');
const alone = (clause: string) => serious(runRules(ingestText(clause, { fragment: true }), ruleSet, options));
/** The high/medium findings of a draft whose quote lies within `clause`. */
const inDraft = (draft: string, clause: string) => {
  const doc = ingestText(draft);
  const at = doc.text.indexOf(clause);
  expect(at).toBeGreaterThanOrEqual(0);
  return serious(runRules(doc, ruleSet, options)).filter((f) => f.start >= at && f.end <= at + clause.length);
};

describe('a named place above the draft’s own', () => {
  const clause = '投标人获得“浙江省优秀园林养护项目”称号的，加2分；获得其他省份同类称号的，不加分。';
  const draft = `安吉县城区公园绿化养护服务采购项目评分办法及资格条件
一、资格条件
1. 供应商应当具有独立承担民事责任的能力。
二、评分办法
2. 价格分30分，采用低价优先法计算。
3. ${clause}
4. 养护方案完整、措施具体的，得10分。
采购人：安吉县住房和城乡建设局`;
  it('marks off a region in a county draft as it does in the clause read alone', () => {
    expect(alone(clause).length).toBeGreaterThan(0);
    expect(inDraft(draft, clause).map((f) => f.rule)).toEqual(alone(clause).map((f) => f.rule));
  });
  it('does not make the draft’s other clauses findings', () => {
    expect(inDraft(draft, '养护方案完整、措施具体的，得10分。')).toEqual([]);
  });
});

describe('document checks follow the kind read from the draft', () => {
  it('asks no 有效期 of a 纪要 or of one procurement’s scoring rules', () => {
    const minutes = ingestText(`关于长兴县新能源产业园建设有关问题的专题会议纪要
长兴县人民政府办公室　　2027年2月3日
2月1日，县政府分管副县长主持召开专题会议。纪要如下：
一、会议明确，园区标准厂房通过公开招租方式出租。
二、会议要求，县经信局做好企业服务。`);
    const tender = ingestText(`长兴县城区道路保洁服务采购项目评分办法及资格条件
一、资格条件
1. 供应商应当具有独立承担民事责任的能力。
二、评分办法
2. 价格分30分，采用低价优先法计算。`);
    for (const doc of [minutes, tender]) expect(runRules(doc, ruleSet, options).map((f) => f.rule)).not.toContain('doc-no-validity');
  });
});

describe('the jurisdiction read from the draft when its title and 落款 name none', () => {
  const jurisdictionOf = (text: string) => documentAnnotations(ingestText(text), ruleSet).jurisdiction();
  it('takes an agreement’s 甲方, also from the signature block', () => {
    const head = jurisdictionOf(`智能装备产业项目投资协议
甲方：德清县莫干山镇人民政府
乙方：浙江某某智能装备有限公司
第一条 乙方在本协议签订后三个月内设立项目公司。
第二条 项目用地由甲方依法通过招标拍卖挂牌方式供应。`);
    expect([head?.division.name, head?.source]).toEqual(['莫干山镇', 'issuer']);
    const tail = jurisdictionOf(`物流园区运营合作协议
第一条 乙方负责园区的日常运营。
第二条 本协议一式四份。
甲方（盖章）：龙游县商务局          乙方（盖章）：某某物流有限公司`);
    expect(tail?.division.name).toBe('龙游县');
  });
  it('takes the 采购人 of procurement terms', () => {
    const j = jurisdictionOf(`城区道路保洁服务项目评分办法
采购人：缙云县综合行政执法局
一、价格分30分。
二、服务方案20分。`);
    expect(j?.division.name).toBe('缙云县');
  });
  it('takes the place a title opening with 关于 names, and reads the draft’s places against it', () => {
    const text = `关于濮院镇毛衫产业园建设有关问题的会议纪要
一、会议明确，园区厂房通过公开招租方式出租，濮院镇和嘉兴市其他区县的企业均可报名。
二、会议要求，镇经济发展办公室做好入园企业服务。`;
    const j = jurisdictionOf(text);
    expect(j?.division.name).toBe('濮院镇');
    const doc = ingestText(text);
    const a = documentAnnotations(doc, ruleSet);
    const line = doc.text.split('\n')[1] as string;
    const places = a.sentence(line, doc.text.indexOf(line)).places().map((p) => `${p.text}:${p.locality}`);
    // 嘉兴市其他区县 is the rest of the city outside 濮院镇's county: outside (the clause treats both alike)
    expect(places).toEqual(['濮院镇:local', '嘉兴市其他区县:outside']);
  });
  it('stays unknown when nothing in the draft names a division (named places are then presumed local)', () => {
    expect(jurisdictionOf(`关于加强园区安全生产管理的通知
一、园区企业应当落实安全生产主体责任。`)).toBeUndefined();
  });
});

describe('the numbering style of the draft', () => {
  // a duty of the government's own bodies, lawful alone; under 第三条 or ① it must stay lawful
  const duty = '各乡镇（街道）应当于每季度末前向县整治办报送整治工作进展情况。';
  it('does not change what a clause is', () => {
    expect(alone(duty)).toEqual([]);
    for (const label of ['第三条 ', '3.', '（三）', '①']) {
      const draft = `某某县关于开展农村自建房安全隐患整治的实施意见
${label === '第三条 ' ? '第一条 为做好整治工作，制定本意见。\n第二条 县住建局负责统筹协调。' : label === '3.' ? '1.为做好整治工作，制定本意见。\n2.县住建局负责统筹协调。' : label === '（三）' ? '（一）为做好整治工作，制定本意见。\n（二）县住建局负责统筹协调。' : '一、工作要求\n县住建局负责统筹协调：'}
${label}${duty}
某某县人民政府
2026年11月2日`;
      expect(inDraft(draft, duty).map((f) => f.rule)).toEqual([]);
    }
  });
});
