/**
 * Every rule proves itself (LanguageTool's habit): each `flag` example must produce a
 * finding of that rule, each `pass` example (a lawful look-alike) must not.
 */
import { ingestText } from '../ingest/ingest.js';
import type { Segmenter } from '../segment/segmenter.js';
import { runRules } from './engine.js';
import type { RuleSet } from './ruleset.js';

export interface ExampleFailure {
  rule: string;
  file: string;
  kind: 'flag' | 'pass';
  example: string;
  got: string;
}

export interface SelfTestResult {
  rules: number;
  examples: number;
  failures: ExampleFailure[];
}

export function testRuleExamples(ruleSet: RuleSet, segmenter?: Segmenter): SelfTestResult {
  const failures: ExampleFailure[] = [];
  let examples = 0;
  const packs = [...new Set(ruleSet.rules.map((r) => r.pack).filter((p): p is string => p !== undefined))];
  for (const r of ruleSet.rules) {
    for (const kind of ['flag', 'pass'] as const) {
      for (const example of r.rule.examples[kind]) {
        examples++;
        // 【…】 marks the words the finding must quote; the marks are not part of the text
        const marked = /【([^】]+)】/.exec(example)?.[1];
        const text = example.replace(/[【】]/g, '');
        // a one-line example is a clause; a multi-line one a whole document (document checks)
        const doc = ingestText(text, { fragment: !text.includes('\n') });
        const hits = runRules(doc, ruleSet, { only: [r.rule.id], packs, ...(segmenter ? { segmenter } : {}) }).filter((f) => f.rule === r.rule.id || f.related?.includes(r.rule.id));
        if (kind === 'flag' && hits.length === 0) failures.push({ rule: r.rule.id, file: r.file, kind, example, got: '未命中' });
        else if (kind === 'flag' && marked !== undefined) {
          const at = doc.text.indexOf(marked);
          if (at < 0 || !hits.some((h) => h.start < at + marked.length && h.end > at)) failures.push({ rule: r.rule.id, file: r.file, kind, example, got: `命中“${hits[0]?.quote}”，未落在【${marked}】` });
        }
        if (kind === 'pass' && hits.length > 0) failures.push({ rule: r.rule.id, file: r.file, kind, example, got: `误命中“${hits[0]?.quote}”` });
      }
    }
  }
  return { rules: ruleSet.rules.length, examples, failures };
}
