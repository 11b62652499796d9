/**
 * The main document part read as a flat list of the elements the rewrite needs (paragraphs, runs and their
 * properties, text), without building an XML tree: a tokenizer over the string that records where each such
 * element starts and ends, so that prepare.ts can insert the numbering runs and cut the hidden runs as string
 * edits. Building xmldom's tree of a 60,000-character draft and serialising it again cost ~0.3 s and most of
 * the reader's garbage; this pass is a small fraction of that.
 *
 * It accepts only XML as Word writes it: well-nested tags, quoted attributes, the five predefined entities and
 * character references, no comments, CDATA, processing instructions (but the XML declaration) or DOCTYPE, one
 * root declaring the `w` prefix once. Anything else returns undefined and the caller takes the tree path, so a
 * damaged or crafted part is read (or refused) exactly as before.
 */

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Elements recorded, by name (every other element is only checked for nesting). */
const RECORDED = new Set(['w:p', 'w:pPr', 'w:numPr', 'w:numId', 'w:ilvl', 'w:pStyle', 'w:rPr', 'w:del', 'w:r', 'w:rStyle', 'w:vanish', 'w:specVanish', 'w:t']);
/** Elements whose w:val the rewrite reads. */
const WITH_VAL = new Set(['w:numId', 'w:ilvl', 'w:pStyle', 'w:rStyle', 'w:vanish', 'w:specVanish']);

export interface ScannedElement {
  name: string;
  /** Offset of its `<`. */
  start: number;
  /** Offset just past its start tag's `>`. */
  openEnd: number;
  /** Offset just past its end tag (or of the self-closing tag). */
  end: number;
  /** Offset of the `/` of a self-closing tag, else -1. */
  slash: number;
  /** Offset of its end tag's `<` (its content ends there); openEnd for a self-closing tag. */
  closeStart: number;
  /** The nearest recorded ancestor (index), -1 for none. */
  ancestor: number;
  /** Whether that ancestor is its parent. */
  direct: boolean;
  /** w:val, decoded; undefined when absent or empty (as xml.ts's attr). */
  val?: string;
  /** First recorded children the rewrite asks for, by name (index). */
  first?: Record<string, number>;
}

export interface ScannedDocument {
  xml: string;
  elements: ScannedElement[];
}

const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const XML_DECLARATION = /<\?xml\s[^?]*\?>/y;
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)|\]\]>/;
const VAL = /\sw:val\s*=\s*(?:"([^"]*)"|'([^']*)')/;

export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, ref: string) => {
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    }
  });
}

/** Scans a document part; undefined when it is not plain Word XML (the caller then builds the tree). */
export function scanDocumentXml(xml: string): ScannedDocument | undefined {
  if (BAD_REFERENCE.test(xml)) return undefined;
  if ((xml.match(/xmlns:w\s*=/g) ?? []).length !== 1) return undefined; // the prefix bound once, on the root
  const elements: ScannedElement[] = [];
  const stackNames: string[] = [];
  const stackRecord: number[] = [];
  let roots = 0;
  let at = 0;
  XML_DECLARATION.lastIndex = 0;
  if (XML_DECLARATION.test(xml)) at = XML_DECLARATION.lastIndex;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (stackNames.length === 0 && (lt < 0 ? xml.slice(at) : xml.slice(at, lt)).trim() !== '') return undefined; // text outside the root
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(xml);
      if (!m || stackNames.pop() !== m[1]) return undefined;
      const rec = stackRecord.pop() as number;
      if (rec >= 0) {
        const el = elements[rec] as ScannedElement;
        el.closeStart = lt;
        el.end = END_TAG.lastIndex;
      }
      at = END_TAG.lastIndex;
      continue;
    }
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(xml);
    if (!m) return undefined; // a comment, CDATA, DOCTYPE, processing instruction or a malformed tag
    const name = m[1] as string;
    const end = START_TAG.lastIndex;
    const selfClosing = m[3] === '/';
    if (stackNames.length === 0) {
      if (++roots > 1) return undefined;
      if (!/\sxmlns:w\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[2] ?? '')?.slice(1).includes(W_NS)) return undefined;
    }
    const parentRecord = stackRecord.length ? (stackRecord[stackRecord.length - 1] as number) : -1;
    let rec = -1;
    if (RECORDED.has(name)) {
      rec = elements.length;
      // the nearest recorded ancestor
      let ancestor = parentRecord;
      for (let i = stackRecord.length - 1; ancestor < 0 && i >= 0; i--) ancestor = stackRecord[i] as number;
      const el: ScannedElement = { name, start: lt, openEnd: end, end, slash: selfClosing ? xml.lastIndexOf('/', end - 1) : -1, closeStart: end, ancestor, direct: ancestor >= 0 && ancestor === parentRecord };
      if (WITH_VAL.has(name)) {
        const v = VAL.exec(m[2] ?? '');
        const value = v ? decodeXmlText(v[1] ?? v[2] ?? '') : undefined;
        if (value) el.val = value;
      }
      if (el.direct) {
        const parent = elements[ancestor] as ScannedElement;
        parent.first ??= {};
        parent.first[name] ??= rec;
      }
      elements.push(el);
    }
    if (parentRecord >= 0 && stackNames[stackNames.length - 1] === 'w:t') return undefined; // markup inside a text run
    if (!selfClosing) {
      stackNames.push(name);
      stackRecord.push(rec);
    }
    at = end;
  }
  return stackNames.length === 0 && roots === 1 ? { xml, elements } : undefined;
}
