/**
 * Dates in inventories, in the forms offices type them: 2023-05-01, 2023/5/1, 2023.5.1,
 * 20230501, 2023年5月1日, 二〇二三年五月一日, full-width digits, and Excel's own date cells
 * (a Date from the .xlsx reader, or the serial number when the cell is not formatted as a date).
 */
import { isoDate, parseChineseDate } from '../document/dates.js';

/** Excel's day 0 in the 1900 date system is 1899-12-30 (Excel counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MIN_YEAR = 1949;
const MAX_YEAR = 2100;

export type DateCell = string | number | Date | null | undefined;

export type ParsedDate = { ok: true; date: string | null } | { ok: false };

const inRange = (iso: string | undefined): iso is string => !!iso && Number(iso.slice(0, 4)) >= MIN_YEAR && Number(iso.slice(0, 4)) <= MAX_YEAR;

/** An Excel serial (days since 1899-12-30) as yyyy-mm-dd, if it falls in a plausible year. */
export function excelSerialDate(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 1) return undefined;
  const iso = new Date(EXCEL_EPOCH_MS + Math.floor(n) * 86_400_000).toISOString().slice(0, 10);
  return inRange(iso) ? iso : undefined;
}

/** yyyy-mm-dd of a date cell; empty is `{ok: true, date: null}`; anything unreadable is `{ok: false}`. */
export function parseInventoryDate(value: DateCell): ParsedDate {
  if (value === null || value === undefined) return { ok: true, date: null };
  if (value instanceof Date) {
    // the .xlsx reader gives date cells as UTC midnight of the day shown
    if (Number.isNaN(value.getTime())) return { ok: false };
    const iso = value.toISOString().slice(0, 10);
    return inRange(iso) ? { ok: true, date: iso } : { ok: false };
  }
  if (typeof value === 'number') {
    const iso = excelSerialDate(value);
    return iso ? { ok: true, date: iso } : { ok: false };
  }
  const s = value.normalize('NFKC').replace(/\s+/g, '');
  if (s === '') return { ok: true, date: null };
  let iso: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s))) iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) iso = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  else if (/^\d{5}(\.\d+)?$/.test(s)) iso = excelSerialDate(Number(s));
  else if (/^[^年]+年[^月]+月[^日]+日$/.test(s)) iso = parseChineseDate(s);
  return inRange(iso) ? { ok: true, date: iso } : { ok: false };
}
