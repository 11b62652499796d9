/**
 * At most MAX_FINDINGS_PER_RULE findings of one rule per document: the same problem repeated
 * hundreds of times (a long paste, a table of identical clauses) is reported on its first
 * occurrences, and the last one kept says how many more there are ("同类问题另有 N 处", with
 * `moreOfKind` for scripts). This bounds a review's size by the number of rules, not by the
 * length of the draft; the reviewer still sees every kind of problem.
 */
import type { Finding } from './findings.js';

export const MAX_FINDINGS_PER_RULE = 20;

export function capPerRule(findings: Finding[], max = MAX_FINDINGS_PER_RULE): Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  if ([...counts.values()].every((n) => n <= max)) return findings;
  const kept = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const n = (kept.get(f.rule) ?? 0) + 1;
    kept.set(f.rule, n);
    if (n > max) continue;
    const more = (counts.get(f.rule) ?? 0) - max;
    out.push(n === max && more > 0 ? { ...f, moreOfKind: more, explanation: `${f.explanation}（同类问题另有 ${more} 处，未逐一列出，请通篇核对）` } : f);
  }
  return out;
}
