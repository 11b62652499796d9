/**
 * Numbering labels at the start of a paragraph: 第X章/节/条, 一、 （一） 1. （1） ①.
 * The order of `LABEL_KINDS` is the nesting order of Chinese official drafting.
 */
import { parseChineseNumber } from './chinese-numerals.js';

export type LabelKind = 'part' | 'chapter' | 'section' | 'article' | 'o1' | 'o2' | 'o3' | 'o4' | 'o5' | 'o6';

export interface Label {
  kind: LabelKind;
  /** The label as written, e.g. "（三）". */
  text: string;
  number: number;
  /** Characters the label takes, including a following space. */
  length: number;
}

/** Outer to inner. */
export const LABEL_RANK: Record<LabelKind, number> = {
  part: 0, chapter: 1, section: 2, article: 3, o1: 4, o2: 5, o3: 6, o4: 7, o5: 8, o6: 9,
};

const CN = '[零〇一二两三四五六七八九十百千]+';
const CN_OR_DIGIT = '(?:[零〇一二两三四五六七八九十百千]+|\\d{1,3})';

interface Matcher {
  kind: LabelKind;
  re: RegExp;
}

const MATCHERS: Matcher[] = [
  { kind: 'part', re: new RegExp(`^第(${CN_OR_DIGIT})编(?=\\s|[\\u4e00-\\u9fff]|$)`) },
  { kind: 'chapter', re: new RegExp(`^第(${CN_OR_DIGIT})章(?=\\s|[\\u4e00-\\u9fff]|$)`) },
  { kind: 'section', re: new RegExp(`^第(${CN_OR_DIGIT})节(?=\\s|[\\u4e00-\\u9fff]|$)`) },
  { kind: 'article', re: new RegExp(`^第(${CN_OR_DIGIT})条(?!例)`) },
  { kind: 'o1', re: new RegExp(`^(${CN})[、．]`) },
  { kind: 'o2', re: new RegExp(`^[（(](${CN})[）)]`) },
  // "1." "1、" "1．" but not "1.5万元" or "2.0版"
  { kind: 'o3', re: /^(\d{1,3})(?:[.．](?!\d)|、)/ },
  { kind: 'o4', re: /^[（(](\d{1,3})[）)]/ },
  { kind: 'o4', re: /^([\u2474-\u2487])/ }, // ⑴ … ⒇
  { kind: 'o5', re: /^([\u2460-\u2473])/ }, // ① … ⑳
  { kind: 'o6', re: /^([甲乙丙丁戊己庚辛壬癸])[、．.]/ }, // 甲、乙、 (heavenly stems)
];

function numberOf(kind: LabelKind, raw: string): number | undefined {
  const cp = raw.codePointAt(0) ?? 0;
  if (kind === 'o5') return cp - 0x2460 + 1;
  if (kind === 'o6') return '甲乙丙丁戊己庚辛壬癸'.indexOf(raw) + 1;
  if (kind === 'o4' && cp >= 0x2474 && cp <= 0x2487) return cp - 0x2474 + 1;
  return parseChineseNumber(raw);
}

/** The label at the start of `line`, if any. */
export function matchLabel(line: string): Label | undefined {
  for (const { kind, re } of MATCHERS) {
    const m = re.exec(line);
    if (!m) continue;
    const n = numberOf(kind, m[1] ?? '');
    if (n === undefined || n <= 0) continue;
    let length = m[0].length;
    while (length < line.length && /[\s\u3000]/.test(line[length] ?? '')) length++;
    return { kind, text: m[0], number: n, length };
  }
  return undefined;
}

export function startsWithLabel(line: string): boolean {
  return matchLabel(line) !== undefined;
}

/** Shows a label the way a path names it: （三） with full-width brackets. */
export function canonicalLabel(text: string): string {
  return text.replace(/^\(/, '（').replace(/\)$/, '）').replace(/．$/, '.');
}
