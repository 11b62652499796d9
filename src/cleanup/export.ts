/**
 * The result list (清理结果清单) as a table: one row per document with its decision, reason and
 * clauses, written as CSV (UTF-8 with BOM) here and as .xlsx by a SpreadsheetWriter.
 */
import { neutralizeRow } from '../tabular/cell-guard.js';
import { writeCsv } from '../tabular/csv.js';
import { DECISION_LABELS, JOB_STATE_LABELS, type Campaign, type CleanupItem } from './model.js';
import type { SheetData, SpreadsheetWriter } from './spreadsheet.js';

export const RESULT_HEADER = ['序号', '标题', '文号', '制定机关', '发布日期', '有效期', '责任单位', '预审状态', '预审问题数', '清理结论', '理由', '依据条款', '决定人', '决定时间'] as const;
const WIDTHS = [6, 40, 22, 20, 12, 16, 16, 10, 10, 10, 40, 24, 10, 18];

const CST_MS = 8 * 3600_000;
const localTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 16).replace('T', ' ') : '');

export function resultRows(items: readonly CleanupItem[]): (string | number | null)[][] {
  return items.map((i, n) => [
    n + 1, i.title, i.docNumber, i.issuer, i.issueDate ?? '', i.validity, i.department,
    i.reviewId ? '已预审' : i.precheck ? JOB_STATE_LABELS[i.precheck.state] : '未上传正文',
    i.findingCount ?? '',
    i.decision ? DECISION_LABELS[i.decision] : '未决定',
    i.decisionReason ?? '',
    i.decisionClauses.map((c) => c.path).join('；'),
    i.decidedByName ?? (i.decidedAt && i.decidedBy === null ? '命令行' : ''),
    localTime(i.decidedAt),
  ]);
}

export function resultCsv(items: readonly CleanupItem[]): string {
  return writeCsv([[...RESULT_HEADER], ...resultRows(items)]);
}

export function resultSheet(campaign: Campaign, items: readonly CleanupItem[]): SheetData {
  return { name: campaign.name.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || '清理结果', rows: [[...RESULT_HEADER], ...resultRows(items)], widths: WIDTHS };
}

export function resultXlsx(writer: SpreadsheetWriter, campaign: Campaign, items: readonly CleanupItem[]): Promise<Uint8Array> {
  const sheet = resultSheet(campaign, items);
  // formula-like text stays text, as in the CSV (tabular/cell-guard.ts)
  return writer.write([{ ...sheet, rows: sheet.rows.map(neutralizeRow) }]);
}

/** A download name: 清理结果-名称-日期.csv, without characters file systems refuse. */
export function resultFileName(campaign: Campaign, today: string, ext: 'csv' | 'xlsx'): string {
  return `清理结果-${campaign.name.replace(/[\\/:*?"<>|\s]/g, '')}-${today}.${ext}`;
}
