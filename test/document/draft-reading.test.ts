/**
 * Reading a whole draft (issue 9): what the draft's context — its jurisdiction, its kind, its layout — does to
 * a clause that is read right alone. Each case is a draft fragment of this file's own that was misread.
 */
import { describe, expect, it } from 'vitest';
import { annotateDocument } from '../../src/annotate/annotate.js';
import { resolveJurisdiction } from '../../src/annotate/divisions.js';
import { findPlaces } from '../../src/annotate/places.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadPlaceData } from '../../src/node/place-data.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';

const data = loadPlaceData();
if (!data) throw new Error('corpus/places/divisions.tsv missing');
const ruleSet = loadRuleSet();
const serious = (text: string) => runRules(ingestText(text), ruleSet).filter((f) => f.severity !== 'low');

describe('ordinary words that are also the short name of a far county, once the jurisdiction is known', () => {
  const anji = resolveJurisdiction(data, { issuers: ['安吉县人民政府'] });
  const outside = (s: string) => findPlaces(s, data, anji).filter((p) => p.locality === 'outside').map((p) => p.text);

  it('are not places: 资源 (资源县), 合作 (合作市), 会同 (会同县), 振兴, 通道, 延长, 共和, 公安, 中方', () => {
    expect(outside('供应商应当通过县公共资源交易平台报名。')).toEqual([]);
    expect(outside('双方合作期间，甲方会同有关部门做好服务保障。')).toEqual([]);
    expect(outside('对乡村振兴项目开辟绿色通道，审批时限不予延长。')).toEqual([]);
    expect(outside('在中华人民共和国境内依法设立的企业均可申报。')).toEqual([]);
    expect(outside('拒不整改的，移送公安机关依法处理。')).toEqual([]);
    expect(outside('中方合作伙伴应当按期履行出资义务。')).toEqual([]);
  });

  it('while the counties are still found by their full names and the real far places stay outside', () => {
    expect(outside('从资源县、合作市购进的原料须登记。')).toEqual(['资源县', '合作市']);
    expect(outside('在衢州市注册的企业不予受理。')).toEqual(['衢州市']);
  });

  it('so that lawful clauses of a tender, an agreement and a management rule are left alone in their drafts', () => {
    const tender = serious(`安吉县天子湖镇人民政府道路保洁服务采购项目评分办法及资格条件
1.本项目采购公告在浙江省公共资源交易服务平台发布，供应商可以免费下载采购文件，不收取任何费用。
2.评审委员会按照采购文件规定的评分标准独立评审。
安吉县天子湖镇人民政府
2027年1月8日`);
    expect(tender.map((f) => `${f.rule}:${f.quote}`).filter((q) => /资源/.test(q))).toEqual([]);
    const agreement = serious(`安吉县人民政府与某某新材料有限公司项目合作协议
甲方：安吉县人民政府
乙方：某某新材料有限公司
第一条 双方在合作中应当遵守公平竞争的规定，不得签订排除、限制竞争的协议。
第二条 甲方会同有关部门为乙方办理项目审批手续提供指导。
甲方（盖章）：安吉县人民政府　　乙方（盖章）：某某新材料有限公司`);
    expect(agreement.map((f) => `${f.rule}:${f.quote}`).filter((q) => /合作|会同/.test(q))).toEqual([]);
    const rule = serious(`安吉县竹制品加工企业安全生产管理办法
第一条 企业应当落实安全生产主体责任。
第二条 企业发生生产安全事故的，应当立即报告应急管理部门；涉嫌犯罪的，移送公安机关依法处理。
第三条 本办法自2027年3月1日起施行，有效期5年。
安吉县应急管理局
2027年1月20日`);
    expect(rule.map((f) => `${f.rule}:${f.quote}`).filter((q) => /公安/.test(q))).toEqual([]);
  });
});

