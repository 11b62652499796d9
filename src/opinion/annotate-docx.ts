/**
 * 批注稿: the department's own .docx, untouched except for a Word comment anchored on each
 * flagged span (commentRangeStart/End around the quoted words, a commentReference run after
 * them, word/comments.xml with its content type and relationship), and optionally the
 * suggestions as tracked changes: a suggestion that says 删除 marks the quoted words as a
 * tracked deletion; one that says 修改为“…” also inserts the new words. Offsets of the
 * findings point into the canonical text; `originalOffsets` leads back to the extracted
 * text, which is the visible text of the Word paragraphs in order.
 */
import JSZip from 'jszip';
import { parseXml, serializeXml, type XmlDocument, type XmlElement } from '../ingest/docx/xml.js';
import { IngestError } from '../document/errors.js';
import { citation } from '../report/citation.js';
import type { ExportFinding } from '../report/writers/types.js';
import type { CorpusLaw } from '../corpus/corpus.js';
import { paragraphs, runsCovering, runStartingAt, W_NS, type WordParagraph } from './word-xml.js';

/** The texts a finding's offsets lead through: canonical → extracted (the Word paragraphs). */
export interface AnchorText {
  text: string;
  original: string;
  originalOffsets: Uint32Array;
}

export interface AnnotateOptions {
  author?: string;
  /** ISO timestamp written on the comments and changes. */
  date?: string;
  tracked?: boolean;
  laws?: readonly CorpusLaw[];
}

export interface AnnotateResult {
  bytes: Uint8Array;
  /** Findings anchored on their words. */
  placed: string[];
  /** Findings whose words were not found in the Word paragraphs (e.g. in a footnote): commented on the first paragraph instead. */
  unplaced: string[];
}

const COMMENTS_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';

/** The comment's paragraphs: category and title, reason, basis, suggestion. */
export function commentLines(f: ExportFinding, laws?: readonly CorpusLaw[]): string[] {
  const lines = [`【${f.category}】${f.title}`, `理由：${f.explanation}`];
  if (f.basis.length) lines.push(`依据：${f.basis.map((b) => citation(b, laws)).join('；')}`);
  lines.push(`建议：${f.suggestionOverride ?? f.suggestion}`);
  return lines;
}

/** The span of a finding in the canonical text, found again by its quote when the offsets have drifted. */
function canonicalSpan(t: AnchorText, f: ExportFinding): { start: number; end: number } | undefined {
  if (f.quote && t.text.slice(f.start, f.end) === f.quote) return { start: f.start, end: f.end };
  if (!f.quote) return undefined;
  let best: number | undefined;
  for (let i = t.text.indexOf(f.quote); i >= 0; i = t.text.indexOf(f.quote, i + 1)) if (best === undefined || Math.abs(i - f.start) < Math.abs(best - f.start)) best = i;
  return best === undefined ? undefined : { start: best, end: best + f.quote.length };
}

interface Located {
  para: WordParagraph;
  offset: number;
}

/** Where each Word paragraph's text lies in the extracted text: in order, else anywhere once. */
function locateParagraphs(original: string, paras: WordParagraph[]): (number | undefined)[] {
  let cursor = 0;
  return paras.map((p) => {
    if (!p.text) return undefined;
    const at = original.indexOf(p.text, cursor);
    if (at >= 0) {
      cursor = at + p.text.length;
      return at;
    }
    const anywhere = original.indexOf(p.text);
    return anywhere >= 0 && original.indexOf(p.text, anywhere + 1) < 0 ? anywhere : undefined;
  });
}

function locate(paras: WordParagraph[], starts: (number | undefined)[], orig: number, endSide: boolean): Located | undefined {
  for (let i = 0; i < paras.length; i++) {
    const s = starts[i];
    const p = paras[i];
    if (s === undefined || !p) continue;
    const inside = endSide ? s < orig && orig <= s + p.text.length : s <= orig && orig < s + p.text.length;
    if (inside) return { para: p, offset: orig - s };
  }
  return undefined;
}

