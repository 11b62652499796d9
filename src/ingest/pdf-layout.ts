/**
 * Rebuilds paragraphs from the positioned text of PDF pages: pieces on one baseline make a line, page headers,
 * footers and page numbers (what repeats at the top or bottom of the pages, or is only a number there) are
 * dropped, and a line that runs to the right margin continues into the next line that starts at the left margin
 * (also across a page break). Pure: the PDF reader (Node adapter) hands over the pieces.
 */

import { startsWithLabel } from '../document/labels.js';
import { isDateLine, isIssuerLine } from '../document/line-kinds.js';

/** One piece of text as a PDF places it; y grows upwards, as in PDF user space. */
export interface PdfPiece {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  width: number;
  height: number;
  pieces: PdfPiece[];
}

interface PdfLine {
  page: number;
  text: string;
  x: number;
  xEnd: number;
  y: number;
  height: number;
}

const PAGE_NUMBER = /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|-\s*\d+\s*-)$/;

function linesOf(page: PdfPage, pageNo: number): PdfLine[] {
  const pieces = page.pieces.filter((p) => p.text.length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: PdfLine[] = [];
  let current: (PdfLine & { parts: PdfPiece[] }) | undefined;
  for (const p of pieces) {
    const tolerance = Math.max(2, (p.height || (current?.height ?? 10)) * 0.4);
    if (current && Math.abs(current.y - p.y) <= tolerance) {
      current.parts.push(p);
      continue;
    }
    if (current) lines.push(finish(current));
    current = { page: pageNo, text: '', x: p.x, xEnd: p.x + p.width, y: p.y, height: p.height, parts: [p] };
  }
  if (current) lines.push(finish(current));
  return lines.filter((l) => l.text.trim().length > 0);

  function finish(l: PdfLine & { parts: PdfPiece[] }): PdfLine {
    const parts = l.parts.sort((a, b) => a.x - b.x);
    let text = '';
    let end = parts[0]?.x ?? l.x;
    let height = 0;
    for (const p of parts) {
      // a visible gap between pieces (issuers side by side, a signature pushed right) stays a gap
      if (text && p.x - end > Math.max(p.height, 6) * 1.5 && !/\s$/.test(text) && p.text.trim()) text += '  ';
      text += p.text;
      end = Math.max(end, p.x + p.width);
      height = Math.max(height, p.height);
    }
    const trimmedStart = parts.find((p) => p.text.trim())?.x ?? l.x;
    return { page: l.page, text: text.replace(/\s+$/, ''), x: trimmedStart, xEnd: end, y: l.y, height: height || l.height };
  }
}

/** Text of a header/footer line with its numbers blanked, to find the same line on other pages. */
const shape = (t: string) => t.replace(/\s+/g, '').replace(/\d+/g, '#');

function dropHeadersAndFooters(pages: PdfPage[], lines: PdfLine[][]): PdfLine[][] {
  const band = (p: PdfPage, l: PdfLine) => l.y > p.height * 0.9 || l.y < p.height * 0.1;
  const counts = new Map<string, number>();
  lines.forEach((ls, i) => {
    const seen = new Set<string>();
    for (const l of ls) if (band(pages[i] as PdfPage, l)) seen.add(shape(l.text));
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
  });
  const repeatedOn = Math.max(2, Math.ceil(pages.length / 2));
  return lines.map((ls, i) =>
    ls.filter((l) => {
      if (!band(pages[i] as PdfPage, l)) return true;
      if (PAGE_NUMBER.test(l.text.trim())) return false;
      return pages.length < 2 || (counts.get(shape(l.text)) ?? 0) < repeatedOn;
    }),
  );
}

/** The paragraphs of the document, one per line of the returned text. */
export function paragraphsFromPdf(pages: PdfPage[]): string {
  const perPage = dropHeadersAndFooters(pages, pages.map((p, i) => linesOf(p, i)));
  const all = perPage.flat();
  if (all.length === 0) return '';
  // the body's margins: the leftmost edge at least a tenth of the lines start at (indented first lines and items
  // start further right), and the right edge most lines reach
  const lefts = new Map<number, number>();
  for (const l of all) lefts.set(Math.round(l.x), (lefts.get(Math.round(l.x)) ?? 0) + 1);
  const common = [...lefts.entries()].filter(([, n]) => n >= Math.max(1, all.length * 0.1)).map(([x]) => x);
  const left = common.length > 0 ? Math.min(...common) : Math.min(...all.map((l) => Math.round(l.x)));
  const ends = all.map((l) => l.xEnd).sort((a, b) => a - b);
  const right = ends[Math.floor(ends.length * 0.9)] ?? 0;
  const out: string[] = [];
  let prev: PdfLine | undefined;
  for (const l of all) {
    const em = Math.max(l.height, 8);
    const prevFull = prev !== undefined && prev.xEnd >= right - em * 1.5 && !/[：:]$/.test(prev.text);
    const atLeft = Math.abs(l.x - left) <= em * 0.6;
    // an unindented text: a numbered line, a signature or a date after a finished sentence starts a paragraph
    const head = l.text.slice(0, 24).replace(/[\s\u3000]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    const newClause = prev !== undefined && /[。；！？]$/.test(prev.text) && (startsWithLabel(head) || isIssuerLine(l.text.trim()) || isDateLine(head));
    // a line in another type size (the title over the addressee) is another paragraph
    const sameSize = prev !== undefined && Math.abs(prev.height - l.height) <= 2;
    if (prev && prevFull && atLeft && sameSize && !newClause) out[out.length - 1] += l.text;
    else out.push(l.text);
    prev = l;
  }
  return out.join('\n');
}

/** Characters of text a PDF carries; a scan has (next to) none. */
export function pdfTextChars(pages: PdfPage[]): number {
  let n = 0;
  for (const p of pages) for (const piece of p.pieces) n += piece.text.replace(/\s+/g, '').length;
  return n;
}
