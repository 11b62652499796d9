/**
 * The period report as files: a Word document on the 公文 page (report/writers/gongwen.ts) with
 * its tables, the charts of the page drawn as tables (a bar of ■ per row, scaled to the
 * largest value, with the number beside it — an image would need a rasteriser the core does not
 * have), and a workbook's sheets (one per table) for the Node .xlsx writer. The header and 落款
 * come from the section's template. Pure: the page's figures in, bytes or rows out.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { blank, body, chineseDate, FONTS, gongwenSection, heading1, run, SIZES, title } from '../report/writers/gongwen.js';
import { DEFAULT_TEMPLATE, markOf, signatureOf, type OpinionTemplate } from '../report/writers/types.js';
import { coverageLines, PERIOD_KIND_LABELS, PRECHECK_NOTE, type PeriodReport } from './period-report.js';
import { REVIEW_TYPE_LABELS, REVIEW_TYPES } from './workflow.js';

const WIDTH = 8845;
const BAR_CELLS = 16;

export const periodTitle = (r: PeriodReport) => `行政规范性文件审查工作${r.period.label}${PERIOD_KIND_LABELS[r.period.kind]}`;
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
const campaignShare = (c: NonNullable<PeriodReport['campaign']>) => (c.total ? Math.round((1000 * c.decided) / c.total) / 10 : 0);

/** The rows of 收件和办结, shared by the document and the workbook. */
export function workloadRows(r: PeriodReport): [string, string | number][] {
  return [
    ['收件', r.received],
    ...REVIEW_TYPES.map((t): [string, number] => [`其中${REVIEW_TYPE_LABELS[t]}`, r.receivedByType[t]]),
    ['其中优先审查', r.priorityReceived],
    ['优先审查占比', pct(r.priorityShare)],
    ['其中提前介入', r.earlyReceived],
    ['出具意见（办结）', r.closed],
    ['其中按期', r.closedOnTime],
    ['其中超期', r.closedLate],
    ['其中紧急情况提前出具', r.urgent],
    ['期末在办', r.openAtEnd],
    ['期末在办已超期', r.openOverdue],
    ['超期合计', r.overdue],
    ['平均审查用时（工作日，收件至出具意见，不含补正期间）', r.averageDaysToClose ?? '—'],
  ];
}

const cellText = (text: string, width: number, opts: { bold?: boolean; right?: boolean; color?: string } = {}) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 30, bottom: 30, left: 80, right: 80 },
    children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [run(text, { size: SIZES.xiao4, ...(opts.bold ? { bold: true, font: FONTS.heading1 } : {}), ...(opts.color ? { color: opts.color } : {}) })] })],
  });

function table(head: string[], rows: (string | number)[][], widths: number[]): Table {
  const numeric = (v: string | number) => typeof v === 'number';
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cellText(h, widths[i] ?? 1000, { bold: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cellText(String(v), widths[i] ?? 1000, { right: numeric(v) })) })),
    ],
  });
}

/** A bar chart as a table: label, a bar of ■ scaled to the largest value, the number. */
export function barRows(rows: { label: string; value: number }[]): { label: string; bar: string; value: number }[] {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return rows.map((r) => ({ label: r.label, value: r.value, bar: '■'.repeat(r.value > 0 ? Math.max(1, Math.round((r.value / max) * BAR_CELLS)) : 0) }));
}

function barChart(caption: string, rows: { label: string; value: number }[]): (Paragraph | Table)[] {
  const w = [2600, 5245, 1000];
  return [
    body([run(`图：${caption}`, { size: SIZES.xiao4, font: FONTS.heading2 })], { indent: false, align: 'center' }),
    new Table({
      width: { size: WIDTH, type: WidthType.DXA },
      borders: { top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }, insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } },
      rows: barRows(rows).map((r) => new TableRow({ children: [cellText(r.label, w[0] ?? 0, { right: true }), cellText(r.bar || ' ', w[1] ?? 0, { color: '2F5597' }), cellText(String(r.value), w[2] ?? 0)] })),
    }),
  ];
}

export interface PeriodFileOptions {
  template?: OpinionTemplate;
  /** ISO date of the 落款 (default: the report's as-of day). */
  date?: string;
}