function el(doc: XmlDocument, name: string, attrs: Record<string, string> = {}): XmlElement {
  const e = doc.createElementNS(W_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(W_NS, k, v);
  return e;
}

function referenceRun(doc: XmlDocument, id: number): XmlElement {
  const r = el(doc, 'w:r');
  const rPr = el(doc, 'w:rPr');
  rPr.appendChild(el(doc, 'w:rStyle', { 'w:val': 'CommentReference' }));
  r.appendChild(rPr);
  r.appendChild(el(doc, 'w:commentReference', { 'w:id': String(id) }));
  return r;
}

/** 修改为“X” / 改为“X” in a suggestion: the replacement words. */
function replacementOf(suggestion: string): string | undefined {
  return /(?:修改为|改为|表述为)[“"]([^”"]{1,200})[”"]/.exec(suggestion)?.[1];
}

function trackChange(doc: XmlDocument, runs: XmlElement[], suggestion: string, ids: { next: number }, author: string, date: string): boolean {
  const replacement = replacementOf(suggestion);
  if (!replacement && !suggestion.startsWith('删除')) return false;
  const first = runs[0];
  const parent = first?.parentNode;
  if (!first || !parent || runs.some((r) => r.parentNode !== parent)) return false;
  const del = el(doc, 'w:del', { 'w:id': String(ids.next++), 'w:author': author, 'w:date': date });
  parent.insertBefore(del, first);
  for (const r of runs) {
    for (let c = r.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1 && (c as XmlElement).nodeName === 'w:t') {
        const dt = el(doc, 'w:delText');
        dt.setAttribute('xml:space', 'preserve');
        dt.textContent = c.textContent;
        r.replaceChild(dt, c);
        c = dt;
      }
    }
    del.appendChild(r);
  }
  if (replacement) {
    const ins = el(doc, 'w:ins', { 'w:id': String(ids.next++), 'w:author': author, 'w:date': date });
    const r = el(doc, 'w:r');
    const rPr = Array.from(first.childNodes as unknown as ArrayLike<XmlElement>).find((c) => c.nodeName === 'w:rPr');
    if (rPr) r.appendChild(rPr.cloneNode(true));
    const t = el(doc, 'w:t');
    t.setAttribute('xml:space', 'preserve');
    t.textContent = replacement;
    r.appendChild(t);
    ins.appendChild(r);
    parent.insertBefore(ins, del.nextSibling);
  }
  return true;
}

