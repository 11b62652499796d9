import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UNPUBLISHED_WARNING, WorkCalendar, type Pause } from '../../src/desk/calendar.js';
import { parseYearCalendar, yearCalendarList } from '../../src/desk/calendar-import.js';
import { addDays, isDay, todayInShanghai, weekday } from '../../src/desk/days.js';
import { OFFICIAL_YEARS, officialCalendar } from '../../src/desk/official-calendar.js';
import { isStoreError } from '../../src/store/types.js';

const cal = officialCalendar();

describe('the shipped calendar (corpus/calendar/official.json)', () => {
  it('covers 2024–2026 and names the notices and chinese-days', () => {
    expect(cal.coveredYears()).toEqual([2024, 2025, 2026]);
    const json = JSON.parse(readFileSync('corpus/calendar/official.json', 'utf8')) as { attribution: string };
    expect(json.attribution).toContain('chinese-days');
    expect(json.attribution).toContain('国务院办公厅');
    expect(readFileSync('corpus/calendar/LICENSE-chinese-days', 'utf8')).toContain('MIT License');
    for (const y of OFFICIAL_YEARS) expect(y.source).toMatch(new RegExp(`${y.year}年部分节假日安排的通知`));
  });

  it.each([
    // the facts of the 2026 notice
    ['2026-02-14', 'adjusted-workday', true], // Saturday, 春节调休
    ['2026-02-28', 'adjusted-workday', true], // Saturday
    ['2026-09-20', 'adjusted-workday', true], // Sunday, 国庆调休
    ['2026-10-10', 'adjusted-workday', true], // Saturday
    ['2026-01-04', 'adjusted-workday', true], // Sunday, 元旦调休
    ['2026-10-01', 'holiday', false],
    ['2026-10-02', 'holiday', false],
    ['2026-10-03', 'holiday', false],
    ['2026-10-04', 'holiday', false],
    ['2026-10-05', 'holiday', false],
    ['2026-10-06', 'holiday', false],
    ['2026-10-07', 'holiday', false],
    ['2026-10-08', 'workday', true],
    ['2026-02-16', 'holiday', false], // Monday in 春节
    ['2026-02-21', 'holiday', false], // Saturday inside the holiday
    ['2026-03-07', 'weekend', false], // an ordinary Saturday
    ['2026-03-09', 'workday', true],
    ['2025-10-08', 'holiday', false], // 国庆中秋 merged, 8 days
    ['2025-10-11', 'adjusted-workday', true],
    ['2024-02-18', 'adjusted-workday', true],
    // 2027 is not published: Monday–Friday only
    ['2027-01-01', 'workday', true],
    ['2027-01-02', 'weekend', false],
  ] as const)('%s is %s', (day, kind, working) => {
    expect(cal.kind(day)).toBe(kind);
    expect(cal.isWorkingDay(day)).toBe(working);
  });

  it('2026-10-01 to 2026-10-07 are all holidays', () => {
    for (let i = 0; i < 7; i++) expect(cal.kind(addDays('2026-10-01', i))).toBe('holiday');
  });
});

