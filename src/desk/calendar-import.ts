/**
 * A year's holiday arrangement as an administrator loads it, before fahu ships it: a simple
 * list or an .ics calendar (such as chinese-days' holidays.ics). All or nothing: every bad
 * line is reported with its number, and nothing is stored unless the whole file is good.
 *
 * Simple list, one day or range per line (# starts a comment):
 *   2027-01-01 休 元旦
 *   2027-02-06~2027-02-13 休 春节
 *   2027-02-14 班 春节
 * "休" (or 假/holiday) marks days off, "班" (or workday) weekend days declared working days.
 *
 * .ics: all-day events whose SUMMARY or DESCRIPTION carries 休 or 班, e.g. "春节(休)".
 */
import { StoreError } from '../store/types.js';
import type { YearCalendar } from './calendar.js';
import { addDays, daysBetween, dayWithWeekday, isDay, isWeekend, yearOf, type Day } from './days.js';
import { IcsError, parseIcs } from './ics.js';

export type CalendarFormat = 'list' | 'ics';

interface Entry {
  line: number;
  from: Day;
  to: Day;
  type: 'holiday' | 'workday';
  name: string;
}

const MAX_ERRORS = 20;
const MAX_RANGE_DAYS = 31;

const OFF = /^(休|假|放假|holiday|off)$/i;
const ON = /^(班|上班|补班|workday|work)$/i;

function fail(errors: string[]): never {
  const shown = errors.slice(0, MAX_ERRORS);
  const more = errors.length > MAX_ERRORS ? `；另有 ${errors.length - MAX_ERRORS} 处错误` : '';
  throw new StoreError('INVALID', `日历未导入：${shown.join('；')}${more}`);
}

function listEntries(text: string, errors: string[]): Entry[] {
  const entries: Entry[] = [];
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (!content) return;
    const [dates = '', type = '', ...rest] = content.split(/[\s,，\t]+/);
    const [from = '', to = from] = dates.split(/~|～|至|\.\./);
    if (!isDay(from) || !isDay(to)) return void errors.push(`第 ${line} 行：日期“${dates}”无效，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`);
    if (!OFF.test(type) && !ON.test(type)) return void errors.push(`第 ${line} 行：第二项应为“休”或“班”，收到“${type}”`);
    entries.push({ line, from, to, type: OFF.test(type) ? 'holiday' : 'workday', name: rest.join(' ') || (OFF.test(type) ? '节假日' : '调休上班') });
  });
  return entries;
}

function icsEntries(text: string, errors: string[]): Entry[] {
  let events;
  try {
    events = parseIcs(text);
  } catch (e) {
    if (e instanceof IcsError) fail([e.message]);
    throw e;
  }
  const entries: Entry[] = [];
  for (const e of events) {
    const label = `${e.summary} ${e.description ?? ''}`;
    const off = /休|假/.test(label) && !/班/.test(label);
    const on = /班/.test(label);
    if (!off && !on) {
      errors.push(`第 ${e.line} 行起的事件“${e.summary}”未标明“休”或“班”`);
      continue;
    }
    if (!isDay(e.start) || !isDay(e.end)) {
      errors.push(`第 ${e.line} 行起的事件日期无效`);
      continue;
    }
    const name = e.summary.replace(/[（(][^）)]*[）)]/g, '').replace(/休|班/g, '').trim() || (on ? '调休上班' : '节假日');
    entries.push({ line: e.line ?? 0, from: e.start, to: e.end, type: on ? 'workday' : 'holiday', name });
  }
  return entries;
}

/** Parses and checks a year's arrangement; `year` may be left out when the file names one year only. */
export function parseYearCalendar(text: string, format: CalendarFormat, options: { year?: number; source: string }): YearCalendar {
  const errors: string[] = [];
  const entries = format === 'ics' ? icsEntries(text, errors) : listEntries(text, errors);
  if (entries.length === 0) fail(errors.length ? errors : ['文件中没有任何日期']);

  const years = [...new Set(entries.flatMap((e) => [yearOf(e.from), yearOf(e.to)]))].sort();
  const year = options.year ?? years[0] ?? 0;
  if (options.year === undefined && years.length > 1) fail([`文件包含多个年份（${years.join('、')}），请一次导入一年，或指定年份`]);

  const holidays: Record<Day, string> = {};
  const workdays: Record<Day, string> = {};
  for (const e of entries) {
    const span = daysBetween(e.from, e.to);
    if (span < 0) {
      errors.push(`第 ${e.line} 行：结束日期早于开始日期`);
      continue;
    }
    if (span >= MAX_RANGE_DAYS) {
      errors.push(`第 ${e.line} 行：一段假期不应超过 ${MAX_RANGE_DAYS} 天`);
      continue;
    }
    for (let i = 0; i <= span; i++) {
      const day = addDays(e.from, i);
      if (yearOf(day) !== year) {
        errors.push(`第 ${e.line} 行：${day} 不属于 ${year} 年`);
        break;
      }
      if (e.type === 'workday' && !isWeekend(day)) errors.push(`第 ${e.line} 行：${dayWithWeekday(day)} 本来就是工作日，不需要标为调休上班`);
      else if ((e.type === 'holiday' ? workdays : holidays)[day] !== undefined) errors.push(`第 ${e.line} 行：${day} 同时被标为放假和上班`);
      else (e.type === 'holiday' ? holidays : workdays)[day] = e.name;
    }
  }
  if (errors.length) fail(errors);
  if (Object.keys(holidays).length === 0) fail([`${year} 年没有任何放假日期，请检查文件`]);
  const sort = (r: Record<Day, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  return { year, holidays: sort(holidays), workdays: sort(workdays), source: options.source };
}

/** The simple-list form of a year (what the admin page shows and `calendar export` prints). */
export function yearCalendarList(y: YearCalendar): string {
  const lines = [
    ...Object.entries(y.holidays).map(([d, n]) => `${d} 休 ${n}`),
    ...Object.entries(y.workdays).map(([d, n]) => `${d} 班 ${n}`),
  ].sort();
  return `# ${y.year} 年节假日安排（${y.source}）\n${lines.join('\n')}\n`;
}
