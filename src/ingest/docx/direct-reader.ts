/**
 * The direct reader: a .docx's parts (inflated by zip-guard.ts's check) turned into the document tree mammoth's
 * reader would build from them, without loading mammoth, xmldom, underscore or jszip. It mirrors mammoth 1.x's
 * docx-reader.js, body-reader.js and office-xml-reader.js for the elements it knows (a whitelist) and gives up —
 * returns a reason instead of a tree — on anything else: an element it does not know, XML the strict reader
 * (light-xml.ts) or the scan (scan-document.ts) refuses, a zip entry whose size does not match, a part that is
 * not clean UTF-8, and every case where mammoth would throw. The caller (read-docx.ts) then reads the file
 * through mammoth exactly as before. test/ingest-docx/direct-reader.test.ts holds the two paths equal.
 *
 * The rewrite before reading is prepare.ts's, made the same way (the scan's string edits over the main part,
 * hidden runs cut from the notes), with the styles and numbering read by light-xml.ts instead of xmldom.
 */
import type { MammothDocument, MammothNode } from './assemble.js';
import { LightElement, parseLightXml, type LightDocument, type LightNode } from './light-xml.js';
import { isVanish, numberingCounter, prepareScanned, readStyles, type PreparedPart, type Styles, type XmlDocumentLike } from './prepare-scan.js';
import { scanDocumentXml } from './scan-document.js';
import { attr as domAttr, firstChild as domFirst, type XmlElement } from './xml-helpers.js';

/** A zip entry as the reader needs it: its declared size (jszip refuses a part whose inflated size differs). */
export interface PartEntry {
  name: string;
  uncompressedSize: number;
}

export type SymbolLookup = (font: string, hex: string) => { string: string } | undefined;

export type DirectOutcome = { ok: true; document: MammothDocument; prepared: PreparedPart } | { ok: false; reason: string };

class NotHandled extends Error {}
const giveUp = (reason: string): never => {
  throw new NotHandled(reason);
};