describe('addWorkingDays: counting starts the day after receipt', () => {
  it.each([
    // start, n, due, explanation fragment
    ['2026-09-28', 15, '2026-10-23', '2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期'],
    ['2025-12-25', 5, '2026-01-04', '2025-12-25 收件，5个工作日，元旦假期顺延，2026-01-04 到期'],
    ['2026-03-02', 5, '2026-03-09', '2026-03-02 收件，5个工作日，2026-03-09 到期'], // plain week, Monday receipt → next Monday
    ['2026-03-06', 1, '2026-03-09', '2026-03-06 收件，1个工作日，2026-03-09 到期'], // Friday receipt → Monday
    ['2026-03-07', 1, '2026-03-09', '2026-03-07 收件，1个工作日，2026-03-09 到期'], // receipt on a Saturday
    ['2026-02-13', 1, '2026-02-14', '2026-02-13 收件，1个工作日，2026-02-14 到期'], // Saturday 调休 counts
    ['2026-02-13', 2, '2026-02-24', '春节假期顺延'], // then the whole holiday
    ['2026-09-30', 1, '2026-10-08', '国庆假期顺延'], // the day before 国庆
    ['2026-09-24', 1, '2026-09-28', '2026-09-24 收件，1个工作日，中秋假期顺延，2026-09-28 到期'], // 中秋 Friday
    ['2026-09-18', 2, '2026-09-21', '2026-09-18 收件，2个工作日，2026-09-21 到期'], // Sunday 09-20 is a working day
    ['2025-12-31', 1, '2026-01-04', '元旦假期顺延'], // across the year end, into a 调休 Sunday
    ['2024-12-31', 1, '2025-01-02', '元旦假期顺延'],
    ['2026-10-01', 1, '2026-10-08', '国庆假期顺延'], // received during the holiday
    ['2026-09-28', 0, '2026-09-28', '0个工作日'],
  ] as const)('%s + %i = %s', (start, n, due, explanation) => {
    const r = cal.addWorkingDays(start, n);
    expect(r.due).toBe(due);
    expect(r.explanation).toContain(explanation);
    expect(r.warning).toBeNull();
    expect(cal.workingDaysBetween(start, due)).toBe(n);
  });

  it('names the weekend working days it counted', () => {
    const r = cal.addWorkingDays('2026-09-28', 15);
    expect(r.adjustedWorkdays).toEqual(['2026-10-10']);
    expect(WorkCalendar.adjustedNote(r.adjustedWorkdays)).toBe('10月10日（周六）调休上班');
  });

  it.each([
    ['2026-12-20', 15, '2027-01-08', [2027]],
    ['2026-12-31', 1, '2027-01-01', [2027]], // 2027-01-01 may well be 元旦: say so, do not guess
    ['2027-03-01', 5, '2027-03-08', [2027]],
    ['2023-12-28', 2, '2024-01-02', [2023]], // the receipt's own year is not loaded either
  ] as const)('%s + %i reaches an unpublished year: warns', (start, n, due, years) => {
    const r = cal.addWorkingDays(start, n);
    expect(r.due).toBe(due);
    expect(r.uncoveredYears).toEqual(years);
    expect(r.warning).toContain(UNPUBLISHED_WARNING);
    expect(r.explanation).toContain('节假日安排尚未发布');
  });

  it.each([
    // pauses (退回补正 on from, 补正收到 on to): the days after from up to and including to do not count
    ['2026-09-28', 15, [{ from: '2026-10-09', to: '2026-10-15' }], '2026-10-30', 5],
    ['2026-03-02', 5, [{ from: '2026-03-03', to: '2026-03-03' }], '2026-03-09', 0], // returned and resubmitted the same day
    ['2026-03-02', 5, [{ from: '2026-03-03', to: '2026-03-05' }], '2026-03-11', 2],
    ['2026-03-02', 5, [{ from: '2026-03-03', to: '2026-03-04' }, { from: '2026-03-06', to: '2026-03-09' }], '2026-03-11', 2], // 03-04 and 03-09 skipped
    // received on 中秋, paused over 国庆: 09-29, 09-30, 10-08, 10-09 skipped; Saturday 10-10 (调休) counts
    ['2026-09-25', 3, [{ from: '2026-09-28', to: '2026-10-09' }], '2026-10-12', 4],
  ] as const)('%s + %i with pauses %j = %s', (start, n, pauses, due, pausedDays) => {
    const r = cal.addWorkingDays(start, n, pauses as readonly Pause[]);
    expect(r.due).toBe(due);
    expect(r.pausedDays).toBe(pausedDays);
    if (pausedDays) expect(r.explanation).toContain(`退回补正暂停计时${pausedDays}个工作日`);
    expect(cal.workingDaysBetween(start, due, pauses as readonly Pause[])).toBe(n);
  });

  it('an open pause holds the clock: no due date, the working days used so far', () => {
    const r = cal.addWorkingDays('2026-09-28', 15, [{ from: '2026-10-09', to: null }]);
    expect(r.due).toBeNull();
    expect(r.used).toBe(4);
    expect(r.explanation).toContain('计时暂停（已用4个工作日，尚余11个）');
  });

  it('refuses counts that are not working-day numbers', () => {
    expect(() => cal.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-01-05', 100_000)).toThrow(RangeError);
  });

  it('workingDaysBetween is negative backwards (days overdue)', () => {
    expect(cal.workingDaysBetween('2026-10-23', '2026-10-27')).toBe(2);
    expect(cal.workingDaysBetween('2026-10-27', '2026-10-23')).toBe(-2);
    expect(cal.workingDaysBetween('2026-10-23', '2026-10-23')).toBe(0);
  });
});

describe('plain dates, no time-zone traps', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['20260101', false],
  ])('isDay(%s) = %s', (d, ok) => expect(isDay(d)).toBe(ok));

  it('today is the Shanghai date, whatever the machine zone', () => {
    expect(todayInShanghai(new Date('2026-09-27T16:30:00Z'))).toBe('2026-09-28'); // 00:30 in Shanghai
    expect(todayInShanghai(new Date('2026-09-28T15:59:00Z'))).toBe('2026-09-28');
    expect(weekday('2026-10-10')).toBe(6);
  });
});

