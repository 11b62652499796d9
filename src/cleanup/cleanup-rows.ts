/**
 * How campaigns and inventory items sit in SQL and how a row becomes a record: the row
 * shapes, the item query (with its latest pre-check and finding count) and the mappers.
 * Shared by the store's reads so the column list lives in one place.
 */
import { isExpired, itemExpiry, textMismatches } from './expiry.js';
import type { Campaign, CleanupItem, Decision, DecisionClause, JobState } from './model.js';

export interface CampaignRow {
  id: number; name: string; deadline: string | null; created_by: number | null; created_at: string; packs_json: string | null;
  voided_at: string | null; voided_by: number | null; voided_by_name: string | null; void_reason: string | null;
}
export interface ItemRow {
  id: number; campaign_id: number; source_row: number; title: string; doc_number: string; issuer: string; issue_date: string | null; validity: string;
  department: string; document_hash: string | null; file_name: string | null; review_id: string | null; decision: Decision | null; decision_reason: string | null;
  decision_clauses_json: string; decision_basis: string | null; decided_by: number | null; decided_by_name: string | null; decided_at: string | null;
  job_state: JobState | null; job_error: string | null; finding_count: number | null;
  effective_date: string | null; extra_json: string; text_doc_number: string | null; text_title: string | null; text_valid_until: string | null;
  text_confirmed_at: string | null; text_confirmed_by_name: string | null;
  voided_at: string | null; voided_by: number | null; voided_by_name: string | null; void_reason: string | null;
}

export const CAMPAIGN_SELECT = `SELECT c.*, vu.display_name AS voided_by_name FROM cleanup_campaigns c LEFT JOIN users vu ON vu.id = c.voided_by`;

/** The item's latest pre-check (its newest job) and the number of findings of its review. */
export const ITEM_SELECT = `SELECT i.*, u.display_name AS decided_by_name, vu.display_name AS voided_by_name, cu.display_name AS text_confirmed_by_name,
    (SELECT ji.state FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id WHERE ji.item_id = i.id ORDER BY j.created_at DESC, ji.rowid DESC LIMIT 1) AS job_state,
    (SELECT ji.error FROM cleanup_job_items ji JOIN cleanup_jobs j ON j.id = ji.job_id WHERE ji.item_id = i.id ORDER BY j.created_at DESC, ji.rowid DESC LIMIT 1) AS job_error,
    CASE WHEN i.review_id IS NULL THEN NULL ELSE (SELECT count(*) FROM review_findings f WHERE f.review_id = i.review_id) END AS finding_count
  FROM cleanup_items i LEFT JOIN users u ON u.id = i.decided_by LEFT JOIN users vu ON vu.id = i.voided_by LEFT JOIN users cu ON cu.id = i.text_confirmed_by`;

export function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id, name: r.name, deadline: r.deadline, createdBy: r.created_by, createdAt: r.created_at, packs: r.packs_json === null ? null : (JSON.parse(r.packs_json) as string[]),
    voidedAt: r.voided_at, voidedBy: r.voided_by, voidedByName: r.voided_by_name, voidReason: r.void_reason,
  };
}

/** `today` (yyyy-mm-dd, local) decides whether the item has expired. */
export function toItem(r: ItemRow, today: string): CleanupItem {
  const expiry = itemExpiry({ issueDate: r.issue_date, effectiveDate: r.effective_date, validity: r.validity }, r.text_valid_until);
  const text = { docNumber: r.text_doc_number, title: r.text_title, validUntil: r.text_valid_until };
  return {
    id: r.id, campaignId: r.campaign_id, sourceRow: r.source_row, title: r.title, docNumber: r.doc_number, issuer: r.issuer, issueDate: r.issue_date, validity: r.validity,
    effectiveDate: r.effective_date, extras: JSON.parse(r.extra_json) as [string, string][],
    department: r.department, documentHash: r.document_hash, fileName: r.file_name, reviewId: r.review_id, decision: r.decision, decisionReason: r.decision_reason,
    decisionClauses: JSON.parse(r.decision_clauses_json) as DecisionClause[], decisionBasis: r.decision_basis, decidedBy: r.decided_by, decidedByName: r.decided_by_name, decidedAt: r.decided_at,
    precheck: r.job_state ? { state: r.job_state, error: r.job_error } : null, findingCount: r.finding_count,
    expiry, expired: isExpired(expiry, today), text, mismatches: r.review_id ? textMismatches({ docNumber: r.doc_number, title: r.title }, text) : [],
    textConfirmedAt: r.text_confirmed_at, textConfirmedByName: r.text_confirmed_by_name,
    voidedAt: r.voided_at, voidedBy: r.voided_by, voidedByName: r.voided_by_name, voidReason: r.void_reason,
  };
}
