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
});
