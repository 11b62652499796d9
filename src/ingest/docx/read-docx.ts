/**
 * Reads a .docx into extracted text: paragraphs in order with Word numbering made
 * explicit, tables as rows and cells, text boxes, footnotes and endnotes; no hidden or
 * deleted text, no comments. Web-standard (jszip, mammoth, xmldom): runs on Workers too.
 * The Node adapter runs this in a worker thread with memory and time limits.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { ExtractedText } from '../../document/build.js';
import type { Span } from '../../document/model.js';
import { IngestError } from '../../document/errors.js';
import type { IngestLimits } from '../../document/limits.js';
import { inspectZip } from '../zip-guard.js';
import { prepareDocumentXml, prepareNotesXml } from './prepare.js';

/** mammoth's internal document tree, as handed to transformDocument. */
interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  noteType?: string;
  noteId?: string;
  checked?: boolean;
  body?: MammothNode[];
}
interface MammothDocument extends MammothNode {
  notes?: { resolve(ref: { noteType?: string; noteId?: string }): MammothNode | null };
}

export interface DocxStats {
  numberedParagraphs: number;
  hiddenRunsRemoved: number;
}

async function mainDocumentPath(zip: JSZip): Promise<string> {
  const rels = await zip.file('_rels/.rels')?.async('string');
  const m = rels && /Target="\/?([^"]+)"[^>]*?Type="[^"]*officeDocument"|Type="[^"]*officeDocument"[^>]*?Target="\/?([^"]+)"/.exec(rels);
  return (m && (m[1] ?? m[2])) || 'word/document.xml';
}

async function rewriteParts(zip: JSZip): Promise<DocxStats> {
  const docPath = await mainDocumentPath(zip);
  const dir = docPath.includes('/') ? docPath.slice(0, docPath.lastIndexOf('/') + 1) : '';
  const read = (name: string) => zip.file(dir + name)?.async('string');
  const documentXml = await zip.file(docPath)?.async('string');
  if (documentXml === undefined) throw new IngestError('CORRUPT_DOCX', '不是有效的 Word 文档（缺少正文部分）', '请在 Word 中打开并重新保存为 .docx');
  const [numberingXml, stylesXml] = await Promise.all([read('numbering.xml'), read('styles.xml')]);
  const prepared = prepareDocumentXml(documentXml, numberingXml, stylesXml);
  if (prepared.changed) zip.file(docPath, prepared.xml);
  for (const part of ['footnotes.xml', 'endnotes.xml']) {
    const xml = await read(part);
    if (xml) {
      const cleaned = prepareNotesXml(xml, stylesXml);
      if (cleaned !== xml) zip.file(dir + part, cleaned);
    }
  }
  return { numberedParagraphs: prepared.numbered, hiddenRunsRemoved: prepared.hiddenRuns };
}

/** Flattens mammoth's tree into lines of text, tables and notes. */
class TextAssembler {
  private readonly parts: string[] = [];
  private length = 0;
  readonly rows: ExtractedText['rows'] = [];
  readonly notes: Span[] = [];
  private tableCount = 0;
  private readonly noteRefs: MammothNode[] = [];

  private line(text: string): Span {
    if (this.parts.length > 0) {
      this.parts.push('\n');
      this.length += 1;
    }
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    return { start, end: this.length };
  }

  /** Text of inline content; nested paragraphs (text boxes) are collected separately. */
  private inline(node: MammothNode, nested: MammothNode[]): string {
    switch (node.type) {
      case 'text': return node.value ?? '';
      case 'tab': return ' ';
      case 'break': return '\n';
      case 'checkbox': return node.checked ? '☑' : '☐';
      case 'noteReference': this.noteRefs.push(node); return '';
      case 'paragraph': nested.push(node); return '';
      case 'table': nested.push(node); return '';
      default: return (node.children ?? []).map((c) => this.inline(c, nested)).join('');
    }
  }

  /** A paragraph's own text; paragraphs nested in it (text boxes) go to `nested`. */
  private paragraphText(p: MammothNode, nested: MammothNode[]): string {
    return (p.children ?? []).map((c) => this.inline(c, nested)).join('');
  }

  block(node: MammothNode): void {
    if (node.type === 'table') return this.table(node);
    if (node.type !== 'paragraph') {
      for (const c of node.children ?? []) this.block(c);
      return;
    }
    const nested: MammothNode[] = [];
    const text = this.paragraphText(node, nested);
    if (text.trim()) this.line(text);
    for (const n of nested) this.block(n);
  }

  private cellText(cell: MammothNode): string {
    const nested: MammothNode[] = [];
    const pieces: string[] = [];
    const walk = (n: MammothNode) => {
      if (n.type === 'paragraph') pieces.push(this.paragraphText(n, nested));
      else if (n.type === 'table') for (const r of n.children ?? []) for (const c of r.children ?? []) pieces.push(this.cellText(c));
      else for (const c of n.children ?? []) walk(c);
    };
    for (const c of cell.children ?? []) walk(c);
    for (const n of nested) walk(n);
    // paragraphs of one cell stay on the row's line; a wide gap survives normalisation as one space
    return pieces.map((p) => p.replace(/[\t\n]+/g, ' ').trim()).filter(Boolean).join('  ');
  }

  private table(node: MammothNode): void {
    const table = this.tableCount++;
    let rowNo = 0;
    for (const row of node.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells = (row.children ?? []).filter((c) => c.type === 'tableCell').map((c) => this.cellText(c));
      if (cells.every((c) => c === '')) continue;
      const line = this.line(cells.join('\t'));
      const spans: Span[] = [];
      let at = line.start;
      for (const c of cells) {
        spans.push({ start: at, end: at + c.length });
        at += c.length + 1;
      }
      this.rows.push({ table, row: rowNo++, start: line.start, end: line.end, cells: spans });
    }
  }

  finishNotes(doc: MammothDocument): void {
    const seen = new Set<string>();
    for (const ref of this.noteRefs) {
      const key = `${ref.noteType}:${ref.noteId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const note = doc.notes?.resolve({ noteType: ref.noteType, noteId: ref.noteId });
      if (!note) continue;
      const nested: MammothNode[] = [];
      const text = (note.body ?? []).map((p) => (p.type === 'paragraph' ? this.paragraphText(p, nested) : this.inline(p, nested))).join(' ').replace(/[\t\n]+/g, ' ').trim();
      if (text) this.notes.push(this.line(text));
    }
  }

  get text(): string {
    return this.parts.join('');
  }
}

export async function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<ExtractedText & { stats: DocxStats }> {
  await inspectZip(bytes, limits);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new IngestError('CORRUPT_DOCX', '文件已损坏，无法读取', '请在 Word 中打开并重新保存为 .docx');
  }
  let stats: DocxStats;
  let prepared: ArrayBuffer;
  try {
    stats = await rewriteParts(zip);
    prepared = await zip.generateAsync({ type: 'arraybuffer', compression: 'STORE' });
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // JSZip's own checks (a size or CRC that does not match the data)
    throw new IngestError('CORRUPT_DOCX', `文件已损坏，无法读取（${e instanceof Error ? e.message.replace(/^Bug\s*:\s*/, '').slice(0, 60) : '压缩数据有误'}）`, '请在 Word 中打开并重新保存为 .docx');
  }
  let captured: MammothDocument | undefined;
  try {
    await mammoth.convertToHtml(
      // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`: give both
      { arrayBuffer: prepared, buffer: prepared } as unknown as { arrayBuffer: ArrayBuffer },
      {
        transformDocument: (d: MammothDocument) => {
          captured = d;
          return d;
        },
        // images carry no text; do not read their bytes
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('CORRUPT_DOCX', `无法读取 Word 文档内容（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）`, '请在 Word 中打开并重新保存为 .docx');
  }
  if (!captured) throw new IngestError('CORRUPT_DOCX', '无法读取 Word 文档内容', '请在 Word 中打开并重新保存为 .docx');
  const out = new TextAssembler();
  for (const c of captured.children ?? []) out.block(c);
  out.finishNotes(captured);
  return { original: out.text, rows: out.rows, notes: out.notes, joinWrappedLines: false, markdown: false, stats };
}
