import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { annotateDocument } from '../../src/annotate/annotate.js';
import { guessKind, kindSignals, readsProcurement } from '../../src/annotate/document-kind.js';
import { findOrgs } from '../../src/annotate/orgs.js';
import { buildVocabulary, findTerms } from '../../src/annotate/vocabulary.js';
import { VocabularySchema } from '../../src/annotate/vocabulary-schema.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadPlaceData } from '../../src/node/place-data.js';

const vocabulary = buildVocabulary(VocabularySchema.parse(parse(readFileSync(new URL('../../rules/vocabulary.yaml', import.meta.url), 'utf8'))).classes);

describe('organisations', () => {
  const orgs = (t: string) => findOrgs(t).map((o) => `${o.text}:${o.kind}`);
  it('finds named companies without the verb in front of them', () => {
    expect(orgs('由湖州织里童装有限公司统一经营')).toEqual(['湖州织里童装有限公司:named']);
    expect(orgs('鼓励企业与浙江某某物流股份有限公司合作')).toContain('浙江某某物流股份有限公司:named');
  });
  it('finds placeholders, agreement parties and state-owned forms', () => {
    expect(orgs('委托某公司作为唯一运营机构')).toEqual(['某公司:placeholder']);
    expect(orgs('甲方同意乙方独家经营')).toEqual(['甲方:party', '乙方:party']);
    expect(orgs('由市属国企或平台公司承建')).toEqual(['市属国企:state-owned', '平台公司:state-owned']);
  });
  it('does not take a generic service centre for a named operator', () => {
    expect(orgs('到政务服务中心办理')).toEqual([]);
  });
  it('finds bare company names and placeholders with a trade word or a place in front', () => {
    expect(orgs('由XX科技公司统一运营')).toEqual(['XX科技公司:placeholder']);
    expect(orgs('由湖州市某某环保科技公司负责')).toEqual(['湖州市某某环保科技公司:placeholder']);
    expect(orgs('由××物业公司提供服务')).toEqual(['××物业公司:placeholder']);
    expect(orgs('委托浙江天和科技公司作为唯一服务商')).toEqual(['浙江天和科技公司:named']);
    // 推介、推广 in front of a name is the verb, not part of it (向农户推介县光伏公司的产品)
    expect(orgs('向农户推介县光伏公司的产品')).toEqual(['县光伏公司:named']);
    expect(orgs('直接发包给县交通投资公司')).toEqual(['县交通投资公司:named']);
    expect(orgs('由“万家乐”公司供应')).toEqual(['“万家乐”公司:named']);
    expect(orgs('区财政安排专项资金扶持湖州天和科技公司做大做强')).toEqual(['湖州天和科技公司:named']);
    expect(orgs('甲方每年给予浙江天和科技公司运营补贴')).toEqual(['甲方:party', '浙江天和科技公司:named']);
    expect(orgs('授信额度优先向县农发集团倾斜')).toEqual(['县农发集团:named']);
    expect(orgs('委托浙江天和科技有限公司运营')).toEqual(['浙江天和科技有限公司:named']);
    // 用于 is the verb in front of the name, not part of it (指标（12亩）用于某某公司)
    expect(orgs('工业用地指标（12亩）用于杭州鸬鸟山居食品有限公司扩产项目')).toEqual(['杭州鸬鸟山居食品有限公司:named']);
    // 限 in front of a name restricts to it; the 限 of 有限公司 is part of the name
    expect(orgs('供种单位限丽水禾丰种业有限公司，展位须通过禾城国际会展服务有限公司预订')).toEqual(['丽水禾丰种业有限公司:named', '禾城国际会展服务有限公司:named']);
    // a company owned by a party or a body: the name starts after 所属/下属; a registered name may carry 建设
    expect(orgs('须委托甲方所属长安城乡建设发展有限公司实施')).toEqual(['甲方:party', '长安城乡建设发展有限公司:named']);
    expect(orgs('参加市家具行业协会组织的采购')).toEqual(['市家具行业协会:named']);
    // 须经 / 需经 / 并经 go in front of a name (设点前须经小区物业协会推荐), while 经 alone may start one (经济发展中心)
    expect(orgs('进入小区设点前，须经小区物业协会推荐')).toEqual(['小区物业协会:named']);
    expect(orgs('并经县粮食烘干中心核验')).toEqual(['县粮食烘干中心:named']);
    expect(orgs('须送市计量检定研究院检定')).toEqual(['市计量检定研究院:named']);
    expect(orgs('统一从安吉竹韵家居有限公司采购')).toEqual(['安吉竹韵家居有限公司:named']);
    expect(orgs('交由县交投集团下属德远路桥养护有限公司承担')).toEqual(['县交投集团:named', '德远路桥养护有限公司:named']);
    // the verb of using or buying in front: the name starts after it (企业 before the verb is not part of the name)
    expect(orgs('宝剑企业使用市宝剑行业协会统一采购的钢材')).toEqual(['市宝剑行业协会:named']);
    expect(orgs('养殖户采用县农合联配送中心提供的饲料')).toEqual(['县农合联配送中心:named']);
    expect(orgs('种植户使用县供销社统一提供的农资')).toEqual(['县供销社:named']);
  });
  it('does not take a description of operators for a name', () => {
    for (const t of ['出租车须挂靠经区交通局备案的运输公司经营', '鼓励企业设立科技公司', '各保险公司', '该公司', '本公司', '子公司和分公司', '物业服务公司', '外地运输公司', '设立独立核算的子公司', '支持临港地区创建国家级制造业创新中心', '在X县注册的企业', '某些企业', '某类企业', '推进建设运营中心', '各建设有限公司']) {
      expect(orgs(t), t).toEqual([]);
    }
  });
});

