/** Plain text and Markdown drafts: finds tables (tab-separated or Markdown pipes). */
import type { ExtractedText } from '../document/build.js';
import type { Span } from '../document/model.js';

// tested on trimmed lines: a leading \s* before \|?\s* backtracks quadratically on a line of 100,000 tabs
const PIPE_RULE_TRIMMED = /^\|?[ \t]*:?-{3,}:?[ \t]*\|/;
const isPipeRow = (line: string) => {
  const t = line.trim();
  return t.length >= 2 && t.startsWith('|') && t.endsWith('|');
};
const isPipeRule = (line: string) => PIPE_RULE_TRIMMED.test(line.trim());

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

/** A tab between words (a tab-separated row); linear, unlike /\S\t+\S/ on a line of 100,000 tabs. */
function hasInnerTab(line: string): boolean {
  const t = line.trim();
  return /\S\t/.test(t) && /\t\S/.test(t);
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
      isPipeRow(t) || isPipeRule(t) ? '|' : hasInnerTab(t) ? '\t' : undefined;
    const sep = kind(lines[i]?.text ?? '');
    if (!sep) { i++; continue; }
    let j = i;
    while (j < lines.length && kind(lines[j]?.text ?? '') === sep) j++;
    const group = lines.slice(i, j).filter((l) => !(sep === '|' && isPipeRule(l.text)));
    if (group.length >= 2 || (sep === '|' && j - i >= 2)) {
      group.forEach((l, row) => rows.push({ table, row, start: l.start, end: l.start + l.text.length, cells: cellsOf(l.text, l.start, sep) }));
      table++;
    }
    i = j;
  }
  return { original, rows, notes: [], joinWrappedLines: true, markdown };
}
