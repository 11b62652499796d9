/**
 * The body reader of the direct .docx reader (direct-reader.ts): mammoth 1.x's body-reader.js over the light tree,
 * for the elements it knows (a whitelist). Paragraphs, runs, text, tabs, breaks, symbols, hyperlinks, fields and
 * checkboxes, insertions kept and deletions dropped, text boxes, tables with merged cells, note references; any
 * other element gives up (NotHandled) and the file goes to mammoth's path.
 */
import type { MammothNode } from './assemble.js';
import { elementsOf, first, giveUp, type Part, type Relationships } from './direct-parts.js';
import type { LightElement, LightNode } from './light-xml.js';

export type SymbolLookup = (font: string, hex: string) => { string: string } | undefined;

// ---- mammoth's element helpers, over the light tree (names are mammoth's) ----

/** mammoth's Element.text(): the one text child; anything else made mammoth throw. */
function textOf(el: LightElement): string {
  if (el.children.length === 0) return '';
  const only = el.children[0] as LightNode;
  if (el.children.length !== 1 || only.nodeType !== 3) giveUp(`${el.name} with markup inside`);
  return (only as { data: string }).data;
}

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
export class BodyReader {
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
