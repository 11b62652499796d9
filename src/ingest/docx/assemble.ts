/**
 * Flattens a document tree of mammoth's shape (its reader's, or the direct reader's, which builds the same
 * nodes) into lines of text, table rows with their cells, and notes.
 */
import type { ExtractedText } from '../../document/build.js';
import type { Span } from '../../document/model.js';

/** mammoth's internal document tree, as handed to transformDocument. */
export interface MammothNode {
  type: string;
  children?: MammothNode[];
  value?: string;
  noteType?: string;
  noteId?: string;
  checked?: boolean;
  body?: MammothNode[];
}
export interface MammothDocument extends MammothNode {
  notes?: { resolve(ref: { noteType?: string; noteId?: string }): MammothNode | null };
}

/** Flattens mammoth's tree into lines of text, tables and notes. */
export class TextAssembler {
  private readonly parts: string[] = [];
  private length = 0;
  readonly rows: ExtractedText['rows'] = [];
  readonly notes: Span[] = [];
  private tableCount = 0;
  private readonly noteRefs: MammothNode[] = [];

  private line(text: string): Span {
    if (this.parts.length > 0) {
      this.parts.push('\n');
      this.length += 1;
    }
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    return { start, end: this.length };
  }

  /** Text of inline content; nested paragraphs (text boxes) are collected separately. */
  private inline(node: MammothNode, nested: MammothNode[]): string {
    switch (node.type) {
      case 'text': return node.value ?? '';
      case 'tab': return ' ';
      case 'break': return '\n';
      case 'checkbox': return node.checked ? '☑' : '☐';
      case 'noteReference': this.noteRefs.push(node); return '';
      case 'paragraph': nested.push(node); return '';
      case 'table': nested.push(node); return '';
      default: return (node.children ?? []).map((c) => this.inline(c, nested)).join('');
    }
  }

  /** A paragraph's own text; paragraphs nested in it (text boxes) go to `nested`. */
  private paragraphText(p: MammothNode, nested: MammothNode[]): string {
    return (p.children ?? []).map((c) => this.inline(c, nested)).join('');
  }

  block(node: MammothNode): void {
    if (node.type === 'table') return this.table(node);
    if (node.type !== 'paragraph') {
      for (const c of node.children ?? []) this.block(c);
      return;
    }
    const nested: MammothNode[] = [];
    const text = this.paragraphText(node, nested);
    if (text.trim()) this.line(text);
    for (const n of nested) this.block(n);
  }

  private cellText(cell: MammothNode): string {
    const nested: MammothNode[] = [];
    const pieces: string[] = [];
    const walk = (n: MammothNode) => {
      if (n.type === 'paragraph') pieces.push(this.paragraphText(n, nested));
      else if (n.type === 'table') for (const r of n.children ?? []) for (const c of r.children ?? []) pieces.push(this.cellText(c));
      else for (const c of n.children ?? []) walk(c);
    };
    for (const c of cell.children ?? []) walk(c);
    for (const n of nested) walk(n);
    // paragraphs of one cell stay on the row's line; a wide gap survives normalisation as one space
    return pieces.map((p) => p.replace(/[\t\n]+/g, ' ').trim()).filter(Boolean).join('  ');
  }

  private table(node: MammothNode): void {
    const table = this.tableCount++;
    let rowNo = 0;
    for (const row of node.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells = (row.children ?? []).filter((c) => c.type === 'tableCell').map((c) => this.cellText(c));
      if (cells.every((c) => c === '')) continue;
      const line = this.line(cells.join('\t'));
      const spans: Span[] = [];
      let at = line.start;
      for (const c of cells) {
        spans.push({ start: at, end: at + c.length });
        at += c.length + 1;
      }
      this.rows.push({ table, row: rowNo++, start: line.start, end: line.end, cells: spans });
    }
  }

  finishNotes(doc: MammothDocument): void {
    const seen = new Set<string>();
    for (const ref of this.noteRefs) {
      const key = `${ref.noteType}:${ref.noteId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const note = doc.notes?.resolve({ noteType: ref.noteType, noteId: ref.noteId });
      if (!note) continue;
      const nested: MammothNode[] = [];
      const text = (note.body ?? []).map((p) => (p.type === 'paragraph' ? this.paragraphText(p, nested) : this.inline(p, nested))).join(' ').replace(/[\t\n]+/g, ' ').trim();
      if (text) this.notes.push(this.line(text));
    }
  }

  get text(): string {
    return this.parts.join('');
  }
}

