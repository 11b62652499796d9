/** Structure, kind and validity of documents as departments actually send them (crawled, mixed numbering). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/document/build.js';
import type { DocumentModel } from '../../src/document/model.js';
import { normalizeText } from '../../src/document/normalize.js';
import { findValidity } from '../../src/document/validity.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { extractPlainText } from '../../src/ingest/text.js';

const parse = (s: string): DocumentModel => buildDocument(extractPlainText(s, false), { format: 'txt', bytes: s.length });
const labelled = (d: DocumentModel) => d.clauses.filter((c) => c.label).map((c) => c.path);
const FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'reading', 'county-policy-crawled.txt');

describe('a county policy as crawled from the county site', () => {
  it('has every article at its own number and each 一、 heading as a section', async () => {
    const d = await ingestBytes(new Uint8Array(readFileSync(FIXTURE)), { fileName: 'county-policy-crawled.txt' });
    const articles = d.clauses.filter((c) => c.kind === 'article');
    expect(articles.map((a) => a.path)).toEqual(Array.from({ length: 26 }, (_, i) => `第${i + 1}条`));
    const sections = d.clauses.filter((c) => c.kind === 'section');
    expect(sections.map((s) => `${s.label}${s.heading}`)).toEqual(['一、总则', '二、支持企业做大做强', '三、支持设计创新', '四、支持市场开拓', '五、支持人才引进', '六、附则']);
    // articles sit in their sections; 第11条 ran onto its section's line
    const parentOf = (path: string) => d.clauses.find((c) => c.id === d.clauses.find((a) => a.path === path)?.parent)?.label;
    expect(parentOf('第3条')).toBe('一、');
    expect(parentOf('第11条')).toBe('三、');
    expect(parentOf('第26条')).toBe('六、');
    expect(d.clauses.find((c) => c.path === '第11条')?.text).toMatch(/^第11条【设计中心】对新认定的国家级/);
    expect(d.clauses.find((c) => c.path === '第1条')?.heading).toBe('适用范围');
    expect(d.clauses.filter((c) => c.path.startsWith('第6条第')).map((c) => c.label)).toEqual(['（一）', '（二）', '（三）']);
    expect(d.warnings).toEqual([]);
    expect(d.meta.title).toBe('吴兴区关于促进童装产业高质量发展的若干政策');
    expect(d.meta.kind).toBe('policy');
    expect(d.meta.validity).toMatchObject({ text: '暂定3年', duration: { years: 3 }, from: '2026-03-01', until: '2029-02-28' });
    expect(d.meta.docNumber).toBeUndefined();
    expect(d.clauses.find((c) => c.text.startsWith('发布时间'))?.kind).toBe('text');
    for (const c of d.clauses) expect(d.text.slice(c.start, c.end)).toBe(c.text);
  });
});

describe('numbering written with spaces or full-width digits', () => {
  it('reads 第 1 0 条, 第１０条, 第 十 一 条 and （ 三 ） as the labels they are', () => {
    const d = parse('某某办法\n第 9 条 甲。\n第 1 0 条 乙：\n( 一 ) 丙；\n（ 二 ）丁。\n第１１条 戊。\n第 十 二 条 己。');
    expect(labelled(d)).toEqual(['第9条', '第10条', '第10条第（一）项', '第10条第（二）项', '第11条', '第十二条']);
    expect(d.warnings).toEqual([]);
  });

  it('keeps a space between numbers outside a label', () => {
    expect(normalizeText('共计 2000 10 户', { joinWrappedLines: false, markdown: false }).text).toBe('共计2000 10户');
  });
});

describe('articles inside outline sections and outline inside articles', () => {
  it('keeps 一、 items of an article inside it when the article style has no sections', () => {
    const d = parse('某某办法\n第一条 有下列情形之一的，不予奖励：\n一、弄虚作假的；\n二、重复申报的。\n第二条 本办法自印发之日起施行。');
    expect(labelled(d)).toEqual(['第一条', '第一条第一、项', '第一条第二、项', '第二条']);
  });

  it('keeps an 一、 list inside an article of a sectioned policy as its items', () => {
    const d = parse('某某若干政策\n一、总则\n第1条 有下列情形之一的，不予奖励：\n一、弄虚作假的；\n二、重复申报的。\n第2条 本政策由区经信局负责解释。\n二、附则\n第3条 本政策自印发之日起施行。');
    expect(d.clauses.filter((c) => c.kind === 'section').map((c) => c.label)).toEqual(['一、', '二、']);
    expect(d.clauses.filter((c) => c.kind === 'article').map((c) => c.path)).toEqual(['第1条', '第2条', '第3条']);
    expect(d.clauses.filter((c) => c.kind === 'item').map((c) => c.path)).toEqual(['第1条第一、项', '第1条第二、项']);
  });

  it('splits a chapter line that runs on into its first article', () => {
    const d = parse('某某办法\n第一章 总则 第一条 为规范管理，制定本办法。\n第二条 本办法适用于本区。');
    expect(labelled(d)).toEqual(['第一章', '第一条', '第二条']);
    expect(d.clauses.find((c) => c.path === '第一章')?.heading).toBe('总则');
  });
});

describe('numbering gaps and duplicates', () => {
  it('warns and keeps each article at its own number', () => {
    const d = parse('某某办法\n第一条 甲。\n第二条 乙。\n第二条 丙。\n第五条 丁。');
    expect(d.clauses.filter((c) => c.kind === 'article').map((c) => c.number)).toEqual([1, 2, 2, 5]);
    expect(d.warnings).toEqual(['编号重复：第二条 出现两次', '编号不连续：第二条 之后为 第五条']);
  });

  it('warns about a gap across sections, since articles number on', () => {
    const d = parse('某某若干政策\n一、总则\n第1条 甲。\n第2条 乙。\n二、附则\n第4条 丙。');
    expect(d.warnings).toEqual(['编号不连续：第2条 之后为 第4条']);
  });
});

describe('the title', () => {
  it('is not taken from a document that opens with its preamble', () => {
    const d = parse('为推动童装产业发展，结合本区实际，制定本办法。\n第一条 本办法适用于本区企业。\n第二条 本办法自印发之日起施行。');
    expect(d.meta.title).toBe('');
    expect(d.clauses[0]?.kind).toBe('preamble');
  });

  it('loses its draft marker into draftStage', () => {
    expect(parse('吴兴区童装企业奖励办法（征求意见稿）\n第一条 甲。').meta).toMatchObject({ title: '吴兴区童装企业奖励办法', draftStage: '征求意见稿' });
    expect(parse('吴兴区童装企业奖励办法\n（送审稿）\n第一条 甲。').meta).toMatchObject({ title: '吴兴区童装企业奖励办法', draftStage: '送审稿' });
  });
});

describe('document kind', () => {
  const kindOf = (s: string) => parse(s).meta.kind;
  it('tells the kinds apart from title, 文号 and body', () => {
    expect(kindOf('湖州市人民政府令\n第25号\n湖州市城市绿化管理办法\n第一条 为加强绿化管理，制定本办法。')).toBe('regulation');
    expect(kindOf('湖州市城市绿化管理办法\n湖州市人民政府令第25号\n第一条 为加强绿化管理，制定本办法。')).toBe('regulation');
    expect(kindOf('吴兴区童装企业奖励办法\n第一条 企业应当如实申报。')).toBe('normative');
    expect(kindOf('关于促进童装产业发展的若干政策\n一、给予奖励。')).toBe('policy');
    expect(kindOf('织里镇污水管网改造工程招标公告\n一、项目概况。')).toBe('tender');
    expect(kindOf('童装产业园项目投资合作协议\n第一条 甲方应当提供土地。')).toBe('agreement');
    expect(kindOf('区政府第十二次常务会议纪要\n一、会议同意。')).toBe('minutes');
    expect(kindOf('关于同意设立织里镇童装商会的批复\n一、同意设立。')).toBe('reply');
    expect(kindOf('2026年安全生产大检查工作方案\n一、工作目标。')).toBe('other');
    expect(parse('吴兴区童装企业奖励办法\n第一条 甲。').meta.kindReason).toMatch(/行政规范性文件/);
  });
});

describe('validity in every usual form', () => {
  const v = (s: string, effective?: string) => findValidity(s, effective);
  it.each([
    ['本办法自2026年3月1日起施行，有效期5年。', { duration: { years: 5 }, until: '2031-02-28' }],
    ['有效期为三年。', { duration: { years: 3 }, until: '2029-02-28' }],
    ['自2026年3月1日起执行，暂定2年。', { duration: { years: 2 }, until: '2028-02-29' }],
    ['本政策暂定3年有效期。', { duration: { years: 3 } }],
    ['本办法试行2年。', { duration: { years: 2 } }],
    ['试行期为一年。', { duration: { years: 1 } }],
    ['有效期六个月。', { duration: { months: 6 }, until: '2026-08-31' }],
    ['有效期至2028年12月31日。', { until: '2028-12-31' }],
    ['本政策执行至2027年12月31日。', { until: '2027-12-31' }],
    ['执行期限为2026年1月1日至2028年12月31日。', { from: '2026-01-01', until: '2028-12-31' }],
    ['本措施自2026年1月1日起至2027年12月31日止执行。', { from: '2026-01-01', until: '2027-12-31' }],
    ['政策期限为2026年至2028年。', { from: '2026-01-01', until: '2028-12-31' }],
  ])('%s', (text, expected) => {
    expect(v(text, '2026-03-01')).toMatchObject(expected);
  });

  it('does not read a deadline or a project term as validity', () => {
    expect(v('申报时间自2026年3月1日起至2026年3月31日止，逾期不予受理。', undefined)).toBeUndefined();
    expect(v('对实施3年以上的项目给予奖励。', undefined)).toBeUndefined();
  });

  it('asks no 有效期 of a 规章', async () => {
    const { runRules } = await import('../../src/rules/engine.js');
    const { loadRuleSet } = await import('../../src/node/rule-files.js');
    const rules = loadRuleSet();
    const regulation = parse('湖州市城市绿化管理办法\n湖州市人民政府令第25号\n第一条 为加强绿化管理，制定本办法。\n第二条 本办法自2026年3月1日起施行。');
    const normative = parse('吴兴区童装企业奖励办法\n第一条 企业应当如实申报。\n第二条 本办法自2026年3月1日起施行。');
    expect(runRules(regulation, rules).map((f) => f.rule)).not.toContain('doc-no-validity');
    expect(runRules(normative, rules).map((f) => f.rule)).toContain('doc-no-validity');
  });
});

describe('hostile text', () => {
  it('normalises a single 1,000,000-character line without recursion or spread', () => {
    const line = '企业（'.repeat(200_000) + '）'.repeat(200_000) + 'a'.repeat(200_000);
    expect(line.length).toBe(1_000_000);
    const n = normalizeText(line, { joinWrappedLines: true, markdown: false });
    expect(n.text.length).toBe(1_000_000);
    expect(n.lines).toHaveLength(1);
  });
});
