import { describe, expect, it } from 'vitest';
import { foldSameProblem, mergeOverlapping, primaryFinding, type Finding } from '../../src/rules/findings.js';

const basis = (item: string) => [{ law: '公平竞争审查条例实施办法', article: '第十一条', item, text: '……' }];
const f = (rule: string, start: number, end: number, over: Partial<Finding> = {}): Finding => ({
  id: `${rule}@${start}`, rule, title: rule, category: '限制市场准入和退出', severity: 'high', clauseId: 'p1', path: '第一段',
  quote: 'x'.repeat(end - start), start, end, basis: basis('（一）'), explanation: '', suggestion: '', ...over,
});

describe('one finding per clause per problem', () => {
  const packOf = (id: string) => (id.startsWith('tz-') ? 'tongzhuang' : undefined);

  it('folds the same rule in one clause into its longest quote', () => {
    const out = foldSameProblem([f('designated-operator', 0, 4), f('designated-operator', 10, 30), f('designated-operator', 40, 45, { clauseId: 'p2' })], packOf);
    expect(out.map((x) => [x.clauseId, x.start, x.end])).toEqual([['p1', 10, 30], ['p2', 40, 45]]);
  });

  it('keeps the folded spans of other sentences and names them in the explanation', () => {
    const out = foldSameProblem(
      [f('subsidy-named-beneficiary', 0, 8, { quote: '对乙方给予奖励', explanation: '直接确定受益经营者。' }), f('subsidy-named-beneficiary', 20, 40, { quote: '甲方另行给予“突出贡献奖”100万元' }), f('subsidy-named-beneficiary', 22, 30)],
      packOf,
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ start: 20, end: 40, others: [{ start: 0, end: 8, quote: '对乙方给予奖励' }] });
    expect(out[0]?.explanation).toContain('同一条款中另有“对乙方给予奖励”，属同类问题');
  });

  it('folds a pack rule into the core rule with the same basis item, the pack rule kept as related', () => {
    const out = foldSameProblem([f('tz-designated-testing', 0, 12), f('designated-operator', 20, 32)], packOf);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'designated-operator', related: ['tz-designated-testing'] });
  });

  it('keeps different problems apart: another basis item, two core rules, another clause, a more severe pack finding', () => {
    expect(foldSameProblem([f('tz-x', 0, 5, { basis: basis('（三）') }), f('designated-operator', 10, 15)], packOf)).toHaveLength(2);
    expect(foldSameProblem([f('designated-brand', 0, 5), f('designated-operator', 10, 15)], packOf)).toHaveLength(2);
    const severe = foldSameProblem([f('tz-x', 0, 5), f('designated-operator', 10, 30, { severity: 'medium' })], packOf);
    expect(severe.map((x) => x.rule)).toEqual(['tz-x']);
  });
});

describe('overlapping findings', () => {
  it('decides two rules quoting the same span at the same severity by category precedence, not by rule order', () => {
    const flow = f('local-goods-preference', 0, 10, { category: '限制商品要素自由流动' });
    const licence = f('legality-filing-as-approval', 0, 10, { category: '增设行政许可' });
    for (const order of [[flow, licence], [licence, flow]]) {
      const out = mergeOverlapping(order);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ rule: 'legality-filing-as-approval', related: ['local-goods-preference'] });
    }
  });

  it('lets a 第十五条 finding lead an entry finding only in procurement or tender terms', () => {
    const procurement = [{ law: '公平竞争审查条例实施办法', article: '第十五条', item: '（二）', text: '……' }];
    const flow = f('local-goods-preference', 0, 10, { category: '限制商品要素自由流动', basis: procurement });
    const entry = f('designated-by-registration', 0, 10, { basis: basis('（二）') });
    for (const order of [[flow, entry], [entry, flow]]) {
      expect(mergeOverlapping(order)[0]?.rule).toBe('local-goods-preference');
      expect(mergeOverlapping(order, () => true)[0]?.rule).toBe('local-goods-preference');
      expect(mergeOverlapping(order, () => false)[0]?.rule).toBe('designated-by-registration');
      expect(primaryFinding(order, () => false)?.rule).toBe('designated-by-registration');
      expect(primaryFinding(order, () => true)?.rule).toBe('local-goods-preference');
    }
  });

  it('keeps the earlier, then the more severe finding when spans only overlap', () => {
    const out = mergeOverlapping([f('b', 5, 20, { category: '增设行政许可' }), f('a', 0, 10, { category: '限制商品要素自由流动' })]);
    expect(out.map((x) => x.rule)).toEqual(['a']);
    const severe = mergeOverlapping([f('a', 0, 10, { severity: 'medium' }), f('b', 5, 20)]);
    expect(severe.map((x) => x.rule)).toEqual(['b']);
  });
});

