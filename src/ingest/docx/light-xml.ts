/**
 * A small, strict XML reader for the parts of a Word file the direct reader needs (direct-reader.ts): builds a
 * light tree shaped like the little of xmldom's DOM that xml-helpers.ts walks (nodeType, nodeName, firstChild,
 * nextSibling, getAttribute), and gives each element the name mammoth's own XML reader gives it (the namespace
 * URI mapped to mammoth's prefix: `w14:checkbox` is `wordml:checkbox`).
 *
 * It reads only XML as Word and its peers write it and returns undefined on anything else, so that the caller
 * hands the file to mammoth's path, which decides as it always did: well-nested tags, quoted attributes, no
 * attribute twice, the five predefined entities and character references, no comments, CDATA, processing
 * instructions (but the XML declaration) or DOCTYPE, one root, namespace declarations on the root only, every
 * prefix declared. What it accepts xmldom reads without a warning, to the same text: line ends normalised to
 * `\n`, whitespace in attribute values to spaces (both as xmldom does).
 */

export interface LightText {
  readonly nodeType: 3;
  /** The decoded text. */
  readonly data: string;
  nextSibling: LightNode | null;
}

/** The namespace declarations in effect at an element (shared by the elements below it that declare none). */
export class Scope {
  /** written prefix → namespace URI ('' = the default namespace) */
  readonly uri: Map<string, string>;
  /** qualified name as written → mammoth's name */
  private readonly names = new Map<string, string>();
  /** mammoth's prefix → the written prefix that maps to it */
  private readonly written = new Map<string, string>();
  /** Whether two written prefixes map to one of mammoth's (a `v` and a `v2` for VML). */
  ambiguous = false;
  constructor(uri: Map<string, string>) {
    this.uri = uri;
    for (const [prefix, u] of uri) {
      const m = MAMMOTH_PREFIX[u];
      if (m === undefined || prefix === '') continue; // unprefixed attributes have no namespace: the default one is no attribute's
      if (this.written.has(m)) this.ambiguous = true; // two prefixes for one of mammoth's: attributes looked up one by one
      this.written.set(m, prefix);
    }
  }
  /** mammoth's name of an element or attribute written `qname` (attributes: `element` false). */
  mammothName(qname: string, element: boolean): string {
    const key = element ? qname : `@${qname}`;
    let n = this.names.get(key);
    if (n !== undefined) return n;
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    const uri = colon < 0 && !element ? undefined : this.uri.get(prefix);
    if (uri === undefined) {
      if (colon >= 0) refuse(); // an undeclared prefix
      n = local; // no namespace
    } else {
      const m = MAMMOTH_PREFIX[uri];
      n = m === undefined ? `{${uri}}${local}` : `${m}:${local}`;
    }
    this.names.set(key, n);
    return n;
  }
  /** The written form of an attribute mammoth names `name` ('w:val'), undefined when none can have that name. */
  writtenAttribute(name: string): string | undefined {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const prefix = this.written.get(name.slice(0, colon));
    return prefix === undefined ? undefined : `${prefix}:${name.slice(colon + 1)}`;
  }
}

export class LightElement {
  readonly nodeType = 1 as const;
  firstChild: LightNode | null = null;
  nextSibling: LightNode | null = null;
  /** Child nodes in order (elements and text). */
  readonly children: LightNode[] = [];
  constructor(
    /** The qualified name as written (what xmldom's nodeName is). */
    readonly nodeName: string,
    /** The name mammoth's reader gives it: its namespace's mammoth prefix and the local name. */
    readonly name: string,
    /** Attributes by qualified name as written, values decoded. */
    readonly attrs: Record<string, string>,
    readonly scope: Scope,
  ) {}
  getAttribute(name: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.attrs, name) ? (this.attrs[name] as string) : null;
  }
  /** The attribute mammoth names `name` (`w:val`, `r:id`, `wordml:val`), as mammoth's reader has it. */
  attribute(name: string): string | undefined {
    if (this.scope.ambiguous) {
      // as mammoth's reader: every attribute under its mapped name, the last of one name winning
      let value: string | undefined;
      for (const k of Object.keys(this.attrs)) if (k !== 'xmlns' && !k.startsWith('xmlns:') && this.scope.mammothName(k, false) === name) value = this.attrs[k];
      return value;
    }
    const written = this.scope.writtenAttribute(name);
    return written === undefined ? undefined : (this.getAttribute(written) ?? undefined);
  }
}

export type LightNode = LightElement | LightText;

export interface LightDocument {
  readonly documentElement: LightElement;
}

/** mammoth's office-xml-reader.js namespace map (1.x). */
const MAMMOTH_PREFIX: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'content-types',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'relationships',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:word': 'office-word',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'wordml',
};

