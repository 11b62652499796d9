import { describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { segmenterAnalyzer } from '../../src/search/analyzer.js';
import { createDecisionIndex, loadDecisionIndex, type IndexedDecision } from '../../src/search/decision-index.js';
import { matchSpans, snippet, snippetHtml, snippetText } from '../../src/search/highlight.js';
import { parseQuery } from '../../src/search/query.js';

const analyzer = segmenterAnalyzer(jiebaSegmenter());

const base: Omit<IndexedDecision, 'id' | 'clauseText'> = {
  title: '', reasoning: '', issuer: '', department: '', category: '限制市场准入和退出', outcome: '修改', rule: '', reviewType: '公平竞争审查', sourceKind: 'published', date: null,
};

const DOCS: IndexedDecision[] = [
  { ...base, id: 1, clauseText: '政府投资项目须使用指定品牌的电梯设备。', reasoning: '限定品牌，排除其他经营者', issuer: '甲区住建局', rule: 'designated-brand', date: '2024-03-01' },
  { ...base, id: 2, clauseText: '采购文件不得指定品牌，不得排斥外地经营者。', reasoning: '描述禁止行为，属合法条款', category: '', outcome: '保留', issuer: '乙县财政局', date: '2022-06-15' },
  { ...base, id: 3, clauseText: '享受奖励的企业十年内不得迁出本区，否则退还奖励。', reasoning: '设置市场退出障碍', issuer: '甲区住建局', rule: 'exit-barrier-no-relocation', date: '2023-01-10' },
  { ...base, id: 4, clauseText: '按企业地方综合贡献的80%给予奖励。', reasoning: '奖补与税收挂钩', category: '影响生产经营成本', issuer: '丙市商务局', rule: 'subsidy-tied-to-tax', date: '2021-11-30' },
  { ...base, id: 5, clauseText: '投标人在本地设立分支机构的得3分。', reasoning: '排斥外地经营者', category: '限制商品要素自由流动', outcome: '删除', issuer: '乙县财政局' },
];

async function index() {
  const idx = createDecisionIndex(analyzer);
  await idx.upsert(DOCS);
  return idx;
}

describe('the jieba analyzer', () => {
  it('keeps legal terms whole and also indexes their parts (search mode)', () => {
    const t = analyzer.indexTokens('要求使用指定品牌的设备，须在本地设立分支机构');
    expect(t).toEqual(expect.arrayContaining(['指定品牌', '指定', '品牌', '分支机构', '分支', '机构', '本地', '设立']));
  });

  it('drops punctuation, stop words and lone characters, lower-cases and folds full-width', () => {
    const t = analyzer.queryTokens('应当按照规定的ＡＢＣ标准，对企业进行审核');
    expect(t).not.toContain('应当');
    expect(t).not.toContain('按照');
    expect(t).not.toContain('进行');
    expect(t).not.toContain('的');
    expect(t).not.toContain('对');
    expect(t).not.toContain('，');
    expect(t).toContain('abc');
    expect(t).toContain('企业');
    expect(t).toContain('审核');
  });

  it('keeps words that carry the legal meaning (不得, 必须, 本区)', () => {
    expect(analyzer.queryTokens('不得迁出本区')).toEqual(expect.arrayContaining(['不得', '迁出', '本区']));
    expect(analyzer.queryTokens('必须使用本地产品')).toContain('必须');
  });

  it('reads quoted phrases apart from the words, in ASCII and Chinese quotes', () => {
    expect(parseQuery('设备 "指定品牌" “不得迁出”')).toEqual({ words: '设备', phrases: ['指定品牌', '不得迁出'] });
    expect(parseQuery('未闭合 "引号')).toEqual({ words: '未闭合 引号', phrases: [] });
  });
});

describe('the Orama decision index', () => {
  it('finds Chinese clauses by words, ranking the clause with all query words first', async () => {
    const r = await (await index()).search({ words: '迁出 退还 奖励' });
    expect(r.hits[0]?.id).toBe(3);
    expect(r.count).toBeGreaterThanOrEqual(2); // 奖励 is also in clause 4
  });

  it('a query word the clauses never have whole finds its parts (指定品牌 → 指定, 品牌)', async () => {
    const idx = createDecisionIndex(analyzer);
    await idx.upsert([{ ...base, id: 9, clauseText: '由县局指定的公司供应，其他品牌的产品不予采购。' }]);
    expect((await idx.search({ words: '指定品牌' })).hits.map((h) => h.id)).toEqual([9]);
  });

  it('a quoted phrase must appear exactly', async () => {
    const idx = await index();
    const loose = await idx.search({ words: '指定品牌' });
    expect(loose.hits.map((h) => h.id).sort()).toEqual([1, 2]);
    const exact = await idx.search({ words: '', phrases: ['使用指定品牌'] });
    expect(exact.hits.map((h) => h.id)).toEqual([1]);
    expect(exact.count).toBe(1);
    expect((await idx.search({ words: '', phrases: ['品牌指定'] })).count).toBe(0);
  });

  it('filters by outcome, issuer, category, rule and date range', async () => {
    const idx = await index();
    expect((await idx.search({ words: '指定品牌', filters: { outcome: '保留' } })).hits.map((h) => h.id)).toEqual([2]);
    expect((await idx.search({ words: '', filters: { issuer: '甲区住建局' } })).hits.map((h) => h.id).sort()).toEqual([1, 3]);
    expect((await idx.search({ words: '', filters: { category: '影响生产经营成本' } })).hits.map((h) => h.id)).toEqual([4]);
    expect((await idx.search({ words: '', filters: { rule: 'exit-barrier-no-relocation' } })).hits.map((h) => h.id)).toEqual([3]);
    const range = await idx.search({ words: '', filters: { from: '2022-01-01', to: '2023-12-31' } });
    expect(range.hits.map((h) => h.id).sort()).toEqual([2, 3]); // 5 has no date, 1 and 4 are outside
  });

  it('counts facets over all matches, not just the page', async () => {
    const r = await (await index()).search({ words: '', facets: true, limit: 1 });
    expect(r.hits).toHaveLength(1);
    expect(r.count).toBe(5);
    expect(r.facets?.issuer).toEqual([
      { value: '甲区住建局', count: 2 }, // equal counts in pinyin order: jia before yi
      { value: '乙县财政局', count: 2 },
      { value: '丙市商务局', count: 1 },
    ]);
    expect(r.facets?.outcome.find((f) => f.value === '修改')?.count).toBe(3);
    const phrase = await (await index()).search({ words: '', phrases: ['经营者'], facets: true });
    expect(phrase.count).toBe(3); // 1 (其他经营者), 2 and 5 (外地经营者)
    expect(Object.fromEntries((phrase.facets?.outcome ?? []).map((f) => [f.value, f.count]))).toEqual({ 修改: 1, 保留: 1, 删除: 1 });
  });

  it('sorts by date, newest first, undated last', async () => {
    const r = await (await index()).search({ words: '', sort: 'date' });
    expect(r.hits.map((h) => h.id)).toEqual([1, 3, 2, 4, 5]);
  });

  it('updates and removals show in the next search', async () => {
    const idx = await index();
    await idx.upsert([{ ...DOCS[3]!, clauseText: '按企业纳税额给予返还。' }]);
    expect((await idx.search({ words: '综合贡献' })).count).toBe(0);
    expect((await idx.search({ words: '纳税额' })).hits.map((h) => h.id)).toEqual([4]);
    await idx.remove([4]);
    expect((await idx.search({ words: '纳税额' })).count).toBe(0);
    expect(idx.size).toBe(4);
  });

  it('a saved index loaded into a jieba index still finds Chinese (not restored with the default tokenizer)', async () => {
    const saved = JSON.parse(JSON.stringify((await index()).save())) as unknown;
    const loaded = loadDecisionIndex(analyzer, saved);
    expect(loaded.size).toBe(5);
    expect((await loaded.search({ words: '指定品牌' })).hits.map((h) => h.id).sort()).toEqual([1, 2]);
    await loaded.upsert([{ ...base, id: 6, clauseText: '必须加入指定行业协会' }]);
    expect((await loaded.search({ words: '行业协会' })).hits.map((h) => h.id)).toEqual([6]);
  });

  it('similar clauses rank the same rule higher', async () => {
    const idx = await index();
    const hits = await idx.similar({ text: '企业三年内不得迁出，否则退回奖励', rule: 'exit-barrier-no-relocation', limit: 3 });
    expect(hits[0]?.id).toBe(3);
  });
});

describe('highlighting', () => {
  const seg = jiebaSegmenter();
  it('marks the query words from token offsets and escapes the text for HTML', () => {
    const text = '<script>alert(1)</script>须使用指定品牌的设备';
    const spans = matchSpans(seg, text, analyzer.queryTokens('指定品牌'));
    const s = snippet(text, spans);
    expect(snippetText(s)).toContain('【指定品牌】');
    const html = snippetHtml(s);
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<mark>指定品牌</mark>');
  });

  it('marks a query word inside a longer word, and phrases wherever they occur', () => {
    const text = '不得指定品牌，不得指定品牌。';
    expect(snippetText(snippet(text, matchSpans(seg, text, ['品牌'])))).toBe('不得指定【品牌】，不得指定【品牌】。');
    expect(snippetText(snippet(text, matchSpans(seg, text, [], ['得指定'])))).toBe('不【得指定】品牌，不【得指定】品牌。');
  });

  it('cuts long texts around the matches', () => {
    const text = `${'前文'.repeat(200)}指定品牌${'后文'.repeat(200)}`;
    const s = snippet(text, matchSpans(seg, text, ['指定品牌']), 60);
    expect(s.cutStart && s.cutEnd).toBe(true);
    expect(snippetText(s)).toContain('【指定品牌】');
    expect(snippetText(s).length).toBeLessThan(80);
  });
});
