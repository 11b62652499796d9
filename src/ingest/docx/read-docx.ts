/**
 * Reads a .docx into extracted text: paragraphs in order with Word numbering made
 * explicit, tables as rows and cells, text boxes, footnotes and endnotes; no hidden or
 * deleted text, no comments. Web-standard (jszip, mammoth, xmldom): runs on Workers too.
 * The Node adapter runs this in a worker thread with memory and time limits.
 */
import type JSZip from 'jszip';
import type { ExtractedText } from '../../document/build.js';
import type { Span } from '../../document/model.js';
import { IngestError } from '../../document/errors.js';
import type { IngestLimits } from '../../document/limits.js';
import { inspectZip } from '../zip-guard.js';

/**
 * jszip, mammoth's reader and xmldom (about 0.9 s of module loading under load) load on the first
 * Word file, not with this module: the command line and the server read Word files in a worker,
 * so their main thread never pays for them.
 */
async function libraries() {
  const [jszip, prepare, reader] = await Promise.all([import('jszip'), import('./prepare.js'), import('mammoth/lib/docx/docx-reader.js')]);
  return { JSZip: jszip.default, ...prepare, readMammothDocument: reader.read };
}
/** Loads the libraries ahead of the first file (a worker started before its job: node/worker-pool.ts prestart). */
export const preloadDocxReader = async (): Promise<void> => void (await libraries());
/** What mammoth's reader reads the parts through (mammoth-docx-reader.d.ts). */
interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}
type Prepare = Pick<Awaited<ReturnType<typeof libraries>>, 'prepareDocumentXml' | 'prepareNotesXml'>;
type Tree = Pick<Awaited<ReturnType<typeof libraries>>, 'prepareDocumentXmlOverTree'>;

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

/** The rewritten parts, by path in the zip, handed to mammoth instead of the zip's own. */
type Rewritten = Map<string, string>;

async function rewriteParts(zip: JSZip, rewritten: Rewritten, { prepareDocumentXml, prepareNotesXml }: Prepare): Promise<DocxStats & { documentXml?: string }> {
  const docPath = await mainDocumentPath(zip);
  const dir = docPath.includes('/') ? docPath.slice(0, docPath.lastIndexOf('/') + 1) : '';
  const read = (name: string) => zip.file(dir + name)?.async('string');
  const documentXml = await zip.file(docPath)?.async('string');
  if (documentXml === undefined) throw new IngestError('CORRUPT_DOCX', '不是有效的 Word 文档（缺少正文部分）', '请在 Word 中打开并重新保存为 .docx');
  const [numberingXml, stylesXml] = await Promise.all([read('numbering.xml'), read('styles.xml')]);
  const prepared = prepareDocumentXml(documentXml, numberingXml, stylesXml);
  if (prepared.changed) rewritten.set(docPath, prepared.xml);
  for (const part of ['footnotes.xml', 'endnotes.xml']) {
    const xml = await read(part);
    if (xml) {
      const cleaned = prepareNotesXml(xml, stylesXml);
      if (cleaned !== xml) rewritten.set(dir + part, cleaned);
    }
  }
  return { numberedParagraphs: prepared.numbered, hiddenRunsRemoved: prepared.hiddenRuns, ...(prepared.scanned ? { documentXml } : {}) };
}

/**
 * The main part rewritten over xmldom's tree instead of the scan (the second try when mammoth refused the part);
 * whether that changed it. Refuses what the tree refuses, with the tree's own message.
 */
