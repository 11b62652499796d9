/**
 * Amounts with their unit in a sentence: money (元, 万元, 亿元, 美元), shares (%), volumes
 * (立方米), areas (平方米, 亩), weights (吨, 公斤), energy (千瓦时, 千瓦), lengths (公里, 千米, 米) and counts of vehicles (辆),
 * people (人, 名), vessels (艘) and livestock, fish and seedlings (头, 只, 羽, 尾, 株), each read to one
 * base unit per dimension (元, 立方米, 平方米, 吨, 千瓦时) so that two of them can be compared:
 * 保证金50万元 against 预算金额200万元, 年产能200万立方米 against 需求量约3万立方米.
 * Numbers are Arabic (1,200 / 3.5) or Chinese (三, 十五, 二百), with 万/亿/千 multipliers.
 * Web-standard, no Node API.
 */

export type AmountDimension = 'money' | 'share' | 'volume' | 'area' | 'weight' | 'energy' | 'length' | 'vehicles' | 'people' | 'vessels' | 'stock';

export interface AmountSpan {
  start: number;
  end: number;
  text: string;
  /** In the dimension's base unit: 元, % points, 立方米, 平方米, 吨, 千瓦时 (千瓦 as 千瓦时: capacity and output are not mixed in one clause). */
  value: number;
  dimension: AmountDimension;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral below 一万 (三, 十五, 二百五十, 三千): NaN if it is not one. */
export function chineseNumber(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit >= 0) return NaN; // 二三: not a numeral here
      digit = DIGITS[ch] as number;
    } else if (ch in SMALL_UNITS) {
      total += (digit < 0 ? 1 : digit) * (SMALL_UNITS[ch] as number);
      digit = -1;
    } else return NaN;
  }
  return total + (digit < 0 ? 0 : digit);
}

/** Unit → dimension and factor to the base unit; longest first so 万立方米 wins over 立方米. */
const UNITS: [string, AmountDimension, number][] = (
  [
    ['万亿元', 'money', 1e12],
    ['亿元', 'money', 1e8],
    ['万元', 'money', 1e4],
    ['千元', 'money', 1e3],
    ['元', 'money', 1],
    ['万美元', 'money', 7e4],
    ['亿美元', 'money', 7e8],
    ['美元', 'money', 7],
    ['万立方米', 'volume', 1e4],
    ['立方米', 'volume', 1],
    ['万方', 'volume', 1e4],
    ['万平方米', 'area', 1e4],
    ['平方米', 'area', 1],
    ['万亩', 'area', 666.67e4],
    ['亩', 'area', 666.67],
    ['万吨', 'weight', 1e4],
    ['吨', 'weight', 1],
    ['公斤', 'weight', 1e-3],
    ['千克', 'weight', 1e-3],
    ['万千瓦时', 'energy', 1e4],
    ['千瓦时', 'energy', 1],
    ['万千瓦', 'energy', 1e4],
    ['千瓦', 'energy', 1],
    ['万公里', 'length', 1e4],
    ['公里', 'length', 1],
    ['千米', 'length', 1],
    ['米', 'length', 1e-3],
    ['辆', 'vehicles', 1],
    ['艘', 'vessels', 1],
    // head of livestock, birds, fish and seedlings: one dimension, as a draft compares one kind at a time (年繁育苗种2000万尾 against 采购30万尾)
    ['头', 'stock', 1],
    ['只', 'stock', 1],
    ['羽', 'stock', 1],
    ['尾', 'stock', 1],
    ['株', 'stock', 1],
    ['人', 'people', 1],
    ['名', 'people', 1],
    ['%', 'share', 1],
    ['％', 'share', 1],
  ] as [string, AmountDimension, number][]
).sort((a, b) => b[0].length - a[0].length);

const UNIT_ALTERNATION = UNITS.map(([u]) => u.replace(/[%％]/g, '\\$&')).join('|');
/** A number (Arabic with , and . or Chinese), an optional 万/亿/千 multiplier, then a unit. */
const AMOUNT = new RegExp(`(\\d[\\d,，]*(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)\\s*(万亿|亿|万|千)?\\s*(${UNIT_ALTERNATION})`, 'g');
const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };

/** Every amount with a unit in the text, in order. */
export function findAmounts(text: string): AmountSpan[] {
  const out: AmountSpan[] = [];
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(text); m; m = AMOUNT.exec(text)) {
    const [whole, num = '', mult, unit = ''] = m;
    // 一次性、一年 are not amounts; a Chinese numeral must be followed directly by its unit
    const raw = /^\d/.test(num) ? Number(num.replace(/[,，]/g, '')) : chineseNumber(num);
    if (!Number.isFinite(raw)) continue;
    // the unit's own 万 (万元, 万立方米) and a separate multiplier (3.5亿元 is 亿元; 2千万元 is 千 × 万元)
    const entry = UNITS.find(([u]) => u === unit);
    if (!entry) continue;
    const value = raw * (mult ? (MULTIPLIERS[mult] as number) : 1) * entry[2];
    out.push({ start: m.index, end: m.index + whole.length, text: whole, value, dimension: entry[1] });
  }
  return out;
}
