/**
 * The 公文 page after GB/T 9704: A4, 版心 156 mm × 225 mm (margins 37/35/28/26 mm), body
 * 3号 仿宋_GB2312, title 2号 方正小标宋, headings 黑体 / 楷体, 22 lines of 28 characters:
 * exact line pitch 579 twips (225 mm / 22) and characters drawn 5 twips narrower than
 * 16 pt (28 × 315 = 8820 of 8845 twips, a 29th does not fit). Measured with LibreOffice
 * headless and pdftotext in test/opinion. Page numbers "— 1 —" in 4号 宋体 under the 版心.
 */
import { titleLines } from './title-lines.js';
import { AlignmentType, Footer, Header, LineRuleType, PageNumber, Paragraph, TextRun, type ISectionOptions, type IRunOptions } from 'docx';

export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;

/** Half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZES = { hao2: 44, hao3: 32, hao4: 28, xiao4: 24, hao5: 21 } as const;

export const LINE_PITCH = 579;
export const CHAR_SPACING = -5;
const MM = 56.7; // twips per millimetre

export function font(name: string): IRunOptions['font'] {
  return { ascii: name === FONTS.body ? 'Times New Roman' : name, hAnsi: name === FONTS.body ? 'Times New Roman' : name, eastAsia: name, hint: 'eastAsia' };
}

export interface RunStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  color?: string;
}

export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: font(style.font ?? FONTS.body), size: style.size ?? SIZES.hao3, characterSpacing: CHAR_SPACING, ...(style.bold ? { bold: true } : {}), ...(style.color ? { color: style.color } : {}) });
}

const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** A body paragraph: first line indented two characters, justified. */
export function body(children: (TextRun | string)[], options: { indent?: boolean; align?: 'left' | 'right' | 'center' } = {}): Paragraph {
  const kids = children.map((c) => (typeof c === 'string' ? run(c) : c));
  return new Paragraph({
    children: kids,
    spacing: exact,
    alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : options.align === 'left' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED,
    ...(options.indent === false ? {} : { indent: { firstLine: 630 } }),
  });
}

/**
 * The title in 2号 小标宋, centred; a long one broken into even lines (see title-lines.ts) unless
 * `asWritten` (a department's own draft keeps its title as the drafter wrote it, and one run, so
 * that comments can be anchored on its words).
 */
export function title(text: string, options: { asWritten?: boolean } = {}): Paragraph {
  const style = { font: FONTS.title, size: SIZES.hao2 };
  const children = (options.asWritten ? [text] : titleLines(text)).map((line, i) => (i === 0 ? run(line, style) : new TextRun({ text: line, break: 1, font: font(style.font), size: style.size, characterSpacing: CHAR_SPACING })));
  return new Paragraph({ children, alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 0 } });
}

export function heading1(text: string): Paragraph {
  return body([run(text, { font: FONTS.heading1 })]);
}

export function heading2(text: string, rest = ''): Paragraph {
  return body([run(text, { font: FONTS.heading2 }), ...(rest ? [run(rest)] : [])]);
}

export function blank(): Paragraph {
  return body([''], { indent: false });
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.pageNumber), size: SIZES.hao4 })],
      }),
    ],
  });
}

function draftHeader(): Header {
  return new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: '草稿（未签发）', font: font(FONTS.heading1), size: SIZES.hao4, color: 'C00000' })] })] });
}

/** A section on the 公文 page; `draft` marks every page 草稿 in the header. */
export function gongwenSection(children: ISectionOptions['children'], options: { draft?: boolean } = {}): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: 11906, height: 16838 },
        margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), header: Math.round(15 * MM), footer: Math.round(25 * MM) },
      },
    },
    headers: options.draft ? { default: draftHeader() } : {},
    footers: { default: pageNumberFooter() },
    children,
  };
}

/** 2026年12月3日 from an ISO date. */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
