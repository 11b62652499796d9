/** What the desk's API and pages share: the desk store of a request, the report period from a query, the .ics answer. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { campaignProgressInPeriod } from '../../cleanup/report-input.js';
import { DeskStore } from '../../desk/desk-store.js';
import { deadlinesIcs } from '../../desk/deadline-ics.js';
import type { ReportQuerySchema } from '../../desk/desk-types.js';
import { buildPeriodReport, customPeriod, periodContaining, periodOf, type Period, type PeriodReport } from '../../desk/period-report.js';
import { periodReportDocx, periodReportSheets } from '../../desk/period-report-files.js';
import { headerTemplate } from '../../review/core.js';
import { attachment, BadRequest } from '../kit/api-kit.js';
import type { AppEnv } from '../env.js';

type C = Context<AppEnv>;

export function deskOf(c: C): DeskStore {
  return new DeskStore(c.var.deps.store);
}


/** The report period from query values; RangeError → 400 with its Chinese message. */
export function periodFromQuery(q: z.output<typeof ReportQuerySchema>, today: string): Period {
  try {
    if (q.from || q.to) {
      if (!q.from || !q.to) throw new RangeError('from 和 to 须同时给出');
      return customPeriod(q.from, q.to);
    }
    const kind = q.kind ?? 'bimonthly';
    return q.year ? periodOf(kind, q.year, q.n ?? 1) : periodContaining(kind, today);
  } catch (e) {
    if (e instanceof RangeError) throw new BadRequest(e.message, 'INVALID');
    throw e;
  }
}

export async function periodReportFor(desk: DeskStore, period: Period) {
  return buildPeriodReport({
    period,
    asOf: desk.today(),
    requests: await desk.requestsUpTo(period.to),
    findings: await desk.findingsBetween(period.from, period.to),
    calendar: await desk.calendar(),
    campaign: await campaignProgressInPeriod(desk.store.db, period),
  });
}

/** Deadlines .ics (all open requests, or `?mine=1` the user's), with reminders N working days before (the setting). */
export async function deadlinesIcsFor(c: C): Promise<Response> {
  const desk = deskOf(c);
  const mine = c.req.query('mine') === '1';
  const [items, settings, calendar] = await Promise.all([desk.listRequests(mine ? { assigneeId: c.var.user!.id } : {}), desk.deadlineSettings(), desk.calendar()]);
  const ics = deadlinesIcs(items, { name: mine ? '法护·我的送审件到期' : '法护·送审件到期', stamp: new Date().toISOString(), baseUrl: new URL(c.req.url).origin, reminder: { calendar, days: settings.reminderDays } });
  return deadlinesIcsResponse(c, ics);
}

export function deadlinesIcsResponse(c: C, ics: string): Response {
  return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="fahu-deadlines.ics"` });
}

export const PERIOD_FILE_FORMATS = ['docx', 'xlsx'] as const;
export type PeriodFileFormat = (typeof PERIOD_FILE_FORMATS)[number];

const PERIOD_FILE_MIME: Record<PeriodFileFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The report as .docx or .xlsx with the section's header; .xlsx needs the Node spreadsheet writer (503 without it). */
export async function periodReportFile(c: C, report: PeriodReport, format: PeriodFileFormat): Promise<Response> {
  const template = await headerTemplate(c.var.deps.store);
  let bytes: Uint8Array;
  if (format === 'docx') bytes = await periodReportDocx(report, { template });
  else {
    const writer = c.var.deps.spreadsheets?.writer;
    if (!writer) return c.json({ code: 'UNAVAILABLE', message: '本服务未配置 .xlsx 写入，请下载 Word 版' }, 503);
    bytes = await writer.write(periodReportSheets(report, { template }));
  }
  const name = `工作报告-${report.period.from}-${report.period.to}.${format}`;
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': PERIOD_FILE_MIME[format], 'Content-Disposition': attachment(name), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
}
