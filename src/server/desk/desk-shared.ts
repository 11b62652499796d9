/** What the desk's API and pages share: the desk store of a request, the report period from a query, the .ics answer. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { campaignProgressInPeriod } from '../../cleanup/report-input.js';
import { DeskStore } from '../../desk/desk-store.js';
import type { ReportQuerySchema } from '../../desk/desk-types.js';
import { buildPeriodReport, customPeriod, periodContaining, periodOf, type Period } from '../../desk/period-report.js';
import { BadRequest } from '../kit/api-kit.js';
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

export function deadlinesIcsResponse(c: C, ics: string): Response {
  return c.body(ics, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="fahu-deadlines.ics"` });
}
