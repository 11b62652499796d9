/**
 * Turns the built tree into the flat clause list: groups an article's paragraphs into 款,
 * names 项 and 目, and gives every node a stable id ("a12.k2.x3", "i2.ii3.iii2") and a
 * human path ("第十二条第二款第（三）项", "二、（三）2.").
 */
import { formatChineseNumber } from './chinese-numerals.js';
import { canonicalLabel } from './labels.js';
import type { Clause, ClauseKind } from './model.js';
import type { Node } from './outline.js';

const ID_PREFIX: Partial<Record<ClauseKind, string>> = {
  chapter: 'ch', section: 'se', article: 'a', paragraph: 'k', item: 'x', subitem: 'm',
  outline1: 'i', outline2: 'ii', outline3: 'iii', outline4: 'iv', outline5: 'v', outline6: 'vi',
  table: 'tb', row: 'r', cell: 'c', preamble: 'pre', closing: 'end', signature: 'sign', note: 'fn', text: 't',
};
const FIXED_ID: Partial<Record<ClauseKind, string>> = { title: 'title', docNumber: 'docno', addressee: 'to' };
const FIXED_PATH: Partial<Record<ClauseKind, string>> = {
  title: '标题', docNumber: '文号', addressee: '主送机关', signature: '落款', text: '其他',
};

/** Splits an article's children into 款 when it has more than one paragraph. */
function groupParagraphs(article: Node): void {
  if (!article.children.some((c) => c.kind === 'paragraph')) return;
  const lineEnd = article.children[0]?.start !== undefined ? Math.min(article.end, article.children[0].start - 1) : article.end;
  const groups: Node[] = [];
  let current: Node = { kind: 'paragraph', label: '', start: article.start, end: Math.max(lineEnd, article.start), children: [], parent: article };
  groups.push(current);
  for (const child of article.children) {
    if (child.kind === 'paragraph') {
      current = { ...child, children: [], parent: article };
      groups.push(current);
    } else {
      child.parent = current;
      current.children.push(child);
      current.end = Math.max(current.end, child.end);
    }
  }
  article.children = groups;
}

/** 项 and 目 are the first and second numbered levels inside an article. */
function nameItems(node: Node, depthInArticle: number): void {
  for (const c of node.children) {
    if (c.labelKind && c.labelKind !== 'article' && depthInArticle >= 0) {
      if (depthInArticle === 0) c.kind = 'item';
      else if (depthInArticle === 1) c.kind = 'subitem';
      nameItems(c, depthInArticle + 1);
    } else if (c.kind === 'article') {
      groupParagraphs(c);
      nameItems(c, 0);
    } else if (c.kind === 'paragraph' && node.kind === 'article') {
      nameItems(c, 0);
    } else {
      nameItems(c, c.labelKind ? -1 : depthInArticle);
    }
  }
}

interface Scope {
  idPrefix: string;
  pathPrefix: string;
}

