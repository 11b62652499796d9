/** The text view of a parsed document: metadata, then an indented outline with paths. */
import type { Clause, DocumentModel, IssuerLevel } from '../document/model.js';

const LEVEL_NAMES: Record<IssuerLevel, string> = {
  'state-council': '国务院', ministry: '国务院部门', province: '省级', city: '市级', county: '县（区）级', township: '乡镇（街道）', unknown: '未识别',
};
const STYLE_NAMES = { article: '章条式（第X条）', outline: '分点式（一、（一）1.）', mixed: '章条式与分点式混合', none: '无编号' } as const;

function excerpt(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n)}…` : one;
}

export function metaText(doc: DocumentModel): string[] {
  const m = doc.meta;
  const lines = [
    `标题：${m.title || '（未识别）'}`,
    `文号：${m.docNumber ?? '（无）'}`,
    `发文机关：${m.issuers.join('、') || '（未识别）'}（${LEVEL_NAMES[m.issuerLevel]}）`,
    `主送机关：${m.addressees.join('；') || '（无）'}`,
    `成文日期：${m.issueDate?.date ?? '（未识别）'}`,
    `施行日期：${m.effective ? `${m.effective.date ?? '（随成文日期）'}（${m.effective.text}）` : '（未写明）'}`,
    `有效期：${m.validity ? m.validity.text : '（未写明）'}`,
    `暂行/试行：${m.provisional ? '是' : '否'}`,
  ];
  if (m.docType) lines.push(`文种：${m.docType}`);
  if (m.attachments.length) lines.push(`附件：${m.attachments.join('；')}`);
  if (m.repeals.length) lines.push(`废止：${m.repeals.join('；')}`);
  lines.push(`编号体例：${STYLE_NAMES[m.numberingStyle]}`);
  return lines;
}

function outlineLine(c: Clause): string | undefined {
  if (c.kind === 'cell') return undefined;
  const indent = '  '.repeat(c.depth);
  if (c.kind === 'row') return `${indent}${c.path}：${excerpt(c.text.replace(/\t/g, ' | '), 60)}`;
  if (c.kind === 'table') return `${indent}${c.path}`;
  // an article split into 款 owns no text of its own: show its first line
  const own = c.ownEnd > c.start ? c.text.slice(0, c.ownEnd - c.start) : (c.text.split('\n')[0] ?? '');
  return `${indent}${c.path}  ${excerpt(own, 50)}`;
}

export function outlineText(doc: DocumentModel): string {
  const lines = metaText(doc);
  const numbered = doc.clauses.filter((c) => c.label).length;
  lines.push(`结构：${doc.clauses.length} 个节点（其中编号条目 ${numbered} 个），${doc.sentences.length} 句，${doc.text.length} 字`);
  for (const w of doc.warnings) lines.push(`提示：${w}`);
  lines.push('', '大纲：');
  for (const c of doc.clauses) {
    const l = outlineLine(c);
    if (l) lines.push(l);
  }
  return lines.join('\n');
}
