import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { categoryByItem, measuresArticleCategory } from '../../src/rules/category.js';
import { runRules } from '../../src/rules/engine.js';
import { primaryFinding } from '../../src/rules/findings.js';

const rules = loadRuleSet();
const verdict = (text: string, jurisdiction?: string) => {
  const top = primaryFinding(runRules(ingestText(text, { fragment: true }), rules, { ...(jurisdiction ? { jurisdiction } : {}) }).filter((f) => f.severity !== 'low'));
  return top ? { rule: top.rule, category: top.category } : undefined;
};

describe('the 实施办法 article decides the category', () => {
  it('maps 第九条至第二十三条 to the four fair-competition categories', () => {
    expect(measuresArticleCategory('第九条')).toBe('限制市场准入和退出');
    expect(measuresArticleCategory('第十二条')).toBe('限制市场准入和退出');
    expect(measuresArticleCategory('第十三条')).toBe('限制商品要素自由流动');
    expect(measuresArticleCategory('第十七条')).toBe('限制商品要素自由流动');
    expect(measuresArticleCategory('第十九条')).toBe('影响生产经营成本');
    expect(measuresArticleCategory('第二十三条')).toBe('影响生产经营行为');
    expect(measuresArticleCategory('第二十四条')).toBeUndefined();
  });

  it('every core rule is filed under the category of the first 实施办法 item it cites', () => {
    // tz-local-material-quota (童装 pack, owned by the pack's author) cites 条例第九条 and 实施办法第十一条（二）: reported, not changed here
    const known = new Set(['tz-local-material-quota']);
    const wrong = rules.rules
      .filter((r) => !known.has(r.rule.id))
      .map((r) => ({ id: r.rule.id, has: r.rule.category, item: categoryByItem({ category: r.rule.category, basis: r.basis }) }))
      .filter((r) => r.item !== undefined && r.item !== r.has);
    expect(wrong).toEqual([]);
  });
});

describe('entry or free flow: one category per form (rules/README.md 准入与要素流动的分界)', () => {
  const forms: [string, string, string, string][] = [
    ['第十五条（三） registration as a bid condition', '招标文件：投标人须为在诸暨市注册的物业服务企业。', 'procurement-local-eligibility', '限制商品要素自由流动'],
    ['第十五条（三） local outlets scored', '评分办法：投标人在本市设有售后服务网点的得3分。', 'procurement-local-scoring', '限制商品要素自由流动'],
    ['第十三条（四）/第十五条（二） local goods preferred', '政府投资项目优先采购本地企业生产的建材。', 'local-goods-preference', '限制商品要素自由流动'],
    ['第十四条（一）（三） a branch required', '外地企业承接本区业务的，须在本区设立分公司。', 'forced-local-establishment', '限制商品要素自由流动'],
    ['第十二条（二） registration as an entry condition', '申请入驻园区的企业，仅限在本区注册的有限责任公司。', 'entry-local-registration', '限制市场准入和退出'],
    ['第十三条（三） local years of operation required', '享受扶持的企业须在本县连续经营满十年。', 'registration-change-barrier', '限制商品要素自由流动'],
    ['第十三条（三） no relocation, claw-back', '企业享受奖励后十年内不得迁出本区，未满十年迁出的须退回全部奖励。', 'relocation-tenure-ban', '限制商品要素自由流动'],
    ['第十二条（三） no deregistration within a lock-in period', '投资协议：乙方项目公司在协议期内不得注销或申请破产，否则退还全部奖励。', 'exit-barrier-no-relocation', '限制市场准入和退出'],
    ['第十六条（一） fee at twice the local standard', '展会管理办法：市外参展企业的展位费按市内企业标准的2倍收取。', 'outside-discriminatory-fee', '限制商品要素自由流动'],
    ['第十七条（三） two investment thresholds', '供地办法：县外企业新上工业项目投资强度不低于每亩500万元，县内企业不低于每亩300万元。', 'outside-investment-conditions', '限制商品要素自由流动'],
  ];
  for (const [name, text, rule, category] of forms)
    it(name, () => {
      expect(verdict(text)).toEqual({ rule, category });
    });

  it('a tender clause breaking an entry item and 第十五条 is read under 第十五条', () => {
    const v = verdict('招标文件：投标人须为在本区注册的企业，且须为区建筑业协会会员单位。');
    expect(v?.category).toBe('限制商品要素自由流动');
  });

  it('a move-out ban with an exit approval on the same clause is read under 第十三条（三）, free flow', () => {
    // made up: 不得将注册地迁出 (relocation-tenure-ban) and 确需迁出的须经同意 (exit-barrier-approval) at the same severity
    const v = verdict('享受本办法扶持的企业自扶持之日起八年内不得将注册地迁出本镇；确需迁出的，须经镇政府同意。');
    expect(v).toEqual({ rule: 'relocation-tenure-ban', category: '限制商品要素自由流动' });
  });

  it('years of local service as a 申报 condition outside tender terms is not read as a tender condition', () => {
    const v = verdict('申报的服务组织须在我区开展一年以上植保服务，日作业能力超过1000亩。');
    expect(v?.rule).not.toBe('procurement-local-eligibility');
  });
});
