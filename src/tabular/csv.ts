/**
 * CSV as spreadsheets write it (RFC 4180), for every table fahu reads or writes (cleanup
 * inventories and results, decision import and export): comma-separated, fields in double
 * quotes may hold commas, quotes ("") and line breaks; CRLF or LF line ends. Bytes are decoded like text
 * drafts (UTF-8 with or without BOM, GB18030 from older Excel on Chinese Windows).
 */
import { decodeText } from '../ingest/decode-text.js';
import { neutralizeFormula } from './cell-guard.js';

export interface CsvRecord {
  /** 1-based row number as Excel shows it (a quoted line break does not start a new row). */
  row: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Records of a CSV text. An unterminated quote is a CsvError naming its row. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteRow = 0;
  let row = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    out.push({ row, cells });
    cells = [];
    cell = '';
    row++;
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteRow = row;
      cell = '';
      i++;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) throw new CsvError(quoteRow, `第 ${quoteRow} 行的引号没有闭合，文件可能不完整`);
  if (cell !== '' || cells.length > 0) endRecord();
  return out;
}

/** Decodes CSV bytes (UTF-8 / GB18030) and parses them. */
export function parseCsvBytes(bytes: Uint8Array): CsvRecord[] {
  return parseCsv(decodeText(bytes).text);
}

function field(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // a leading = + - @ would be run as a formula by Excel: keep it text
  const safe = neutralizeFormula(s);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text with CRLF line ends and a BOM, so Excel on Chinese Windows opens it as UTF-8. */
export function writeCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\ufeff${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