const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** read-docx.ts's own way to the main part (a pattern over _rels/.rels), which the rewrite follows. */
export function mainPartFromRels(rels: string | undefined): string {
  const m = rels && /Target="\/?([^"]+)"[^>]*?Type="[^"]*officeDocument"|Type="[^"]*officeDocument"[^>]*?Target="\/?([^"]+)"/.exec(rels);
  return (m && (m[1] ?? m[2])) || 'word/document.xml';
}

// ---- mammoth's element helpers, over the light tree (names are mammoth's) ----

const elementsOf = (el: LightElement): LightElement[] => el.children.filter((c): c is LightElement => c.nodeType === 1);
const first = (el: LightElement | undefined, name: string): LightElement | undefined => {
  if (!el) return undefined;
  for (const c of el.children) if (c.nodeType === 1 && c.name === name) return c;
  return undefined;
};

/** A part's tree, its attributes looked up by mammoth's names (`w:val`, `r:id`, `wordml:val`). */
class Part {
  constructor(
    readonly doc: LightDocument,
    readonly path: string,
  ) {}
  attr(el: LightElement | undefined, name: string): string | undefined {
    return el?.attribute(name);
  }
}

/** mammoth's Element.text(): the one text child; anything else made mammoth throw. */
function textOf(el: LightElement): string {
  if (el.children.length === 0) return '';
  const only = el.children[0] as LightNode;
  if (el.children.length !== 1 || only.nodeType !== 3) giveUp(`${el.name} with markup inside`);
  return (only as { data: string }).data;
}

/** office-xml-reader.js: mc:AlternateContent replaced by its mc:Fallback's children, top-down (not inside them). */
function collapseAlternateContent(el: LightElement): void {
  let changed = false;
  const out: LightNode[] = [];
  for (const c of el.children) {
    if (c.nodeType === 1 && c.name === 'mc:AlternateContent') {
      changed = true;
      out.push(...(first(c, 'mc:Fallback')?.children ?? []));
    } else {
      if (c.nodeType === 1) collapseAlternateContent(c);
      out.push(c);
    }
  }
  if (changed) el.children.splice(0, el.children.length, ...out);
}

interface Relationships {
  byId: Map<string, string | undefined>;
  byType: Map<string | undefined, (string | undefined)[]>;
}
const NO_RELATIONSHIPS: Relationships = { byId: new Map(), byType: new Map() };

function readRelationships(part: Part | undefined): Relationships {
  if (!part) return NO_RELATIONSHIPS;
  const rels: Relationships = { byId: new Map(), byType: new Map() };
  for (const c of elementsOf(part.doc.documentElement)) {
    if (c.name !== 'relationships:Relationship') continue;
    const id = part.attr(c, 'Id');
    const target = part.attr(c, 'Target');
    const type = part.attr(c, 'Type');
    // mammoth keys by String(id): an Id missing is the key "undefined"
    rels.byId.set(String(id), target);
    const list = rels.byType.get(type) ?? [];
    list.push(target);
    rels.byType.set(type, list);
  }
  return rels;
}

const joinPath = (...paths: (string | undefined)[]): string => {
  let relevant: string[] = [];
  for (const p of paths) {
    if (!p) continue;
    if (p.startsWith('/')) relevant = [p];
    else relevant.push(p);
  }
  return relevant.join('/');
};
const dirname = (path: string) => (path.lastIndexOf('/') < 0 ? '' : path.slice(0, path.lastIndexOf('/')));
const relsPath = (path: string) => {
  const i = path.lastIndexOf('/');
  return joinPath(i < 0 ? '' : path.slice(0, i), '_rels', `${i < 0 ? path : path.slice(i + 1)}.rels`);
};

interface Context {
  rels: Relationships;
  part: Part;
  symbol: SymbolLookup | undefined;
}

const MAMMOTH_IGNORED = new Set([
  'office-word:wrap', 'v:shadow', 'v:shapetype', 'w:annotationRef', 'w:bookmarkEnd', 'w:sectPr', 'w:proofErr', 'w:lastRenderedPageBreak', 'w:commentRangeStart', 'w:commentRangeEnd',
  'w:del', 'w:footnoteRef', 'w:endnoteRef', 'w:moveFrom', 'w:pPr', 'w:rPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr',
]);
const READ_CHILDREN = new Set([
  'w:customXml', 'w:ins', 'w:moveFromRangeEnd', 'w:moveFromRangeStart', 'w:moveTo', 'w:moveToRangeEnd', 'w:moveToRangeStart', 'w:object', 'w:smartTag', 'w:drawing',
  'v:roundrect', 'v:shape', 'v:textbox', 'w:txbxContent', 'v:group', 'v:rect',
]);

/**
 * Elements mammoth does not know and drops whole (with a warning), named here because they hold no text: the
 * decoration of a VML shape around a text box, the properties of a smart tag, of custom XML and of a table
 * row's exceptions, editing permission marks. Any other element mammoth does not know sends the file to
 * mammoth's path (w:fldSimple, w:cr, w:ptab, math among them: mammoth drops those too, but they hold text).
 */
const MAMMOTH_DROPS = new Set([
  'v:fill', 'v:stroke', 'v:path', 'v:formulas', 'v:handles', '{urn:schemas-microsoft-com:office:office}lock',
  'w:smartTagPr', 'w:customXmlPr', 'w:tblPrEx', 'w:permStart', 'w:permEnd',
]);

interface Read {
  value: MammothNode[];
  extra: MammothNode[];
}
const EMPTY: Read = { value: [], extra: [] };
const one = (node: MammothNode): Read => ({ value: [node], extra: [] });

type Field = { type: 'begin'; fldChar: LightElement | undefined } | { type: 'hyperlink' } | { type: 'checkbox'; checked: boolean } | { type: 'unknown' };

/** body-reader.js's BodyReader: one per top-level read (the body, each note, each comment), as mammoth makes them. */
class BodyReader {
  private readonly fields: Field[] = [];
  private instrText: string[] = [];
  private deletedParagraphContents: LightNode[] = [];

  constructor(private readonly cx: Context) {}

  elements(nodes: readonly LightNode[]): Read {
    const value: MammothNode[] = [];
    const extra: MammothNode[] = [];
    for (const n of nodes) {
      if (n.nodeType !== 1) continue;
      const r = this.element(n);
      for (const v of r.value) value.push(v);
      for (const x of r.extra) extra.push(x);
    }
    return { value, extra };
  }

  private children(el: LightElement): Read {
    return this.elements(el.children);
  }

  private attr(el: LightElement | undefined, name: string): string | undefined {
    return this.cx.part.attr(el, name);
  }

  private readBoolean(el: LightElement | undefined): boolean {
    if (!el) return false;
    const v = this.attr(el, 'w:val');
    return v !== 'false' && v !== '0';
  }

  element(el: LightElement): Read {
    const name = el.name;
    switch (name) {
      case 'w:p': {
        const pPr = first(el, 'w:pPr');
        if (first(first(pPr, 'w:rPr'), 'w:del')) {
          for (const c of el.children) this.deletedParagraphContents.push(c);
          return EMPTY;
        }
        let kids: LightNode[] = el.children;
        if (this.deletedParagraphContents.length > 0) {
          kids = this.deletedParagraphContents.concat(kids);
          this.deletedParagraphContents = [];
        }
        const r = this.elements(kids);
        return { value: [{ type: 'paragraph', children: r.value }, ...r.extra], extra: [] };
      }
      case 'w:r': {
        const r = this.children(el);
        return { value: [{ type: 'run', children: r.value }], extra: r.extra };
      }
      case 'w:fldChar':
        return this.fldChar(el);
      case 'w:instrText':
        this.instrText.push(textOf(el));
        return EMPTY;
      case 'w:t':
        return one({ type: 'text', value: textOf(el) });
      case 'w:tab':
        return one({ type: 'tab' });
      case 'w:noBreakHyphen':
        return one({ type: 'text', value: '\u2011' });
      case 'w:softHyphen':
        return one({ type: 'text', value: '\u00AD' });
      case 'w:sym':
        return this.symbol(el);
      case 'w:hyperlink': {
        const rId = this.attr(el, 'r:id');
        const anchor = this.attr(el, 'w:anchor');
        const r = this.children(el);
        if (rId) {
          if (anchor && this.cx.rels.byId.get(rId) === undefined) giveUp('a hyperlink to a relationship that is not there'); // mammoth throws
          return { value: [{ type: 'hyperlink', children: r.value }], extra: r.extra };
        }
        if (anchor) return { value: [{ type: 'hyperlink', children: r.value }], extra: r.extra };
        return r;
      }
      case 'w:tbl': {
        const r = this.children(el);
        return { value: [{ type: 'table', children: rowSpans(r.value) }], extra: r.extra };
      }
      case 'w:tr': {
        if (first(first(el, 'w:trPr'), 'w:del')) return EMPTY;
        const r = this.children(el);
        return { value: [{ type: 'tableRow', children: r.value }], extra: r.extra };
      }
      case 'w:tc': {
        const r = this.children(el);
        const tcPr = first(el, 'w:tcPr');
        const gridSpan = this.attr(first(tcPr, 'w:gridSpan'), 'w:val');
        const vMerge = first(tcPr, 'w:vMerge');
        const val = vMerge ? this.attr(vMerge, 'w:val') : undefined;
        const cell: Cell = { type: 'tableCell', children: r.value, colSpan: gridSpan ? parseInt(gridSpan, 10) : 1, vMerge: vMerge ? val === 'continue' || !val : null };
        return { value: [cell], extra: r.extra };
      }
      case 'w:footnoteReference':
        return one({ type: 'noteReference', noteType: 'footnote', noteId: this.attr(el, 'w:id') as string });
      case 'w:endnoteReference':
        return one({ type: 'noteReference', noteType: 'endnote', noteId: this.attr(el, 'w:id') as string });
      case 'w:commentReference':
        return one({ type: 'commentReference' });
      case 'w:br': {
        const t = this.attr(el, 'w:type');
        return t === undefined || t === 'textWrapping' || t === 'page' || t === 'column' ? one({ type: 'break' }) : EMPTY;
      }
      case 'w:bookmarkStart':
        return this.attr(el, 'w:name') === '_GoBack' ? EMPTY : one({ type: 'bookmarkStart' });
      case 'mc:AlternateContent':
        return first(el, 'mc:Fallback') ? this.children(first(el, 'mc:Fallback') as LightElement) : EMPTY;
      case 'w:sdt':
        return this.sdt(el);
      case 'w:pict': {
        const r = this.children(el);
        return { value: [], extra: [...r.extra, ...r.value] };
      }
      case 'wp:inline':
      case 'wp:anchor':
        return this.drawing(el);
      case 'v:imagedata': {
        const rId = this.attr(el, 'r:id');
        if (!rId) return EMPTY;
        this.imagePath(rId);
        return one({ type: 'image' });
      }
      default:
        if (READ_CHILDREN.has(name)) return this.children(el);
        if (MAMMOTH_IGNORED.has(name) || MAMMOTH_DROPS.has(name)) return EMPTY;
        return giveUp(`element ${name}`);
    }
  }

  private fldChar(el: LightElement): Read {
    const type = this.attr(el, 'w:fldCharType');
    if (type === 'begin') {
      this.fields.push({ type: 'begin', fldChar: el });
      this.instrText = [];
    } else if (type === 'end') {
      let field = this.fields.pop();
      if (field === undefined) return EMPTY;
      if (field.type === 'begin') field = this.parseInstrText(field);
      if (field.type === 'checkbox') return one({ type: 'checkbox', checked: field.checked });
    } else if (type === 'separate') {
      const field = this.fields.pop();
      if (field === undefined) return EMPTY;
      this.fields.push(this.parseInstrText(field));
    }
    return EMPTY;
  }

  private parseInstrText(field: Field): Field {
    const text = this.instrText.join('');
    const fldChar = field.type === 'begin' ? field.fldChar : undefined;
    if (/^\s*HYPERLINK\s+(\\l\s+)?(?:"(.*)"|([^\\]\S*))/.exec(text)) return { type: 'hyperlink' };
    if (/\s*FORMCHECKBOX\s*/.exec(text)) {
      const box = first(first(fldChar, 'w:ffData'), 'w:checkBox');
      const checked = first(box, 'w:checked');
      return { type: 'checkbox', checked: checked === undefined ? this.readBoolean(first(box, 'w:default')) : this.readBoolean(checked) };
    }
    return { type: 'unknown' };
  }

  private symbol(el: LightElement): Read {
    const font = this.attr(el, 'w:font');
    const char = this.attr(el, 'w:char');
    if (font === undefined) giveUp('a symbol without a font'); // mammoth throws
    if (!this.cx.symbol) return giveUp('a symbol, with no symbol table loaded');
    let found = this.cx.symbol(font as string, char as string);
    if (found == null && char !== undefined && /^F0..$/.test(char)) found = this.cx.symbol(font as string, char.substring(2));
    return found == null ? EMPTY : one({ type: 'text', value: found.string });
  }

  private sdt(el: LightElement): Read {
    const content = first(el, 'w:sdtContent');
    const r = content ? this.children(content) : { value: [], extra: [] };
    const checkbox = first(first(el, 'w:sdtPr'), 'wordml:checkbox');
    if (!checkbox) return r;
    const checkedEl = first(checkbox, 'wordml:checked');
    const v = checkedEl ? this.attr(checkedEl, 'wordml:val') : undefined;
    const box: MammothNode = { type: 'checkbox', checked: !!checkedEl && v !== 'false' && v !== '0' };
    let replaced = false;
    const visit = (n: MammothNode): MammothNode => {
      if (n.children) n.children = n.children.map(visit);
      if (n.type === 'text' && (n.value ?? '').length > 0 && !replaced) {
        replaced = true;
        return box;
      }
      return n;
    };
    const value = r.value.map(visit);
    return { value: replaced ? value : [box], extra: r.extra };
  }

  /** body-reader.js readDrawingElement: the images only (a drawing's text is not read by mammoth). */
  private drawing(el: LightElement): Read {
    const blips: LightElement[] = [];
    const down = (els: LightElement[], name: string) => els.flatMap((e) => elementsOf(e).filter((c) => c.name === name));
    for (const b of down(down(down(down(down([el], 'a:graphic'), 'a:graphicData'), 'pic:pic'), 'pic:blipFill'), 'a:blip')) blips.push(b);
    const value: MammothNode[] = [];
    for (const blip of blips) {
      const embed = this.attr(blip, 'r:embed');
      const link = this.attr(blip, 'r:link');
      if (embed) this.imagePath(embed);
      else if (link) {
        if (this.cx.rels.byId.get(link) === undefined) giveUp('an image link to a relationship that is not there'); // mammoth throws
      } else continue;
      const hlink = this.attr(first(first(el, 'wp:docPr'), 'a:hlinkClick'), 'r:id');
      value.push(hlink ? { type: 'hyperlink', children: [{ type: 'image' }] } : { type: 'image' });
    }
    return { value, extra: [] };
  }

  private imagePath(rId: string): void {
    if (this.cx.rels.byId.get(rId) === undefined) giveUp('an image of a relationship that is not there'); // mammoth throws
  }
}

interface Cell extends MammothNode {
  colSpan: number;
  vMerge: boolean | null;
}

/** body-reader.js calculateRowSpans: the cells a vertical merge continues are dropped (unless the table is irregular). */
function rowSpans(rows: MammothNode[]): MammothNode[] {
  const strip = () => {
    for (const row of rows) for (const c of row.children ?? []) if (c.type === 'tableCell') delete (c as Partial<Cell>).vMerge;
    return rows;
  };
  if (rows.some((r) => r.type !== 'tableRow')) return strip();
  if (rows.some((r) => (r.children ?? []).some((c) => c.type !== 'tableCell'))) return strip();
  const columns: Record<string, Cell> = Object.create(null) as Record<string, Cell>;
  const merged = new Set<MammothNode>();
  for (const row of rows) {
    let index = 0;
    for (const cell of (row.children ?? []) as Cell[]) {
      if (cell.vMerge && columns[String(index)]) merged.add(cell);
      else columns[String(index)] = cell;
      index += cell.colSpan;
    }
  }
  for (const row of rows) row.children = (row.children ?? []).filter((c) => !merged.has(c));
  return strip();
}

/** The parts of one file, decoded; undefined where the part is absent. */
class Parts {
  private readonly names: Set<string>;
  constructor(
    private readonly kept: ReadonlyMap<string, Uint8Array>,
    entries: readonly PartEntry[],
  ) {
    this.names = new Set(entries.map((e) => e.name));
    if (this.names.size !== entries.length) giveUp('two zip entries of one name');
    this.sizes = new Map(entries.map((e) => [e.name, e.uncompressedSize]));
  }
  private readonly sizes: Map<string, number>;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  exists(name: string): boolean {
    return this.names.has(name);
  }
  text(name: string): string | undefined {
    if (!this.exists(name)) return undefined;
    const bytes = this.kept.get(name) ?? giveUp(`part ${name} not kept`);
    if (bytes.byteLength !== this.sizes.get(name)) giveUp(`part ${name}: its size does not match the zip's directory`); // jszip throws
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) giveUp(`part ${name} begins with a byte-order mark`);
    try {
      return this.decoder.decode(bytes);
    } catch {
      return giveUp(`part ${name} is not UTF-8`);
    }
  }
  /** The part read by the strict reader; undefined when absent. */
  xml(name: string): Part | undefined {
    const s = this.text(name);
    if (s === undefined) return undefined;
    const doc = parseLightXml(s) ?? giveUp(`part ${name} is not plain XML`);
    return new Part(doc, name);
  }
}

