/**
 * The rewrite of prepare.ts made over a scan of the main part (scan-document.ts) and the styles and numbering
 * read by whichever parser the caller has (xmldom's, or light-xml.ts's for the direct reader): no xmldom here,
 * so that the direct reader does not load it.
 */
import { NumberingCounter, readNumberingDefs } from './numbering.js';
import { decodeXmlText, type ScannedDocument } from './scan-document.js';
import { attr, childrenNamed, firstChild, type XmlElement } from './xml-helpers.js';

/** A parsed part as the readers here walk it: xmldom's Document, or light-xml.ts's document. */
export interface XmlDocumentLike {
  readonly documentElement: XmlElement | null;
}

export interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  hidden: boolean;
}

export function readStyles(styles: XmlDocumentLike | undefined): { paragraph: Map<string, StyleInfo>; character: Map<string, StyleInfo>; numbering: Map<string, string> } {
  const paragraph = new Map<string, StyleInfo>();
  const character = new Map<string, StyleInfo>();
  const numbering = new Map<string, string>();
  const root = styles?.documentElement ?? undefined;
  for (const s of childrenNamed(root as XmlElement | undefined, 'w:style')) {
    const id = attr(s, 'w:styleId');
    if (!id) continue;
    const numPr = firstChild(firstChild(s, 'w:pPr'), 'w:numPr');
    const info: StyleInfo = { hidden: isVanish(firstChild(s, 'w:rPr')) };
    const basedOn = attr(firstChild(s, 'w:basedOn'), 'w:val');
    if (basedOn) info.basedOn = basedOn;
    const numId = attr(firstChild(numPr, 'w:numId'), 'w:val');
    if (numId) info.numId = numId;
    const ilvl = attr(firstChild(numPr, 'w:ilvl'), 'w:val');
    if (ilvl !== undefined) info.ilvl = Number(ilvl);
    const type = attr(s, 'w:type');
    if (type === 'paragraph') paragraph.set(id, info);
    else if (type === 'character') character.set(id, info);
    else if (type === 'numbering' && numId) numbering.set(id, numId);
  }
  return { paragraph, character, numbering };
}

export function isVanish(rPr: XmlElement | undefined): boolean {
  const v = firstChild(rPr, 'w:vanish') ?? firstChild(rPr, 'w:specVanish');
  if (!v) return false;
  const val = attr(v, 'w:val');
  return val === undefined || !['0', 'false', 'off'].includes(val);
}

/** The numbering a paragraph gets from its style chain. */
function styleNumbering(styleId: string | undefined, styles: Map<string, StyleInfo>): { numId: string; ilvl?: number; styleId: string } | undefined {
  const seen = new Set<string>();
  for (let id = styleId; id && !seen.has(id); id = styles.get(id)?.basedOn) {
    seen.add(id);
    const s = styles.get(id);
    if (s?.numId) return s.ilvl === undefined ? { numId: s.numId, styleId: id } : { numId: s.numId, ilvl: s.ilvl, styleId: id };
  }
  return undefined;
}

export interface PreparedPart {
  xml: string;
  /** Made over the scan (string edits), not over xmldom's tree. */
  scanned?: boolean;
  changed: boolean;
  numbered: number;
  hiddenRuns: number;
}

/** The counter of numbered paragraphs over the parsed numbering part and the styles. */
export function numberingCounter(numbering: XmlElement | undefined, styles: Styles): NumberingCounter {
  return new NumberingCounter(readNumberingDefs(numbering, styles.numbering));
}

export type Styles = ReturnType<typeof readStyles>;

