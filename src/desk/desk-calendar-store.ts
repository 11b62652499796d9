/**
 * The desk's calendar and deadline settings: the holiday years an administrator loaded over the
 * shipped ones (desk_calendar_years), and the deadline settings kept in the core settings table.
 * Split from DeskStore, which delegates to it, because every deadline reads these two.
 */
import { stmt } from '../store/sql-driver.js';
import { parseInput } from '../store/types.js';
import { WorkCalendar, type YearCalendar } from './calendar.js';
import { DEADLINE_SETTING_KEY, DeadlineSettingsSchema, DEFAULT_DEADLINES, type DeadlineSettings } from './deadlines.js';
import type { Day } from './days.js';
import type { DeskContext } from './desk-context.js';
import type { CalendarYearInfo } from './desk-types.js';
import { KINDS_SETTING_KEY, KindsSettingsSchema, kindsFrom, REQUEST_KINDS, type KindsSettings } from './kinds.js';
import { StoreError } from '../store/types.js';

export class DeskCalendarStore {
  constructor(
    private readonly ctx: DeskContext,
    private readonly official: readonly YearCalendar[],
  ) {}

  /** The shipped years with the administrator's loads over them. */
  async calendar(): Promise<WorkCalendar> {
    return new WorkCalendar(this.official).with(await this.loadedYears());
  }

  async loadedYears(): Promise<YearCalendar[]> {
    const rows = await this.ctx.db.all<{ year: number; holidays_json: string; workdays_json: string; source: string }>('SELECT year, holidays_json, workdays_json, source FROM desk_calendar_years ORDER BY year');
    return rows.map((r) => ({ year: r.year, holidays: JSON.parse(r.holidays_json) as Record<Day, string>, workdays: JSON.parse(r.workdays_json) as Record<Day, string>, source: r.source }));
  }

  async calendarYears(): Promise<CalendarYearInfo[]> {
    const loaded = await this.ctx.db.all<{ year: number; holidays_json: string; workdays_json: string; source: string; loaded_at: string; loaded_by_name: string | null }>(
      'SELECT y.*, u.display_name AS loaded_by_name FROM desk_calendar_years y LEFT JOIN users u ON u.id = y.loaded_by',
    );
    const byYear = new Map<number, CalendarYearInfo>();
    for (const y of this.official) byYear.set(y.year, officialYearInfo(y));
    for (const r of loaded) {
      byYear.set(r.year, {
        year: r.year, origin: 'loaded', source: r.source, holidays: Object.keys(JSON.parse(r.holidays_json) as object).length,
        workdays: Object.keys(JSON.parse(r.workdays_json) as object).length, loadedAt: r.loaded_at, loadedByName: r.loaded_by_name ?? (r.loaded_at ? '命令行' : null),
      });
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  /** Stores a parsed year (calendar-import.ts); it replaces the shipped or earlier-loaded year. Administrators only. */
  async loadCalendarYear(year: YearCalendar, actorId: number | null): Promise<void> {
    await this.ctx.requireAdmin(actorId, '导入节假日安排');
    await this.ctx.db.batch([
      stmt(
        `INSERT INTO desk_calendar_years (year, holidays_json, workdays_json, source, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(year) DO UPDATE SET holidays_json = excluded.holidays_json, workdays_json = excluded.workdays_json, source = excluded.source,
           loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
        year.year, JSON.stringify(year.holidays), JSON.stringify(year.workdays), year.source, actorId, this.ctx.iso(),
      ),
      this.ctx.audit(actorId, 'calendar.load', `calendar:${year.year}`, { holidays: Object.keys(year.holidays).length, workdays: Object.keys(year.workdays).length, source: year.source }),
    ]);
  }

  async deadlineSettings(): Promise<DeadlineSettings> {
    const stored = await this.ctx.store.getSetting<unknown>(DEADLINE_SETTING_KEY);
    const parsed = DeadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINES, ...(stored && typeof stored === 'object' ? stored : {}) });
    return parsed.success ? parsed.data : DEFAULT_DEADLINES;
  }

  /** Administrators only (the core store checks and audits). */
  async setDeadlineSettings(input: Partial<Record<keyof DeadlineSettings, unknown>>, actorId: number | null): Promise<DeadlineSettings> {
    const settings = parseInput(DeadlineSettingsSchema, { ...(await this.deadlineSettings()), ...input });
    await this.ctx.store.setSetting(DEADLINE_SETTING_KEY, settings, actorId);
    return settings;
  }

  /** Per kind of request: time limit, 送审材料 checklist, packs (kinds.ts), over the defaults. */
  async kindSettings(): Promise<KindsSettings> {
    return kindsFrom(await this.ctx.store.getSetting<unknown>(KINDS_SETTING_KEY));
  }

  /** Administrators only (the core store checks and audits); kinds not given keep their settings. */
  async setKindSettings(input: Partial<Record<string, unknown>>, actorId: number | null): Promise<KindsSettings> {
    const unknown = Object.keys(input).filter((k) => !(REQUEST_KINDS as readonly string[]).includes(k));
    if (unknown.length) throw new StoreError('INVALID', `没有这种送审件类别：${unknown.join('、')}`);
    const current = await this.kindSettings();
    const merged = Object.fromEntries(REQUEST_KINDS.map((k) => [k, { ...current[k], ...((input[k] as object | undefined) ?? {}) }]));
    const settings = parseInput(KindsSettingsSchema, merged) as KindsSettings;
    await this.ctx.store.setSetting(KINDS_SETTING_KEY, settings, actorId);
    return settings;
  }
}

export function officialYearInfo(y: YearCalendar): CalendarYearInfo {
  return { year: y.year, origin: 'official', source: y.source, holidays: Object.keys(y.holidays).length, workdays: Object.keys(y.workdays).length, loadedAt: null, loadedByName: null };
}
