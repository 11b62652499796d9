/**
 * The parts of a .docx as the direct reader (direct-reader.ts) reads them: the zip entries decoded (sizes checked
 * against the directory, UTF-8 only), each part's tree with mammoth's attribute names, the relationships and the
 * paths between parts (mammoth's docx-reader.js), and the rewrites made before the body is read (mc:AlternateContent
 * collapsed, hidden runs cut from the notes, what in the numbering part made mammoth throw). Anything else is not
 * handled: `giveUp` throws NotHandled, and the caller reads the file through mammoth.
 */
import { LightElement, parseLightXml, type LightDocument, type LightNode } from './light-xml.js';
import { isVanish, type Styles } from './prepare-scan.js';
import { attr as domAttr, firstChild as domFirst, type XmlElement } from './xml-helpers.js';

/** A zip entry as the reader needs it: its declared size (jszip refuses a part whose inflated size differs). */
export interface PartEntry {
  name: string;
  uncompressedSize: number;
}

export class NotHandled extends Error {}
export const giveUp = (reason: string): never => {
  throw new NotHandled(reason);
};

export const OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

export const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** read-docx.ts's own way to the main part (a pattern over _rels/.rels), which the rewrite follows. */
export function mainPartFromRels(rels: string | undefined): string {
  const m = rels && /Target="\/?([^"]+)"[^>]*?Type="[^"]*officeDocument"|Type="[^"]*officeDocument"[^>]*?Target="\/?([^"]+)"/.exec(rels);
  return (m && (m[1] ?? m[2])) || 'word/document.xml';
}

export const elementsOf = (el: LightElement): LightElement[] => el.children.filter((c): c is LightElement => c.nodeType === 1);

export const first = (el: LightElement | undefined, name: string): LightElement | undefined => {
  if (!el) return undefined;
  for (const c of el.children) if (c.nodeType === 1 && c.name === name) return c;
  return undefined;
};

/** A part's tree, its attributes looked up by mammoth's names (`w:val`, `r:id`, `wordml:val`). */
export class Part {
  constructor(
    readonly doc: LightDocument,
    readonly path: string,
  ) {}
  attr(el: LightElement | undefined, name: string): string | undefined {
    return el?.attribute(name);
  }
}

/** office-xml-reader.js: mc:AlternateContent replaced by its mc:Fallback's children, top-down (not inside them). */
export function collapseAlternateContent(el: LightElement): void {
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

export interface Relationships {
  byId: Map<string, string | undefined>;
  byType: Map<string | undefined, (string | undefined)[]>;
}

export const NO_RELATIONSHIPS: Relationships = { byId: new Map(), byType: new Map() };

export function readRelationships(part: Part | undefined): Relationships {
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

export const joinPath = (...paths: (string | undefined)[]): string => {
  let relevant: string[] = [];
  for (const p of paths) {
    if (!p) continue;
    if (p.startsWith('/')) relevant = [p];
    else relevant.push(p);
  }
  return relevant.join('/');
};

export const dirname = (path: string) => (path.lastIndexOf('/') < 0 ? '' : path.slice(0, path.lastIndexOf('/')));

export const relsPath = (path: string) => {
  const i = path.lastIndexOf('/');
  return joinPath(i < 0 ? '' : path.slice(0, i), '_rels', `${i < 0 ? path : path.slice(i + 1)}.rels`);
};

/** The parts of one file, decoded; undefined where the part is absent. */
export class Parts {
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
export function removeHiddenRuns(root: LightElement, styles: Styles): void {
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

/** What in the numbering part made mammoth's numbering-xml.js throw (a w:num without w:abstractNumId, a list style not defined). */
export function checkNumbering(stylesPart: Part | undefined, numberingPart: Part | undefined): void {
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
