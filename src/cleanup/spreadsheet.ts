/**
 * .xlsx reading and writing behind a small interface: the Node adapter implements it with
 * exceljs (src/node/xlsx.ts); the core never imports it. Cells come as plain values.
 */

/** A cell's value as read: text, a number, a Date (date-formatted cells) or empty. */
export type Cell = string | number | Date | boolean | null;

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  cells: Cell[];
}

export interface SpreadsheetReader {
  /** Rows of the first worksheet (empty rows may be left out). Throws SpreadsheetError for a file it cannot read. */
  readFirstSheet(bytes: Uint8Array): Promise<SheetRow[]>;
}

export interface SheetData {
  name: string;
  rows: (string | number | null)[][];
  /** Column widths in characters. */
  widths?: number[];
}

export interface SpreadsheetWriter {
  write(sheets: SheetData[]): Promise<Uint8Array>;
}

/** A spreadsheet that cannot be read (corrupt, encrypted, not .xlsx): a Chinese message. */
export class SpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}
