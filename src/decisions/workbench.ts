/**
 * What the review workbench's routes call (one line each): recording a signed-off review's
 * decisions, the precedents under a report's findings, and a decision file uploaded for import.
 * Web-standard.
 */
import type { DecisionSearch, SimilarDecision } from './decision-search.js';
import type { Store } from '../store/store.js';
import type { ReviewDetail } from '../store/types.js';
import { DecisionStore } from './decision-store.js';
import { recordReviewDecisions } from './from-review.js';
import { describeErrors, formatOfFileName, parseDecisions, type RowError } from './import-export.js';
import { precedentsFor } from './precedents.js';

/**
 * After a sign-off: the review's confirmed and dismissed findings become decisions. A failure
 * here does not undo the sign-off; the decisions are recorded at the next start instead
 * (recordMissedReviews).
 */
export async function recordSignOff(deps: { store: Store; decisions?: DecisionSearch | undefined }, reviewId: string): Promise<void> {
  try {
    await recordReviewDecisions(deps.store, deps.decisions?.store ?? new DecisionStore(deps.store.db), reviewId);
  } catch (e) {
    console.error('审查意见未能记录（下次启动时补记）：', e);
  }
}

/** Precedents for a report's findings, or undefined when decision search is not enabled. */
export async function reportPrecedents(search: DecisionSearch | undefined, detail: ReviewDetail): Promise<Record<string, SimilarDecision[]> | undefined> {
  if (!search || detail.findings.length === 0) return undefined;
  try {
    return await precedentsFor(search, detail);
  } catch (e) {
    console.error('以往审查意见未能检索：', e);
    return undefined;
  }
}

export const MAX_DECISION_IMPORT_BYTES = 20 * 1024 * 1024;

export type DecisionImportResult = { ok: true; inserted: number; updated: number } | { ok: false; message: string; errors: RowError[] };

/**
 * A JSONL or CSV file of decisions uploaded on the workbench (the format `fahu decisions
 * export` writes): all rows or none, every bad row reported by its row; audited.
 */
export async function importDecisionFile(store: Store, decisions: DecisionStore, file: { bytes: Uint8Array; fileName: string }, userId: number): Promise<DecisionImportResult> {
  const format = formatOfFileName(file.fileName);
  if (!format) return { ok: false, message: '请上传 .jsonl 或 .csv 文件（格式与“导出”相同）', errors: [] };
  if (file.bytes.length > MAX_DECISION_IMPORT_BYTES) return { ok: false, message: '文件超过 20 MB，请拆分后分别导入', errors: [] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, message: '文件不是 UTF-8 编码的文本（CSV 请在 Excel 中另存为“CSV UTF-8”）', errors: [] };
  }
  const parsed = await parseDecisions(text, format);
  if (parsed.errors.length) return { ok: false, message: describeErrors(parsed.errors), errors: parsed.errors };
  if (parsed.rows.length === 0) return { ok: false, message: '文件中没有审查意见', errors: [] };
  const r = await decisions.upsertMany(parsed.rows.map((x) => x.decision));
  await store.appendAudit({ userId, action: 'decision.import', target: `file:${file.fileName}`, detail: { inserted: r.inserted, updated: r.updated } });
  return { ok: true, inserted: r.inserted, updated: r.updated };
}