const START_TAG = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*>/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const XML_DECLARATION = /<\?xml\s[^?<>]*\?>/y;
/** A `&` that starts no reference we decode, `]]>` in text, or a character XML does not allow. */
const BAD_TEXT = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)|\]\]>|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const REFERENCE = /&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g;

class Refused extends Error {}
const refuse = (): never => {
  throw new Refused();
};

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (_, ref: string) => {
    switch (ref) {
      case 'amp': return '&';
      case 'lt': return '<';
      case 'gt': return '>';
      case 'quot': return '"';
      case 'apos': return "'";
      default: {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        // characters XML 1.0 does not allow, even by reference: left to xmldom
        if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0xfffe || code === 0xffff || (code < 0x20 && code !== 9 && code !== 10 && code !== 13)) refuse();
        return String.fromCodePoint(code);
      }
    }
  });
}

const textValue = (raw: string) => decode(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
const attributeValue = (raw: string) => decode(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n?/g, '\n').replace(/[\t\n]/g, ' ') : raw);

/** Reads a part; undefined when it is not XML of the plain kind described above (the caller then defers). */
export function parseLightXml(xml: string): LightDocument | undefined {
  try {
    return parse(xml);
  } catch (e) {
    if (e instanceof Refused || e instanceof RangeError) return undefined;
    throw e;
  }
}

function parse(xml: string): LightDocument {
  if (BAD_TEXT.test(xml)) refuse();
  let at = 0;
  XML_DECLARATION.lastIndex = 0;
  if (XML_DECLARATION.test(xml)) at = XML_DECLARATION.lastIndex;
  const stack: LightElement[] = [];
  const last: (LightNode | null)[] = [];
  let root: LightElement | undefined;
  let scope = new Scope(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
  const append = (node: LightNode) => {
    const parent = stack[stack.length - 1] as LightElement;
    const prev = last[last.length - 1];
    if (prev) prev.nextSibling = node;
    else parent.firstChild = node;
    last[last.length - 1] = node;
    parent.children.push(node);
  };
  for (;;) {
    const lt = xml.indexOf('<', at);
    const text = lt < 0 ? xml.slice(at) : xml.slice(at, lt);
    if (text) {
      if (stack.length === 0) {
        if (/[^ \t\r\n]/.test(text)) refuse(); // text outside the root
      } else append({ nodeType: 3, data: textValue(text), nextSibling: null });
    }
    if (lt < 0) break;
    if (xml.charCodeAt(lt + 1) === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(xml);
      const open = stack.pop();
      if (!m || !open || open.nodeName !== m[1]) refuse();
      last.pop();
      scope = (stack[stack.length - 1] ?? (open as LightElement)).scope;
      at = END_TAG.lastIndex;
      continue;
    }
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(xml);
    if (!m) refuse(); // a comment, CDATA, DOCTYPE, processing instruction or a malformed tag
    const tag = m as RegExpExecArray;
    const qname = tag[1] as string;
    const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
    const rawAttrs = tag[2] ?? '';
    let declares = false;
    if (rawAttrs) {
      ATTRIBUTE.lastIndex = 0;
      for (let a = ATTRIBUTE.exec(rawAttrs); a; a = ATTRIBUTE.exec(rawAttrs)) {
        const name = a[1] as string;
        if (name in attrs) refuse(); // an attribute twice
        attrs[name] = attributeValue(a[2] ?? a[3] ?? '');
        if (name === 'xmlns' || name.startsWith('xmlns:')) declares = true;
      }
    }
    if (root !== undefined && stack.length === 0) refuse(); // a second root
    let own = scope;
    if (declares) {
      const uri = new Map(scope.uri);
      for (const d of Object.keys(attrs)) {
        if (d !== 'xmlns' && !d.startsWith('xmlns:')) continue;
        const prefix = d === 'xmlns' ? '' : d.slice(6);
        const value = attrs[d] as string;
        if (prefix === 'xml' || prefix === 'xmlns' || (prefix !== '' && value === '')) refuse();
        if (value === '') uri.delete(prefix); // xmlns="": no default namespace here
        else uri.set(prefix, value);
      }
      own = new Scope(uri);
    }
    for (const name of Object.keys(attrs)) if (name !== 'xmlns' && !name.startsWith('xmlns:')) own.mammothName(name, false); // refuses an undeclared prefix
    const el = new LightElement(qname, own.mammothName(qname, true), attrs, own);
    if (root === undefined) root = el;
    else append(el);
    if (tag[3] !== '/') {
      stack.push(el);
      last.push(null);
      scope = own;
    }
    at = START_TAG.lastIndex;
  }
  if (!root || stack.length > 0) refuse();
  return { documentElement: root as LightElement };
}