describe('a sentence hard-wrapped after punctuation that usually ends a line', () => {
  const items = (text: string) => {
    const doc = ingestText(text);
    return doc.clauses.filter((c) => c.label).map((c) => doc.text.slice(c.start, c.ownEnd).trim());
  };

  it('joins a wrap after a colon or semicolon inside an open bracket (a policy, a tender, an agreement)', () => {
    expect(items(`某某县关于支持竹产业发展的若干政策
一、对县重点竹制品企业（名单附后，含：
某某竹业有限公司、某某家居有限公司），给予一次性奖励。
二、本政策自2027年1月1日起施行，有效期3年。`)[0]).toBe('一、对县重点竹制品企业（名单附后，含：某某竹业有限公司、某某家居有限公司），给予一次性奖励。');
    expect(items(`某某镇农贸市场保洁服务采购项目评分办法及资格条件
1.投标人须提供类似业绩证明（包括：
合同、验收报告；或者用户证明），未提供的不得分。
2.评审委员会独立评审。`)[0]).toBe('1.投标人须提供类似业绩证明（包括：合同、验收报告；或者用户证明），未提供的不得分。');
    expect(items(`某某县人民政府与某某实业有限公司投资协议
第一条 乙方应当按照“先投资；
后补助”的原则申报扶持资金。
第二条 本协议一式四份。`)[0]).toBe('第一条乙方应当按照“先投资；后补助”的原则申报扶持资金。');
  });

  it('joins a wrap after a closing bracket or quote when the next line cannot open a paragraph', () => {
    expect(items(`某某区企业安全生产管理办法
第一条 规模以上企业（含分公司）
的主要负责人应当每年参加安全培训。
第二条 本办法自2027年3月1日起施行，有效期5年。`)[0]).toBe('第一条规模以上企业（含分公司）的主要负责人应当每年参加安全培训。');
    expect(items(`某某镇关于扶持电商企业的若干措施
一、对认定的“电商示范企业”
和“电商新锐企业”，分别给予5万元、2万元奖励。
二、本措施有效期2年。`)[0]).toBe('一、对认定的“电商示范企业”和“电商新锐企业”，分别给予5万元、2万元奖励。');
  });

  it('keeps lines apart that end a paragraph: a lead ending in a colon, a closing bracket before a new sentence', () => {
    const lead = items(`某某县关于推进产业发展的若干措施
一、具体措施如下：
（一）对新设企业给予开办补助。
（二）本措施由县经信局负责解释（联系电话：1234567）
对申报材料不全的，一次性告知补正。`);
    expect(lead[0]).toBe('一、具体措施如下：');
    expect(lead.some((t) => t.startsWith('（二）本措施由县经信局负责解释（联系电话：1234567）对'))).toBe(false);
  });
});

describe('the period of a campaign notice is its 执行期限', () => {
  const rules = (text: string) => runRules(ingestText(text), ruleSet).map((f) => f.rule);
  const notice = (body: string) => `某某县某某镇人民政府关于开展废旧塑料加工企业专项整治的通知
各村（社区）、各有关企业：
${body}
一、塑料加工企业应当配套建设废气收集处理设施。
二、企业应当建立原料进出台账，接受镇整治办检查。
三、各村（社区）负责辖区内的排查摸底工作。
某某镇人民政府
2027年2月10日`;

  it('read from 整治期间（…至…）, 整治时间：…至…, 自…至…开展…整治 and a 时间安排 of phases', () => {
    for (const lead of [
      '为改善环境质量，镇政府决定开展专项整治，整治期间（2027年3月至9月），现将有关事项通知如下：',
      '为改善环境质量，镇政府决定开展专项整治。整治时间：2027年3月1日至2027年8月31日。现将有关事项通知如下：',
      '为改善环境质量，经镇党委、政府研究，决定自2027年3月1日至2027年8月31日在全镇开展废旧塑料加工企业专项整治，现将有关事项通知如下：',
    ]) {
      const d = ingestText(notice(lead));
      expect(d.meta.validity?.until, lead).toMatch(/^2027-0[89]-3[01]$/);
      expect(rules(notice(lead))).not.toContain('doc-no-validity');
    }
    const phased = `某某县某某街道关于开展电动自行车充电安全百日攻坚行动的通知
各社区、各有关单位：
为消除电动自行车充电安全隐患，街道决定开展百日攻坚行动。现将有关事项通知如下：
一、时间安排
（一）动员部署阶段（4月1日至4月10日）：各社区召开动员会。
（二）集中整治阶段（4月11日至6月30日）：逐户排查，建立问题清单。
二、工作要求
（一）物业服务企业应当在小区内设置集中充电场所。
（二）经营者不得在楼道内销售、存放电动自行车。
某某街道办事处
2027年3月20日`;
    expect(ingestText(phased).meta.validity).toBeDefined();
    expect(rules(phased)).not.toContain('doc-no-validity');
  });

  it('while a campaign notice that states no period, and a date range of a deadline, still get the finding', () => {
    expect(rules(notice('为改善环境质量，镇政府决定开展专项整治。现将有关事项通知如下：'))).toContain('doc-no-validity');
    // a deadline for applicants is no period of the document (the policy is no campaign either)
    const policy = `某某县关于支持塑料制品企业技术改造的若干措施
一、企业自2027年3月1日至2027年4月30日向县经信局提交申报材料。
二、对技术改造投资额500万元以上的项目，按投资额的5%给予补助。
某某县人民政府
2027年2月10日`;
    expect(ingestText(policy).meta.validity).toBeUndefined();
    expect(rules(policy)).toContain('doc-no-validity');
  });
});

