/**
 * The result list (清理结果清单) as a table: one row per document with the inventory's own columns,
 * its expiry, the text check, its decision, reason, clauses and legal basis, written as CSV (UTF-8 with BOM) here and as .xlsx by a SpreadsheetWriter.
 */
import { neutralizeRow } from '../tabular/cell-guard.js';
import { writeCsv } from '../tabular/csv.js';
import { mismatchMessage } from './expiry.js';
import { DECISION_LABELS, JOB_STATE_LABELS, type Campaign, type CleanupItem } from './model.js';
import type { SheetData, SpreadsheetWriter } from './spreadsheet.js';

/** The product's columns; the inventory's own columns (序号 and any others) are kept around them. */
export const RESULT_HEADER = [
  '序号', '标题', '文号', '制定机关', '发布日期', '施行日期', '有效期', '有效期至', '是否已过有效期', '责任单位', '预审状态', '预审问题数', '正文核对', '清理结论', '理由', '涉及条款', '法律依据', '决定人', '决定时间',
] as const;
const WIDTH: Record<string, number> = { 标题: 40, 文号: 22, 制定机关: 20, 理由: 40, 涉及条款: 24, 法律依据: 30, 正文核对: 30, 决定时间: 18, 责任单位: 16, 有效期: 16 };

const CST_MS = 8 * 3600_000;
const localTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 16).replace('T', ' ') : '');

/** The inventory's own columns over all items, in the order first seen; 序号 is the export's first column. */
function extraHeaders(items: readonly CleanupItem[]): string[] {
  const seen: string[] = [];
  for (const i of items) for (const [h] of i.extras) if (h !== '序号' && !seen.includes(h)) seen.push(h);
  return seen;
}

function textCheck(i: CleanupItem): string {
  if (!i.reviewId) return '';
  if (i.mismatches.length === 0) return '一致';
  return `${mismatchMessage(i.mismatches)}${i.textConfirmedAt ? `（${i.textConfirmedByName ?? '命令行'}已确认）` : '（待确认）'}`;
}

/** Header and rows: 序号 as the inventory numbered it (else counted), the inventory's other columns after 责任单位. */
export function resultTable(items: readonly CleanupItem[]): { header: string[]; rows: (string | number | null)[][] } {
  const extras = extraHeaders(items);
  const at = RESULT_HEADER.indexOf('责任单位') + 1;
  const header = [...RESULT_HEADER.slice(0, at), ...extras, ...RESULT_HEADER.slice(at)];
  const rows = items.map((i, n) => {
    const own = new Map(i.extras);
    const base: (string | number | null)[] = [
      own.get('序号') ?? n + 1, i.title, i.docNumber, i.issuer, i.issueDate ?? '', i.effectiveDate ?? '', i.validity, i.expiry?.until ?? '', i.expiry ? (i.expired ? '已过有效期' : '未过') : '', i.department,
    ];
    return [
      ...base,
      ...extras.map((h) => own.get(h) ?? ''),
      i.reviewId ? '已预审' : i.precheck ? JOB_STATE_LABELS[i.precheck.state] : '未上传正文',
      i.findingCount ?? '',
      textCheck(i),
      i.decision ? DECISION_LABELS[i.decision] : '未决定',
      i.decisionReason ?? '',
      i.decisionClauses.map((c) => c.path).join('；'),
      i.decisionBasis ?? '',
      i.decidedByName ?? (i.decidedAt && i.decidedBy === null ? '命令行' : ''),
      localTime(i.decidedAt),
    ];
  });
  return { header, rows };
}

export function resultRows(items: readonly CleanupItem[]): (string | number | null)[][] {
  return resultTable(items).rows;
}

export function resultCsv(items: readonly CleanupItem[]): string {
  const t = resultTable(items);
  return writeCsv([t.header, ...t.rows]);
}

export function resultSheet(campaign: Campaign, items: readonly CleanupItem[]): SheetData {
  const t = resultTable(items);
  return { name: campaign.name.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || '清理结果', rows: [t.header, ...t.rows], widths: t.header.map((h) => WIDTH[h] ?? 12) };
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
