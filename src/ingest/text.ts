/** Plain text and Markdown drafts: finds tables (tab-separated or Markdown pipes). */
import type { ExtractedText } from '../document/build.js';
import type { Span } from '../document/model.js';

const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|?\s*:?-{3,}:?\s*\|/;

function cellsOf(line: string, offset: number, separator: '\t' | '|'): Span[] {
  const cells: Span[] = [];
  let body = line;
  let base = offset;
  if (separator === '|') {
    const first = line.indexOf('|');
    const last = line.lastIndexOf('|');
    body = line.slice(first + 1, last);
    base = offset + first + 1;
  }
  let at = 0;
  for (const piece of body.split(separator)) {
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    cells.push({ start: base + at + lead, end: base + at + lead + trimmed.length });
    at += piece.length + 1;
  }
  return cells;
}

export function extractPlainText(original: string, markdown: boolean): ExtractedText {
  const rows: ExtractedText['rows'] = [];
  const lines: { text: string; start: number }[] = [];
  const re = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(original)) !== null && m[0].length > 0) {
    lines.push({ text: m[0].replace(/[\r\n]+$/, ''), start: m.index });
  }
  let table = 0;
  let i = 0;
  while (i < lines.length) {
    const kind = (t: string): '\t' | '|' | undefined =>
      PIPE_ROW.test(t) || PIPE_RULE.test(t) ? '|' : /\S\t+\S/.test(t.trim()) ? '\t' : undefined;
    const sep = kind(lines[i]?.text ?? '');
    if (!sep) { i++; continue; }
    let j = i;
    while (j < lines.length && kind(lines[j]?.text ?? '') === sep) j++;
    const group = lines.slice(i, j).filter((l) => !(sep === '|' && PIPE_RULE.test(l.text)));
    if (group.length >= 2 || (sep === '|' && j - i >= 2)) {
      group.forEach((l, row) => rows.push({ table, row, start: l.start, end: l.start + l.text.length, cells: cellsOf(l.text, l.start, sep) }));
      table++;
    }
    i = j;
  }
  return { original, rows, notes: [], joinWrappedLines: true, markdown };
}
