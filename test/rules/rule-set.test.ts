/** The shipped rule set: it loads, every rule proves itself, and it covers the standards. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverage, coverageMarkdown } from '../../src/rules/coverage.js';
import { evaluate, type LabelledClause, type Verdict } from '../../src/rules/evaluate.js';
import { primaryFinding } from '../../src/rules/findings.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';
import { CATEGORIES } from '../../src/rules/schema.js';
import { testRuleExamples } from '../../src/rules/self-test.js';
import { exampleText } from '../../src/rules/examples.js';

describe('the shipped rule set', () => {
  const ruleSet = loadRuleSet();

  it('passes every rule example (fahu rules test)', () => {
    const result = testRuleExamples(ruleSet);
    const report = result.failures.map((f) => `${f.rule} [${f.kind}] ${f.got}: ${f.example}`).join('\n');
    expect(report).toBe('');
    expect(result.examples).toBeGreaterThanOrEqual(result.rules * 6);
  });

  it('has rules in every category', () => {
    const used = new Set(ruleSet.rules.map((r) => r.rule.category));
    expect(CATEGORIES.filter((c) => !used.has(c))).toEqual([]);
  });

  it('covers every item of 公平竞争审查条例 第八条至第十一条 (19 items)', () => {
    const items = { 第八条: 5, 第九条: 6, 第十条: 4, 第十一条: 4 } as const;
    const missing: string[] = [];
    for (const [article, n] of Object.entries(items)) {
      for (let i = 1; i <= n; i++) {
        const item = `（${'一二三四五六'[i - 1]}）`;
        const cited = ruleSet.rules.some((r) => r.rule.basis.some((b) => b.law === '公平竞争审查条例' && b.article === article && b.item === item));
        if (!cited) missing.push(`${article}${item}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has every required item covered, and rules/README.md carries the current coverage table', () => {
    const rows = coverage(ruleSet);
    expect(rows.filter((r) => r.rules.length === 0).map((r) => `${r.article}${r.item ?? ''}`)).toEqual([]);
    const readme = readFileSync(new URL('../../rules/README.md', import.meta.url), 'utf8');
    const table = readme.split('<!-- coverage:start -->\n')[1]?.split('\n<!-- coverage:end -->')[0];
    expect(table, '请运行 npx fahu rules coverage 更新 rules/README.md 中的覆盖表').toBe(coverageMarkdown(rows));
  });

  it('keeps the industry pack off unless asked for', () => {
    const pack = ruleSet.rules.filter((r) => r.pack === 'tongzhuang');
    expect(pack.length).toBeGreaterThan(0);
    const first = pack[0]?.rule.examples.flag[0];
    const example = first === undefined ? '' : exampleText(first);
    const doc = ingestText(example, { fragment: true });
    const id = pack[0]?.rule.id ?? '';
    expect(runRules(doc, ruleSet).some((f) => f.rule === id)).toBe(false);
    expect(runRules(doc, ruleSet, { packs: ['tongzhuang'] }).some((f) => f.rule === id || f.related?.includes(id))).toBe(true);
  });

  it('catches the probe clauses written from the standards (fixtures/eval/probes.jsonl) and spares their look-alikes', () => {
    const items = readFileSync(new URL('../../fixtures/eval/probes.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LabelledClause);
    const verdicts = new Map<string, Verdict>();
    for (const item of items) {
      const top = primaryFinding(runRules(ingestText(item.text, { fragment: true }), ruleSet).filter((f) => f.severity !== 'low'));
      verdicts.set(item.id, top ? { flagged: true, category: top.category, rule: top.rule } : { flagged: false });
    }
    const report = evaluate(items, verdicts);
    expect(report.misses.map((m) => m.text)).toEqual([]);
    expect(report.alarms.map((a) => `${a.rule}: ${a.text}`)).toEqual([]);
    expect(report.categoryAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