describe('the kind of a draft read from its title decides whether it needs a validity period', () => {
  const read = (title: string) =>
    ingestText(`${title}\n一、申请人应当按要求提交材料。\n二、有关事项由镇经发办负责解释。\n某某镇人民政府\n2027年2月10日`);

  it('one transaction put out to the market (招租, 出让, 拍卖, 比选, 征集) is a tender, not a normative document', () => {
    for (const t of ['某某镇农贸市场摊位招租公告', '某某地块国有建设用地使用权挂牌出让公告', '某某镇集体资产拍卖公告', '某某街道国有厂房公开招租方案', '某某镇关于征集文化礼堂运营单位的公告']) {
      const d = read(t);
      expect(d.meta.kind, t).toBe('tender');
      expect(runRules(d, ruleSet).map((f) => f.rule), t).not.toContain('doc-no-validity');
    }
  });

  it('a 公示, a 函 and a 通报 concern one matter; an 意向书 is an agreement; a numbered 纪要 is minutes', () => {
    expect(read('某某镇关于2027年度技改补助资金拟安排项目的公示').meta.kind).toBe('other');
    expect(read('某某县人民政府关于同意某某公司享受扶持政策的函').meta.kind).toBe('other');
    expect(read('某某县关于安全生产检查情况的通报').meta.kind).toBe('other');
    expect(read('某某镇人民政府与某某科技有限公司项目投资意向书').meta.kind).toBe('agreement');
    expect(read('某某镇党政联席会议纪要（第5次）').meta.kind).toBe('minutes');
  });

  it('while a standing rule about such transactions is still a normative document that needs one', () => {
    for (const t of ['某某县国有资产公开招租管理办法', '某某县物业服务企业遴选办法']) {
      const d = read(t);
      expect(d.meta.kind, t).toBe('normative');
      expect(runRules(d, ruleSet).map((f) => f.rule), t).toContain('doc-no-validity');
    }
  });
});

describe('the administration’s own working rules are not normative documents (国办发〔2018〕115号 二、（三）)', () => {
  const body = '\n一、起草单位应当在文件提请审议前完成审查。\n二、审查机构应当在10个工作日内提出审查意见。\n某某县司法局\n2027年2月10日';
  it('the rules of its reviews, meetings and internal control need no validity period', () => {
    for (const t of ['某某县公平竞争审查工作细则', '某某区行政规范性文件合法性审核工作规则', '某某县人民政府常务会议议事规则', '某某县政府采购内部控制办法（试行）']) {
      const d = ingestText(`${t}${body}`);
      expect(d.meta.kind, t).toBe('other');
      expect(runRules(d, ruleSet).map((f) => f.rule), t).not.toContain('doc-no-validity');
    }
  });
  it('while a working rule that governs enterprises (安全生产工作规则, 招商引资工作办法) still needs one', () => {
    for (const t of ['某某县安全生产工作规则', '某某区招商引资工作办法']) {
      const d = ingestText(`${t}\n一、企业应当落实主体责任。\n二、对新引进项目给予奖励。\n某某县人民政府\n2027年2月10日`);
      expect(d.meta.kind, t).toBe('normative');
      expect(runRules(d, ruleSet).map((f) => f.rule), t).toContain('doc-no-validity');
    }
  });
});

