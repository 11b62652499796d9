/**
 * A later version's review inherits the earlier one's decisions for findings that are still
 * there (a dismissal keeps its reason, marked as inherited); and the opinion on the later
 * version can say which earlier 修改意见 (confirmed findings) were adopted: resolved →
 * 已采纳, still there → 未采纳.
 */
import type { FindingFate } from '../diff/fates.js';
import type { ExportFinding, FindingDecision, WriterOptions } from '../report/writers/types.js';

export interface InheritedDecision {
  /** The new version's finding. */
  findingId: string;
  status: Exclude<FindingDecision, 'open'>;
  dismissReason: string | null;
  /** The earlier version's finding it came from. */
  fromFindingId: string;
}

type Decided = Pick<ExportFinding, 'id' | 'status' | 'dismissReason'>;

export function inheritedDecisions(earlier: Decided[], fates: FindingFate[]): InheritedDecision[] {
  const byId = new Map(earlier.map((f) => [f.id, f]));
  const out: InheritedDecision[] = [];
  for (const fate of fates) {
    if (fate.fate !== 'still' || !fate.old || !fate.new) continue;
    const before = byId.get(fate.old.id);
    if (!before || (before.status !== 'confirmed' && before.status !== 'dismissed')) continue;
    out.push({ findingId: fate.new.id, status: before.status, dismissReason: before.status === 'dismissed' ? (before.dismissReason ?? null) : null, fromFindingId: before.id });
  }
  return out;
}

/** The new version's findings with the inherited decisions applied (undecided ones only). */
export function withInheritedDecisions<T extends ExportFinding>(findings: T[], inherited: InheritedDecision[]): T[] {
  const by = new Map(inherited.map((d) => [d.findingId, d]));
  return findings.map((f) => {
    const d = by.get(f.id);
    if (!d || (f.status && f.status !== 'open')) return f;
    return { ...f, status: d.status, dismissReason: d.dismissReason, inherited: true };
  });
}

/** 已采纳 / 未采纳 for each earlier 修改意见 (a confirmed finding of the earlier version). */
export function adoptionOf(earlier: (Decided & Pick<ExportFinding, 'title' | 'path'>)[], fates: FindingFate[]): NonNullable<WriterOptions['adoption']> {
  const fateOf = new Map(fates.filter((f) => f.old).map((f) => [f.old?.id, f.fate]));
  return earlier
    .filter((f) => f.status === 'confirmed')
    .map((f) => ({ title: f.title, path: f.path, adopted: fateOf.get(f.id) === 'resolved' }));
}