/** prepare.ts's removeHiddenRuns over the light tree (qualified names, as xmldom's getElementsByTagName). */
function removeHiddenRuns(root: LightElement, styles: Styles): void {
  const hidden = (r: LightElement) => {
    const rPr = domFirst(r as unknown as XmlElement, 'w:rPr');
    const rStyle = domAttr(domFirst(rPr, 'w:rStyle'), 'w:val');
    return isVanish(rPr) || (rStyle !== undefined && styles.character.get(rStyle)?.hidden === true);
  };
  const walk = (el: LightElement) => {
    let cut = false;
    for (const c of el.children) {
      if (c.nodeType !== 1) continue;
      if (c.nodeName === 'w:r' && hidden(c)) cut = true;
      else walk(c);
    }
    if (!cut) return;
    const kept = el.children.filter((c) => !(c.nodeType === 1 && c.nodeName === 'w:r' && hidden(c)));
    el.children.splice(0, el.children.length, ...kept);
    el.firstChild = kept[0] ?? null;
    kept.forEach((c, i) => (c.nextSibling = kept[i + 1] ?? null));
  };
  walk(root);
}

/**
 * The document tree of a file's parts, or why not. `symbol` is the dingbat table (mammoth's dingbat-to-unicode),
 * needed only by a file with w:sym (`needsSymbols`).
 */
