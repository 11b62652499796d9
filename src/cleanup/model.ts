/**
 * The 烦企扰民 cleanup campaign (专项清理): an inventory of existing documents, each pre-checked
 * by the same review the workbench runs and ending with one decision. Plain records here; the
 * storage is ./cleanup-store.ts.
 */

import type { Expiry, TextMismatch } from './expiry.js';

export const DECISIONS = ['keep', 'amend', 'repeal', 'invalid'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = { keep: '继续有效', amend: '修改', repeal: '废止', invalid: '宣布失效' };

/** The label or the code of a decision, as typed in a form or a command line. */
export function decisionOf(s: string): Decision | undefined {
  const t = s.trim();
  if ((DECISIONS as readonly string[]).includes(t)) return t as Decision;
  return DECISIONS.find((d) => DECISION_LABELS[d] === t);
}

export const JOB_STATES = ['pending', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, string> = { pending: '排队中', running: '预审中', done: '已完成', failed: '失败' };

/** One row of an inventory, as read from the file (dates as yyyy-mm-dd). */
export interface InventoryRow {
  /** Row number in the file as a person sees it (the header is usually row 1). */
  row: number;
  title: string;
  docNumber: string;
  issuer: string;
  issueDate: string | null;
  validity: string;
  department: string;
  /** 施行日期 (yyyy-mm-dd) when the inventory has the column. */
  effectiveDate?: string | null;
  /** The inventory's other columns (序号, 备注 …) as [header, value], in column order: kept for the export. */
  extras?: [string, string][];
}

export interface RowError {
  row: number;
  message: string;
}

export interface Campaign {
  id: number;
  name: string;
  /** yyyy-mm-dd, local date. */
  deadline: string | null;
  createdBy: number | null;
  createdAt: string;
  /** Industry packs its pre-checks run; null: the admin's default packs. */
  packs: string[] | null;
  /** 作废 (with who and why): kept, hidden from lists and statistics. */
  voidedAt: string | null;
  voidedBy: number | null;
  voidedByName: string | null;
  voidReason: string | null;
}

/** The clause a decision rests on (id in the review's clause tree, and its path for people). */
export interface DecisionClause {
  id: string;
  path: string;
}

/** An inventory row in a campaign (sourceRow is the row it came from), with its text, pre-check and decision. */
export interface CleanupItem extends Omit<InventoryRow, 'row' | 'effectiveDate' | 'extras'> {
  id: number;
  effectiveDate: string | null;
  extras: [string, string][];
  campaignId: number;
  sourceRow: number;
  documentHash: string | null;
  fileName: string | null;
  reviewId: string | null;
  decision: Decision | null;
  decisionReason: string | null;
  decisionClauses: DecisionClause[];
  /** The legal basis of the decision (法律依据), apart from the document's own clauses. */
  decisionBasis: string | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  /** State of the latest pre-check of this item, if any. */
  precheck: { state: JobState; error: string | null } | null;
  /** Findings of the pre-check review (null before it ran). */
  findingCount: number | null;
  /** Last valid day from the row (or the text), and whether it has passed today. */
  expiry: Expiry | null;
  expired: boolean;
  /** What the pre-check read from the text, and where it differs from the row. */
  text: { docNumber: string | null; title: string | null; validUntil: string | null };
  mismatches: TextMismatch[];
  /** A mismatch confirmed by a person (who, when); a decision needs it. */
  textConfirmedAt: string | null;
  textConfirmedByName: string | null;
  voidedAt: string | null;
  voidedBy: number | null;
  voidedByName: string | null;
  voidReason: string | null;
}

export interface JobProgress {
  jobId: string;
  campaignId: number;
  createdAt: string;
  total: number;
  pending: number;
  running: number;
  done: number;
  failed: number;
  /** Every failed item with its Chinese error. */
  failures: { itemId: number; title: string; fileName: string; error: string }[];
  finished: boolean;
}

export type DecisionCounts = Record<Decision, number>;

export const emptyCounts = (): DecisionCounts => ({ keep: 0, amend: 0, repeal: 0, invalid: 0 });

export interface DepartmentProgress {
  department: string;
  total: number;
  prechecked: number;
  decided: number;
  undecided: number;
  byDecision: DecisionCounts;
  /** Undecided documents while the deadline has passed. */
  overdue: boolean;
}

export interface CampaignProgress {
  campaign: Campaign;
  /** Calendar days from today (local) to the deadline; negative when passed; null without a deadline. */
  daysLeft: number | null;
  total: number;
  prechecked: number;
  decided: number;
  undecided: number;
  byDecision: DecisionCounts;
  departments: DepartmentProgress[];
}
