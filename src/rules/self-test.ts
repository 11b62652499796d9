/**
 * Every rule proves itself (LanguageTool's habit): each `flag` example must produce a
 * finding of that rule — covering the words marked 【…】 when the example marks them —
 * and each `pass` example (a lawful look-alike) must not. The kinds of document the
 * examples come from are counted per rule.
 */
import type { DocumentKind } from '../annotate/document-kind.js';
import { ingestText } from '../ingest/ingest.js';
import { runRules } from './engine.js';
import { readExample } from './examples.js';
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
  /** Per rule: the document kinds its flag examples come from (given or guessed). */
  kinds: Map<string, Set<DocumentKind>>;
  /** Flag examples that mark their span. */
  marked: number;
}

export function testRuleExamples(ruleSet: RuleSet): SelfTestResult {
  const failures: ExampleFailure[] = [];
  const kinds = new Map<string, Set<DocumentKind>>();
  let examples = 0;
  let marked = 0;
  const packs = [...new Set(ruleSet.rules.map((r) => r.pack).filter((p): p is string => p !== undefined))];
  for (const r of ruleSet.rules) {
    const ruleKinds = new Set<DocumentKind>();
    kinds.set(r.rule.id, ruleKinds);
    for (const kind of ['flag', 'pass'] as const) {
      for (const raw of r.rule.examples[kind]) {
        examples++;
        const example = readExample(raw);
        if (kind === 'flag') ruleKinds.add(example.kind);
        // a one-line example is a clause; a multi-line one a whole document (document checks)
        const doc = ingestText(example.text, { fragment: !example.text.includes('\n') });
        const options = { only: [r.rule.id], packs, ...(example.jurisdiction ? { jurisdiction: example.jurisdiction } : {}) };
        const hits = runRules(doc, ruleSet, options).filter((f) => f.rule === r.rule.id || f.related?.includes(r.rule.id));
        if (kind === 'flag' && hits.length === 0) failures.push({ rule: r.rule.id, file: r.file, kind, example: example.text, got: '未命中' });
        if (kind === 'pass' && hits.length > 0) failures.push({ rule: r.rule.id, file: r.file, kind, example: example.text, got: `误命中“${hits[0]?.quote}”` });
        if (kind === 'flag' && hits.length > 0 && example.marked) {
          marked++;
          const m = example.marked;
          const words = example.text.slice(m.start, m.end);
          // the document text is the example normalised (same words); find the marked words in it
          const start = doc.text.indexOf(words);
          const covers = (f: { start: number; end: number; quote: string }) => (start >= 0 ? f.start <= start && f.end >= start + words.length : f.quote.includes(words));
          if (!hits.some(covers)) {
            failures.push({ rule: r.rule.id, file: r.file, kind, example: example.text, got: `引文“${hits.map((f) => f.quote).join('”“')}”未覆盖标出的“${example.text.slice(m.start, m.end)}”` });
          }
        }
      }
    }
  }
  return { rules: ruleSet.rules.length, examples, failures, kinds, marked };
}
