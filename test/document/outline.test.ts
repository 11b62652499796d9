import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/document/build.js';
import type { DocumentModel } from '../../src/document/model.js';
import { extractPlainText } from '../../src/ingest/text.js';

const parse = (s: string): DocumentModel => buildDocument(extractPlainText(s, false), { format: 'txt', bytes: s.length });
const byPath = (d: DocumentModel, path: string) => d.clauses.find((c) => c.path === path);

const ARTICLE_DRAFT = `吴兴区童装产业高质量发展扶持办法（试行）
（征求意见稿）
吴政办发〔2026〕  号
各乡镇人民政府、街道办事处，区级各部门：
第一章　总则
第一条　为推动童装产业高质量发展，根据有关规定，结合本区实际，制定本办法。
第二条　本办法适用于在本区依法登记注册的童装生产经营企业。
第二章　扶持措施
第三条　符合下列条件之一的企业，可以申请奖励：
（一）年度销售收入首次超过1亿元的；
（二）获得省级以上品牌荣誉的，具体包括：
1.浙江名牌产品；
2.浙江省商标品牌示范企业；
（三）其他经区政府认定的情形。
前款规定的奖励，同一企业同一年度不重复享受。
第四条　奖励资金由区财政统筹安排。
第三章　附则
第五条　本办法自2027年1月1日起施行，有效期至2028年12月31日。原《吴兴区童装产业扶持办法》（吴政办发〔2021〕3号）同时废止。
第六条　本办法由区经济和信息化局负责解释。
附件：1.奖励申报表
2.申报材料清单
湖州市吴兴区人民政府办公室
2026年12月1日`;

describe('article-style draft', () => {
  const d = parse(ARTICLE_DRAFT);

  it('finds every numbered item in order, none invented', () => {
    expect(d.clauses.filter((c) => c.label).map((c) => c.path)).toEqual([
      '第一章', '第一条', '第二条', '第二章', '第三条', '第三条第一款第（一）项', '第三条第一款第（二）项',
      '第三条第一款第（二）项第1目', '第三条第一款第（二）项第2目', '第三条第一款第（三）项', '第四条', '第三章', '第五条', '第六条',
    ]);
  });

  it('groups an article into 款 when it has more than one paragraph', () => {
    const a3 = byPath(d, '第三条');
    expect(a3?.children.map((id) => d.clauses.find((c) => c.id === id)?.path)).toEqual(['第三条第一款', '第三条第二款']);
    expect(byPath(d, '第三条第二款')?.text).toBe('前款规定的奖励，同一企业同一年度不重复享受。');
    expect(byPath(d, '第三条第一款第（二）项')?.id).toBe('a3.k1.x2');
    expect(byPath(d, '第三条第一款第（二）项第2目')?.id).toBe('a3.k1.x2.m2');
  });

  it('keeps offsets true: every clause text is its slice of the canonical text', () => {
    for (const c of d.clauses) expect(d.text.slice(c.start, c.end)).toBe(c.text);
    const a4 = byPath(d, '第四条');
    expect(a4?.text).toBe('第四条奖励资金由区财政统筹安排。');
    // and back to the original: the stray full-width space after 第四条 is there
    const orig = d.original.slice(d.originalOffsets[a4?.start ?? 0], d.originalOffsets[(a4?.end ?? 1) - 1]! + 1);
    expect(orig).toBe('第四条　奖励资金由区财政统筹安排。');
  });

  it('reads the metadata', () => {
    expect(d.meta).toMatchObject({
      title: '吴兴区童装产业高质量发展扶持办法（试行）',
      docNumber: '吴政办发〔2026〕 号', // the wide gap of a blank serial, as one space
      docNumberNormalized: '吴政办发〔2026〕号',
      issuers: ['湖州市吴兴区人民政府办公室'],
      issuerLevel: 'county',
      addressees: ['各乡镇人民政府、街道办事处', '区级各部门'],
      provisional: true,
      docType: '办法',
      numberingStyle: 'article',
      attachments: ['奖励申报表', '申报材料清单'],
      repeals: ['《吴兴区童装产业扶持办法》（吴政办发〔2021〕3号）'],
    });
    expect(d.meta.issueDate?.date).toBe('2026-12-01');
    expect(d.meta.effective).toMatchObject({ date: '2027-01-01', fromIssue: false });
    expect(d.meta.validity?.until).toBe('2028-12-31');
  });

  it('addresses sentences inside clauses', () => {
    const a5 = byPath(d, '第五条');
    const sentences = d.sentences.filter((s) => s.clauseId === a5?.id).map((s) => d.text.slice(s.start, s.end));
    // the label 第五条 is the clause's number, not a word of its first sentence (rules read the words as in the clause alone)
    expect(sentences).toEqual(['本办法自2027年1月1日起施行，有效期至2028年12月31日。', '原《吴兴区童装产业扶持办法》（吴政办发〔2021〕3号）同时废止。']);
  });
});

const OUTLINE_DRAFT = `关于促进织里童装产业集聚发展的若干意见
各有关单位：
为促进童装产业集聚发展，现提出以下意见。
一、总体要求
（一）指导思想。坚持市场主导，政府引导。
（二）基本原则。
坚持公平竞争。各类经营者依法平等参与。
二、主要措施
1.加大稳岗支持。对吸纳就业的企业给予补贴。
（1）补贴标准按有关规定执行。
2.优化要素保障。
项目\t补助标准\t备注
厂房租金\t不超过每平方米10元\t按年拨付
设备购置\t不超过20万元\t一次性
本意见自印发之日起施行，有效期3年。
织里镇人民政府
2026年11月20日
附件1
童装产业集聚区范围
一、核心区
二、拓展区`;

describe('outline-style draft', () => {
  const d = parse(OUTLINE_DRAFT);

  it('nests by the fixed order and skips levels correctly', () => {
    expect(d.clauses.filter((c) => c.label).map((c) => c.path)).toEqual([
      '一、', '一、（一）', '一、（二）', '二、', '二、1.', '二、1.（1）', '二、2.', '附件1 一、', '附件1 二、',
    ]);
  });

  it('reads lead sentences and unnumbered paragraphs', () => {
    expect(byPath(d, '一、（一）')?.heading).toBe('指导思想');
    expect(byPath(d, '二、1.')?.heading).toBe('加大稳岗支持');
    expect(byPath(d, '一、（二）第一段')?.text).toBe('坚持公平竞争。各类经营者依法平等参与。');
  });

  it('makes tables addressable by row and cell', () => {
    const cell = byPath(d, '二、2.表1第2行第2列');
    expect(cell?.text).toBe('不超过每平方米10元');
    expect(d.text.slice(cell?.start, cell?.end)).toBe('不超过每平方米10元');
    expect(cell?.id).toBe('i2.iii2.tb1.r2.c2');
  });

  it('puts closing provisions at the top, and attachments in their own part', () => {
    expect(byPath(d, '结尾')?.text).toBe('本意见自印发之日起施行，有效期3年。');
    expect(byPath(d, '附件1')?.kind).toBe('part');
    expect(d.meta.effective).toMatchObject({ fromIssue: true, date: '2026-11-20' });
    expect(d.meta.validity?.duration).toEqual({ years: 3 });
    expect(d.meta.issuerLevel).toBe('township');
    expect(d.meta.numberingStyle).toBe('outline');
  });
});

describe('numbering gaps', () => {
  it('warns when a number is skipped', () => {
    const d = parse('关于某事的通知\n一、甲\n（一）a\n（三）c\n二、乙');
    expect(d.warnings).toEqual(['编号不连续：（一） 之后为 （三）']);
  });
});
