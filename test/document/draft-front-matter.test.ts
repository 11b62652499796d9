/**
 * The front matter of drafts that are not 红头 notices (issue 9): a 纪要, an agreement or a procurement
 * scoring text opens with a title that ends in 纪要/协议/资格条件 and goes straight on to a dated line;
 * the title must stay a title (not be joined into the preamble as a wrapped sentence), so that the kind,
 * the issuer and the jurisdiction are read from it.
 */
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/document/build.js';
import type { DocumentModel } from '../../src/document/model.js';
import { extractPlainText } from '../../src/ingest/text.js';

const parse = (s: string): DocumentModel => buildDocument(extractPlainText(s, false), { format: 'txt', bytes: s.length });
const kinds = (d: DocumentModel) => d.clauses.filter((c) => c.depth <= 1).map((c) => `${c.kind}:${c.text.split('\n')[0]}`);

describe('front matter of minutes, agreements and procurement terms', () => {
  it('keeps a 纪要 title apart from the dated line under it, and reads the issuer and date printed beside each other', () => {
    const d = parse(`关于德清县地理信息小镇二期建设有关问题的专题会议纪要
德清县人民政府办公室　　2027年2月3日
2月1日，县政府分管副县长主持召开专题会议，研究小镇二期建设有关问题。纪要如下：
一、会议明确，二期标准厂房通过公开招租方式出租。
二、会议要求，县经信局做好入驻企业服务。
出席：（略）`);
    expect(d.meta.title).toBe('关于德清县地理信息小镇二期建设有关问题的专题会议纪要');
    expect(d.meta.kind).toBe('minutes');
    expect(d.meta.issuers).toEqual(['德清县人民政府办公室']);
    expect(d.meta.issueDate?.date).toBe('2027-02-03');
    expect(kinds(d)[1]).toBe('signature:德清县人民政府办公室 2027年2月3日');
    // the body still starts where it did: the preamble and the numbered items
    expect(d.clauses.find((c) => c.kind === 'preamble')?.text).toMatch(/^2月1日，县政府分管副县长/);
    expect(d.clauses.filter((c) => c.kind === 'outline1')).toHaveLength(2);
  });

  it('reads a 纪要 issue number (〔2027〕第8期) as its number and an issuer with the printing date as the closing signature', () => {
    const d = parse(`嘉兴市南湖区人民政府专题会议纪要
〔2027〕第8期
2027年1月9日，区政府副区长主持召开专题会议，研究科创园运营有关事项。现将会议议定事项纪要如下：
一、会议明确，科创园运营单位通过公开招标确定。
二、会议要求，区科技局每半年评估一次运营情况。
南湖区人民政府办公室 2027年1月12日印发`);
    expect(d.meta.title).toBe('嘉兴市南湖区人民政府专题会议纪要');
    expect(d.meta.kind).toBe('minutes');
    expect(d.clauses.find((c) => c.kind === 'docNumber')?.text).toBe('〔2027〕第8期');
    expect(d.meta.issuers).toEqual(['南湖区人民政府办公室']);
    expect(d.clauses.at(-1)?.kind).toBe('signature');
  });

  it('keeps an agreement title apart from the 甲方 line under it', () => {
    const d = parse(`长兴县城乡公交一体化特许经营协议
甲方：长兴县交通运输局
乙方：长兴某某公交有限公司
根据《基础设施和公用事业特许经营管理办法》，甲乙双方经协商一致，订立本协议。
第一条 乙方经公开招标确定为特许经营者。
第二条 特许经营期限为十五年。`);
    expect(d.meta.title).toBe('长兴县城乡公交一体化特许经营协议');
    expect(d.meta.kind).toBe('agreement');
    expect(d.clauses.find((c) => c.kind === 'preamble')?.text).toMatch(/^甲方：长兴县交通运输局/);
  });

  it('reads the scoring rules and qualifications of one procurement as tender terms, not as a 办法 for the public', () => {
    const d = parse(`桐乡市乌镇镇河道保洁服务采购项目评分办法及资格条件
项目预算：年度预算 320 万元，服务期两年。
一、供应商资格条件
1. 供应商应当具有独立承担民事责任的能力。
2. 供应商近三年内在经营活动中没有重大违法记录。
二、评分办法
3. 价格分30分，采用低价优先法计算。`);
    expect(d.meta.title).toBe('桐乡市乌镇镇河道保洁服务采购项目评分办法及资格条件');
    expect(d.meta.kind).toBe('tender');
    const req = parse(`某某县城区道路照明维护项目采购需求及评分办法
一、项目概况
1. 本项目采用公开招标方式采购。`);
    expect(req.meta.kind).toBe('tender');
    // a 办法 of a department that merely mentions procurement stays a normative document
    const rule = parse(`某某县政府采购内部控制管理办法
第一条 为规范政府采购行为，制定本办法。
第二条 采购人应当建立内部控制制度。`);
    expect(rule.meta.kind).toBe('normative');
  });

  it('still joins a sentence wrapped after a date inside the body', () => {
    const d = parse(`某某县促进养老服务发展的若干政策
一、对新建养老机构给予一次性建设补助，本政策自2027年1月1日
起施行，有效期三年。`);
    expect(d.clauses.find((c) => c.kind === 'outline1')?.text).toContain('2027年1月1日起施行');
  });
});

