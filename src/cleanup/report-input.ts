/**
 * The cleanup campaign as one input of the desk's period report (双月报告, 季度复盘, 年度总结):
 * the figures of src/cleanup/period-progress.ts in the shape the report builder takes.
 * The desk never reads the cleanup tables; whoever builds a report passes this in.
 */
import type { CampaignProgress, Period } from '../desk/period-report.js';
import type { SqlDriver } from '../store/sql-driver.js';
import { DECISIONS, DECISION_LABELS } from './model.js';
import { campaignProgress } from './period-progress.js';

/** The campaigns' progress within the period, or undefined when there is no campaign. */
export async function campaignProgressInPeriod(db: SqlDriver, period: Pick<Period, 'from' | 'to'>): Promise<CampaignProgress | undefined> {
  const p = await campaignProgress(db, { from: period.from, to: period.to });
  if (p.campaigns.length === 0) return undefined;
  const byDecision: Record<string, number> = {};
  for (const d of DECISIONS) byDecision[DECISION_LABELS[d]] = p.byDecision[d];
  return { name: p.campaigns.map((c) => c.name).join('、'), total: p.total, decided: p.decided, byDecision };
}
