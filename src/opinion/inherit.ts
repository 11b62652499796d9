/**
 * A later version's review inherits the earlier one's decisions for findings that are still
 * there (a dismissal keeps its reason, marked as inherited); and the opinion on the later
 * version can say which earlier 修改意见 (confirmed findings) were adopted: resolved →
 * 已采纳, still there → 未采纳. A finding the reviewer marked by hand is carried over too (a copy
 * on the later version, with its decision) when its words are still there.
 */
import type { VersionComparison } from '../diff/compare.js';
import type { FindingFate } from '../diff/fates.js';
import type { DocumentJson } from '../document/document-json.js';
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

/** A finding the reviewer marked by hand, carried to the later version at these words. */
export interface HandCarry {
  fromFindingId: string;
  start: number;
  end: number;
}

type HandFindingSide = Pick<ExportFinding, 'id' | 'quote' | 'start' | 'end'>;
type Located = Pick<DocumentJson, 'text' | 'clauses'>;

/**
 * Where the words of a hand-marked finding stand in the later version: inside the clauses the
 * comparison aligned with the clauses they stood in (renumbered, moved, split or merged), else
 * the one place in the whole text they occur; null when they are gone (or the text changed
 * around them beyond recognition). A hand finding has no rule to run again: this is its fate.
 */
export function locateHandFinding(f: HandFindingSide, before: Located, after: Located, comparison: Pick<VersionComparison, 'changes'>): { start: number; end: number } | null {
  if (!f.quote) return null;
  const oldClauses = new Map(before.clauses.map((c) => [c.id, c]));
  const newClauses = new Map(after.clauses.map((c) => [c.id, c]));
  const ranges: { start: number; end: number }[] = [];
  for (const change of comparison.changes) {
    const touches = change.old.some((s) => {
      const c = oldClauses.get(s.clauseId);
      return c !== undefined && c.start < f.end && f.start < c.end;
    });
    if (!touches) continue;
    for (const s of change.new) {
      const c = newClauses.get(s.clauseId);
      if (c) ranges.push({ start: c.start, end: c.end });
    }
  }
  for (const r of ranges.sort((a, b) => a.start - b.start)) {
    const at = after.text.indexOf(f.quote, r.start);
    if (at >= 0 && at + f.quote.length <= r.end) return { start: at, end: at + f.quote.length };
  }
  const first = after.text.indexOf(f.quote);
  if (first >= 0 && after.text.indexOf(f.quote, first + 1) < 0) return { start: first, end: first + f.quote.length };
  return null;
}

/** The decided hand-marked findings of the earlier review, placed in the later version (those still there). */
export function handCarryOver(earlier: (Decided & HandFindingSide & { addedByHand?: boolean })[], before: Located, after: Located, comparison: Pick<VersionComparison, 'changes'>): HandCarry[] {
  const out: HandCarry[] = [];
  for (const f of earlier) {
    if (!f.addedByHand || (f.status !== 'confirmed' && f.status !== 'dismissed')) continue;
    const at = locateHandFinding(f, before, after, comparison);
    if (at) out.push({ fromFindingId: f.id, ...at });
  }
  return out;
}
