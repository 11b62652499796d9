/**
 * Reading an inventory (清理清单) from .xlsx or .csv into rows, all-or-nothing: every bad row
 * is reported by its row number as the spreadsheet shows it, and nothing is returned for
 * storing unless every row is good. Header names are matched with their common variants.
 */
import { IngestError } from '../document/errors.js';
import { CsvError, parseCsvBytes } from '../tabular/csv.js';
import { parseInventoryDate } from './dates.js';
import type { InventoryRow, RowError } from './model.js';
import { SpreadsheetError, type Cell, type SheetRow, type SpreadsheetReader } from './spreadsheet.js';

export type InventoryField = 'title' | 'docNumber' | 'issuer' | 'issueDate' | 'effectiveDate' | 'validity' | 'department';

/** Column names offices use for each field (after normalising: no spaces, no trailing （…） note, no *). */
export const HEADER_ALIASES: Record<InventoryField, readonly string[]> = {
  title: ['标题', '文件名称', '文件标题', '文件名', '名称', '规范性文件名称', '政策文件名称'],
  docNumber: ['文号', '发文字号', '发文文号', '文件编号', '文件字号', '字号', '编号'],
  issuer: ['制定机关', '发文机关', '发文单位', '制发机关', '制定单位', '印发机关', '发布机关'],
  issueDate: ['发布日期', '印发日期', '发文日期', '成文日期', '制定日期', '公布日期', '发布时间', '印发时间'],
  effectiveDate: ['施行日期', '实施日期', '生效日期', '执行日期', '施行时间', '实施时间'],
  validity: ['有效期', '有效期限', '有效期至', '有效期截止日期', '失效日期'],
  department: ['责任单位', '起草部门', '责任部门', '起草单位', '牵头部门', '牵头单位', '清理责任单位', '实施部门', '承办单位'],
};

export const FIELD_LABELS: Record<InventoryField, string> = {
  title: '标题', docNumber: '文号', issuer: '制定机关', issueDate: '发布日期', effectiveDate: '施行日期', validity: '有效期', department: '责任单位',
};

const REQUIRED: InventoryField[] = ['title', 'department'];
const MAX_LENGTH: Record<InventoryField, number> = { title: 300, docNumber: 100, issuer: 200, issueDate: 40, effectiveDate: 40, validity: 100, department: 100 };
/** An inventory is a district's documents, not a data dump. */
export const MAX_INVENTORY_ROWS = 5000;
/** The header is looked for in the first rows (a sheet title may sit above it). */
const HEADER_SEARCH_ROWS = 10;

export class InventoryError extends Error {
  constructor(
    readonly errors: RowError[],
    message = inventoryErrorMessage(errors),
  ) {
    super(message);
    this.name = 'InventoryError';
  }
}

export function inventoryErrorMessage(errors: readonly RowError[]): string {
  const shown = errors.slice(0, 20).map((e) => (e.row > 0 ? `第 ${e.row} 行：${e.message}` : e.message));
  const more = errors.length > 20 ? `\n……另有 ${errors.length - 20} 处错误` : '';
  return `清单有 ${errors.length} 处错误，未导入任何数据，请修改后重新导入：\n${shown.join('\n')}${more}`;
}

const normaliseHeader = (s: string) =>
  s.normalize('NFKC').replace(/[\s*＊:：\ufeff]/g, '').replace(/\([^)]*\)$/, '').trim();

function fieldOfHeader(h: string): InventoryField | undefined {
  const n = normaliseHeader(h);
  return (Object.keys(HEADER_ALIASES) as InventoryField[]).find((f) => HEADER_ALIASES[f].includes(n));
}

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'boolean') return c ? '是' : '否';
  return String(c).replace(/\r\n?/g, '\n').trim();
}

const isBlank = (cells: readonly Cell[]) => cells.every((c) => cellText(c) === '');

