import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';

const ruleSet = loadRuleSet();
const body = '第一条 为规范本市养犬管理，制定本规定。\n第二条 养犬人应当依法办理养犬登记。\n第三条 本规定自2026年5月1日起施行。\n';

describe('the kind of document decides the document checks', () => {
  it('a 规章 (政府令) needs no validity period', () => {
    const order = ingestText(`湖州市人民政府令\n第12号\n湖州市养犬管理规定\n${body}市长 某某\n2026年3月1日`);
    expect(runRules(order, ruleSet).map((f) => f.rule)).not.toContain('doc-no-validity');
  });
  it('a normative document without one still gets the finding', () => {
    const notice = ingestText(`湖州市人民政府关于印发养犬管理规定的通知\n${body}湖州市人民政府\n2026年3月1日`);
    expect(runRules(notice, ruleSet).map((f) => f.rule)).toContain('doc-no-validity');
  });
  it('names the document in the reason, or says 本文件 when no title was read (never 《》)', () => {
    const reasonOf = (text: string) => runRules(ingestText(text), ruleSet).find((f) => f.rule === 'doc-no-validity')?.explanation ?? '';
    expect(reasonOf(`湖州市人民政府关于印发养犬管理规定的通知\n${body}`)).toMatch(/^《湖州市人民政府关于印发养犬管理规定的通知》设定了/);
    const untitled = reasonOf(body);
    expect(untitled).toMatch(/^本文件设定了/);
    expect(untitled).not.toContain('《》');
  });
});

describe('a 法规 or 规章 may set what a normative document may not', () => {
  const penalties = '第一条 为加强电动自行车管理，制定本规定。\n第二条 违反本规定销售不合格电动自行车的，由市场监督管理部门责令改正，处二千元以上二万元以下罚款；情节严重的，责令停产停业。\n第三条 对涉嫌违法的电动自行车，可以查封、扣押。\n';
  const rulesOf = (text: string) => runRules(ingestText(text), ruleSet).map((f) => f.rule);
  it('a 地方性法规 (条例, or voted by the 人大常委会) gets no setting findings and no validity finding', () => {
    const law = rulesOf(`浙江省电动自行车管理条例\n（2020年5月15日浙江省第十三届人民代表大会常务委员会第二十一次会议通过）\n${penalties}`);
    for (const id of ['legality-fine', 'legality-suspension-revocation', 'legality-coercive-measure', 'doc-no-validity']) expect(law).not.toContain(id);
    const voted = rulesOf(`湖州市电动自行车管理规定\n（2021年6月1日湖州市第九届人民代表大会常务委员会第三十次会议通过）\n${penalties}`);
    expect(voted).not.toContain('legality-fine');
  });
  it('a 规章 may set fines but not 停产停业 or 查封、扣押', () => {
    const order = rulesOf(`湖州市人民政府令\n第15号\n湖州市电动自行车管理规定\n${penalties}市长 某某\n2026年3月1日`);
    expect(order).not.toContain('legality-fine');
    expect(order).toContain('legality-suspension-revocation');
    expect(order).toContain('legality-coercive-measure');
  });
  it('a normative document gets all three', () => {
    const notice = rulesOf(`湖州市人民政府办公室关于印发电动自行车管理规定的通知\n${penalties}湖州市人民政府办公室\n2026年3月1日`);
    for (const id of ['legality-fine', 'legality-suspension-revocation', 'legality-coercive-measure']) expect(notice).toContain(id);
  });
});
