/**
 * What a whole draft must not lose over the same clause read alone (issue 9; scripts/compare-drafts.ts
 * measures it on the probe drafts): the draft's jurisdiction, its kind and its front matter change how
 * places and document checks read, and a clause flagged alone must be flagged inside its draft.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';
import type { Finding } from '../../src/rules/findings.js';

const ruleSet = loadRuleSet();
const options = { segmenter: jiebaSegmenter() };
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