export function readDirect(kept: ReadonlyMap<string, Uint8Array>, entries: readonly PartEntry[], symbol?: SymbolLookup): DirectOutcome {
  try {
    return { ok: true, ...read(new Parts(kept, entries), symbol) };
  } catch (e) {
    if (e instanceof NotHandled) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Whether a file's XML parts hold a w:sym (the symbol table is then loaded first). */
export function needsSymbols(kept: ReadonlyMap<string, Uint8Array>): boolean {
  const needle = new TextEncoder().encode(':sym');
  for (const bytes of kept.values()) {
    for (let i = bytes.indexOf(0x3a); i >= 0 && i + 4 <= bytes.length; i = bytes.indexOf(0x3a, i + 1)) {
      if (bytes[i + 1] === needle[1] && bytes[i + 2] === needle[2] && bytes[i + 3] === needle[3]) return true;
    }
  }
  return false;
}

function read(parts: Parts, symbol: SymbolLookup | undefined): { document: MammothDocument; prepared: PreparedPart } {
  // docx-reader.js findPartPaths
  const packageRels = parts.xml('_rels/.rels');
  const findPart = (rels: Relationships, type: string, base: string, fallback: string) => {
    const targets = (rels.byType.get(type) ?? []).map((t) => {
      if (t === undefined) return giveUp('a relationship without a target'); // mammoth throws
      const p = joinPath(base, t);
      return p.startsWith('/') ? p.slice(1) : p;
    });
    return targets.find((t) => parts.exists(t)) ?? fallback;
  };
  const mainPath = findPart(readRelationships(packageRels), OFFICE_DOCUMENT, '', 'word/document.xml');
  if (!parts.exists(mainPath)) giveUp('no main document part');
  if (mainPath !== mainPartFromRels(parts.text('_rels/.rels'))) giveUp('the main part found two ways');
  const documentRels = readRelationships(parts.xml(relsPath(mainPath)));
  const related = (name: string) => findPart(documentRels, RELATIONSHIP + name, dirname(mainPath), `word/${name}.xml`);
  const paths = { comments: related('comments'), endnotes: related('endnotes'), footnotes: related('footnotes'), numbering: related('numbering'), styles: related('styles') };
  // the rewrite reads its parts beside the main part (read-docx.ts): the same parts, or this reader does not go on
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
  for (const name of ['numbering', 'styles', 'footnotes', 'endnotes'] as const) {
    const mammoths = parts.exists(paths[name]) ? paths[name] : undefined;
    const rewrites = parts.exists(`${dir}${name}.xml`) ? `${dir}${name}.xml` : undefined;
    if (mammoths !== rewrites) giveUp(`${name} found in two places`);
  }
  // content types: read for images only, but a PartName missing made mammoth throw
  const contentTypes = parts.xml('[Content_Types].xml');
  if (contentTypes) for (const c of elementsOf(contentTypes.doc.documentElement)) if (c.name === 'content-types:Override' && contentTypes.attr(c, 'PartName') === undefined) giveUp('a content type without a part name');
  const stylesPart = parts.xml(paths.styles);
  const numberingPart = parts.xml(paths.numbering);
  checkNumbering(stylesPart, numberingPart);
  const styles = readStyles(stylesPart?.doc as unknown as XmlDocumentLike | undefined);
  const counter = numberingCounter((numberingPart?.doc.documentElement ?? undefined) as unknown as XmlElement | undefined, styles);

  // the main part: the scan's rewrite (prepare.ts), then read
  const documentXml = parts.text(mainPath) as string;
  const scanned = scanDocumentXml(documentXml) ?? giveUp('the main part is not what the scan reads');
  const prepared = prepareScanned(scanned, styles, counter);
  const main = new Part(parseLightXml(prepared.changed ? prepared.xml : documentXml) ?? giveUp('the main part is not plain XML'), mainPath);

  const bodyOf = (part: Part, rels: Relationships, nodes: readonly LightNode[]) => new BodyReader({ rels, part, symbol }).elements(nodes).value;
  /** office-xml-reader.js's collapse of mc:AlternateContent, and the part's relationships (readXmlFileWithBody). */
  const prepareForBody = (part: Part): Relationships => {
    if (part.doc.documentElement.name === 'mc:AlternateContent') giveUp('a part whose root is mc:AlternateContent');
    collapseAlternateContent(part.doc.documentElement);
    return readRelationships(parts.xml(relsPath(part.path)));
  };

  // notes: hidden runs cut (prepare.ts prepareNotesXml), then read as notes-reader.js does
  const notes = new Map<string, MammothNode>();
  for (const noteType of ['footnote', 'endnote'] as const) {
    const path = noteType === 'footnote' ? paths.footnotes : paths.endnotes;
    const raw = parts.xml(path);
    if (!raw) continue;
    removeHiddenRuns(raw.doc.documentElement, styles);
    const rels = prepareForBody(raw);
    for (const n of elementsOf(raw.doc.documentElement)) {
      if (n.name !== `w:${noteType}`) continue;
      const type = raw.attr(n, 'w:type');
      if (type === 'continuationSeparator' || type === 'separator') continue;
      const id = raw.attr(n, 'w:id');
      notes.set(`${noteType}-${id}`, { type: 'note', noteType, noteId: id as string, body: bodyOf(raw, rels, n.children) });
    }
  }
  // comments: not in the text, but read by mammoth (what would make it throw makes this reader give up)
  const comments = parts.xml(paths.comments);
  if (comments) {
    const commentRels = prepareForBody(comments);
    for (const c of elementsOf(comments.doc.documentElement)) if (c.name === 'w:comment') bodyOf(comments, commentRels, c.children);
  }

  const rels = prepareForBody(main);
  const body = first(main.doc.documentElement, 'w:body') ?? giveUp('no w:body');
  const children = bodyOf(main, rels, body.children);
  return {
    document: { type: 'document', children, notes: { resolve: (ref) => notes.get(`${ref.noteType}-${ref.noteId}`) ?? null } },
    prepared,
  };
}

/** What in the numbering part made mammoth's numbering-xml.js throw (a w:num without w:abstractNumId, a list style not defined). */
function checkNumbering(stylesPart: Part | undefined, numberingPart: Part | undefined): void {
  if (!numberingPart) return;
  const numberingStyles = new Set<string>();
  if (stylesPart) for (const s of elementsOf(stylesPart.doc.documentElement)) if (s.name === 'w:style' && stylesPart.attr(s, 'w:type') === 'numbering') numberingStyles.add(String(stylesPart.attr(s, 'w:styleId')));
  for (const el of elementsOf(numberingPart.doc.documentElement)) {
    if (el.name === 'w:num' && !first(el, 'w:abstractNumId')) giveUp('a w:num without w:abstractNumId');
    if (el.name === 'w:abstractNum') {
      const link = numberingPart.attr(first(el, 'w:numStyleLink'), 'w:val');
      if (link !== undefined && !numberingStyles.has(link)) giveUp('a list linked to a style not defined');
    }
  }
}