describe('loading a year: simple list and .ics', () => {
  const LIST_2027 = `# 2027 年（示例）
2027-01-01 休 元旦
2027-02-06~2027-02-13 休 春节
2027-02-14 班 春节
`;

  it('reads the simple list, ranges included, and it extends the calendar', () => {
    const y = parseYearCalendar(LIST_2027, 'list', { source: '测试' });
    expect(y.year).toBe(2027);
    expect(Object.keys(y.holidays)).toHaveLength(9);
    expect(y.workdays).toEqual({ '2027-02-14': '春节' });
    const c = cal.with([y]);
    expect(c.covers(2027)).toBe(true);
    expect(c.kind('2027-01-01')).toBe('holiday');
    expect(c.kind('2027-02-14')).toBe('adjusted-workday');
    const r = c.addWorkingDays('2026-12-31', 1);
    expect(r.due).toBe('2027-01-04');
    expect(r.warning).toBeNull();
    expect(parseYearCalendar(yearCalendarList(y), 'list', { source: '测试' })).toEqual(y);
  });

  it('reads chinese-days’ own .ics for 2026 to the same days as the shipped data', () => {
    const ics = readFileSync('node_modules/chinese-days/dist/years/2026.ics', 'utf8');
    const y = parseYearCalendar(ics, 'ics', { source: 'ics' });
    const shipped = OFFICIAL_YEARS.find((o) => o.year === 2026);
    expect(y.holidays).toEqual(shipped?.holidays);
    expect(y.workdays).toEqual(shipped?.workdays);
  });

  it.each([
    ['2027-01-01 休 元旦\n2027-01-05 班 春节\n', '第 2 行：2027-01-05（周二） 本来就是工作日'],
    ['2027-02-30 休 春节\n', '第 1 行：日期“2027-02-30”无效'],
    ['2027-01-01 放 元旦\n', '第 1 行：第二项应为“休”或“班”'],
    ['2027-01-01 休 元旦\n2028-01-01 休 元旦\n', '文件包含多个年份'],
    ['2027-02-10~2027-02-01 休 春节\n', '结束日期早于开始日期'],
    ['2027-02-06 班 春节\n', '没有任何放假日期'],
    ['2027-01-02 休 元旦\n2027-01-02 班 元旦\n', '同时被标为放假和上班'],
    ['# 只有注释\n', '没有任何日期'],
  ])('refuses a bad list with the line: %j', (text, message) => {
    try {
      parseYearCalendar(text, 'list', { source: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(isStoreError(e)).toBe(true);
      expect((e as Error).message).toContain('日历未导入');
      expect((e as Error).message).toContain(message);
    }
  });

  it('refuses a file that is not a calendar, and timed events', () => {
    expect(() => parseYearCalendar('hello', 'ics', { source: 'x' })).toThrow(/不是 iCalendar/);
    const timed = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20270101T090000Z\r\nSUMMARY:元旦(休)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(() => parseYearCalendar(timed, 'ics', { source: 'x' })).toThrow(/全天事件/);
  });
});
