/** The desk's calendar and settings pages: /desk/calendar (working-day calculator, holiday years), deadline and kind settings (admin). */
import type { Hono } from 'hono';
import { parseYearCalendar } from '../../desk/calendar-import.js';
import { isDay } from '../../desk/days.js';
import type { DeskStore } from '../../desk/desk-store.js';
import { checklistFromText, REQUEST_KINDS } from '../../desk/kinds.js';
import { OFFICIAL_ATTRIBUTION } from '../../desk/official-calendar.js';
import { checkPacks } from '../../review/packs.js';
import { BadRequest } from '../kit/api-kit.js';
import { verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { viewerOf } from '../kit/format.js';
import { file, formBody, page, str, type C } from '../kit/page-kit.js';
import { CalendarPage } from './desk-calendar.js';
import { deskOf } from './desk-shared.js';
import { admin, notice, refusal, signedIn, uploadLimit, type Status } from './page-guards.js';

export function calendarRoutes(r: Hono<AppEnv>): void {
  // ---- calendar and settings

  const calendarPage = async (c: C, status: Status = 200, error?: string) => {
    const desk = deskOf(c);
    const start = c.req.query('start') ?? '';
    const daysText = c.req.query('days') ?? '';
    let calc: { start: string; days: string; result?: ReturnType<Awaited<ReturnType<DeskStore['calendar']>>['addWorkingDays']> } | undefined;
    let calcError: string | undefined;
    if (start || daysText) {
      calc = { start, days: daysText };
      const days = Number(daysText);
      if (!isDay(start)) calcError = '收件日期应为有效的 YYYY-MM-DD';
      else if (!/^\d+$/.test(daysText) || days > 400) calcError = '工作日数应为 0 到 400 的整数';
      else calc.result = (await desk.calendar()).addWorkingDays(start, days);
    }
    const [settings, years, kinds] = await Promise.all([desk.deadlineSettings(), desk.calendarYears(), desk.kindSettings()]);
    return page(
      c,
      <CalendarPage viewer={viewerOf(c)} settings={settings} kinds={kinds} packs={(c.var.deps.ruleSet?.packs ?? []).map((p) => ({ name: p.name, label: p.title || p.name }))} years={years} attribution={OFFICIAL_ATTRIBUTION} calc={calc} error={error ?? calcError} notice={status === 200 ? notice(c) : undefined} />,
      calcError && status === 200 ? 422 : status,
    );
  };
  r.get('/desk/calendar', signedIn, (c) => calendarPage(c));

  r.post('/desk/settings', admin, verifyCsrf, async (c) => {
    const b = await formBody(c);
    try {
      const reminder = str(b, 'reminderDays');
      await deskOf(c).setDeadlineSettings({ reviewDays: str(b, 'reviewDays'), minSignoffDays: str(b, 'minSignoffDays'), priorityDays: str(b, 'priorityDays'), dueSoonDays: str(b, 'dueSoonDays'), ...(reminder ? { reminderDays: reminder } : {}) }, c.var.user!.id);
      return c.redirect('/desk/calendar?ok=settings', 303);
    } catch (e) {
      const x = refusal(e);
      return calendarPage(c, x.status, x.message);
    }
  });

  /** Per kind: time limit, 送审材料 (one a line), packs (names separated by commas). */
  r.post('/desk/kinds', admin, verifyCsrf, async (c) => {
    const b = await formBody(c);
    try {
      const input = Object.fromEntries(
        REQUEST_KINDS.map((k) => [k, { reviewDays: str(b, `${k}.reviewDays`), checklist: checklistFromText(str(b, `${k}.checklist`)), packs: checkPacks(c.var.deps.ruleSet, str(b, `${k}.packs`).split(/[\s,，、]+/).filter(Boolean)) }]),
      );
      await deskOf(c).setKindSettings(input, c.var.user!.id);
      return c.redirect('/desk/calendar?ok=kinds', 303);
    } catch (e) {
      const x = refusal(e);
      return calendarPage(c, x.status, x.message);
    }
  });

  r.post('/desk/calendar/years', admin, uploadLimit, verifyCsrf, async (c) => {
    const b = await formBody(c);
    try {
      const f = file(b, 'file');
      const text = f ? await f.text() : str(b, 'text');
      if (!text.trim()) throw new BadRequest('请粘贴清单或选择文件');
      const format = f && /\.ics$/i.test(f.name) ? 'ics' : /BEGIN:VCALENDAR/.test(text) ? 'ics' : 'list';
      const year = parseYearCalendar(text, format, { source: `管理员导入${f ? `：${f.name}` : ''}` });
      await deskOf(c).loadCalendarYear(year, c.var.user!.id);
      return c.redirect('/desk/calendar?ok=year', 303);
    } catch (e) {
      const x = refusal(e);
      return calendarPage(c, x.status, x.message);
    }
  });
}
