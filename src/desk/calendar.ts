/**
 * Working days: Monday–Friday that are not statutory holidays, plus the weekend days the
 * State Council declares working days (调休上班). Each year's arrangement is published in
 * the late autumn before; a year whose arrangement is not loaded is counted Monday–Friday
 * only and every result that touches it says so ("该年度节假日安排尚未发布") — never a
 * silent guess (chinese-days itself reads 2027-01-01 as a working day).
 *
 * Counting starts the day after the start day (the day of receipt is not counted). While a
 * request is returned for missing material (退回补正) the clock stops: a pause from day A to
 * day B removes the days after A up to and including B, so the day the material arrives
 * counts like a new receipt — it is not counted, the next working day is.
 */
import { addDays, daysBetween, isWeekend, shortChineseDay, weekday, WEEKDAY_LABELS, yearOf, type Day } from './days.js';

/** One year's arrangement: holiday days and 调休 working days, each with the festival's name. */
export interface YearCalendar {
  year: number;
  holidays: Record<Day, string>;
  workdays: Record<Day, string>;
  /** Where it comes from: the notice, or who loaded it. */
  source: string;
}

/** The clock stopped after `from` until and including `to` (null: still stopped). */
export interface Pause {
  from: Day;
  to: Day | null;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';

export const UNPUBLISHED_WARNING = '该年度节假日安排尚未发布';

export interface WorkingDayCount {
  start: Day;
  days: number;
  /** The day the count is reached; null while an open pause holds the clock. */
  due: Day | null;
  /** Working days used before an open pause stopped the clock. */
  used: number;
  /** Festivals whose weekday holidays pushed the date back, in order. */
  holidays: string[];
  /** Weekend days counted because they were declared working days. */
  adjustedWorkdays: Day[];
  /** Working days skipped while the clock was stopped. */
  pausedDays: number;
  /** Years reached whose arrangement is not loaded (counted Monday–Friday). */
  uncoveredYears: number[];
  warning: string | null;
  /** "2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期". */
  explanation: string;
}

/** 国庆节 → 国庆, as one says "国庆假期". */
const FESTIVAL_SHORT: Record<string, string> = { 国庆节: '国庆', 劳动节: '劳动节' };
const festival = (name: string) => FESTIVAL_SHORT[name] ?? name;

/** Longest count accepted (a year and more of working days is a typo, not a deadline). */
export const MAX_WORKING_DAYS = 400;

export function unpublishedWarning(years: readonly number[]): string {
  return `${UNPUBLISHED_WARNING}：${years.map((y) => `${y}年`).join('、')}的日期暂按周一至周五推算，国务院办公厅公布安排后请管理员导入该年日历`;
}

export class WorkCalendar {
  private readonly years = new Map<number, YearCalendar>();

  constructor(years: readonly YearCalendar[]) {
    for (const y of years) this.years.set(y.year, y);
  }

  /** Later years replace earlier ones of the same number (an admin's load over the shipped data). */
  with(overrides: readonly YearCalendar[]): WorkCalendar {
    return new WorkCalendar([...this.years.values(), ...overrides]);
  }

  coveredYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.years.has(year);
  }

  year(year: number): YearCalendar | undefined {
    return this.years.get(year);
  }

  kind(day: Day): DayKind {
    const y = this.years.get(yearOf(day));
    if (y?.holidays[day] !== undefined) return 'holiday';
    if (y?.workdays[day] !== undefined) return 'adjusted-workday';
    return isWeekend(day) ? 'weekend' : 'workday';
  }

  isWorkingDay(day: Day): boolean {
    const k = this.kind(day);
    return k === 'workday' || k === 'adjusted-workday';
  }

  /** The festival a holiday or 调休 working day belongs to. */
  festivalOf(day: Day): string | undefined {
    const y = this.years.get(yearOf(day));
    return y?.holidays[day] ?? y?.workdays[day];
  }

  /** The day `days` working days after `start` (start not counted), with pauses and an explanation. */
  addWorkingDays(start: Day, days: number, pauses: readonly Pause[] = []): WorkingDayCount {
    if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) throw new RangeError(`工作日数应为 0 到 ${MAX_WORKING_DAYS} 的整数`);
    const holidays: string[] = [];
    const adjusted: Day[] = [];
    const uncovered = new Set<number>();
    let pausedDays = 0;
    let count = 0;
    let day = start;
    let due: Day | null = days === 0 ? start : null;
    if (!this.covers(yearOf(start))) uncovered.add(yearOf(start));
    while (count < days) {
      day = addDays(day, 1);
      const open = pauses.find((p) => p.to === null && day > p.from);
      if (open) break;
      if (!this.covers(yearOf(day))) uncovered.add(yearOf(day));
      const paused = pauses.some((p) => p.to !== null && day > p.from && day <= p.to);
      const kind = this.kind(day);
      if (paused) {
        if (kind === 'workday' || kind === 'adjusted-workday') pausedDays++;
        continue;
      }
      if (kind === 'holiday' && !isWeekend(day)) {
        const name = festival(this.festivalOf(day) ?? '节假日');
        if (!holidays.includes(name)) holidays.push(name);
      }
      if (kind === 'adjusted-workday') adjusted.push(day);
      if (kind === 'workday' || kind === 'adjusted-workday') count++;
      if (count === days) due = day;
    }
    const uncoveredYears = [...uncovered].sort((a, b) => a - b);
    const warning = uncoveredYears.length ? unpublishedWarning(uncoveredYears) : null;
    const parts = [`${start} 收件`, `${days}个工作日`];
    if (pausedDays > 0) parts.push(`退回补正暂停计时${pausedDays}个工作日`);
    if (holidays.length) parts.push(`${holidays.join('、')}假期顺延`);
    if (uncoveredYears.length) parts.push(`${uncoveredYears.join('、')}年${UNPUBLISHED_WARNING.slice(3)}，暂按周一至周五推算`);
    if (due) parts.push(`${due} 到期`);
    else parts.push(`退回补正中，计时暂停（已用${count}个工作日，尚余${days - count}个）`);
    return { start, days, due, used: due ? days : count, holidays, adjustedWorkdays: adjusted, pausedDays, uncoveredYears, warning, explanation: parts.join('，') };
  }

  /**
   * Working days after `from` up to and including `to`, pauses left out; negative when `to`
   * is before `from` (how late something is). Uncovered years count Monday–Friday.
   */
  workingDaysBetween(from: Day, to: Day, pauses: readonly Pause[] = []): number {
    const sign = to >= from ? 1 : -1;
    const [a, b] = sign === 1 ? [from, to] : [to, from];
    let n = 0;
    for (let i = 1, span = daysBetween(a, b); i <= span; i++) {
      const day = addDays(a, i);
      if (pauses.some((p) => day > p.from && (p.to === null || day <= p.to))) continue;
      if (this.isWorkingDay(day)) n++;
    }
    return sign * n;
  }

  /** Years touched by the range that are not loaded. */
  uncoveredBetween(from: Day, to: Day): number[] {
    const out: number[] = [];
    for (let y = Math.min(yearOf(from), yearOf(to)); y <= Math.max(yearOf(from), yearOf(to)); y++) if (!this.covers(y)) out.push(y);
    return out;
  }

  /** "10月10日（周六）调休上班" notes for the weekend working days of a count. */
  static adjustedNote(days: readonly Day[]): string {
    return days.map((d) => `${shortChineseDay(d)}（${WEEKDAY_LABELS[weekday(d)]}）调休上班`).join('、');
  }
}
