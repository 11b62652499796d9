/** Dates as Chinese documents write them: 2025年1月1日, 二〇二五年一月一日. */
import { parseChineseNumber } from './chinese-numerals.js';

export const DATE_IN_TEXT = /((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日/;

/** ISO yyyy-mm-dd for a real calendar date, else undefined. */
export function isoDate(y: number, m: number, d: number): string | undefined {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function parseChineseDate(s: string): string | undefined {
  const m = DATE_IN_TEXT.exec(s);
  if (!m) return undefined;
  const y = parseChineseNumber(m[1] ?? '');
  const mo = parseChineseNumber(m[2] ?? '');
  const d = parseChineseNumber(m[3] ?? '');
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  return isoDate(y, mo, d);
}

/** The last day of a duration counted from an ISO date: 2025-01-01 + 5 years → 2029-12-31. */
export function endOfDuration(fromIso: string, years = 0, months = 0): string | undefined {
  const [y, m, d] = fromIso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y + years, m - 1 + months, d));
  dt.setUTCDate(dt.getUTCDate() - 1);
  return dt.toISOString().slice(0, 10);
}
