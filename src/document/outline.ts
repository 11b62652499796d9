/**
 * Builds the clause tree from the lines of the canonical text: front matter, the numbered
 * body (article or outline style, nested by the fixed order 章 节 条 一、（一）1.（1）①),
 * unnumbered paragraphs, tables, sub-documents and attachments, closing provisions,
 * the signature and notes. Ids and paths are given afterwards (clause-paths.ts).
 */
import { LABEL_RANK, matchLabel, type Label, type LabelKind } from './labels.js';
import type { Line } from './normalize.js';
import { splitInlineItems } from './inline-items.js';
import type { ClauseKind, Span } from './model.js';
import {
  CLOSING_RE, PAGE_META_LINE, attachmentHeading, isAddresseeLine, isAttachmentList, isDateLine, isDocNumberLine,
  isDraftMarker, isIssuerLine, issuerAndDate, isPublishNote, isTitleLike, looksLikeTitle,
} from './line-kinds.js';

/** A table row as the extractor saw it, in canonical offsets. */
export interface RowHint extends Span {
  table: number;
  row: number;
  cells: Span[];
}

export interface StructureHints {
  /** Lines that are table rows, keyed by canonical line start. */
  rows: Map<number, RowHint>;
  /** Canonical starts of lines that are footnotes/endnotes. */
  notes: Set<number>;
}

export interface Node extends Span {
  kind: ClauseKind;
  label: string;
  labelKind?: LabelKind;
  number?: number;
  heading?: string;
  children: Node[];
  parent?: Node;
  /** Title of a part (sub-document or attachment). */
  partTitle?: string;
  attachment?: number;
  table?: number;
}

const OUTLINE_KIND: Record<LabelKind, ClauseKind> = {
  part: 'chapter', chapter: 'chapter', section: 'section', article: 'article',
  o1: 'outline1', o2: 'outline2', o3: 'outline3', o4: 'outline4', o5: 'outline5', o6: 'outline6',
};

function headingOf(rest: string): string | undefined {
  const caption = /^[【\[［]([^】\]］]{1,20})[】\]］]/.exec(rest); // 第一条【适用范围】
  if (caption) return caption[1];
  if (rest.length > 0 && rest.length <= 40 && !/[。；，！？]/.test(rest)) return rest;
  const lead = /^([^。！？；，：]{2,30})。./.exec(rest);
  return lead ? lead[1] : undefined;
}

export interface TreeResult {
  root: Node;
  warnings: string[];
}

/** `fragment`: a clause or a few, not a whole document (no title, 文号 or signature). */
/**
 * A heading line that runs on into its first article ("三、支持设计创新第11条……", "第二章 扶持措施 第五条……",
 * as crawled pages join them) is split in two lines at the article.
 */
const RUN_ON_ARTICLE = /^([^。；，：！？]{2,30}?)(?=第(?:\d{1,3}|[零〇一二两三四五六七八九十百千]{1,6})条)/;

function splitRunOnArticles(text: string, lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    const t = text.slice(l.start, l.end);
    const label = matchLabel(t);
    const run = label && (label.kind === 'o1' || label.kind === 'chapter' || label.kind === 'section') ? RUN_ON_ARTICLE.exec(t.slice(label.length)) : null;
    const cut = run ? l.start + label!.length + (run[1] as string).length : -1;
    if (run && matchLabel(text.slice(cut, l.end))?.kind === 'article') {
      out.push({ ...l, end: cut }, { ...l, start: cut });
    } else out.push(l);
  }
  return out;
}

