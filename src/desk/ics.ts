/**
 * iCalendar (RFC 5545), the small part fahu needs: all-day events written for reviewers'
 * calendars (deadlines) and read back from holiday calendars an administrator uploads.
 * Dates are local (Asia/Shanghai) all-day values: DTSTART;VALUE=DATE, DTEND exclusive.
 */
import { addDays, type Day } from './days.js';

export interface AllDayEvent {
  uid: string;
  /** First day. */
  start: Day;
  /** Last day, inclusive (DTEND minus one). */
  end: Day;
  summary: string;
  description?: string;
  /** A reminder (VALARM) at 09:00 Shanghai time (01:00 UTC) on this day. */
  alarm?: { on: Day; description: string };
  /** Line number of BEGIN:VEVENT, for error messages. */
  line?: number;
}

const compact = (day: Day) => day.replace(/-/g, '');
const dashed = (v: string) => `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;

/** TEXT escaping: backslash, semicolon, comma, newline. */
function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
function fold(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (bytes + n > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A VCALENDAR of all-day events. `stamp` is the DTSTAMP instant (UTC, ISO). */
export function writeIcs(events: readonly AllDayEvent[], options: { name: string; stamp: string }): string {
  const dtstamp = options.stamp.replace(/[-:]/g, '').replace(/\.\d+/, '').slice(0, 15) + 'Z';
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//fahu//desk//ZH', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(options.name)}`, 'X-WR-TIMEZONE:Asia/Shanghai'];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compact(e.start)}`,
      `DTEND;VALUE=DATE:${compact(addDays(e.end, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      'TRANSP:TRANSPARENT',
      ...(e.alarm ? ['BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.alarm.description)}`, `TRIGGER;VALUE=DATE-TIME:${compact(e.alarm.on)}T010000Z`, 'END:VALARM'] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

export class IcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsError';
  }
}

/**
 * The all-day events of an .ics text. Timed events (DTSTART with a time) are refused with
 * their line: holidays are whole days. Errors are in Chinese.
 */
export function parseIcs(text: string): AllDayEvent[] {
  const physical = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // unfold: a line starting with a space or tab continues the previous one
  const lines: { text: string; line: number }[] = [];
  physical.forEach((l, i) => {
    if (/^[ \t]/.test(l) && lines.length) (lines[lines.length - 1] as { text: string }).text += l.slice(1);
    else lines.push({ text: l, line: i + 1 });
  });
  if (!lines.some((l) => l.text.trim() === 'BEGIN:VCALENDAR')) throw new IcsError('不是 iCalendar（.ics）文件：缺少 BEGIN:VCALENDAR');
  const events: AllDayEvent[] = [];
  let current: (Partial<AllDayEvent> & { endExclusive?: Day; line: number; inAlarm?: boolean }) | null = null;
  for (const { text: l, line } of lines) {
    const t = l.trim();
    if (t === 'BEGIN:VEVENT') {
      current = { line };
      continue;
    }
    if (t === 'END:VEVENT') {
      if (!current) throw new IcsError(`第 ${line} 行：END:VEVENT 前没有 BEGIN:VEVENT`);
      if (!current.start) throw new IcsError(`第 ${current.line} 行起的事件缺少 DTSTART`);
      const end = current.endExclusive ? addDays(current.endExclusive, -1) : current.start;
      if (end < current.start) throw new IcsError(`第 ${current.line} 行起的事件结束日期早于开始日期`);
      events.push({ uid: current.uid ?? `line-${current.line}`, start: current.start, end, summary: current.summary ?? '', ...(current.description ? { description: current.description } : {}), line: current.line });
      current = null;
      continue;
    }
    if (!current) continue;
    // a reminder's own lines (DESCRIPTION, TRIGGER) are not the event's
    if (t === 'BEGIN:VALARM') current.inAlarm = true;
    if (t === 'END:VALARM') current.inAlarm = false;
    if (current.inAlarm || t === 'END:VALARM') continue;
    const colon = l.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = l.slice(0, colon).split(';');
    const value = l.slice(colon + 1);
    const key = name.toUpperCase();
    if (key === 'DTSTART' || key === 'DTEND') {
      const m = /^(\d{8})(T\d{6}Z?)?$/.exec(value.trim());
      if (!m) throw new IcsError(`第 ${line} 行：${key} 的日期无法识别（${value.trim()}）`);
      if (m[2] && !params.some((p) => /^VALUE=DATE$/i.test(p))) throw new IcsError(`第 ${line} 行：节假日应为全天事件，${key} 带有时刻（${value.trim()}）`);
      const day = dashed(m[1] as string);
      if (key === 'DTSTART') current.start = day;
      else current.endExclusive = day;
    } else if (key === 'SUMMARY') current.summary = unescapeText(value);
    else if (key === 'DESCRIPTION') current.description = unescapeText(value);
    else if (key === 'UID') current.uid = value.trim();
  }
  if (current) throw new IcsError(`第 ${current.line} 行起的事件没有 END:VEVENT`);
  return events;
}
