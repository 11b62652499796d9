/**
 * Reads a .docx into extracted text: paragraphs in order with Word numbering made
 * explicit, tables as rows and cells, text boxes, footnotes and endnotes; no hidden or
 * deleted text, no comments. First through the direct reader (direct-reader.ts: the parts
 * zip-guard.ts inflated, no mammoth, xmldom or jszip); a file it does not take goes through
 * mammoth's document reader as before. Web-standard: runs on Workers too.
 * The Node adapter runs this in a worker thread with memory and time limits.
 */
import type JSZip from 'jszip';
import type { ExtractedText } from '../../document/build.js';
import { TextAssembler, type MammothDocument } from './assemble.js';
import { needsSymbols, readDirect, type PartEntry } from './direct-reader.js';
import { IngestError } from '../../document/errors.js';
import type { IngestLimits } from '../../document/limits.js';
import { inspectZip, plainZipProblem } from '../zip-guard.js';

/**
 * jszip, mammoth's reader and xmldom (about 0.9 s of module loading under load) load only for a file the direct
 * reader (direct-reader.ts) does not take, not with this module.
 */
async function libraries() {
  const [jszip, prepare, reader] = await Promise.all([import('jszip'), import('./prepare.js'), import('mammoth/lib/docx/docx-reader.js')]);
  return { JSZip: jszip.default, ...prepare, readMammothDocument: reader.read };
}
/**
 * Ahead of the first file (a worker started before its job: node/worker-pool.ts prestart). The direct reader is
 * loaded with this module; mammoth's libraries wait for a file that needs them (most never do, and loading them
 * on a loaded machine costs the job's own thread time).
 */
export const preloadDocxReader = async (): Promise<void> => undefined;
/** What mammoth's reader reads the parts through (mammoth-docx-reader.d.ts). */
interface MammothZipFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}
type Prepare = Pick<Awaited<ReturnType<typeof libraries>>, 'prepareDocumentXml' | 'prepareNotesXml'>;
type Tree = Pick<Awaited<ReturnType<typeof libraries>>, 'prepareDocumentXmlOverTree'>;

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

/** The XML parts the direct reader reads (kept from zip-guard's inflation). */
const isXmlPart = (name: string) => /\.(?:xml|rels)$/i.test(name);

export interface ReadDocxOptions {
  /** Try the direct reader first (default); false: mammoth's path only (tests, comparisons). */
  direct?: boolean;
}

export type DocxText = ExtractedText & { stats: DocxStats };

export function readDocx(bytes: Uint8Array, limits: IngestLimits): Promise<DocxText> {
  return readDocxWith(bytes, limits, {});
}

export async function readDocxWith(bytes: Uint8Array, limits: IngestLimits, options: ReadDocxOptions): Promise<DocxText> {
  const { entries, kept } = await inspectZip(bytes, limits, options.direct === false ? undefined : isXmlPart);
  if (options.direct !== false) {
    let direct: Awaited<ReturnType<typeof directText>>;
    try {
      const problem = plainZipProblem(bytes);
      direct = problem ? { ok: false, reason: `zip: ${problem}` } : await directText(kept, entries);
    } catch (e) {
      // a fault of the direct reader itself: mammoth's path decides, as without it
      direct = { ok: false, reason: `fault: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (shadow) {
      const mammoth = await readThroughMammoth(bytes).then((text) => ({ text }), (error: unknown) => ({ error }));
      shadow(direct, mammoth, bytes);
    }
    if (direct.ok) return direct.text;
  }
  return readThroughMammoth(bytes);
}

type Shadow = (direct: { ok: true; text: DocxText } | { ok: false; reason: string }, mammoth: { text: DocxText } | { error: unknown }, bytes: Uint8Array) => void;
let shadow: Shadow | undefined;
/**
 * A diagnostic (node/docx-shadow.ts, FAHU_DOCX_SHADOW): every file the direct reader is asked about is read
 * through mammoth as well and both outcomes handed to `check`, so that a whole test suite compares the paths.
 */
export function setDocxShadow(check: Shadow | undefined): void {
  shadow = check;
}

/**
 * The direct reader's text of a checked zip's parts, or why it does not take the file. Its faults are thrown
 * (readDocx then reads through mammoth; the tests see them).
 */
export async function directText(kept: ReadonlyMap<string, Uint8Array>, entries: readonly PartEntry[]): Promise<{ ok: true; text: DocxText } | { ok: false; reason: string }> {
  const symbol = needsSymbols(kept) ? (await import('dingbat-to-unicode')).hex : undefined;
  const outcome = readDirect(kept, entries, symbol);
  if (!outcome.ok) return outcome;
  return { ok: true, text: assemble(outcome.document, { numberedParagraphs: outcome.prepared.numbered, hiddenRunsRemoved: outcome.prepared.hiddenRuns }) };
}

/** Only the direct reader (tests): its text, or why it does not take the file. */
export async function readDocxDirectly(bytes: Uint8Array, limits: IngestLimits): Promise<{ ok: true; text: DocxText } | { ok: false; reason: string }> {
  const { entries, kept } = await inspectZip(bytes, limits, isXmlPart);
  const problem = plainZipProblem(bytes);
  return problem ? { ok: false, reason: `zip: ${problem}` } : directText(kept, entries);
}

function assemble(doc: MammothDocument, stats: DocxStats): DocxText {
  const out = new TextAssembler();
  for (const c of doc.children ?? []) out.block(c);
  out.finishNotes(doc);
  return { original: out.text, rows: out.rows, notes: out.notes, joinWrappedLines: false, markdown: false, stats };
}

/** mammoth's path (the zip already checked): jszip, the rewrite, mammoth's document reader. */
async function readThroughMammoth(bytes: Uint8Array): Promise<DocxText> {
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
  return assemble(captured, { numberedParagraphs: stats.numberedParagraphs, hiddenRunsRemoved: stats.hiddenRunsRemoved });
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