export function buildTree(text: string, allLines: Line[], hints: StructureHints, fragment = false): TreeResult {
  const lines = splitInlineItems(text, splitRunOnArticles(text, allLines), (l) => hints.rows.has(l.start) || hints.notes.has(l.start));
  const root: Node = { kind: 'part', label: '', start: 0, end: text.length, children: [] };
  const warnings: string[] = [];
  let container = root;
  let stack: Node[] = [];
  let phase: 'front' | 'body' | 'after' = fragment ? 'body' : 'front';
  let titleText = '';
  let partCount = 0;
  let currentTable: Node | undefined;
  const seenKinds = new Set<LabelKind>();
  /** 一、 sections that hold 第N条 articles (county policies): 一、 then ranks above 条 in this part. */
  let outlineSections = false;
  /** The last article of this part: articles number on across chapters and sections. */
  let lastArticle: Node | undefined;
  const rankOf = (kind: LabelKind): number => (kind === 'o1' && outlineSections ? 2.5 : LABEL_RANK[kind]);
  const lineText = (l: Line) => text.slice(l.start, l.end);

  const attach = (node: Node, parent: Node) => {
    node.parent = parent;
    parent.children.push(node);
  };
  const deepest = () => stack[stack.length - 1] ?? container;
  const extendTo = (node: Node, end: number) => {
    for (let n: Node | undefined = node; n && n !== root; n = n.parent) if (n.end < end) n.end = end;
  };
  const leaf = (kind: ClauseKind, l: Line, parent: Node): Node => {
    const node: Node = { kind, label: '', start: l.start, end: l.end, children: [] };
    attach(node, parent);
    extendTo(parent, l.end);
    return node;
  };
  const startPart = (l: Line, title: string, attachmentNo?: number): Node => {
    partCount++;
    const part: Node = { kind: 'part', label: '', start: l.start, end: l.end, children: [], partTitle: title };
    if (attachmentNo !== undefined) part.attachment = attachmentNo;
    attach(part, root);
    container = part;
    stack = [];
    seenKinds.clear();
    outlineSections = false;
    lastArticle = undefined;
    phase = 'body';
    return part;
  };
  /** Does the next numbered line restart a numbering already used (a new sub-document)? */
  const restartsNumbering = (from: number): boolean => {
    for (let j = from; j < Math.min(lines.length, from + 40); j++) {
      const lab = matchLabel(lineText(lines[j] as Line));
      if (lab) return lab.number === 1 && seenKinds.has(lab.kind);
    }
    return false;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as Line;
    const t = lineText(l);
    const next = lines[i + 1] ? lineText(lines[i + 1] as Line) : undefined;

    if (hints.notes.has(l.start)) {
      currentTable = undefined;
      leaf('note', l, root);
      continue;
    }
    const row = hints.rows.get(l.start);
    if (row) {
      if (!currentTable || currentTable.table !== row.table) {
        currentTable = { kind: 'table', label: '', start: l.start, end: l.end, children: [], table: row.table };
        attach(currentTable, deepest());
      }
      const rowNode: Node = { kind: 'row', label: '', start: l.start, end: l.end, children: [] };
      attach(rowNode, currentTable);
      for (const c of row.cells) attach({ kind: 'cell', label: '', start: c.start, end: c.end, children: [] }, rowNode);
      extendTo(currentTable, l.end);
      continue;
    }
    currentTable = undefined;

    if (phase === 'front' && isDraftMarker(t)) {
      leaf('text', l, root); // （征求意见稿） and the like
      continue;
    }
    // the title: the first line that is not a 文号, continued over short lines until it names its document type
    if (phase === 'front' && PAGE_META_LINE.test(t)) {
      leaf('text', l, root); // 发布时间：… 来源：… of a crawled page
      continue;
    }
    if (!titleText && phase === 'front' && root.children.every((c) => c.kind === 'docNumber' || c.kind === 'text') && !matchLabel(t) && !isDocNumberLine(t) && !isAddresseeLine(t) && (fragment || looksLikeTitle(t))) {
      const node = leaf('title', l, root);
      titleText = t;
      while (i + 1 < lines.length && !isTitleLike(titleText)) {
        const n = lineText(lines[i + 1] as Line);
        if (n.length > 40 || /[。；，：]/.test(n) || matchLabel(n) || isDocNumberLine(n) || isDateLine(n) || isAddresseeLine(n)) break;
        i++;
        titleText += n;
        node.end = (lines[i] as Line).end;
      }
      continue;
    }
    if (isDocNumberLine(t) && (phase === 'front' || stack.length === 0)) {
      leaf('docNumber', l, container);
      continue;
    }
    if (phase === 'front' && titleText && !fragment && issuerAndDate(t)) {
      leaf('signature', l, root); // a 纪要's issuer and date under its title: 临海市人民政府办公室　　2026年11月20日
      continue;
    }
    if (phase === 'front' && isAddresseeLine(t)) {
      leaf('addressee', l, root);
      continue;
    }
    // 落款: issuer line(s) followed by a date, or a date closing the text
    const signatureHere =
      !fragment &&
      ((isIssuerLine(t) && (next === undefined || isDateLine(next) || isIssuerLine(next))) || (next === undefined && issuerAndDate(t) !== undefined)) ||
      (isDateLine(t) && (phase !== 'front' || i > 0));
    if (signatureHere && !matchLabel(t)) {
      stack = [];
      leaf('signature', l, root);
      phase = 'after';
      container = root;
      continue;
    }
    if (phase === 'front' && titleText && t.length >= 6 && titleText.includes(t) && !isAddresseeLine(t)) {
      leaf('text', l, root); // the title repeated, as crawled copies have it
      continue;
    }
    if (isPublishNote(t) || (phase === 'after' && /^(抄送|印发|主送|联系人)/.test(t))) {
      leaf('text', l, root);
      continue;
    }
    if (isAttachmentList(t)) {
      const node = leaf('text', l, container);
      // the list's own lines "2.……" are not numbered body text
      while (i + 1 < lines.length && /^\d{1,2}[.．、]/.test(lineText(lines[i + 1] as Line)) && !/[。；]/.test(lineText(lines[i + 1] as Line))) {
        i++;
        node.end = (lines[i] as Line).end;
        extendTo(container, node.end);
      }
      continue;
    }
    const att = attachmentHeading(t);
    if (att) {
      const titleLine = next !== undefined && !matchLabel(next) && next.length <= 60 && !/[。；]/.test(next) ? next : '';
      const part = startPart(l, titleLine, att.number);
      if (titleLine) {
        i++;
        part.end = (lines[i] as Line).end;
      }
      continue;
    }
    const label = matchLabel(t);
    if (!label && isTitleLike(t) && (phase === 'after' || restartsNumbering(i + 1))) {
      startPart(l, t);
      continue;
    }
    if (label) {
      phase = 'body';
      addLabelled(l, t, label);
      continue;
    }
    // an unnumbered paragraph
    if (phase === 'front') {
      leaf('preamble', l, root);
      continue;
    }
    if (phase === 'after' && container === root) {
      // text after the signature that is not an attachment: keep it, outside the body
      leaf('text', l, root);
      continue;
    }
    const inArticle = stack.findIndex((n) => n.labelKind === 'article');
    if (inArticle >= 0) {
      stack = stack.slice(0, inArticle + 1); // a new 款 of the article, not part of its last 项
      leaf('paragraph', l, deepest());
      continue;
    }
    if (CLOSING_RE.test(t) && stack.length > 0 && container.children.some((c) => c.labelKind !== undefined)) {
      stack = [];
      leaf('closing', l, container);
      continue;
    }
    const beforeBody = !fragment && stack.length === 0 && container.children.every((c) => c.labelKind === undefined);
    leaf(beforeBody ? 'preamble' : 'paragraph', l, deepest());
  }
  void partCount;
  return { root, warnings };

  function addLabelled(l: Line, t: string, label: Label) {
    if (label.kind === 'article' && !outlineSections && !lastArticle && stack.length > 0 && stack.every((n) => n.labelKind === 'o1' || LABEL_RANK[n.labelKind as LabelKind] < LABEL_RANK.article)) {
      // the first article of the part sits under an 一、 heading: the 一、 headings are sections of articles
      outlineSections = stack.some((n) => n.labelKind === 'o1');
      if (outlineSections) for (const n of container.children) if (n.labelKind === 'o1') n.kind = 'section';
      for (const n of stack) if (n.labelKind === 'o1') n.kind = 'section';
    }
    // once 一、 heads sections, an 一、 inside an article is one of its items unless it continues the sections
    const sectionHere = label.kind === 'o1' && outlineSections && continuesSections(label.number);
    const rank = label.kind === 'o1' && outlineSections && !sectionHere ? LABEL_RANK.o1 : rankOf(label.kind);
    while (stack.length > 0 && rankFor(stack[stack.length - 1] as Node) >= rank) stack.pop();
    const parent = deepest();
    const node: Node = {
      kind: sectionHere ? 'section' : OUTLINE_KIND[label.kind], label: label.text, labelKind: label.kind, number: label.number,
      start: l.start, end: l.end, children: [],
    };
    const heading = headingOf(t.slice(label.length));
    if (heading) node.heading = heading;
    checkSequence(parent, node);
    attach(node, parent);
    extendTo(parent, l.end);
    stack.push(node);
    seenKinds.add(label.kind);
    if (label.kind === 'article') lastArticle = node;
  }

  function rankFor(n: Node): number {
    return n.kind === 'section' && n.labelKind === 'o1' ? 2.5 : LABEL_RANK[n.labelKind as LabelKind];
  }

  function lastSection(): Node | undefined {
    for (let k = container.children.length - 1; k >= 0; k--) {
      const c = container.children[k] as Node;
      if (c.kind === 'section' && c.labelKind === 'o1') return c;
    }
    return undefined;
  }

  /** An 一、 that numbers on from the last section (or repeats it) is the next section, not an item. */
  function continuesSections(n: number): boolean {
    const last = lastSection();
    if (!last) return true;
    const inArticle = stack.some((s) => s.labelKind === 'article');
    if (!inArticle) return true;
    // 二、 after an article's own 一、 item continues the item list
    const item = [...stack].reverse().find((s) => s.labelKind === 'o1' && s.kind !== 'section');
    if (item && n === (item.number ?? 0) + 1) return false;
    return n === (last.number ?? 0) + 1 || (n > (last.number ?? 0) && n !== 1);
  }

  function checkSequence(parent: Node, node: Node) {
    // articles number on across chapters and sections; other labels count within their parent
    let prev: Node | undefined;
    if (node.labelKind === 'article') prev = lastArticle;
    else {
      for (let k = parent.children.length - 1; k >= 0; k--) {
        const c = parent.children[k] as Node;
        if (c.labelKind === node.labelKind) { prev = c; break; }
      }
    }
    if (!prev || prev.number === undefined || node.number === undefined) return;
    if (node.number === prev.number) warnings.push(`编号重复：${prev.label} 出现两次`);
    else if (node.number !== prev.number + 1 && node.number !== 1) warnings.push(`编号不连续：${prev.label} 之后为 ${node.label}`);
  }
}
