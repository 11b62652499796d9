/**
 * Decisions in and out as JSONL (one JSON object a line) or CSV (header row, UTF-8, list
 * cells one item a line). Reading checks every row and reports all problems with their line
 * numbers; the caller writes nothing unless every row is good.
 */
import { CsvError, parseCsv, writeCsv } from '../tabular/csv.js';
import { sha256Hex } from '../store/tokens.js';
import { DECISION_FIELDS, DecisionInputSchema, type Decision, type DecisionInput } from './types.js';

export type DecisionFormat = 'jsonl' | 'csv';

export interface RowError {
  /** 1-based line of the file where the row starts. */
  line: number;
  message: string;
}

export interface ParsedDecisions {
  rows: { line: number; decision: DecisionInput }[];
  errors: RowError[];
}

/** Refused import: every row problem, for a Chinese message listing them. */
export class DecisionImportError extends Error {
  constructor(readonly errors: RowError[]) {
    super(describeErrors(errors));
    this.name = 'DecisionImportError';
  }
}

export function describeErrors(errors: readonly RowError[], max = 20): string {
  const shown = errors.slice(0, max).map((e) => (e.line > 0 ? `第 ${e.line} 行：${e.message}` : e.message));
  if (errors.length > max) shown.push(`……另有 ${errors.length - max} 处错误`);
  return `导入失败，未写入任何数据（共 ${errors.length} 处错误）：\n${shown.join('\n')}`;
}

const KNOWN = new Set<string>(DECISION_FIELDS);

/** Format from a file name, or null. */
export function formatOfFileName(name: string): DecisionFormat | null {
  if (/\.jsonl?$/i.test(name) || /\.ndjson$/i.test(name)) return 'jsonl';
  if (/\.csv$/i.test(name)) return 'csv';
  return null;
}

/** Parses and validates; never throws for bad content (errors are returned). */
export async function parseDecisions(text: string, format: DecisionFormat): Promise<ParsedDecisions> {
  const body = text.replace(/^\uFEFF/, '');
  const raw = format === 'jsonl' ? jsonlRows(body) : csvRows(body);
  const errors: RowError[] = [...raw.errors];
  const rows: ParsedDecisions['rows'] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of raw.rows) {
    const unknown = Object.keys(value).filter((k) => !KNOWN.has(k));
    if (unknown.length) {
      errors.push({ line, message: `无法识别的字段 ${unknown.join('、')}（可用字段：${DECISION_FIELDS.join('、')}）` });
      continue;
    }
    const r = DecisionInputSchema.safeParse(value);
    if (!r.success) {
      errors.push({ line, message: r.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}：` : ''}${chinese(i.message)}`).join('；') });
      continue;
    }
    const key = r.data.key ?? `import:${(await sha256Hex(`${r.data.title}\n${r.data.clauseText}\n${r.data.outcome}\n${r.data.reasoning}`)).slice(0, 24)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, message: `与第 ${first} 行重复（key ${key}）` });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, decision: { ...r.data, key } });
  }
  if (raw.rows.length === 0 && errors.length === 0) errors.push({ line: 0, message: '文件中没有任何审查意见' });
  return { rows, errors: errors.sort((a, b) => a.line - b.line) };
}

/** zod's own messages for wrong types are English: say it in Chinese. */
function chinese(message: string): string {
  return /[\u4e00-\u9fff]/.test(message) ? message : '格式不正确';
}

interface RawRows {
  rows: { line: number; value: Record<string, unknown> }[];
  errors: RowError[];
}

function jsonlRows(text: string): RawRows {
  const out: RawRows = { rows: [], errors: [] };
  text.split('\n').forEach((l, i) => {
    const line = l.replace(/\r$/, '');
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      out.errors.push({ line: i + 1, message: '不是有效的 JSON' });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) out.errors.push({ line: i + 1, message: '每行应为一个 JSON 对象' });
    else out.rows.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}

/** Rows as a spreadsheet numbers them (a quoted line break does not start a new row); blank rows skipped. */
function csvRecords(text: string): { cells: string[]; line: number }[] | RowError {
  try {
    return parseCsv(text)
      .filter((r) => !(r.cells.length === 1 && r.cells[0] === ''))
      .map((r) => ({ cells: r.cells, line: r.row }));
  } catch (e) {
    if (e instanceof CsvError) return { line: e.row, message: '引号未闭合' };
    throw e;
  }
}

function csvRows(text: string): RawRows {
  const parsed = csvRecords(text);
  if (!Array.isArray(parsed)) return { rows: [], errors: [parsed] };
  const [header, ...records] = parsed;
  if (!header) return { rows: [], errors: [] };
  const names = header.cells.map((c) => c.trim());
  const out: RawRows = { rows: [], errors: [] };
  const unknown = names.filter((n) => !KNOWN.has(n));
  if (unknown.length) return { rows: [], errors: [{ line: header.line, message: `表头中有无法识别的列 ${unknown.join('、')}（可用列：${DECISION_FIELDS.join('、')}）` }] };
  for (const r of records) {
    if (r.cells.length !== names.length) {
      out.errors.push({ line: r.line, message: `有 ${r.cells.length} 列，表头有 ${names.length} 列` });
      continue;
    }
    const value: Record<string, unknown> = {};
    names.forEach((n, i) => {
      // undo the apostrophe toCsv puts before a leading = + - @ (spreadsheet formula guard)
      const v = (r.cells[i] as string).replace(/^'(?=[=+\-@])/, '');
      if (v !== '') value[n] = v;
    });
    out.rows.push({ line: r.line, value });
  }
  return out;
}

/** The fields of an export, in the documented order. */
export function exportRecord(d: Decision | DecisionInput): Record<(typeof DECISION_FIELDS)[number], unknown> {
  return Object.fromEntries(DECISION_FIELDS.map((f) => [f, d[f] ?? (f === 'noticeDate' ? null : '')])) as Record<(typeof DECISION_FIELDS)[number], unknown>;
}

export function toJsonl(decisions: readonly (Decision | DecisionInput)[]): string {
  return decisions.map((d) => `${JSON.stringify(exportRecord(d))}\n`).join('');
}

const csvValue = (v: unknown): string => (Array.isArray(v) ? v.join('\n') : v === null || v === undefined ? '' : String(v));

/** CSV with a UTF-8 byte-order mark so that Excel shows the Chinese (formula-looking cells kept as text). */
export function toCsv(decisions: readonly (Decision | DecisionInput)[]): string {
  return writeCsv([[...DECISION_FIELDS], ...decisions.map((d) => DECISION_FIELDS.map((f) => csvValue(d[f])))]);
}