describe('vocabulary', () => {
  it('finds every class in one pass, overlapping terms kept', () => {
    const t = findTerms(vocabulary, '在本区设立分支机构的龙头企业，给予奖励');
    expect(t.get('condition')?.map((s) => s.text)).toEqual(expect.arrayContaining(['设立分支机构', '设立']));
    expect(t.get('enterprise-list')?.map((s) => s.text)).toContain('龙头企业');
    expect(t.get('benefit')?.map((s) => s.text)).toContain('奖励');
  });
});

describe('document annotations', () => {
  it('reads the jurisdiction from the issuer, lazily, and warns when a named place must be presumed local', () => {
    const doc = ingestText('湖州市吴兴区人民政府办公室关于印发扶持政策的通知\n一、对在吴兴区注册的企业给予奖励。\n湖州市吴兴区人民政府办公室\n2024年3月1日');
    let loads = 0;
    const a = annotateDocument(doc, { vocabulary, places: () => (loads++, loadPlaceData()) });
    expect(loads).toBe(0);
    expect(a.jurisdiction()?.division.name).toBe('吴兴区');
    expect(loads).toBe(1);
    const s = a.sentence('对在吴兴区注册的企业给予奖励', 0);
    expect(s.places().map((p) => p.locality)).toEqual(['local']);
    expect(a.warnings()).toEqual([]);

    const fragment = annotateDocument(ingestText('对在吴兴区注册的企业给予奖励。', { fragment: true }), { vocabulary, places: loadPlaceData });
    fragment.sentence('对在吴兴区注册的企业给予奖励', 0).places();
    expect(fragment.warnings().join('')).toMatch(/未识别发文机关/);
    const set = annotateDocument(ingestText('对在吴兴区注册的企业给予奖励。', { fragment: true }), { vocabulary, places: loadPlaceData, jurisdiction: '湖州市吴兴区' });
    expect(set.sentence('对在吴兴区注册的企业给予奖励', 0).places()[0]?.locality).toBe('local');
  });

  it('knows tender and agreement texts', () => {
    expect(kindSignals('投标人近三年业绩每项得2分').tender).toBe(true);
    expect(kindSignals('甲方负责协调，乙方负责建设').agreement).toBe(true);
    expect(guessKind('投标人近三年业绩每项得2分')).toBe('tender');
    expect(guessKind('甲方负责协调，乙方负责建设')).toBe('agreement');
    expect(guessKind('对新落户企业给予奖励')).toBe('policy');
    expect(guessKind('企业应当建立安全生产责任制度')).toBe('management');
    // procurement terms in one clause: a bidder, the buyer, evaluation or a procurement procedure (not a firm's own purchase)
    expect(readsProcurement('投标人须为本县企业')).toBe(true);
    expect(readsProcurement('政府采购中优先采购本地产品')).toBe(true);
    expect(readsProcurement('合同履行中所需的铝压铸件，须向开发区内注册的企业采购')).toBe(false);
  });
});
