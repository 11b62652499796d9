/**
 * When an inventory document stops being valid, from what its row says (发布日期 or 施行日期 +
 * 有效期, or 有效期至 a date) or, failing that, from what the pre-check read in its text; and
 * whether the attached text is the document of its row (文号 and title compared). Both are
 * findings of the cleanup itself, shown with the item and in the export. Pure functions.
 */
import { endOfDuration } from '../document/dates.js';
import { findValidity } from '../document/validity.js';
import { parseInventoryDate } from './dates.js';
import { matchKey } from './match.js';

export interface Expiry {
  /** Last valid day, yyyy-mm-dd. */
  until: string;
  /** Where it comes from: the inventory row, or the attached text. */
  source: 'row' | 'text';
  /** How it was computed, for people: 发布日期 2021-08-01 起 2年. */
  basis: string;
}

/** yyyy-mm-dd dates written as 2025年1月2日, which the text reader understands. */
const chineseDates = (s: string) =>
  s.normalize('NFKC').replace(/((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})/g, (_m, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`);

/**
 * The row's last valid day: 有效期 as a date (有效期至 2025-12-31) or a duration (2年, 有效期3年,
 * 两年) counted from the 施行日期, else the 发布日期. 长期, empty, or a duration without a start
 * date: null.
 */
export function rowExpiry(row: { issueDate: string | null; effectiveDate?: string | null; validity: string }): Expiry | null {
  const v = row.validity.trim();
  if (!v) return null;
  const asDate = parseInventoryDate(v.replace(/^(有效期)?(至|到|截至)/, '').replace(/止$/, ''));
  if (asDate.ok && asDate.date) return { until: asDate.date, source: 'row', basis: `有效期至 ${asDate.date}` };
  const start = row.effectiveDate ?? row.issueDate;
  const startLabel = row.effectiveDate ? '施行日期' : '发布日期';
  const text = chineseDates(/^(有效期|执行期限|实施期限|试行期|暂定|试行)/.test(v) ? v : `有效期${v}`);
  const found = findValidity(text, start ?? undefined);
  if (!found) return null;
  if (found.until && !found.duration) return { until: found.until, source: 'row', basis: `有效期至 ${found.until}` };
  if (!start || !found.duration) return null;
  const until = endOfDuration(start, found.duration.years ?? 0, found.duration.months ?? 0);
  if (!until) return null;
  const amount = found.duration.years ? `${found.duration.years}年` : `${found.duration.months ?? 0}个月`;
  return { until, source: 'row', basis: `${startLabel} ${start} 起 ${amount}` };
}

/** The row's expiry, else the one read from the text by the pre-check. */
export function itemExpiry(row: { issueDate: string | null; effectiveDate?: string | null; validity: string }, textUntil: string | null): Expiry | null {
  return rowExpiry(row) ?? (textUntil ? { until: textUntil, source: 'text', basis: `正文载明有效期至 ${textUntil}` } : null);
}

/** Past its last valid day on `today` (yyyy-mm-dd). */
export const isExpired = (e: Expiry | null, today: string): boolean => !!e && e.until < today;

/** A difference between the attached text and its inventory row. */
export interface TextMismatch {
  field: 'docNumber' | 'title';
  row: string;
  text: string;
}

const sameNumber = (a: string, b: string) => matchKey(a) === matchKey(b);
/** Titles compare without punctuation and the draft markers the text may carry. */
const titleKey = (s: string) => matchKey(s.replace(/[（(](征求意见稿|送审稿|草案|试行)[)）]/g, ''));

/** What differs between the row and what the pre-check read from the text (only what both have). */
export function textMismatches(row: { docNumber: string; title: string }, text: { docNumber: string | null; title: string | null }): TextMismatch[] {
  const out: TextMismatch[] = [];
  if (row.docNumber && text.docNumber && !sameNumber(row.docNumber, text.docNumber)) out.push({ field: 'docNumber', row: row.docNumber, text: text.docNumber });
  if (row.title && text.title && titleKey(row.title) !== titleKey(text.title)) out.push({ field: 'title', row: row.title, text: text.title });
  return out;
}

export const MISMATCH_LABELS: Record<TextMismatch['field'], string> = { docNumber: '文号', title: '标题' };

/** One line for people: 正文文号“…”与清单“…”不一致；… */
export function mismatchMessage(ms: readonly TextMismatch[]): string {
  return ms.map((m) => `正文${MISMATCH_LABELS[m.field]}“${m.text}”与清单“${m.row}”不一致`).join('；');
}