export function finalizeClauses(root: Node, text: string): Clause[] {
  nameItems(root, -1);
  const out: Clause[] = [];
  const usedIds = new Set<string>();
  let tableNo = 0;
  let partNo = 0;

  const uniqueId = (id: string): string => {
    let candidate = id;
    for (let k = 2; usedIds.has(candidate); k++) candidate = `${id}~${k}`;
    usedIds.add(candidate);
    return candidate;
  };

  const visit = (node: Node, parent: Clause | null, scope: Scope, siblingIndex: number, siblingsOfKind: number, depth: number): void => {
    const n = node.number ?? siblingIndex;
    let seg = FIXED_ID[node.kind] ?? `${ID_PREFIX[node.kind] ?? 'n'}${n}`;
    let path = FIXED_PATH[node.kind] ?? '';
    let id: string;
    let childScope: Scope = scope;
    const label = node.label ? canonicalLabel(node.label) : '';
    switch (node.kind) {
      case 'part': {
        partNo++;
        seg = node.attachment !== undefined ? `att${node.attachment}` : `p${partNo}`;
        path = node.attachment !== undefined ? `附件${node.attachment}` : `《${node.partTitle ?? ''}》`;
        id = uniqueId(seg);
        childScope = { idPrefix: `${id}.`, pathPrefix: node.attachment !== undefined ? `${path} ` : path };
        break;
      }
      case 'chapter':
      case 'article':
        path = scope.pathPrefix + label;
        id = uniqueId(scope.idPrefix + seg);
        break;
      case 'section':
        path = (parent?.kind === 'chapter' ? parent.path : scope.pathPrefix) + label;
        id = uniqueId(`${parent?.kind === 'chapter' ? `${parent.id}.` : scope.idPrefix}${seg}`);
        break;
      case 'paragraph':
        path = `${parent?.path ?? scope.pathPrefix}第${formatChineseNumber(siblingIndex)}${parent?.kind === 'article' ? '款' : '段'}`;
        id = uniqueId(parent && parent.kind !== 'part' ? `${parent.id}.${seg}` : scope.idPrefix + seg);
        break;
      case 'item':
        path = `${parent?.path ?? ''}第${/^\d/.test(label) ? String(n) : label}项`;
        id = uniqueId(`${parent?.id}.${seg}`);
        break;
      case 'subitem':
        path = `${parent?.path ?? ''}第${n}目`;
        id = uniqueId(`${parent?.id}.${seg}`);
        break;
      case 'table':
        tableNo++;
        seg = `tb${tableNo}`;
        path = `${parent && parent.kind !== 'part' ? parent.path : scope.pathPrefix}表${tableNo}`;
        id = uniqueId(parent && parent.kind !== 'part' ? `${parent.id}.${seg}` : scope.idPrefix + seg);
        break;
      case 'row':
        path = `${parent?.path ?? ''}第${siblingIndex}行`;
        id = uniqueId(`${parent?.id}.${seg}`);
        break;
      case 'cell':
        path = `${parent?.path ?? ''}第${siblingIndex}列`;
        id = uniqueId(`${parent?.id}.${seg}`);
        break;
      case 'preamble':
      case 'closing':
        path = scope.pathPrefix + (node.kind === 'preamble' ? '序言' : '结尾') + (siblingsOfKind > 1 ? `第${formatChineseNumber(siblingIndex)}段` : '');
        id = uniqueId(scope.idPrefix + seg);
        break;
      case 'note':
        path = `注${siblingIndex}`;
        id = uniqueId(seg);
        break;
      case 'signature':
      case 'text':
      case 'title':
      case 'docNumber':
      case 'addressee':
        id = uniqueId(scope.idPrefix + seg);
        path = scope.pathPrefix + path;
        break;
      default: // outline levels
        path = (parent && parent.kind !== 'part' && !['table', 'row', 'cell'].includes(parent.kind) ? parent.path : scope.pathPrefix) + label;
        id = uniqueId(parent && parent.kind !== 'part' ? `${parent.id}.${seg}` : scope.idPrefix + seg);
    }
    const firstChild = node.children[0];
    let ownEnd = firstChild ? Math.min(node.end, firstChild.start) : node.end;
    while (ownEnd > node.start && text[ownEnd - 1] === '\n') ownEnd--;
    const clause: Clause = {
      id, kind: node.kind, label, path, text: text.slice(node.start, node.end),
      start: node.start, end: node.end, parent: parent?.id ?? null, children: [], depth, ownEnd,
    };
    if (node.number !== undefined) clause.number = node.number;
    if (node.heading) clause.heading = node.heading;
    parent?.children.push(id);
    out.push(clause);
    visitChildren(node, clause, childScope, depth + 1);
  };

  const visitChildren = (node: Node, clause: Clause | null, scope: Scope, depth: number) => {
    const counts = new Map<ClauseKind, number>();
    const totals = new Map<ClauseKind, number>();
    for (const c of node.children) totals.set(c.kind, (totals.get(c.kind) ?? 0) + 1);
    for (const c of node.children) {
      const k = (counts.get(c.kind) ?? 0) + 1;
      counts.set(c.kind, k);
      visit(c, clause, scope, k, totals.get(c.kind) ?? 1, depth);
    }
  };

  visitChildren(root, null, { idPrefix: '', pathPrefix: '' }, 0);
  return out;
}
