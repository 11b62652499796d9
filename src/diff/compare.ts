/**
 * Comparing two versions of a draft (送审稿 → 修改稿): clauses aligned by content, word-level
 * differences inside changed clauses, obligation shifts and changed values, each finding's
 * fate. Two unrelated documents get one note (两份文件差异过大) instead of a wall of noise.
 */
import type { Finding } from '../rules/findings.js';
import type { Segmenter } from '../segment/segmenter.js';
import { alignUnits, type Pairing } from './align.js';
import { findingFates, type FindingFate } from './fates.js';
import { obligationShifts, valueChanges, type ObligationShift, type ValueChange } from './shifts.js';
import { unitsOf, type Unit, type VersionDocument } from './units.js';
import { wordDiff, type Piece } from './words.js';

export interface VersionInput {
  document: VersionDocument & { meta?: { title?: string } };
  findings?: Finding[];
}

export type ClauseChangeKind = 'same' | 'changed' | 'moved' | 'split' | 'merged' | 'added' | 'removed';

export interface ClauseSide {
  clauseId: string;
  path: string;
  text: string;
}

export interface ClauseChange {
  kind: ClauseChangeKind;
  old: ClauseSide[];
  new: ClauseSide[];
  renumbered: boolean;
  /** Word-level pieces (changed, split, merged clauses). */
  pieces?: Piece[];
  shifts: ObligationShift[];
  values: ValueChange[];
}

export interface VersionComparison {
  /** Share of the text (by characters) in aligned clauses, 0–1. */
  similarity: number;
  tooDifferent: boolean;
  note?: string;
  counts: Record<ClauseChangeKind, number> & { renumbered: number; shifts: number; values: number };
  changes: ClauseChange[];
  fates: FindingFate[];
  /** Clause pairs whose word diff hit the timeout (shown as whole sentences). */
  timedOut: number;
}

export interface CompareOptions {
  segmenter: Segmenter;
  /** Per diffArrays call, default 200 ms. */
  timeoutMs?: number;
  /** Below this share of aligned text the two are called unrelated (default 0.3). */
  minSimilarity?: number;
}

const side = (u: Unit): ClauseSide => ({ clauseId: u.clauseId, path: u.path, text: u.text });

export function compareVersions(a: VersionInput, b: VersionInput, options: CompareOptions): VersionComparison {
  const oldUnits = unitsOf(a.document);
  const newUnits = unitsOf(b.document);
  const pairings = alignUnits(oldUnits, newUnits);
  const total = oldUnits.reduce((n, u) => n + u.text.length, 0) + newUnits.reduce((n, u) => n + u.text.length, 0);
  let alignedChars = 0;
  for (const p of pairings) {
    if (p.kind === 'same' || p.kind === 'changed') alignedChars += (oldUnits[p.old]?.text.length ?? 0) * p.similarity + (newUnits[p.new]?.text.length ?? 0) * p.similarity;
    if (p.kind === 'split') alignedChars += ((oldUnits[p.old]?.text.length ?? 0) + p.news.reduce((n, j) => n + (newUnits[j]?.text.length ?? 0), 0)) * p.similarity;
    if (p.kind === 'merged') alignedChars += ((newUnits[p.new]?.text.length ?? 0) + p.olds.reduce((n, i) => n + (oldUnits[i]?.text.length ?? 0), 0)) * p.similarity;
  }
  const similarity = total === 0 ? 1 : alignedChars / total;
  const counts: VersionComparison['counts'] = { same: 0, changed: 0, moved: 0, split: 0, merged: 0, added: 0, removed: 0, renumbered: 0, shifts: 0, values: 0 };
  const tooDifferent = similarity < (options.minSimilarity ?? 0.3);
  const clauseMap = new Map<string, string[]>();
  const changes: ClauseChange[] = [];
  let timedOut = 0;

  const describe = (p: Pairing): ClauseChange => {
    const olds = p.kind === 'merged' ? p.olds : p.kind === 'added' ? [] : [p.old];
    const news = p.kind === 'split' ? p.news : p.kind === 'removed' ? [] : [p.new];
    const o = olds.map((i) => oldUnits[i] as Unit);
    const n = news.map((j) => newUnits[j] as Unit);
    for (const u of o) clauseMap.set(u.clauseId, n.map((x) => x.clauseId));
    const kind: ClauseChangeKind = p.kind === 'same' || p.kind === 'changed' ? (p.moved ? 'moved' : p.kind) : p.kind;
    const change: ClauseChange = { kind, old: o.map(side), new: n.map(side), renumbered: (p.kind === 'same' || p.kind === 'changed') && p.renumbered, shifts: [], values: [] };
    const oldText = o.map((u) => u.text).join('\n');
    const newText = n.map((u) => u.text).join('\n');
    if (kind !== 'same' && !(kind === 'moved' && p.kind === 'same')) {
      if (o.length && n.length && !tooDifferent) {
        const d = wordDiff(oldText, newText, options.segmenter, options.timeoutMs);
        change.pieces = d.pieces;
        if (d.timedOut) timedOut++;
      }
      change.shifts = obligationShifts(oldText, newText);
      change.values = o.length && n.length ? valueChanges(oldText, newText) : [];
    }
    return change;
  };

  for (const p of pairings) {
    const c = describe(p);
    counts[c.kind]++;
    if (c.renumbered) counts.renumbered++;
    counts.shifts += c.shifts.length;
    counts.values += c.values.length;
    changes.push(c);
  }
  const fates = findingFates(a.findings ?? [], b.findings ?? [], clauseMap);
  const result: VersionComparison = { similarity, tooDifferent, counts, changes: tooDifferent ? [] : changes, fates, timedOut };
  if (tooDifferent) result.note = `两份文件差异过大（按内容对应的文字约占 ${Math.round(similarity * 100)}%），不像同一文件的两个版本，未逐条比较。请确认选择的文件。`;
  return result;
}
