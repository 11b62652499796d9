import { describe, expect, it } from 'vitest';
import { foldSameProblem, type Finding } from '../../src/rules/findings.js';

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
