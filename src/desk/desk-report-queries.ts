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

  /**
   * The period's findings as the report gives them. Headline: the confirmed findings of review
   * records signed off within the period and not voided, one document once — records of the same
   * original (hash) or linked to the same desk request count as one, the latest signed. Apart,
   * labelled as such: the raw pre-check figures (records created in the period, not voided, and
   * their findings not dismissed, confirmed or not).
   */
  async findingsBetween(from: Day, to: Day): Promise<PeriodFindings> {
    const range = [instantOfLocalDay(from, 0), instantOfLocalDay(to, 1)];
    const signed = await this.ctx.db.all<{ id: string; document_hash: string | null; department: string; signed_at: string }>(
      `SELECT id, document_hash, department, signed_at FROM reviews WHERE status = 'signed' AND voided_at IS NULL AND signed_at >= ? AND signed_at < ? ORDER BY signed_at, id`,
      range,
    );
    const links = await this.ctx.db.all<{ request_id: number; review_id: string }>(
      `SELECT l.request_id, l.review_id FROM desk_request_reviews l JOIN reviews r ON r.id = l.review_id JOIN desk_requests q ON q.id = l.request_id
       WHERE r.status = 'signed' AND r.voided_at IS NULL AND r.signed_at >= ? AND r.signed_at < ? AND q.voided_at IS NULL`,
      range,
    );
    const kept = new Set(oneRecordPerDocument(signed, links));
    const counts = await this.ctx.db.all<{ review_id: string; category: string; n: number }>(
      `SELECT f.review_id, f.category, count(*) AS n FROM review_findings f JOIN reviews r ON r.id = f.review_id
       WHERE r.status = 'signed' AND r.voided_at IS NULL AND r.signed_at >= ? AND r.signed_at < ? AND f.status = 'confirmed' GROUP BY f.review_id, f.category`,
      range,
    );
    const byCategory = new Map<string, number>();
    const byDepartment = new Map<string, { count: number; reviews: number }>();
    const departmentOf = new Map(signed.map((r) => [r.id, r.department || '（未填部门）']));
    for (const id of kept) {
      const d = departmentOf.get(id) as string;
      const entry = byDepartment.get(d) ?? { count: 0, reviews: 0 };
      entry.reviews += 1;
      byDepartment.set(d, entry);
    }
    for (const c of counts) {
      if (!kept.has(c.review_id)) continue;
      byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + c.n);
      (byDepartment.get(departmentOf.get(c.review_id) as string) as { count: number }).count += c.n;
    }
    const raw = await this.ctx.db.first<{ reviews: number; findings: number }>(
      `SELECT count(*) AS reviews, coalesce(sum((SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status <> 'dismissed')), 0) AS findings
       FROM reviews r WHERE r.created_at >= ? AND r.created_at < ? AND r.voided_at IS NULL`,
      range,
    );
    const sorted = <T extends { count: number }>(rows: (T & { key: string })[]) => rows.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    return {
      byCategory: sorted([...byCategory].map(([category, count]) => ({ key: category, category, count }))).map(({ category, count }) => ({ category, count })),
      byDepartment: sorted([...byDepartment].map(([department, v]) => ({ key: department, department, ...v }))).map(({ department, count, reviews }) => ({ department, count, reviews })),
      reviews: kept.size,
      precheck: { reviews: raw?.reviews ?? 0, findings: raw?.findings ?? 0 },
    };
  }
}

export interface PeriodFindings {
  /** Confirmed findings of the counted documents, by category. */
  byCategory: { category: string; count: number }[];
  byDepartment: { department: string; count: number; reviews: number }[];
  /** Documents signed off in the period, each once. */
  reviews: number;
  /** Raw pre-check figures, not for the headline: records created in the period and their findings not dismissed. */
  precheck: { reviews: number; findings: number };
}

/**
 * One record per document: records sharing an original (hash) or a desk request form one
 * document; the latest signed stands for it. `signed` comes in signing order.
 */
export function oneRecordPerDocument(signed: readonly { id: string; document_hash: string | null }[], links: readonly { request_id: number; review_id: string }[]): string[] {
  const parent = new Map<string, string>(signed.map((r) => [r.id, r.id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(x, root);
    return root;
  };
  const join = (a: string, b: string) => parent.set(find(a), find(b));
  const firstOf = new Map<string, string>();
  const group = (key: string, id: string) => {
    const first = firstOf.get(key);
    if (first) join(id, first);
    else firstOf.set(key, id);
  };
  for (const r of signed) if (r.document_hash) group(`hash:${r.document_hash}`, r.id);
  for (const l of links) if (parent.has(l.review_id)) group(`request:${l.request_id}`, l.review_id);
  const latest = new Map<string, string>();
  for (const r of signed) latest.set(find(r.id), r.id); // signing order: the last one wins
  return [...latest.values()];
}

/** The UTC instant where local day `day` (+ `plusDays`) begins in China Standard Time. */
function instantOfLocalDay(day: Day, plusDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 8 * 3600_000).toISOString();
}
