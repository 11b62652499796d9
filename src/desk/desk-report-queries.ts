/**
 * The queries behind the period report (period-report.ts): every request up to the period's
 * end with its clock, and the findings of the review records created within the period.
 * Split from DeskStore, which delegates to it; the report's arithmetic lives in period-report.ts.
 */
import type { RequestClock } from './deadlines.js';
import type { Day } from './days.js';
import type { DeskContext } from './desk-context.js';
import { clockOf, REQUEST_SELECT, toRequest, type DeskRequestQueries, type RequestRow } from './desk-request-queries.js';
import type { RequestWithDeadline } from './desk-types.js';

export class DeskReportQueries {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
  ) {}

  /** Every request touching the period (received before its end), with steps, for the period report. */
  async requestsUpTo(to: Day): Promise<{ request: RequestWithDeadline; clock: RequestClock }[]> {
    const rows = await this.ctx.db.all<RequestRow>(`${REQUEST_SELECT} WHERE q.received_on <= ? AND q.voided_at IS NULL ORDER BY q.received_on, q.id`, [to]);
    const requests = rows.map(toRequest);
    const steps = await this.requests.steps(requests.map((r) => r.id));
    const withDeadlines = await this.requests.withDeadlines(requests, steps);
    return withDeadlines.map((r) => ({ request: r, clock: clockOf(r, steps.get(r.id) ?? []) }));
  }

  /** Findings (not dismissed) of review records created within the period, by category and by department. */
  async findingsBetween(from: Day, to: Day): Promise<{ byCategory: { category: string; count: number }[]; byDepartment: { department: string; count: number; reviews: number }[]; reviews: number }> {
    const range = [instantOfLocalDay(from, 0), instantOfLocalDay(to, 1)];
    const byCategory = await this.ctx.db.all<{ category: string; count: number }>(
      `SELECT f.category, count(*) AS count FROM review_findings f JOIN reviews r ON r.id = f.review_id
       WHERE r.created_at >= ? AND r.created_at < ? AND r.voided_at IS NULL AND f.status <> 'dismissed' GROUP BY f.category ORDER BY count DESC, f.category`,
      range,
    );
    const byDepartment = await this.ctx.db.all<{ department: string; count: number; reviews: number }>(
      `SELECT CASE r.department WHEN '' THEN '（未填部门）' ELSE r.department END AS department, count(f.finding_id) AS count, count(DISTINCT r.id) AS reviews
       FROM reviews r LEFT JOIN review_findings f ON f.review_id = r.id AND f.status <> 'dismissed'
       WHERE r.created_at >= ? AND r.created_at < ? AND r.voided_at IS NULL GROUP BY r.department ORDER BY count DESC, department`,
      range,
    );
    const reviews = (await this.ctx.db.first<{ n: number }>('SELECT count(*) AS n FROM reviews WHERE created_at >= ? AND created_at < ? AND voided_at IS NULL', range))?.n ?? 0;
    return { byCategory, byDepartment, reviews };
  }
}

/** The UTC instant where local day `day` (+ `plusDays`) begins in China Standard Time. */
function instantOfLocalDay(day: Day, plusDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 8 * 3600_000).toISOString();
}