describe('sentences of numbered clauses', () => {
  it('start after the clause label in every numbering style, so a rule reads the words as in the clause alone', () => {
    const d = parse(`某某县关于推进产业发展的若干措施
第一条 为做好相关工作，制定本措施。
第二条 各镇（街道）应当于每月25日前报送整治情况。
一、总体要求
（一）各部门做好工作。
1.各镇应当报送情况。
（1）各村应当报送情况。
①各社区应当报送情况。`);
    const first = (label: string) => {
      const c = d.clauses.find((x) => x.label === label);
      const s = d.sentences.find((x) => x.clauseId === c?.id);
      return s ? d.text.slice(s.start, s.end) : undefined;
    };
    expect(first('第二条')).toBe('各镇（街道）应当于每月25日前报送整治情况。');
    expect(first('一、')).toBe('总体要求');
    expect(first('（一）')).toBe('各部门做好工作。');
    expect(first('1.')).toBe('各镇应当报送情况。');
    expect(first('（1）')).toBe('各村应当报送情况。');
    expect(first('①')).toBe('各社区应当报送情况。');
  });
});

describe('the term of a campaign notice', () => {
  const notice = (closing: string) => parse(`某某镇人民政府关于开展砂石堆场专项整治的通知
各村（社区）：
一、整治范围为全镇砂石堆场。
二、整治期间，堆场须落实防尘措施。
三、${closing}
某某镇人民政府
2026年11月2日`);
  it('is the campaign when the notice ends with it', () => {
    expect(notice('本通知自印发之日起施行，整治工作结束后自行废止。').meta.validity?.text).toBe('整治工作结束后自行废止');
    expect(notice('本通知自印发之日起施行，专项行动完成后自动失效。').meta.validity).toBeDefined();
  });
  it('is not stated by a campaign that merely ends', () => {
    expect(notice('本通知自印发之日起施行，整治结束后由镇整治办组织评估。').meta.validity).toBeUndefined();
  });
});

describe('hard line wraps inside a clause', () => {
  it('join after an enumeration comma and after 意见 or 办法 inside a sentence', () => {
    const d = parse(`某某县关于推进产业发展的若干措施
一、主要措施
（一）投标人须同时具备市政公用工程施工总承包二级资质、
电力工程施工总承包二级资质。
（二）新建项目除法定审批外，须先经县住建局出具书面意见
后方可办理施工许可。`);
    const items = d.clauses.filter((c) => c.kind === 'outline2').map((c) => c.text);
    expect(items).toEqual(['（一）投标人须同时具备市政公用工程施工总承包二级资质、电力工程施工总承包二级资质。', '（二）新建项目除法定审批外，须先经县住建局出具书面意见后方可办理施工许可。']);
  });
  it('do not join a title ending in 意见 with the line under it', () => {
    const d = parse(`某某县关于加快发展养老服务业的实施意见
各乡镇人民政府、街道办事处：
一、总体要求`);
    expect(d.meta.title).toBe('某某县关于加快发展养老服务业的实施意见');
  });
});