describe('whose draft it is, read from the parties and the signature block', () => {
  const own = (text: string) => annotateDocument(ingestText(text), { places: loadPlaceData } as Parameters<typeof annotateDocument>[1]).jurisdiction()?.division.name;

  it('from other names of the parties: 发包方, 甲方（政府方）, 采购人名称 under a field line', () => {
    expect(own('标准厂房建设项目投资合同\n发包方：长兴县林城镇人民政府\n承包方：某某有限公司\n第一条 承包方应当按期投产。')).toBe('林城镇');
    expect(own('文旅项目合作协议\n甲方（政府方）：德清县莫干山镇人民政府\n乙方（投资方）：某某文旅有限公司\n一、乙方投资建设民宿集群。')).toBe('莫干山镇');
    // the two field lines were joined as one wrapped sentence, and the buyer was not read
    expect(own('城区保洁服务项目采购需求\n项目名称：城区保洁一体化服务\n采购人名称：台州市路桥区蓬街镇人民政府\n一、服务内容\n1.道路清扫保洁。')).toBe('蓬街镇');
  });

  it('from a sealed signature line the 落款 reader does not take', () => {
    expect(own('镇区停车管理办法\n第一条 为规范本镇停车管理，制定本办法。\n第二条 停车场经营者应当明码标价。\n南浔区双林镇人民政府（盖章）\n2027年1月5日')).toBe('双林镇');
  });

  it('and front-matter fields stay lines of their own', () => {
    const d = ingestText('城区保洁服务项目采购需求\n项目名称：城区保洁一体化服务\n采购人名称：某某县某某镇人民政府\n一、服务内容\n1.道路清扫保洁。');
    expect(d.text.split('\n').slice(1, 3)).toEqual(['项目名称：城区保洁一体化服务', '采购人名称：某某县某某镇人民政府']);
  });
});