describe('the category that characterises a clause of several findings (primaryFinding)', () => {
  const measures = (article: string, item: string) => [{ law: '公平竞争审查条例实施办法', article, item, text: '……' }];
  const relocation = f('relocation-tenure-ban', 10, 20, { category: '限制商品要素自由流动', basis: measures('第十三条', '（三）') });
  const exit = f('exit-barrier-approval', 22, 35, { basis: measures('第十二条', '（三）') });

  it('reads a move-out ban under 第十三条（三） before an exit barrier on the same clause, in any document', () => {
    for (const order of [[relocation, exit], [exit, relocation]]) {
      expect(primaryFinding(order, () => false)?.rule).toBe('relocation-tenure-ban');
      expect(primaryFinding(order, () => true)?.rule).toBe('relocation-tenure-ban');
    }
    // another free-flow item (第十三条（二）) still ranks after entry
    const other = { ...relocation, rule: 'outside-goods-barrier', basis: measures('第十三条', '（二）') };
    expect(primaryFinding([other, exit])?.rule).toBe('exit-barrier-approval');
  });

  it('reads the restriction before the fee it charges for, and a fee before the generic burdens', () => {
    const designated = f('designated-operator', 0, 12, { category: '影响生产经营行为', basis: measures('第二十一条', '（一）') });
    const fee = f('legality-admin-fee', 14, 30, { category: '违法收费', basis: [{ law: '价格法', article: '第十二条', text: '……' }] });
    const burden = f('legality-needless-proof', 32, 40, { category: '其他烦企扰民', basis: [] });
    expect(primaryFinding([fee, designated])?.rule).toBe('designated-operator');
    expect(primaryFinding([burden, fee])?.rule).toBe('legality-admin-fee');
    expect(primaryFinding([fee, f('legality-fine', 50, 60, { category: '增设处罚或强制', basis: [] })])?.rule).toBe('legality-fine');
  });
});

describe('a specific 实施办法 item over a generic licence finding on the same act', () => {
  const licenceBasis = [{ law: '行政许可法', article: '第十七条', text: '……' }];
  const entryBasis = [{ law: '公平竞争审查条例实施办法', article: '第九条', item: '（二）', text: '……' }];
  const licence = (start: number, end: number, over: Partial<Finding> = {}) => f('legality-filing-as-approval', start, end, { category: '增设行政许可', basis: licenceBasis, ...over });
  const entry = (start: number, end: number, over: Partial<Finding> = {}) => f('entry-approval-before-business', start, end, { basis: entryBasis, ...over });

  it('lets the entry item lead an overlap, in either order and whatever the spans, the licence rule kept as related', () => {
    for (const order of [[licence(0, 20), entry(5, 25)], [entry(5, 25), licence(0, 20)], [licence(3, 9), entry(0, 30)]]) {
      const out = mergeOverlapping(order);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatchObject({ rule: 'entry-approval-before-business', related: ['legality-filing-as-approval'] });
    }
  });

  it('keeps the more severe reading of the act: a medium entry finding over a high licence finding leads at high', () => {
    const out = mergeOverlapping([licence(0, 20), entry(5, 25, { severity: 'medium' })]);
    expect(out).toEqual([expect.objectContaining({ rule: 'entry-approval-before-business', severity: 'high', start: 5, end: 25 })]);
  });

  it('keeps a finding under 行政许可法第十六条 in the lead: conditions added to a licence the law sets', () => {
    const conditions = licence(0, 20, { rule: 'legality-extra-licence-conditions', basis: [{ law: '行政许可法', article: '第十六条', text: '……' }] });
    expect(mergeOverlapping([conditions, entry(5, 25)]).map((x) => x.rule)).toEqual(['legality-extra-licence-conditions']);
  });

  it('leaves apart what is not the same act: separate spans, a licence finding that cites a 实施办法 item, a penalty', () => {
    expect(mergeOverlapping([entry(0, 10), licence(20, 30)]).map((x) => x.rule)).toEqual(['entry-approval-before-business', 'legality-filing-as-approval']);
    expect(primaryFinding([entry(0, 10), licence(20, 30)])?.rule).toBe('legality-filing-as-approval');
    const measured = licence(0, 20, { basis: [{ law: '公平竞争审查条例实施办法', article: '第十条', item: '（一）', text: '……' }] });
    expect(mergeOverlapping([measured, entry(5, 25)]).map((x) => x.rule)).toEqual(['legality-filing-as-approval']);
    const fine = f('legality-fine', 0, 20, { category: '增设处罚或强制', basis: [{ law: '行政处罚法', article: '第十六条', text: '……' }] });
    expect(mergeOverlapping([fine, entry(5, 25)]).map((x) => x.rule)).toEqual(['legality-fine']);
  });
});