/** Where a paragraph's numbering comes from: its own w:numPr, else its style chain (as Word does). */
export function paragraphNumbering(own: { numPr: boolean; numId: string | undefined; ilvl: string | undefined; styleId: string | undefined }, styles: Styles, counter: NumberingCounter): { numId?: string; ilvl?: string } {
  let { numId, ilvl } = own;
  const { styleId } = own;
  if (!own.numPr) {
    const fromStyle = styleNumbering(styleId, styles.paragraph);
    if (fromStyle) {
      numId = fromStyle.numId;
      if (fromStyle.ilvl !== undefined) ilvl = String(fromStyle.ilvl);
      else {
        const bound = counter.levelForStyle(fromStyle.numId, fromStyle.styleId);
        if (bound !== undefined) ilvl = String(bound);
      }
    }
  } else if (numId && ilvl === undefined && styleId) {
    const bound = counter.levelForStyle(numId, styleId);
    if (bound !== undefined) ilvl = String(bound);
  }
  return { ...(numId !== undefined ? { numId } : {}), ...(ilvl !== undefined ? { ilvl } : {}) };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function prepareScanned({ xml, elements: els }: ScannedDocument, styles: Styles, counter: NumberingCounter): PreparedPart {
  const child = (i: number | undefined, name: string): number | undefined => (i === undefined ? undefined : els[i]?.first?.[name]);
  const val = (i: number | undefined): string | undefined => (i === undefined ? undefined : els[i]?.val);
  const vanish = (rPr: number | undefined): boolean => {
    const v = child(rPr, 'w:vanish') ?? child(rPr, 'w:specVanish');
    if (v === undefined) return false;
    const value = val(v);
    return value === undefined || !['0', 'false', 'off'].includes(value);
  };
  const removed = new Uint8Array(els.length);
  let hiddenRuns = 0;
  els.forEach((el, i) => {
    if (el.name !== 'w:r') return;
    const rPr = child(i, 'w:rPr');
    const rStyle = val(child(rPr, 'w:rStyle'));
    if (vanish(rPr) || (rStyle !== undefined && styles.character.get(rStyle)?.hidden)) {
      removed[i] = 1;
      hiddenRuns++;
    }
  });
  /** Whether an element is cut with a hidden run (itself or an ancestor); stops at `upTo`. */
  const gone = (i: number, upTo = -1): boolean => {
    for (let a = i; a > upTo; a = (els[a] as (typeof els)[number]).ancestor) if (removed[a]) return true;
    return false;
  };
  const edits: { at: number; end: number; text: string }[] = [];
  let numbered = 0;
  els.forEach((p, i) => {
    if (p.name !== 'w:p' || gone(i)) return;
    const pPr = child(i, 'w:pPr');
    const numPr = child(pPr, 'w:numPr');
    const { numId, ilvl } = paragraphNumbering({ numPr: numPr !== undefined, numId: val(child(numPr, 'w:numId')), ilvl: val(child(numPr, 'w:ilvl')), styleId: val(child(pPr, 'w:pStyle')) }, styles, counter);
    if (!numId || numId === '0') return;
    if (child(child(pPr, 'w:rPr'), 'w:del') !== undefined && !scannedVisibleText(xml, els, i, gone)) return;
    const next = counter.next(numId, Number(ilvl ?? 0));
    if (!next) return;
    const run = `<w:r><w:t xml:space="preserve">${escapeText(next.label + (next.suffix === 'nothing' ? '' : ' '))}</w:t></w:r>`;
    if (p.slash >= 0) edits.push({ at: p.slash, end: p.end, text: `>${run}</w:p>` });
    else {
      const at = pPr !== undefined ? (els[pPr] as (typeof els)[number]).end : p.openEnd;
      edits.push({ at, end: at, text: run });
    }
    numbered++;
  });
  els.forEach((r, i) => {
    if (removed[i] && !(r.ancestor >= 0 && gone(r.ancestor))) edits.push({ at: r.start, end: r.end, text: '' });
  });
  if (edits.length === 0) return { xml, changed: false, numbered, hiddenRuns };
  // by place; at one place the inserted run before the cut (as the tree: the run goes after w:pPr, whatever followed it)
  edits.sort((a, b) => a.at - b.at || a.end - a.at - (b.end - b.at));
  const out: string[] = [];
  let from = 0;
  for (const e of edits) {
    out.push(xml.slice(from, e.at), e.text);
    from = e.end;
  }
  out.push(xml.slice(from));
  return { xml: out.join(''), changed: true, numbered, hiddenRuns };
}

function scannedVisibleText(xml: string, els: ScannedDocument['elements'], p: number, gone: (i: number, upTo?: number) => boolean): boolean {
  const end = (els[p] as (typeof els)[number]).end;
  for (let j = p + 1; j < els.length && (els[j] as (typeof els)[number]).start < end; j++) {
    const t = els[j] as (typeof els)[number];
    if (t.name !== 'w:t' || gone(j, p)) continue;
    let inDel = false;
    for (let a = t.ancestor; a > p; a = (els[a] as (typeof els)[number]).ancestor) if ((els[a] as (typeof els)[number]).name === 'w:del') inDel = true;
    if (!inDel && decodeXmlText(xml.slice(t.openEnd, t.closeStart)).trim()) return true;
  }
  return false;
}