export function periodReportDocument(r: PeriodReport, options: PeriodFileOptions = {}): Document {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } }, children: [run(markOf(template), { font: FONTS.title, size: 60, color: 'C00000' })] }),
    blank(),
    title(periodTitle(r)),
    blank(),
    body([`报告期间：${chineseDate(r.period.from)}至${chineseDate(r.period.to)}${r.until < r.period.to ? `（数据截至${chineseDate(r.until)}）` : ''}。`]),
    ...r.warnings.map((w) => body([`说明：${w}。`.replace(/。。$/, '。')])),
    heading1('一、收件和办结'),
    body([`本期收件 ${r.received} 件，出具意见 ${r.closed} 件（按期 ${r.closedOnTime} 件，超期 ${r.closedLate} 件），期末在办 ${r.openAtEnd} 件。`]),
    table(['项目', '数量'], workloadRows(r), [6845, 2000]),
    blank(),
    ...barChart('按审查类型的收件数', REVIEW_TYPES.map((t) => ({ label: REVIEW_TYPE_LABELS[t], value: r.receivedByType[t] }))),
    ...coverageLines(r).map((l) => body([l])),
    table(['类别', '收件', '已出具意见', '平均用时（工作日）'], r.byKind.map((k) => [k.label, k.received, k.reviewed, k.averageDays ?? '—']), [3845, 1600, 1800, 1600]),
    blank(),
    heading1('二、审查发现的问题'),
    body([`本期经审查签发的文件 ${r.reviews} 件（同一文件或同一送审件只计一次），经审查人员确认的问题 ${r.confirmedFindings} 个。`]),
  ];
  if (r.findingsByCategory.length) {
    children.push(table(['问题类别', '确认问题数'], r.findingsByCategory.map((c) => [c.category, c.count]), [6845, 2000]), blank());
    children.push(...barChart('按类别的确认问题数', r.findingsByCategory.map((c) => ({ label: c.category, value: c.count }))));
  } else children.push(body(['本期签发的文件中没有确认的问题。']));
  children.push(body([run(`${PRECHECK_NOTE}：本期建立预审记录 ${r.precheck.reviews} 件，机器提示问题 ${r.precheck.findings} 个（含未签发、未经确认和重复上传，不作为工作成效统计）。`, { size: SIZES.xiao4 })]));
  children.push(heading1('三、问题较多的部门'));
  if (r.topDepartments.length) {
    children.push(table(['部门', '确认问题', '签发件数'], r.topDepartments.map((d) => [d.department, d.count, d.reviews]), [5845, 1500, 1500]), blank());
    children.push(...barChart('确认问题最多的部门', r.topDepartments.map((d) => ({ label: d.department, value: d.count }))));
  } else children.push(body(['无。']));
  children.push(heading1('四、“烦企扰民”问题清理进度'));
  if (r.campaign) {
    const c = r.campaign;
    children.push(body([`${c.name ? `${c.name}：` : ''}清理文件 ${c.total} 件，已作出结论 ${c.decided} 件（${campaignShare(c)}%）。`]));
    const decisions = Object.entries(c.byDecision);
    if (decisions.length) children.push(table(['清理结论', '件数'], decisions, [6845, 2000]), blank(), ...barChart('清理结论', decisions.map(([label, value]) => ({ label, value }))));
  } else children.push(body(['尚未建立专项清理清单。']));
  children.push(blank(), blank());
  children.push(body([signatureOf(template)], { indent: false, align: 'right' }));
  children.push(body([chineseDate(options.date ?? r.asOf)], { indent: false, align: 'right' }));
  if (template.contact) children.push(body([`（${template.contact}）`], { indent: false }));
  return new Document({
    creator: '法护',
    title: periodTitle(r),
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: SIZES.hao3 } } } },
    sections: [gongwenSection(children)],
  });
}

export async function periodReportDocx(r: PeriodReport, options: PeriodFileOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(periodReportDocument(r, options)));
}

/** A sheet as the .xlsx writer takes it (the same shape as cleanup's SheetData); text is neutralised by the writer. */
export interface PeriodSheet {
  name: string;
  rows: (string | number | null)[][];
  widths?: number[];
}

/** One sheet per table of the report; the first row of each is its header. */
export function periodReportSheets(r: PeriodReport, options: PeriodFileOptions = {}): PeriodSheet[] {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const sheets: PeriodSheet[] = [
    {
      name: '概况',
      widths: [44, 40],
      rows: [
        ['项目', '内容'],
        ['报告', periodTitle(r)],
        ['编制单位', signatureOf(template)],
        ['报告期间', `${r.period.from} 至 ${r.period.to}`],
        ['数据截至', r.until],
        ...r.warnings.map((w): [string, string] => ['说明', w]),
        ['本期签发文件（同一文件或送审件只计一次）', r.reviews],
        ['确认问题', r.confirmedFindings],
        [`${PRECHECK_NOTE}：预审记录`, r.precheck.reviews],
        [`${PRECHECK_NOTE}：机器提示问题`, r.precheck.findings],
      ],
    },
    { name: '收件和办结', widths: [52, 12], rows: [['项目', '数量'], ...workloadRows(r)] },
    { name: '按类别覆盖', widths: [24, 10, 12, 18, 18], rows: [['类别', '收件', '已出具意见', '平均用时（工作日）', '最长用时（工作日）'], ...r.byKind.map((k) => [k.label, k.received, k.reviewed, k.averageDays ?? '—', k.maxDays ?? '—'])] },
    { name: '问题类别', widths: [30, 12], rows: [['问题类别', '确认问题数'], ...r.findingsByCategory.map((c) => [c.category, c.count])] },
    { name: '问题较多的部门', widths: [30, 12, 12], rows: [['部门', '确认问题', '签发件数'], ...r.topDepartments.map((d) => [d.department, d.count, d.reviews])] },
  ];
  if (r.campaign) {
    const c = r.campaign;
    sheets.push({ name: '清理进度', widths: [30, 12], rows: [['项目', '件数'], ['清理文件', c.total], ['已作出结论', c.decided], ...Object.entries(c.byDecision).map(([k, v]): [string, number] => [`其中${k}`, v])] });
  }
  return sheets;
}
