/**
 * The desk's /reports pages (双月报告、季度复盘、年度总结): the report for a period chosen in the
 * query, and its Word, Excel and Markdown downloads. Refusals come back as the page with the
 * store's Chinese message.
 */
import type { Hono } from 'hono';
import type { DeskStore } from '../../desk/desk-store.js';
import { periodReportMarkdown } from '../../desk/period-report.js';
import { requireUser } from '../auth.js';
import type { AppEnv } from '../env.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { BadRequest } from '../kit/api-kit.js';
import { page, refusal as userRefusal, type C } from '../kit/page-kit.js';
import { deskOf, periodFromQuery, periodReportFile, periodReportFor, type PeriodFileFormat } from './desk-shared.js';
import { PeriodReportPage, type ReportQueryValues } from './period-report-page.js';

const signedIn = requireUser('page');

/** A refusal the user can act on (a period that is no period, the store), or rethrow. */
function refusal(e: unknown): { status: 403 | 404 | 409 | 422 | 429; message: string } {
  if (e instanceof BadRequest) return { status: 422, message: e.message };
  return userRefusal(e);
}

export function reportRoutes(r: Hono<AppEnv>): void {
  // ---- 工作报告

  const reportQuery = (c: C): ReportQueryValues => ({ kind: c.req.query('kind') ?? 'bimonthly', year: c.req.query('year') ?? '', n: c.req.query('n') ?? '', from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' });
  const periodOfQuery = (c: C, desk: DeskStore, q: ReportQueryValues) =>
    periodFromQuery(
      {
        ...(['bimonthly', 'quarterly', 'annual'].includes(q.kind) ? { kind: q.kind as 'bimonthly' } : {}),
        ...(q.year ? { year: Number(q.year) } : {}),
        ...(q.n ? { n: Number(q.n) } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      },
      desk.today(),
    );

  r.get('/reports', signedIn, async (c) => {
    const desk = deskOf(c);
    const q = reportQuery(c);
    try {
      const report = await periodReportFor(desk, periodOfQuery(c, desk, q));
      const mdHref = `/reports/document.md${new URL(c.req.url).search}`;
      return page(c, <PeriodReportPage viewer={viewerOf(c)} report={report} query={q} mdHref={mdHref} />);
    } catch (e) {
      const x = refusal(e);
      return page(c, <PeriodReportPage viewer={viewerOf(c)} report={null} query={q} mdHref="" error={x.message} />, x.status);
    }
  });

  const fileRoute = (format: PeriodFileFormat) => async (c: C) => {
    const desk = deskOf(c);
    try {
      const report = await periodReportFor(desk, periodOfQuery(c, desk, reportQuery(c)));
      return await periodReportFile(c, report, format);
    } catch (e) {
      const x = refusal(e);
      return page(c, errorPage(c, x.status, x.message), x.status);
    }
  };
  r.get('/reports/document.docx', signedIn, fileRoute('docx'));
  r.get('/reports/document.xlsx', signedIn, fileRoute('xlsx'));

  r.get('/reports/document.md', signedIn, async (c) => {
    const desk = deskOf(c);
    try {
      const report = await periodReportFor(desk, periodOfQuery(c, desk, reportQuery(c)));
      const name = `工作报告-${report.period.from}-${report.period.to}.md`;
      return c.body(periodReportMarkdown(report), 200, {
        'Content-Type': 'text/markdown; charset=utf-8',
        'Content-Disposition': `attachment; filename="report.md"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      });
    } catch (e) {
      const x = refusal(e);
      return page(c, errorPage(c, x.status, x.message), x.status);
    }
  });
}

