/**
 * What became of each finding between two versions: still there (the same rule fires on the
 * aligned clause, or on the same words anywhere), resolved (it no longer fires), or new.
 */
import type { Finding } from '../rules/findings.js';

export type Fate = 'resolved' | 'still' | 'new';
export const FATE_LABELS: Record<Fate, string> = { resolved: '已解决', still: '仍存在', new: '新出现' };

export interface FindingFate {
  fate: Fate;
  old?: Pick<Finding, 'id' | 'rule' | 'title' | 'path' | 'quote' | 'category'>;
  new?: Pick<Finding, 'id' | 'rule' | 'title' | 'path' | 'quote' | 'category'>;
}

const brief = (f: Finding) => ({ id: f.id, rule: f.rule, title: f.title, path: f.path, quote: f.quote, category: f.category });

/** `clauseMap`: old clause id → the new clause ids it was aligned with. */
export function findingFates(oldFindings: Finding[], newFindings: Finding[], clauseMap: Map<string, string[]>): FindingFate[] {
  const used = new Set<string>();
  const out: FindingFate[] = [];
  for (const o of oldFindings) {
    const aligned = new Set(clauseMap.get(o.clauseId) ?? []);
    const free = newFindings.filter((n) => !used.has(n.id) && n.rule === o.rule);
    const match = free.find((n) => aligned.has(n.clauseId) && n.quote === o.quote) ?? free.find((n) => aligned.has(n.clauseId)) ?? free.find((n) => n.quote === o.quote) ?? (o.path === '' ? free.find((n) => n.path === '') : undefined);
    if (match) {
      used.add(match.id);
      out.push({ fate: 'still', old: brief(o), new: brief(match) });
    } else out.push({ fate: 'resolved', old: brief(o) });
  }
  for (const n of newFindings) if (!used.has(n.id)) out.push({ fate: 'new', new: brief(n) });
  return out;
}
