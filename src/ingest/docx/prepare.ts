/**
 * Rewrites the Word XML before mammoth reads it: each auto-numbered paragraph gets its
 * number as literal text (mammoth would drop it), and hidden text (w:vanish) is removed
 * so it cannot leak into the clause text. Tracked deletions are left to mammoth, which
 * drops them; insertions are kept.
 */
import { NumberingCounter, readNumberingDefs } from './numbering.js';
import { attr, childrenNamed, firstChild, parseXml, serializeXml, type XmlDocument, type XmlElement } from './xml.js';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface StyleInfo {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  hidden: boolean;
}

export function readStyles(styles: XmlDocument | undefined): { paragraph: Map<string, StyleInfo>; character: Map<string, StyleInfo>; numbering: Map<string, string> } {
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

function isVanish(rPr: XmlElement | undefined): boolean {
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

function removeHiddenRuns(doc: XmlDocument, characterStyles: Map<string, StyleInfo>): number {
  const runs = Array.from(doc.getElementsByTagName('w:r'));
  let removed = 0;
  for (const r of runs) {
    const rPr = firstChild(r, 'w:rPr');
    const rStyle = attr(firstChild(rPr, 'w:rStyle'), 'w:val');
    if (isVanish(rPr) || (rStyle !== undefined && characterStyles.get(rStyle)?.hidden)) {
      r.parentNode?.removeChild(r);
      removed++;
    }
  }
  return removed;
}

export interface PreparedPart {
  xml: string;
  changed: boolean;
  numbered: number;
  hiddenRuns: number;
}

/** Makes numbering explicit and drops hidden runs in the main document part. */
export function prepareDocumentXml(documentXml: string, numberingXml: string | undefined, stylesXml: string | undefined): PreparedPart {
  const doc = parseXml(documentXml);
  const styles = readStyles(stylesXml ? parseXml(stylesXml) : undefined);
  const defs = readNumberingDefs(numberingXml ? (parseXml(numberingXml).documentElement ?? undefined) : undefined, styles.numbering);
  const counter = new NumberingCounter(defs);
  const hiddenRuns = removeHiddenRuns(doc, styles.character);
  let numbered = 0;
  for (const p of Array.from(doc.getElementsByTagName('w:p'))) {
    const pPr = firstChild(p, 'w:pPr');
    const numPr = firstChild(pPr, 'w:numPr');
    const styleId = attr(firstChild(pPr, 'w:pStyle'), 'w:val');
    let numId = attr(firstChild(numPr, 'w:numId'), 'w:val');
    let ilvlText = attr(firstChild(numPr, 'w:ilvl'), 'w:val');
    if (!numPr) {
      const fromStyle = styleNumbering(styleId, styles.paragraph);
      if (fromStyle) {
        numId = fromStyle.numId;
        if (fromStyle.ilvl !== undefined) ilvlText = String(fromStyle.ilvl);
        else {
          const bound = counter.levelForStyle(fromStyle.numId, fromStyle.styleId);
          if (bound !== undefined) ilvlText = String(bound);
        }
      }
    } else if (numId && ilvlText === undefined && styleId) {
      const bound = counter.levelForStyle(numId, styleId);
      if (bound !== undefined) ilvlText = String(bound);
    }
    if (!numId || numId === '0') continue;
    // a paragraph whose mark and text were deleted as a tracked change is not counted by Word
    if (firstChild(firstChild(pPr, 'w:rPr'), 'w:del') && !hasVisibleText(p)) continue;
    const next = counter.next(numId, Number(ilvlText ?? 0));
    if (!next) continue;
    const run = doc.createElementNS(W_NS, 'w:r');
    const t = doc.createElementNS(W_NS, 'w:t');
    t.setAttribute('xml:space', 'preserve');
    t.appendChild(doc.createTextNode(next.label + (next.suffix === 'nothing' ? '' : ' ')));
    run.appendChild(t);
    const after = pPr ? pPr.nextSibling : p.firstChild;
    p.insertBefore(run, after);
    numbered++;
  }
  const changed = numbered > 0 || hiddenRuns > 0;
  return { xml: changed ? serializeXml(doc) : documentXml, changed, numbered, hiddenRuns };
}

function hasVisibleText(p: XmlElement): boolean {
  for (const t of Array.from(p.getElementsByTagName('w:t'))) {
    let inDel = false;
    for (let n = t.parentNode; n && n !== p; n = n.parentNode) if (n.nodeName === 'w:del') inDel = true;
    if (!inDel && (t.textContent ?? '').trim()) return true;
  }
  return false;
}

/** Drops hidden runs from a notes part (footnotes.xml, endnotes.xml). */
export function prepareNotesXml(xml: string, stylesXml: string | undefined): string {
  const doc = parseXml(xml);
  const styles = readStyles(stylesXml ? parseXml(stylesXml) : undefined);
  return removeHiddenRuns(doc, styles.character) > 0 ? serializeXml(doc) : xml;
}
