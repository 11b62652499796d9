import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/document/build.js';
import type { DocumentModel } from '../../src/document/model.js';
import { extractPlainText } from '../../src/ingest/text.js';

const parse = (s: string): DocumentModel => buildDocument(extractPlainText(s, false), { format: 'txt', bytes: s.length });
const paths = (d: DocumentModel) => d.clauses.filter((c) => c.kind !== 'title').map((c) => `${c.path}|${d.text.slice(c.start, c.ownEnd).slice(0, 12)}`);

describe('items numbered inside one paragraph', () => {
  it('splits a heading run on into its items (二、资格要求（一）……；（二）……) into one clause per item', () => {
    const d = parse('采购文件\n二、供应商资格要求（一）供应商应当符合政府采购法规定的条件；（二）本项目专门面向中小企业采购；（三）注册地须在本县。\n三、评分：1.价格分30分；2.技术分60分。\n');
    expect(paths(d)).toEqual(expect.arrayContaining([
      '二、|二、供应商资格要求',
      '二、（一）|（一）供应商应当符合政府',
      '二、（二）|（二）本项目专门面向中小',
      '二、（三）|（三）注册地须在本县。',
    ]));
    expect(d.clauses.some((c) => c.path === '三、1.' || c.path.endsWith('第1目'))).toBe(true);
  });

  it('keeps a citation (第三条（一）（二）项) and a listing lead-in (有下列情形之一的，……：) whole', () => {
    const d = parse('第五条 依照本办法第三条（一）（二）项执行。\n第六条 企业有下列情形之一的，收回已兑现的全部奖补资金：（一）注册地迁出本市的；（二）减少注册资本的。\n');
    const texts = d.clauses.map((c) => d.text.slice(c.start, c.ownEnd));
    expect(texts.some((t) => t.startsWith('第五条') && t.includes('第三条（一）（二）项执行。'))).toBe(true);
    expect(texts.some((t) => t.startsWith('第六条') && t.includes('（二）减少注册资本的'))).toBe(true);
  });

  it('splits the items of a list of conditions, each a statement of its own (应当具备下列条件：（一）……；（二）……)', () => {
    const d = parse('第五条 申报扶持资金应当具备下列条件：（一）从事茶叶加工的，依法取得食品生产许可证；（二）茶叶加工企业须取得县茶叶中心核发的资格证。\n');
    expect(d.clauses.map((c) => c.path)).toEqual(expect.arrayContaining(['第五条', '第五条第（一）项', '第五条第（二）项']));
  });

  it('needs the items to count on from one after a break mark (（二）（三） in a sentence is no run)', () => {
    const d = parse('四、补助标准按（二）类和（三）类区域分别确定；具体见附件。\n');
    expect(d.clauses.filter((c) => c.kind !== 'title').length).toBe(1);
  });
});