async function rewriteOverTree(zip: JSZip, rewritten: Rewritten, documentXml: string, { prepareDocumentXmlOverTree }: Tree): Promise<boolean> {
  const docPath = await mainDocumentPath(zip);
  const dir = docPath.includes('/') ? docPath.slice(0, docPath.lastIndexOf('/') + 1) : '';
  const read = (name: string) => zip.file(dir + name)?.async('string');
  const [numberingXml, stylesXml] = await Promise.all([read('numbering.xml'), read('styles.xml')]);
  const prepared = prepareDocumentXmlOverTree(documentXml, numberingXml, stylesXml);
  if (prepared.changed) rewritten.set(docPath, prepared.xml);
  else rewritten.delete(docPath);
  return prepared.changed;
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

/**
 * The zip as mammoth's reader sees it (its own zipfile.js does the same: raw bytes, or text decoded with
 * TextDecoder), with the rewritten parts served from memory: no second zip is written and inflated again.
 */
function mammothZipFile(zip: JSZip, rewritten: Rewritten): MammothZipFile {
  return {
    exists: (name) => rewritten.has(name) || zip.file(name) !== null,
    async read(name, encoding) {
      const own = rewritten.get(name);
      const bytes = own !== undefined ? undefined : await zip.file(name)?.async('uint8array');
      if (own === undefined && !bytes) throw new Error(`missing part ${name}`);
      if (encoding === 'base64') {
        let binary = '';
        for (const b of bytes ?? new TextEncoder().encode(own)) binary += String.fromCharCode(b);
        return btoa(binary);
      }
      if (encoding) return own ?? new TextDecoder(encoding).decode(bytes);
      return bytes ?? new TextEncoder().encode(own);
    },
  };
}

export async function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<ExtractedText & { stats: DocxStats }> {
  await inspectZip(bytes, limits);
  const lib = await libraries();
  let zip: JSZip;
  try {
    zip = await lib.JSZip.loadAsync(bytes);
  } catch {
    throw new IngestError('CORRUPT_DOCX', '文件已损坏，无法读取', '请在 Word 中打开并重新保存为 .docx');
  }
  let stats: DocxStats & { documentXml?: string };
  const rewritten: Rewritten = new Map();
  try {
    stats = await rewriteParts(zip, rewritten, lib);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    // JSZip's own checks (a size or CRC that does not match the data)
    throw new IngestError('CORRUPT_DOCX', `文件已损坏，无法读取（${e instanceof Error ? e.message.replace(/^Bug\s*:\s*/, '').slice(0, 60) : '压缩数据有误'}）`, '请在 Word 中打开并重新保存为 .docx');
  }
  let captured: MammothDocument | undefined;
  try {
    // mammoth's document reader without its HTML conversion: we need the document tree only
    captured = await readTree(zip, rewritten, stats.documentXml, lib);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    const message = e instanceof Error ? e.message.replace(/^Bug\s*:\s*/, '') : '未知错误';
    throw new IngestError('CORRUPT_DOCX', `无法读取 Word 文档内容（${message.slice(0, 80)}）`, '请在 Word 中打开并重新保存为 .docx');
  }
  if (!captured) throw new IngestError('CORRUPT_DOCX', '无法读取 Word 文档内容', '请在 Word 中打开并重新保存为 .docx');
  const out = new TextAssembler();
  for (const c of captured.children ?? []) out.block(c);
  out.finishNotes(captured);
  return { original: out.text, rows: out.rows, notes: out.notes, joinWrappedLines: false, markdown: false, stats: { numberedParagraphs: stats.numberedParagraphs, hiddenRunsRemoved: stats.hiddenRunsRemoved } };
}

/**
 * mammoth's document tree of the zip with the rewritten parts. The main part's rewrite is made over a scan of
 * the XML; should mammoth refuse the part, it is made again over xmldom's tree (the way it was always made):
 * what the tree refuses is refused with its message, what it tolerates and rewrites is read as before, so that
 * a file reads, or is refused, exactly as without the scan.
 */
async function readTree(zip: JSZip, rewritten: Rewritten, documentXml: string | undefined, lib: Awaited<ReturnType<typeof libraries>>): Promise<MammothDocument> {
  try {
    return (await lib.readMammothDocument(mammothZipFile(zip, rewritten))).value as MammothDocument;
  } catch (e) {
    if (documentXml === undefined || e instanceof IngestError) throw e;
    if (!(await rewriteOverTree(zip, rewritten, documentXml, lib))) throw e;
    return (await lib.readMammothDocument(mammothZipFile(zip, rewritten))).value as MammothDocument;
  }
}
