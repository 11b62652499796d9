/**
 * Rewrites the Word XML before mammoth reads it: each auto-numbered paragraph gets its
 * number as literal text (mammoth would drop it), and hidden text (w:vanish) is removed
 * so it cannot leak into the clause text. Tracked deletions are left to mammoth, which
 * drops them; insertions are kept.
 */
import { NumberingCounter, readNumberingDefs } from './numbering.js';
import { isVanish, paragraphNumbering, prepareScanned, readStyles, type PreparedPart, type StyleInfo, type Styles } from './prepare-scan.js';
import { scanDocumentXml, W_NS } from './scan-document.js';
import { attr, firstChild, parseXml, serializeXml, type XmlDocument, type XmlElement } from './xml.js';

export { readStyles, type PreparedPart } from './prepare-scan.js';

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

/**
 * Makes numbering explicit and drops hidden runs in the main document part: as string edits over a scan of the
 * part (scan-document.ts) when it is plain Word XML, else over xmldom's tree (the same edits, measured identical
 * on every fixture: test/ingest-docx/prepare-scan.test.ts).
 */
export function prepareDocumentXml(documentXml: string, numberingXml: string | undefined, stylesXml: string | undefined): PreparedPart {
  return prepareDocument(documentXml, numberingXml, stylesXml, true);
}

/** The same, always over the tree (the reference the scan is tested against; the reader's second try). */
export function prepareDocumentXmlOverTree(documentXml: string, numberingXml: string | undefined, stylesXml: string | undefined): PreparedPart {
  return prepareDocument(documentXml, numberingXml, stylesXml, false);
}

function prepareDocument(documentXml: string, numberingXml: string | undefined, stylesXml: string | undefined, scan: boolean): PreparedPart {
  const scanned = scan ? scanDocumentXml(documentXml) : undefined;
  const doc = scanned ? undefined : parseXml(documentXml);
  const styles = readStyles(stylesXml ? parseXml(stylesXml) : undefined);
  const defs = readNumberingDefs(numberingXml ? (parseXml(numberingXml).documentElement ?? undefined) : undefined, styles.numbering);
  const counter = new NumberingCounter(defs);
  if (scanned) return { ...prepareScanned(scanned, styles, counter), scanned: true };
  return prepareTree(doc as XmlDocument, documentXml, styles, counter);
}

function prepareTree(doc: XmlDocument, documentXml: string, styles: Styles, counter: NumberingCounter): PreparedPart {
  const hiddenRuns = removeHiddenRuns(doc, styles.character);
  let numbered = 0;
  for (const p of Array.from(doc.getElementsByTagName('w:p'))) {
    const pPr = firstChild(p, 'w:pPr');
    const numPr = firstChild(pPr, 'w:numPr');
    const styleId = attr(firstChild(pPr, 'w:pStyle'), 'w:val');
    const own = { numPr: numPr !== undefined, numId: attr(firstChild(numPr, 'w:numId'), 'w:val'), ilvl: attr(firstChild(numPr, 'w:ilvl'), 'w:val'), styleId };
    const { numId, ilvl: ilvlText } = paragraphNumbering(own, styles, counter);
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
