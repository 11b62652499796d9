/**
 * 审查意见书 (.docx): what the section sends to the drafting department. Addressed to the
 * department; the reviewer's conclusion (a blank when none was chosen — never the tool's);
 * numbered 修改意见 in clause order from the confirmed findings only, each with the clause,
 * the quoted words, the reason, the basis cited in proper form with the relevant item or
 * sentence quoted, and the suggestion; 落款 of the bureau and date; 草稿 on every page until
 * signed. An internal appendix (on request) lists every finding with the reviewer's decision.
 */
import { AlignmentType, BorderStyle, Document, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { citation, relevantExcerpt } from '../citation.js';
import { groupByCategory, SEVERITY_LABELS } from '../labels.js';
import { blank, body, chineseDate, FONTS, gongwenSection, heading1, heading2, run, SIZES, title } from './gongwen.js';
import { DEFAULT_TEMPLATE, markOf, signatureOf, type ExportFinding, type ReviewExport, type Writer, type WriterOptions } from './types.js';

const ORDINALS = '一二三四五六七八九十';

/** 一 … 九十九, for （一）（二）… numbering. */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return ORDINALS[n - 1] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? ORDINALS[tens - 1] : ''}十${ones ? ORDINALS[ones - 1] : ''}`;
}

/** The findings that become 修改意见: confirmed ones (a CLI review has no decisions: all of them), in clause order. */
export function opinionFindings(review: ReviewExport): ExportFinding[] {
  const decided = review.findings.some((f) => f.status !== undefined);
  return review.findings.filter((f) => (decided ? f.status === 'confirmed' : true)).sort((a, b) => a.start - b.start);
}

function fill(template: string, title: string): string {
  return template.replace(/\{title\}/g, title);
}

/** A sentence ends with its own stop: no second 。 after ）。 or ”。 */
const sentence = (s: string) => (/[。！？][”’）)]*$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);

function opinionParagraphs(review: ReviewExport, f: ExportFinding, n: number, options: WriterOptions): Paragraph[] {
  const out: Paragraph[] = [];
  const clause = review.document.clauses.find((c) => c.id === f.clauseId);
  const wholeDocument = !f.path || !clause || clause.kind === 'title' || clause.kind === 'docNumber';
  const lead = wholeDocument || f.explanation.includes(f.quote) ? sentence(f.explanation) : `该${clause.kind === 'article' ? '条' : '处'}规定“${f.quote}”。${sentence(f.explanation)}`;
  out.push(heading2(`（${chineseOrdinal(n)}）${wholeDocument ? '关于全文' : `关于${f.path}`}。`, lead));
  for (const b of f.basis) {
    const excerpt = relevantExcerpt(b.text, `${f.title}${f.quote}${f.explanation}`);
    out.push(body([`依据：${citation(b, options.laws)}规定：“${excerpt.replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^第[一二三四五六七八九十百]+条\s*/, '')}”`]));
  }
  out.push(body([run('修改建议：', { bold: true }), run(f.suggestionOverride ?? f.suggestion)]));
  return out;
}

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ children: [run(text, { size: SIZES.hao5, ...(bold ? { bold: true, font: FONTS.heading1 } : {}) })] })],
  });
}

const DECISIONS = { open: '待处理', confirmed: '已确认', dismissed: '已排除' } as const;

/** 附件 (internal): every finding with the reviewer's decision; dismissed ones with their reason. */
function appendix(review: ReviewExport): (Paragraph | Table)[] {
  const widths = [500, 1700, 1500, 900, 4245];
  const header = new TableRow({ tableHeader: true, children: ['序号', '条款', '问题', '风险', '审查人决定'].map((h, i) => cell(h, widths[i] ?? 1000, true)) });
  const rows = [...review.findings]
    .sort((a, b) => a.start - b.start)
    .map((f, i) => {
      const decision = f.status ? DECISIONS[f.status] : '未审查';
      const why = f.status === 'dismissed' && f.dismissReason ? `：${f.dismissReason}` : '';
      const inherited = f.inherited ? '（沿用上一版决定）' : '';
      return new TableRow({ children: [String(i + 1), f.path || '全文', `${f.title}（${f.category}）`, SEVERITY_LABELS[f.severity], `${decision}${why}${inherited}`].map((t, k) => cell(t, widths[k] ?? 1000)) });
    });
  return [
    new Paragraph({ children: [new PageBreak()] }),
    body([run('附件', { font: FONTS.heading1 })], { indent: false }),
    title('审查记录（内部留存，不随文送出）'),
    blank(),
    new Table({ width: { size: 8845, type: WidthType.DXA }, rows: [header, ...rows] }),
  ];
}

export function opinionDocument(review: ReviewExport, options: WriterOptions = {}): Document {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const record = review.record ?? {};
  const docTitle = record.title || review.document.meta.title || '（无标题）';
  const findings = opinionFindings(review);
  const signed = Boolean(record.signedAt);
  const date = options.date ?? record.signedAt ?? new Date().toISOString();
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } },
      children: [run(markOf(template), { font: FONTS.title, size: 60, color: 'C00000' })],
    }),
    blank(),
    title(`关于《${docTitle}》的合法性审核和公平竞争审查意见`),
    blank(),
    body([`${record.department || '（起草单位）'}：`], { indent: false }),
    body([fill(template.opening, docTitle)]),
    heading1('一、基本情况'),
    body([
      `文件名称：《${docTitle}》${review.document.meta.docNumber ? `（${review.document.meta.docNumber}）` : ''}；起草单位：${record.department || '未填写'}；收文日期：${record.receivedAt ? chineseDate(record.receivedAt) : '未填写'}${record.version ? `；本次审查为第${record.version}版` : ''}。`,
    ]),
    heading1('二、审查结论'),
    body([options.conclusion ? `${options.conclusion}。`.replace(/。。$/, '。') : '（审查结论由审查人填写：合法，可以出台／修改后可以出台／不合法，不得出台）']),
    heading1('三、修改意见'),
  ];
  if (findings.length === 0) children.push(body(['经审查，未发现需要修改的问题。']));
  else {
    const summary = groupByCategory(findings)
      .map((g) => `${g.category}${g.items.length}处`)
      .join('、');
    children.push(body([`经审查，文件有${findings.length}处需要修改（${summary}），具体如下：`]));
    findings.forEach((f, i) => children.push(...opinionParagraphs(review, f, i + 1, options)));
  }
  if (options.adoption?.length) {
    children.push(heading1('四、前次意见采纳情况'));
    options.adoption.forEach((a, i) => children.push(body([`${i + 1}. ${a.path || '全文'}：${a.title}——${a.adopted ? '已采纳' : '未采纳'}。`])));
  }
  children.push(body([fill(template.closing, docTitle)]));
  if (template.contact) children.push(body([`（${template.contact}）`]));
  children.push(blank(), blank());
  children.push(body([signatureOf(template)], { indent: false, align: 'right' }));
  children.push(body([chineseDate(date)], { indent: false, align: 'right' }));
  children.push(blank());
  const people = [record.reviewer ? `审查人：${record.reviewer}` : '', record.chief ? `签发人：${record.chief}` : ''].filter(Boolean).join('　　');
  if (people) children.push(body([people], { indent: false }));
  if (options.appendix) children.push(...appendix(review));
  return new Document({
    creator: '法护',
    title: `关于《${docTitle}》的审查意见`,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: SIZES.hao3 } } } },
    sections: [gongwenSection(children, { draft: !signed })],
  });
}

export const opinionDocxWriter: Writer = {
  format: 'docx',
  label: '审查意见书（Word）',
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
  write: async (review, options) => new Uint8Array(await Packer.toArrayBuffer(opinionDocument(review, options))),
};
