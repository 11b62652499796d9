/**
 * A campaign's progress against its deadline: documents pre-checked and decided, per
 * department and in total, and which departments are overdue. One grouped query, summed here.
 */
import type { SqlDriver } from '../store/sql-driver.js';
import { DECISIONS, emptyCounts, type Campaign, type CampaignProgress, type Decision, type DepartmentProgress } from './model.js';

/** Whole calendar days from one yyyy-mm-dd to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Voided items are left out. `today` is yyyy-mm-dd in local time; a department is overdue past the deadline with documents undecided. */
export async function campaignProgress(db: SqlDriver, campaign: Campaign, today: () => string): Promise<CampaignProgress> {
  const rows = await db.all<{ department: string; decision: Decision | null; prechecked: number; n: number }>(
    `SELECT department, decision, count(review_id) AS prechecked, count(*) AS n FROM cleanup_items WHERE campaign_id = ? AND voided_at IS NULL GROUP BY department, decision ORDER BY department`,
    [campaign.id],
  );
  const daysLeft = campaign.deadline ? daysBetween(today(), campaign.deadline) : null;
  const byDept = new Map<string, DepartmentProgress>();
  for (const r of rows) {
    let d = byDept.get(r.department);
    if (!d) byDept.set(r.department, (d = { department: r.department, total: 0, prechecked: 0, decided: 0, undecided: 0, byDecision: emptyCounts(), overdue: false }));
    d.total += r.n;
    d.prechecked += r.prechecked;
    if (r.decision) (d.decided += r.n), (d.byDecision[r.decision] += r.n);
    else d.undecided += r.n;
  }
  const departments = [...byDept.values()].sort((a, b) => a.department.localeCompare(b.department, 'zh'));
  for (const d of departments) d.overdue = daysLeft !== null && daysLeft < 0 && d.undecided > 0;
  const byDecision = emptyCounts();
  for (const d of departments) for (const k of DECISIONS) byDecision[k] += d.byDecision[k];
  const sum = (f: (d: DepartmentProgress) => number) => departments.reduce((s, d) => s + f(d), 0);
  return {
    campaign, daysLeft, total: sum((d) => d.total), prechecked: sum((d) => d.prechecked), decided: sum((d) => d.decided), undecided: sum((d) => d.undecided),
    byDecision, departments,
  };
}
