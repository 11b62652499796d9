/**
 * Paragraphs and runs of a Word document.xml, for anchoring comments: each paragraph's
 * visible text (no deleted, hidden or field-code text) with the run holding each character,
 * and run splitting at a character offset (the run's properties copied to both halves).
 */
import type { XmlDocument, XmlElement } from '../ingest/docx/xml.js';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function elements(parent: XmlElement | XmlDocument, name: string): XmlElement[] {
  return Array.from(parent.getElementsByTagName(name) as unknown as ArrayLike<XmlElement>);
}

function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XmlElement);
  return out;
}

/** The nearest ancestor named `name`, or undefined. */
function ancestor(el: XmlElement, name: string): XmlElement | undefined {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.nodeType === 1 && (p as XmlElement).nodeName === name) return p as XmlElement;
  return undefined;
}

function hidden(run: XmlElement): boolean {
  const rPr = childElements(run).find((c) => c.nodeName === 'w:rPr');
  const vanish = rPr && childElements(rPr).find((c) => c.nodeName === 'w:vanish');
  return vanish !== undefined && !['0', 'false', 'off'].includes(vanish.getAttribute('w:val') ?? '');
}

const CONTENT: Record<string, string | undefined> = { 'w:t': '', 'w:tab': '\t', 'w:br': '\n', 'w:cr': '\n', 'w:noBreakHyphen': '-', 'w:softHyphen': '' };

function deleted(run: XmlElement): boolean {
  return ancestor(run, 'w:del') !== undefined || ancestor(run, 'w:moveFrom') !== undefined;
}

export interface RunSegment {
  run: XmlElement;
  /** Offset in the paragraph's text. */
  start: number;
  text: string;
}

export interface WordParagraph {
  element: XmlElement;
  segments: RunSegment[];
  text: string;
}

/**
 * Splits every run with more than one piece of content (text, tab, break) into runs of one
 * piece each, so that each run is one segment. Formatting is unchanged.
 */
function explodeRun(doc: XmlDocument, run: XmlElement): XmlElement[] {
  const kids = childElements(run);
  const rPr = kids.find((k) => k.nodeName === 'w:rPr');
  const content = kids.filter((k) => k.nodeName !== 'w:rPr');
  if (content.length <= 1) return [run];
  const out: XmlElement[] = [];
  for (const piece of content) {
    const r = doc.createElementNS(W_NS, 'w:r');
    for (const a of Array.from(run.attributes as unknown as ArrayLike<{ name: string; value: string }>)) r.setAttribute(a.name, a.value);
    if (rPr) r.appendChild(rPr.cloneNode(true));
    r.appendChild(piece);
    run.parentNode?.insertBefore(r, run);
    out.push(r);
  }
  run.parentNode?.removeChild(run);
  return out;
}

function runText(run: XmlElement): string {
  let s = '';
  for (const c of childElements(run)) {
    const fixed = CONTENT[c.nodeName];
    if (fixed === undefined) continue;
    s += c.nodeName === 'w:t' ? (c.textContent ?? '') : fixed;
  }
  return s;
}

/** Visible runs of a paragraph, not those of a nested paragraph (a text box inside it). */
function ownRuns(p: XmlElement): XmlElement[] {
  return elements(p, 'w:r').filter((r) => ancestor(r, 'w:p') === p && !deleted(r) && !hidden(r));
}

export function readParagraph(doc: XmlDocument, p: XmlElement): WordParagraph {
  const segments: RunSegment[] = [];
  let at = 0;
  for (const r0 of ownRuns(p)) {
    for (const run of explodeRun(doc, r0)) {
      const text = runText(run);
      if (!text) continue;
      segments.push({ run, start: at, text });
      at += text.length;
    }
  }
  return { element: p, segments, text: segments.map((s) => s.text).join('') };
}

export function paragraphs(doc: XmlDocument): WordParagraph[] {
  return elements(doc, 'w:p').map((p) => readParagraph(doc, p));
}

/**
 * The run that starts exactly at `offset` of the paragraph, splitting a text run when the
 * offset falls inside it; undefined when the offset is the paragraph's end.
 */
export function runStartingAt(doc: XmlDocument, para: WordParagraph, offset: number): XmlElement | undefined {
  const fresh = readParagraph(doc, para.element);
  for (const seg of fresh.segments) {
    if (seg.start === offset) return seg.run;
    if (seg.start < offset && offset < seg.start + seg.text.length) {
      const t = childElements(seg.run).find((c) => c.nodeName === 'w:t');
      if (!t) return seg.run;
      const k = offset - seg.start;
      const second = seg.run.cloneNode(true) as XmlElement;
      const t2 = childElements(second).find((c) => c.nodeName === 'w:t') as XmlElement;
      t.textContent = seg.text.slice(0, k);
      t2.textContent = seg.text.slice(k);
      t.setAttribute('xml:space', 'preserve');
      t2.setAttribute('xml:space', 'preserve');
      seg.run.parentNode?.insertBefore(second, seg.run.nextSibling);
      return second;
    }
  }
  return undefined;
}

/** The visible runs covering [from, to) of a paragraph, splitting at both ends. */
export function runsCovering(doc: XmlDocument, para: WordParagraph, from: number, to: number): XmlElement[] {
  runStartingAt(doc, para, from);
  runStartingAt(doc, para, to);
  return readParagraph(doc, para.element)
    .segments.filter((s) => s.start >= from && s.start + s.text.length <= to)
    .map((s) => s.run);
}