describe('a clause number cited in a sentence and wrapped to the line start', () => {
  const articles = (text: string) => ingestText(text).clauses.filter((c) => c.kind === 'article').map((c) => c.label);

  it('is not a new article or item: 依照本办法 / 第五条规定…, 本条第 / （一）项…', () => {
    const d = ingestText(`某某县工业企业技术改造补助办法
第一条 为推进工业企业技术改造，制定本办法。
第二条 企业实施技术改造项目的，按设备投资额的10%给予补助，补助对象为依照本办法
第五条规定认定的企业。
第三条 申报企业应当符合下列条件：在本县依法登记，并符合本条第
（一）项规定的要求。
第四条 对本办法第二条
第一款所列企业，另行给予贷款贴息。
第五条 本办法由县经信局负责解释。
某某县人民政府
2027年1月20日`);
    expect(d.clauses.filter((c) => c.kind === 'article').map((c) => c.label)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条']);
    expect(d.clauses.find((c) => c.label === '第二条')?.text).toMatch(/依照本办法第五条规定认定的企业。$/);
    expect(d.clauses.some((c) => c.label === '（一）')).toBe(false);
  });

  it('while articles that open a line after a finished sentence stay articles', () => {
    expect(articles(`某某区农贸市场管理办法
第一条 为规范农贸市场管理，制定本办法。
第二条 市场开办者应当建立进货查验制度。
第三条 中标的市场运营单位应当按合同履约。
第四条 本办法自2027年3月1日起施行，有效期5年。`)).toEqual(['第一条', '第二条', '第三条', '第四条']);
  });
});

describe('a text file hard-wrapped at a fixed width', () => {
  // every line of a paragraph but the last is 30 characters long: a break after 。 or ； at that width is a wrap too
  // (第一条 and 第三条 below break right after 。 and ； at the 30th character)
  const wrapped = (text: string, n: number) => text.split('\n').map((l) => (l.match(new RegExp(`.{1,${n}}`, 'gu')) ?? [l]).join('\n')).join('\n');
  const draft = `某某镇人民政府与某某新材料有限公司项目投资协议（草案）
甲方：某某县某某镇人民政府
乙方：某某新材料有限公司
第一条 乙方在甲方辖区投资建设新材料项目，计划总投资5亿元。项目用地由甲方依法通过挂牌方式供应；乙方依法参加竞买，出让价格以成交价为准。
第二条 乙方应当在项目用地交付后六个月内开工建设，二十四个月内建成投产。甲方负责协调供电、供水等单位按规定时限办理报装手续；办理时限与其他项目相同。
第三条 乙方投产后，其税收地方留成部分前三年全额奖励给乙方；奖励资金由镇财政列支，每年兑现一次。
第四条 本协议一式四份，甲乙双方各执两份。
甲方（盖章）：某某县某某镇人民政府　　乙方（盖章）：某某新材料有限公司`;

  it('reads the same clauses and findings as the draft as written, also across a break after 。 or ；', () => {
    const asIs = ingestText(draft);
    const w = ingestText(wrapped(draft, 30));
    const articles = (d: typeof asIs) => d.clauses.filter((c) => c.kind === 'article').map((c) => d.text.slice(c.start, c.end));
    expect(articles(w)).toEqual(articles(asIs));
    expect(w.meta.title).toBe(asIs.meta.title);
    const rules = (d: typeof asIs) => runRules(d, ruleSet).filter((f) => f.severity !== 'low').map((f) => `${f.rule}:${f.quote}`);
    expect(rules(w)).toEqual(rules(asIs));
  });

  it('while a draft of lines of every length keeps its breaks after 。', () => {
    const d = ingestText(`某某县关于加强农贸市场管理的通知\n各乡镇（街道）、县级有关部门：\n为规范农贸市场经营秩序，保障食品安全，现将有关事项通知如下。\n市场开办者应当建立进货查验制度，落实食品安全主体责任。\n经营户应当亮照经营。\n某某县市场监督管理局\n2027年1月5日`);
    expect(d.text).toContain('现将有关事项通知如下。\n市场开办者应当建立进货查验制度');
  });
});

describe('a line filling the wrap width that ends inside a sentence', () => {
  const wrapped = (text: string, n: number) => text.split('\n').map((l) => (l.match(new RegExp(`.{1,${n}}`, 'gu')) ?? [l]).join('\n')).join('\n');
  // wrapped at 24: 第四条 breaks before 第三条基础上…, 第五条 before 附件一 (…清单详见 / 附件一。)
  const draft = `某某县工业企业技术改造补助办法（征求意见稿）
第一条 为推进工业企业技术改造，提升产业发展水平，根据有关规定，结合本县实际，制定本办法。
第二条 本办法适用于在本县依法登记注册、具有独立法人资格的工业企业。
第三条 企业实施技术改造，设备投资额在500万元以上的，按设备投资额的8%给予补助。
第四条 企业购置本县企业生产的设备的，补助比例在第三条基础上提高2个百分点。
第五条 补助资金拨付程序和需要提交的材料清单详见附件一。
第六条 本办法自2027年3月1日起施行，有效期3年。`;

  it('goes on over a number or 附件 at the next line start', () => {
    const asIs = ingestText(draft);
    const w = ingestText(wrapped(draft, 24));
    const articles = (d: typeof asIs) => d.clauses.filter((c) => c.kind === 'article').map((c) => d.text.slice(c.start, c.end));
    expect(articles(w)).toEqual(articles(asIs));
    expect(articles(w)).toHaveLength(6);
  });
});
