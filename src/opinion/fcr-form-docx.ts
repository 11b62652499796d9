/**
 * 公平竞争审查表 (.docx) on the 公文 page (report/writers/gongwen.ts): the particulars of the
 * policy measure, one row per standard of 第八条至第十一条 with 是否涉及 (☑是 ☐否) and the
 * reviewer's note, the 第十二条 exception with its justification, the conclusion and the
 * signature. 草稿 on every page until the review is signed.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType, WidthType } from 'docx';
import { blank, body, chineseDate, FONTS, gongwenSection, run, SIZES, title } from '../report/writers/gongwen.js';
import { DEFAULT_TEMPLATE, markOf, signatureOf, type OpinionTemplate, type ReviewExport } from '../report/writers/types.js';
import { FCR_LAW, type FcrFormValues, type FcrStandards } from './fcr-form.js';

export interface FcrFormOptions {
  template?: OpinionTemplate;
  /** ISO date for the 落款 (default: the signing date, else today). */
  date?: string;
}

const WIDTH = 8845; // 版心 156 mm in twips
const small = (text: string, bold = false) => run(text, { size: SIZES.xiao4, ...(bold ? { bold: true, font: FONTS.heading1 } : {}) });

function cell(text: string | string[], width: number, opts: { bold?: boolean; span?: number; center?: boolean; merge?: 'restart' | 'continue' } = {}): TableCell {
  const lines = Array.isArray(text) ? text : [text];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(opts.span ? { columnSpan: opts.span } : {}),
    ...(opts.merge ? { verticalMerge: opts.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map((l) => new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [small(l, opts.bold)] })),
  });
}

const check = (on: boolean) => (on ? '☑是　☐否' : '☐是　☑否');

/** The form as a Word document; `values` are the reviewer's boxes (effectiveFcrForm). */
export function fcrFormDocument(review: ReviewExport, standards: FcrStandards, values: FcrFormValues, options: FcrFormOptions = {}): Document {
  const template = options.template ?? DEFAULT_TEMPLATE;
  const record = review.record ?? {};
  const docTitle = record.title || review.document.meta.title || '（无标题）';
  const signed = Boolean(record.signedAt);
  const date = options.date ?? record.signedAt ?? new Date().toISOString();
  const w = [1300, 4645, 1300, 1600];

  const particulars = [
    ['政策措施名称', `《${docTitle}》${review.document.meta.docNumber || record.docNumber ? `（${review.document.meta.docNumber || record.docNumber}）` : ''}`],
    ['起草单位', record.department || '未填写'],
    ['审查机关', template.bureau],
    ['收文日期', record.receivedAt ? chineseDate(record.receivedAt) : '未填写'],
  ].map(([k, v]) => new TableRow({ children: [cell(k ?? '', w[0] ?? 0, { bold: true }), cell(v ?? '', WIDTH - (w[0] ?? 0), { span: 3 })] }));

  const header = new TableRow({ tableHeader: true, children: [cell('审查标准', w[0] ?? 0, { bold: true, center: true }), cell('具体内容', w[1] ?? 0, { bold: true, center: true }), cell('是否涉及', w[2] ?? 0, { bold: true, center: true }), cell('说明', w[3] ?? 0, { bold: true, center: true })] });
  const rows: TableRow[] = [];
  for (const a of standards.articles) {
    a.standards.forEach((s, i) => {
      const box = values.boxes[s.key] ?? { involved: false, note: '' };
      rows.push(
        new TableRow({
          children: [
            cell(i === 0 ? [`${a.article}`, a.heading] : '', w[0] ?? 0, { merge: i === 0 ? 'restart' : 'continue' }),
            cell(`${s.item}${s.text}`, w[1] ?? 0),
            cell(check(box.involved), w[2] ?? 0, { center: true }),
            cell(box.note || (box.involved ? '' : '—'), w[3] ?? 0),
          ],
        }),
      );
    });
  }

  const ex = values.exception;
  const ground = standards.exception.grounds.find((g) => g.item === ex.ground);
  const exceptionRows = [
    ['是否适用例外', ex.applies ? '是' : '否'],
    ...(ex.applies
      ? [
          ['符合的情形', ground ? `${ground.item}${ground.text}` : '未选择'],
          ['理由说明', ex.justification],
          ['有无影响更小的替代方案', ex.alternatives || '未填写'],
          ['实施期限或终止条件', ex.term],
        ]
      : []),
  ].map(([k, v]) => new TableRow({ children: [cell(k ?? '', 2600, { bold: true }), cell(v ?? '', WIDTH - 2600)] }));

  const involved = Object.values(values.boxes).filter((b) => b.involved).length;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } }, children: [run(markOf(template), { font: FONTS.title, size: 60, color: 'C00000' })] }),
    blank(),
    title('公平竞争审查表'),
    blank(),
    new Table({ width: { size: WIDTH, type: WidthType.DXA }, rows: particulars }),
    blank(),
    body([run(`一、审查标准（《${FCR_LAW}》第八条至第十一条）`, { font: FONTS.heading1 })], { indent: false }),
    new Table({ width: { size: WIDTH, type: WidthType.DXA }, rows: [header, ...rows] }),
    blank(),
    body([run(`二、例外规定（《${FCR_LAW}》第十二条）`, { font: FONTS.heading1 })], { indent: false }),
    body([run(standards.exception.lead, { size: SIZES.xiao4 })]),
    new Table({ width: { size: WIDTH, type: WidthType.DXA }, rows: exceptionRows }),
    blank(),
    body([run('三、审查结论', { font: FONTS.heading1 })], { indent: false }),
    body([values.conclusion || `（由审查人填写。经对照审查标准，涉及 ${involved} 项。）`]),
    blank(),
  ];
  const people = [record.reviewer ? `审查人：${record.reviewer}` : '审查人：', record.chief ? `签发人：${record.chief}` : ''].filter(Boolean).join('　　');
  children.push(body([people], { indent: false }));
  children.push(blank());
  children.push(body([signatureOf(template)], { indent: false, align: 'right' }));
  children.push(body([chineseDate(date)], { indent: false, align: 'right' }));
  if (template.contact) children.push(body([`（${template.contact}）`], { indent: false }));
  return new Document({
    creator: '法护',
    title: `《${docTitle}》公平竞争审查表`,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: SIZES.hao3 } } } },
    sections: [gongwenSection(children, { draft: !signed })],
  });
}

export async function fcrFormDocx(review: ReviewExport, standards: FcrStandards, values: FcrFormValues, options: FcrFormOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(fcrFormDocument(review, standards, values, options)));
}
