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
import { BodyReader, type SymbolLookup } from './direct-body.js';
import {
  checkNumbering, collapseAlternateContent, dirname, elementsOf, first, giveUp, joinPath, mainPartFromRels, NotHandled, OFFICE_DOCUMENT, Part, Parts,
  readRelationships, RELATIONSHIP, relsPath, removeHiddenRuns, type PartEntry, type Relationships,
} from './direct-parts.js';
import { parseLightXml, type LightNode } from './light-xml.js';
import { numberingCounter, prepareScanned, readStyles, type PreparedPart, type XmlDocumentLike } from './prepare-scan.js';
import { scanDocumentXml } from './scan-document.js';
import type { XmlElement } from './xml-helpers.js';

export type { PartEntry } from './direct-parts.js';
export type { SymbolLookup } from './direct-body.js';

export type DirectOutcome = { ok: true; document: MammothDocument; prepared: PreparedPart } | { ok: false; reason: string };

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

