/**
 * The cleanup campaign's figures for a period report (双月报告, 季度复盘, 年度总结): how many
 * documents are on the inventories, how many were decided within the period, by decision and
 * by department. Voided campaigns and items are left out. The desk's report builder takes this as one of its inputs.
 */
import type { SqlDriver, SqlValue } from '../store/sql-driver.js';
import { DECISIONS, emptyCounts, type Decision, type DecisionCounts } from './model.js';
import { DAY_PATTERN as DAY } from '../store/schema-kit.js';

export interface PeriodQuery {
  /** Local dates yyyy-mm-dd, inclusive; open-ended when left out. */
  from?: string | undefined;
  to?: string | undefined;
  /** Default +8 h (China Standard Time). */
  utcOffsetMinutes?: number;
}

export interface PeriodDepartment {
  department: string;
  /** Documents on the inventories by the end of the period. */
  total: number;
  /** Decided within the period. */
  decided: number;
  byDecision: DecisionCounts;
  /** Not decided by the end of the period. */
  undecided: number;
}

export interface PeriodCampaignProgress {
  from: string | null;
  to: string | null;
  campaigns: { id: number; name: string; deadline: string | null; total: number; decided: number; undecided: number }[];
  total: number;
  decided: number;
  byDecision: DecisionCounts;
  undecided: number;
  departments: PeriodDepartment[];
}

/** UTC instant where local day `day` (+ `plusDays`) begins. */
function dayStart(day: string, plusDays: number, offsetMinutes: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - offsetMinutes * 60_000).toISOString();
}

export async function campaignProgress(db: SqlDriver, query: PeriodQuery = {}): Promise<PeriodCampaignProgress> {
  const offset = query.utcOffsetMinutes ?? 480;
  for (const d of [query.from, query.to]) if (d !== undefined && !DAY.test(d)) throw new RangeError(`日期格式应为 YYYY-MM-DD：${d}`);
  const start = query.from ? dayStart(query.from, 0, offset) : '';
  // '~' sorts after every ISO timestamp
  const end = query.to ? dayStart(query.to, 1, offset) : '~';
  const params: SqlValue[] = [start, end, end, end];
  const rows = await db.all<{ campaign_id: number; name: string; deadline: string | null; department: string; decision: Decision | null; in_period: number; decided_by_end: number; n: number }>(
    `SELECT c.id AS campaign_id, c.name, c.deadline, i.department, i.decision,
            (i.decided_at IS NOT NULL AND i.decided_at >= ? AND i.decided_at < ?) AS in_period,
            (i.decided_at IS NOT NULL AND i.decided_at < ?) AS decided_by_end,
            count(*) AS n
       FROM cleanup_items i JOIN cleanup_campaigns c ON c.id = i.campaign_id
      WHERE i.created_at < ? AND i.voided_at IS NULL AND c.voided_at IS NULL
      GROUP BY c.id, i.department, i.decision, in_period, decided_by_end
      ORDER BY c.id, i.department`,
    params,
  );
  const campaigns = new Map<number, PeriodCampaignProgress['campaigns'][number]>();
  const departments = new Map<string, PeriodDepartment>();
  const byDecision = emptyCounts();
  for (const r of rows) {
    let c = campaigns.get(r.campaign_id);
    if (!c) campaigns.set(r.campaign_id, (c = { id: r.campaign_id, name: r.name, deadline: r.deadline, total: 0, decided: 0, undecided: 0 }));
    let d = departments.get(r.department);
    if (!d) departments.set(r.department, (d = { department: r.department, total: 0, decided: 0, byDecision: emptyCounts(), undecided: 0 }));
    c.total += r.n;
    d.total += r.n;
    if (r.in_period && r.decision) {
      c.decided += r.n;
      d.decided += r.n;
      d.byDecision[r.decision] += r.n;
      byDecision[r.decision] += r.n;
    }
    if (!r.decided_by_end) {
      c.undecided += r.n;
      d.undecided += r.n;
    }
  }
  const ds = [...departments.values()].sort((a, b) => a.department.localeCompare(b.department, 'zh'));
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    campaigns: [...campaigns.values()],
    total: ds.reduce((s, d) => s + d.total, 0),
    decided: DECISIONS.reduce((s, k) => s + byDecision[k], 0),
    byDecision,
    undecided: ds.reduce((s, d) => s + d.undecided, 0),
    departments: ds,
  };
}
