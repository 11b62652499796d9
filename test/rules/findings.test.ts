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

  it('keeps the earlier, then the more severe finding when spans only overlap', () => {
    const out = mergeOverlapping([f('b', 5, 20, { category: '增设行政许可' }), f('a', 0, 10, { category: '限制商品要素自由流动' })]);
    expect(out.map((x) => x.rule)).toEqual(['a']);
    const severe = mergeOverlapping([f('a', 0, 10, { severity: 'medium' }), f('b', 5, 20)]);
    expect(severe.map((x) => x.rule)).toEqual(['b']);
  });
});

describe('a specific 实施办法 item over a generic licence finding on the same act', () => {
  const licenceBasis = [{ law: '行政许可法', article: '第十七条', text: '……' }];
  const entry = f('entry-local-registration', 10, 30, { basis: [{ law: '公平竞争审查条例实施办法', article: '第九条', item: '（二）', text: '……' }] });
  const licence = f('legality-filing-as-approval', 30, 40, { category: '增设行政许可', basis: licenceBasis });

  it('lets the entry item characterise the clause at the same severity, in either order', () => {
    expect(primaryFinding([licence, entry])?.rule).toBe('entry-local-registration');
    expect(primaryFinding([entry, licence])?.rule).toBe('entry-local-registration');
  });

  it('lets the entry item lead an overlap at the same severity, the licence rule kept as related', () => {
    const out = mergeOverlapping([f('legality-filing-as-approval', 0, 20, { category: '增设行政许可', basis: licenceBasis }), { ...entry, start: 5, end: 25 }]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rule: 'entry-local-registration', related: ['legality-filing-as-approval'] });
  });

  it('keeps the licence finding when it is more severe, when it cites a 实施办法 item itself, or when nothing specific is there', () => {
    expect(primaryFinding([licence, { ...entry, severity: 'medium' }])?.rule).toBe('legality-filing-as-approval');
    const measured = { ...licence, basis: [{ law: '公平竞争审查条例实施办法', article: '第十条', item: '（一）', text: '……' }] };
    expect(primaryFinding([measured, entry])?.rule).toBe('legality-filing-as-approval');
    expect(primaryFinding([licence])?.rule).toBe('legality-filing-as-approval');
  });

  it('does not move a penalty behind the designation it enforces (another act)', () => {
    const fine = f('legality-fine', 30, 40, { category: '增设处罚或强制', basis: [{ law: '行政处罚法', article: '第十六条', text: '……' }] });
    expect(primaryFinding([entry, fine])?.rule).toBe('legality-fine');
  });
});
