/**
 * Calendar dates as plain 'YYYY-MM-DD' strings, in Asia/Shanghai (China has no daylight
 * saving, so a fixed +8 h is exact). Arithmetic goes through UTC midnight, never through
 * the machine's local time zone, so a server in another zone counts the same days.
 */
export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export const WEEKDAY_LABELS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** A real calendar date in the YYYY-MM-DD form (2026-02-30 is not). */
export function isDay(value: unknown): value is Day {
  if (typeof value !== 'string') return false;
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function utc(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

const fromUtc = (t: number): Day => new Date(t).toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  return fromUtc(utc(day) + n * MS_PER_DAY);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((utc(b) - utc(a)) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(utc(day)).getUTCDay();
}

export function isWeekend(day: Day): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4));
}

/** Today's date in China Standard Time. */
export function todayInShanghai(now: Date = new Date()): Day {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local day of a stored instant (ISO timestamp). */
export function dayOfInstant(iso: string): Day {
  return todayInShanghai(new Date(iso));
}

/** "2026-10-10（周六）". */
export function dayWithWeekday(day: Day): string {
  return `${day}（${WEEKDAY_LABELS[weekday(day)]}）`;
}

/** "10月10日". */
export function shortChineseDay(day: Day): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}
