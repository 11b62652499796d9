/**
 * .xlsx for the cleanup campaign and the period report with exceljs, on any runtime: the first
 * sheet of an inventory as plain cells, and lists as a workbook. Before exceljs inflates anything
 * the zip's directory is checked (entry count, encryption, declared size), since an inventory is
 * an upload like any other. The runtime hands in its exceljs build (node/xlsx.ts, workers/xlsx.ts).
 */
import { isIngestError } from '../document/errors.js';
import { readCentralDirectory } from '../ingest/zip-guard.js';
import { neutralizeRow } from '../tabular/cell-guard.js';
import { SpreadsheetError, type Cell, type SheetData, type SheetRow, type SpreadsheetReader, type SpreadsheetWriter } from './spreadsheet.js';

/** A cell value as exceljs gives it (the shapes fahu reads; the core does not import exceljs). */
type CellValue = null | undefined | string | number | boolean | Date | { [key: string]: unknown };

interface ExcelRow {
  cellCount: number;
  getCell(i: number): { value: unknown };
  font: unknown;
}

interface ExcelSheet {
  eachRow(options: { includeEmpty: boolean }, fn: (row: ExcelRow, rowNumber: number) => void): void;
  addRow(values: unknown[]): unknown;
  getColumn(i: number): { width: number };
  getRow(i: number): ExcelRow;
  views: unknown[];
}

interface ExcelWorkbook {
  creator: string;
  created: Date;
  modified: Date;
  worksheets: ExcelSheet[];
  addWorksheet(name: string): ExcelSheet;
  xlsx: { load(data: ArrayBuffer): Promise<unknown>; writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
}

/** What fahu uses of an exceljs module (its Node and browser builds both have it). */
export interface ExcelLib {
  Workbook: new () => ExcelWorkbook;
}

const MAX_ENTRIES = 2000;
const MAX_DECLARED_BYTES = 100 * 1024 * 1024;

function guardZip(bytes: Uint8Array): void {
  let entries;
  try {
    entries = readCentralDirectory(bytes);
  } catch (e) {
    if (isIngestError(e)) throw new SpreadsheetError('这个 .xlsx 文件已损坏，无法读取，请在 Excel 中重新保存后导入');
    throw e;
  }
  if (entries.some((e) => e.encrypted)) throw new SpreadsheetError('表格已加密，请取消密码保护后导入');
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    if (entries.some((e) => e.name === 'word/document.xml')) throw new SpreadsheetError('这是 Word 文档，不是 Excel 表格：清单请用 .xlsx 或 .csv');
    throw new SpreadsheetError('不是有效的 .xlsx 表格（缺少工作簿），请在 Excel 中另存为 .xlsx 后导入');
  }
  if (entries.length > MAX_ENTRIES || entries.reduce((s, e) => s + e.uncompressedSize, 0) > MAX_DECLARED_BYTES) {
    throw new SpreadsheetError('表格解压后过大，可能是压缩炸弹或损坏的文件');
  }
}

function plain(v: CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as CellValue);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' || r instanceof Date ? r : null;
  }
  return null;
}

/**
 * The reader and writer over an exceljs module: the Node build on Node, the browser build on
 * Workers (src/workers/xlsx.ts); the same code on both, so an inventory reads the same.
 */
export function exceljsSpreadsheets(lib: ExcelLib): { reader: SpreadsheetReader; writer: SpreadsheetWriter } {
  const reader: SpreadsheetReader = {
    async readFirstSheet(bytes) {
      guardZip(bytes);
      const wb = new lib.Workbook();
      try {
        await wb.xlsx.load(bytes.slice().buffer);
      } catch {
        throw new SpreadsheetError('这个 .xlsx 文件无法读取（可能已损坏），请在 Excel 中重新保存后导入');
      }
      const sheet = wb.worksheets[0];
      if (!sheet) throw new SpreadsheetError('表格中没有工作表');
      const rows: SheetRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: Cell[] = [];
        // row.values is 1-based with a hole at 0
        for (let i = 1; i <= row.cellCount; i++) cells.push(plain(row.getCell(i).value as CellValue));
        rows.push({ row: rowNumber, cells });
      });
      return rows;
    },
  };

  const writer: SpreadsheetWriter = {
    async write(sheets: SheetData[]) {
      const wb = new lib.Workbook();
      wb.creator = '法护 fahu';
      // a fixed date keeps the bytes of the same content the same
      wb.created = new Date(Date.UTC(2026, 0, 1));
      wb.modified = wb.created;
      for (const s of sheets) {
        const ws = wb.addWorksheet(s.name);
        // the callers neutralise formula-like text; a string cell must never become a formula here either
        for (const r of s.rows) ws.addRow(neutralizeRow(r));
        if (s.widths) s.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
        const head = ws.getRow(1);
        head.font = { bold: true };
        ws.views = [{ state: 'frozen', ySplit: 1 }];
      }
      const buf = await wb.xlsx.writeBuffer();
      return new Uint8Array(buf as ArrayBuffer);
    },
  };
  return { reader, writer };
}