function commentsPart(existing: string | undefined): XmlDocument {
  return parseXml(existing ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="${W_NS}"></w:comments>`);
}

function appendComment(comments: XmlDocument, id: number, author: string, date: string, lines: string[]): void {
  const c = el(comments, 'w:comment', { 'w:id': String(id), 'w:author': author, 'w:date': date, 'w:initials': author.slice(0, 2) });
  lines.forEach((line, i) => {
    const p = el(comments, 'w:p');
    if (i === 0) {
      const ref = el(comments, 'w:r');
      ref.appendChild(el(comments, 'w:annotationRef'));
      p.appendChild(ref);
    }
    const r = el(comments, 'w:r');
    const t = el(comments, 'w:t');
    t.setAttribute('xml:space', 'preserve');
    t.textContent = line;
    r.appendChild(t);
    p.appendChild(r);
    c.appendChild(p);
  });
  comments.documentElement?.appendChild(c);
}

async function mainDocumentPath(zip: JSZip): Promise<string> {
  const rels = await zip.file('_rels/.rels')?.async('string');
  const m = rels && /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
  const target = m && /Target="\/?([^"]+)"/.exec(m[0])?.[1];
  return target || 'word/document.xml';
}

function maxId(xml: string, pattern: RegExp): number {
  let max = -1;
  for (const m of xml.matchAll(pattern)) max = Math.max(max, Number(m[1]));
  return max;
}

export async function annotateDocx(bytes: Uint8Array, anchor: AnchorText, findings: ExportFinding[], options: AnnotateOptions = {}): Promise<AnnotateResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new IngestError('CORRUPT_DOCX', '不是有效的 Word 文档，无法生成批注稿', '请在 Word 中打开并重新保存为 .docx');
  }
  const docPath = await mainDocumentPath(zip);
  const dir = docPath.slice(0, docPath.lastIndexOf('/') + 1);
  const relsPath = `${dir}_rels/${docPath.slice(dir.length)}.rels`;
  const xml = await zip.file(docPath)?.async('string');
  if (xml === undefined) throw new IngestError('CORRUPT_DOCX', '不是有效的 Word 文档（缺少正文部分），无法生成批注稿', '请在 Word 中打开并重新保存为 .docx');
  const doc = parseXml(xml);
  const author = options.author || '法护';
  const date = (options.date ?? new Date().toISOString()).replace(/\.\d+Z$/, 'Z');
  const existingComments = await zip.file(`${dir}comments.xml`)?.async('string');
  const comments = commentsPart(existingComments);
  let nextComment = Math.max(maxId(xml, /<w:comment(?:RangeStart|Reference)\b[^>]*w:id="(\d+)"/g), existingComments ? maxId(existingComments, /<w:comment\b[^>]*w:id="(\d+)"/g) : -1) + 1;
  const changeIds = { next: maxId(xml, /\bw:id="(\d+)"/g) + 1000 };

  const paras = paragraphs(doc);
  const starts = locateParagraphs(anchor.original, paras);
  const placed: string[] = [];
  const unplaced: string[] = [];
  const ordered = [...findings].sort((a, b) => b.start - a.start); // last first: earlier offsets stay true
  for (const f of ordered) {
    const id = nextComment++;
    const lines = commentLines(f, options.laws);
    const span = canonicalSpan(anchor, f);
    const from = span && locate(paras, starts, anchor.originalOffsets[span.start] ?? -1, false);
    const to = span && locate(paras, starts, (anchor.originalOffsets[span.end - 1] ?? -2) + 1, true);
    if (!from || !to) {
      const first = paras.find((p) => p.text);
      if (first) {
        first.element.insertBefore(el(doc, 'w:commentRangeStart', { 'w:id': String(id) }), first.segments[0]?.run ?? null);
        first.element.appendChild(el(doc, 'w:commentRangeEnd', { 'w:id': String(id) }));
        first.element.appendChild(referenceRun(doc, id));
        appendComment(comments, id, author, date, [`（未能在正文中定位：“${f.quote}”）`, ...lines]);
      }
      unplaced.push(f.id);
      continue;
    }
    const endRun = runStartingAt(doc, to.para, to.offset);
    const startRun = runStartingAt(doc, from.para, from.offset);
    if (!startRun) {
      unplaced.push(f.id);
      continue;
    }
    const covered = from.para === to.para ? runsCovering(doc, from.para, from.offset, to.offset) : [];
    const rangeStart = el(doc, 'w:commentRangeStart', { 'w:id': String(id) });
    const rangeEnd = el(doc, 'w:commentRangeEnd', { 'w:id': String(id) });
    startRun.parentNode?.insertBefore(rangeStart, startRun);
    if (endRun) endRun.parentNode?.insertBefore(rangeEnd, endRun);
    else to.para.element.appendChild(rangeEnd);
    rangeEnd.parentNode?.insertBefore(referenceRun(doc, id), rangeEnd.nextSibling);
    if (options.tracked && covered.length) trackChange(doc, covered, f.suggestionOverride ?? f.suggestion, changeIds, author, date);
    appendComment(comments, id, author, date, lines);
    placed.push(f.id);
  }

  zip.file(docPath, serializeXml(doc));
  zip.file(`${dir}comments.xml`, serializeXml(comments));
  if (!existingComments) {
    const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
    if (!types.includes(`/${dir}comments.xml`)) zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/${dir}comments.xml" ContentType="${COMMENTS_TYPE}"/></Types>`));
    const rels = (await zip.file(relsPath)?.async('string')) ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    if (!rels.includes(COMMENTS_REL)) zip.file(relsPath, rels.replace('</Relationships>', `<Relationship Id="rIdFahuComments" Type="${COMMENTS_REL}" Target="comments.xml"/></Relationships>`));
  }
  const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { bytes: out, placed: placed.reverse(), unplaced: unplaced.reverse() };
}
