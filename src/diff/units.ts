/**
 * What a version comparison aligns: the clauses that carry text of their own (an article
 * split into 款 carries none; its 款 do), each with its text without the numbering label,
 * so that renumbered articles compare equal.
 */
import type { ClauseJson } from '../document/document-json.js';

export interface VersionDocument {
  text: string;
  clauses: Pick<ClauseJson, 'id' | 'kind' | 'label' | 'path' | 'start' | 'end' | 'parent'>[];
}

export interface Unit {
  index: number;
  clauseId: string;
  path: string;
  label: string;
  /** Own text without the label, trimmed. */
  text: string;
  /** Offset of `text` in the document text. */
  start: number;
}

const SKIP = new Set(['table', 'row', 'docNumber', 'signature', 'text', 'note']);

export function unitsOf(doc: VersionDocument): Unit[] {
  const firstChild = new Map<string, number>();
  for (const c of doc.clauses) if (c.parent !== null && !firstChild.has(c.parent)) firstChild.set(c.parent, c.start);
  const out: Unit[] = [];
  for (const c of doc.clauses) {
    if (SKIP.has(c.kind)) continue;
    const ownEnd = firstChild.get(c.id) ?? c.end;
    let from = c.start;
    if (c.label && doc.text.startsWith(c.label, from)) from += c.label.length;
    while (from < ownEnd && /\s/.test(doc.text[from] ?? '')) from++;
    let to = ownEnd;
    while (to > from && /\s/.test(doc.text[to - 1] ?? '')) to--;
    if (to <= from) continue;
    out.push({ index: out.length, clauseId: c.id, path: c.path || (c.kind === 'title' ? '标题' : ''), label: c.label, text: doc.text.slice(from, to), start: from });
  }
  return out;
}

/** Character bigrams of a text (punctuation and spaces left out), as counts. */
export function bigrams(s: string): Map<string, number> {
  const t = s.replace(/[\s，。；：、！？“”‘’（）()《》〔〕,.;:!?"'\-—…]/g, '');
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < t.length; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  if (t.length === 1) m.set(t, 1);
  return m;
}

export function size(m: Map<string, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

export function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [g, v] of a) n += Math.min(v, b.get(g) ?? 0);
  return n;
}

/** Dice similarity of two bigram bags, 0–1. */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  const total = size(a) + size(b);
  return total === 0 ? 1 : (2 * overlap(a, b)) / total;
}

export function merged(maps: Map<string, number>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of maps) for (const [g, v] of m) out.set(g, (out.get(g) ?? 0) + v);
  return out;
}