/** Rows of a sheet (or a CSV) to inventory rows; throws InventoryError with every problem found. */
export function inventoryFromRows(rows: readonly SheetRow[]): InventoryRow[] {
  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => typeof c === 'string' && fieldOfHeader(c) === 'title'));
  if (headerAt < 0) {
    if (rows.every((r) => isBlank(r.cells))) throw new InventoryError([{ row: 0, message: '清单是空的' }], '清单是空的，没有可导入的文件');
    throw new InventoryError([{ row: rows[0]?.row ?? 1, message: `找不到表头：需要“标题”列（也可写作 ${HEADER_ALIASES.title.slice(1, 3).join('、')}）和“责任单位”列` }]);
  }
  const header = rows[headerAt] as SheetRow;
  const columns = new Map<InventoryField, number>();
  /** Columns the product does not read (序号, 备注 …): kept with each row for the export. */
  const extraColumns: { index: number; header: string }[] = [];
  const errors: RowError[] = [];
  header.cells.forEach((c, i) => {
    const f = typeof c === 'string' ? fieldOfHeader(c) : undefined;
    if (!f) {
      const h = cellText(c);
      if (h) extraColumns.push({ index: i, header: h.slice(0, 100) });
      return;
    }
    if (columns.has(f)) errors.push({ row: header.row, message: `表头中“${FIELD_LABELS[f]}”列出现了两次（第 ${(columns.get(f) ?? 0) + 1} 列和第 ${i + 1} 列）` });
    else columns.set(f, i);
  });
  for (const f of REQUIRED) {
    if (!columns.has(f)) errors.push({ row: header.row, message: `缺少“${FIELD_LABELS[f]}”列（可用的列名：${HEADER_ALIASES[f].slice(0, 4).join('、')}）` });
  }
  if (errors.length) throw new InventoryError(errors);

  const data = rows.slice(headerAt + 1).filter((r) => !isBlank(r.cells));
  if (data.length === 0) throw new InventoryError([{ row: header.row, message: '表头下面没有任何文件' }]);
  if (data.length > MAX_INVENTORY_ROWS) throw new InventoryError([{ row: 0, message: `清单有 ${data.length} 行，超过 ${MAX_INVENTORY_ROWS} 行的上限，请分批导入` }]);

  const out: InventoryRow[] = [];
  const seenNumbers = new Map<string, number>();
  for (const r of data) {
    const problems: string[] = [];
    const raw = (f: InventoryField): Cell | undefined => {
      const i = columns.get(f);
      return i === undefined ? undefined : r.cells[i];
    };
    const text = (f: InventoryField): string => {
      const v = cellText(raw(f));
      if (v.length > MAX_LENGTH[f]) problems.push(`${FIELD_LABELS[f]}超过 ${MAX_LENGTH[f]} 个字符`);
      return v;
    };
    const title = text('title').replace(/\s*\n\s*/g, '');
    const docNumber = text('docNumber').replace(/\s+/g, '');
    const issuer = text('issuer');
    const validity = text('validity');
    const department = text('department');
    if (!title) problems.push('缺少标题');
    if (!department) problems.push('缺少责任单位');
    const dateOf = (f: 'issueDate' | 'effectiveDate') => {
      const cell = raw(f);
      const d = parseInventoryDate(typeof cell === 'boolean' ? String(cell) : cell);
      if (!d.ok) problems.push(`${FIELD_LABELS[f]}“${cellText(cell)}”无法识别（可写作 2023-05-01、2023/5/1 或 2023年5月1日）`);
      return d.ok ? d.date : null;
    };
    const issueDate = dateOf('issueDate');
    const effectiveDate = dateOf('effectiveDate');
    const extras = extraColumns.map((x): [string, string] => [x.header, cellText(r.cells[x.index]).slice(0, 1000)]);
    if (docNumber) {
      const first = seenNumbers.get(docNumber);
      if (first !== undefined) problems.push(`文号 ${docNumber} 与第 ${first} 行重复`);
      else seenNumbers.set(docNumber, r.row);
    }
    if (problems.length) errors.push({ row: r.row, message: problems.join('；') });
    else out.push({ row: r.row, title, docNumber, issuer, issueDate, validity, department, effectiveDate, extras });
  }
  if (errors.length) throw new InventoryError(errors);
  return out;
}

export type InventoryFormat = 'xlsx' | 'csv';

/** .xlsx by its zip signature, .csv by name or by being text; old .xls and others are refused. */
export function inventoryFormat(bytes: Uint8Array, fileName = ''): InventoryFormat {
  const name = fileName.toLowerCase();
  if (bytes.length === 0) throw new InventoryError([{ row: 0, message: '文件为空' }], '清单文件为空');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new InventoryError([{ row: 0, message: '不支持旧版 .xls 或加密的表格' }], '不支持旧版 Excel（.xls）或加密的表格：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后重新导入');
  }
  if (name.endsWith('.xlsx')) throw new InventoryError([{ row: 0, message: '.xlsx 文件已损坏' }], '这个 .xlsx 文件已损坏或不是 Excel 文件，请重新导出后导入');
  return 'csv';
}

/** Reads an inventory file; `reader` handles .xlsx (the Node adapter's exceljs). */
export async function readInventory(bytes: Uint8Array, fileName: string, reader?: SpreadsheetReader): Promise<InventoryRow[]> {
  const format = inventoryFormat(bytes, fileName);
  let rows: SheetRow[];
  if (format === 'xlsx') {
    if (!reader) throw new InventoryError([{ row: 0, message: '此环境不能读取 .xlsx' }], '此环境不能读取 .xlsx，请另存为 CSV（UTF-8）后导入');
    try {
      rows = await reader.readFirstSheet(bytes);
    } catch (e) {
      if (e instanceof SpreadsheetError) throw new InventoryError([{ row: 0, message: e.message }], e.message);
      throw e;
    }
  } else {
    try {
      rows = parseCsvBytes(bytes);
    } catch (e) {
      if (e instanceof CsvError) throw new InventoryError([{ row: e.row, message: e.message }]);
      if (e instanceof IngestError) throw new InventoryError([{ row: 0, message: e.message }], `无法读取清单：${e.userMessage}`);
      throw e;
    }
  }
  return inventoryFromRows(rows);
}
