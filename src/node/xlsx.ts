/**
 * .xlsx for the cleanup campaign with exceljs (Node only): the first sheet of an inventory as
 * plain cells, and the result list as a workbook. Before exceljs inflates anything, the zip's
 * directory is checked (entry count, encryption, declared size), since an inventory is an
 * upload like any other.
 */
import ExcelJS from 'exceljs';
import { SpreadsheetError, type Cell, type SheetData, type SheetRow, type SpreadsheetReader, type SpreadsheetWriter } from '../cleanup/spreadsheet.js';
import { isIngestError } from '../document/errors.js';
import { readCentralDirectory } from '../ingest/zip-guard.js';
import { neutralizeRow } from '../tabular/cell-guard.js';

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

function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : plain(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    return r === undefined || (typeof r === 'object' && !(r instanceof Date)) ? null : r;
  }
  if ('error' in v) return null;
  return null;
}

export const exceljsReader: SpreadsheetReader = {
  async readFirstSheet(bytes) {
    guardZip(bytes);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    } catch {
      throw new SpreadsheetError('这个 .xlsx 文件无法读取（可能已损坏），请在 Excel 中重新保存后导入');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw new SpreadsheetError('表格中没有工作表');
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      // row.values is 1-based with a hole at 0
      for (let i = 1; i <= row.cellCount; i++) cells.push(plain(row.getCell(i).value));
      rows.push({ row: rowNumber, cells });
    });
    return rows;
  },
};

export const exceljsWriter: SpreadsheetWriter = {
  async write(sheets: SheetData[]) {
    const wb = new ExcelJS.Workbook();
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
