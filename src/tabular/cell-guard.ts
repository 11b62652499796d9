/**
 * Text that a spreadsheet would run as a formula (CSV/formula injection): a cell starting with
 * = + - @, or a tab or carriage return before one of them. Every table fahu writes (CSV and
 * .xlsx) passes its text cells through neutralizeFormula, so a clause or a department name
 * like `=HYPERLINK(…)` or `@SUM(…)` stays text when someone opens, edits or re-saves the file.
 * The leading apostrophe is what Excel itself uses to mark "this is text".
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function looksLikeFormula(s: string): boolean {
  return FORMULA_START.test(s);
}

export function neutralizeFormula(s: string): string {
  return looksLikeFormula(s) ? `'${s}` : s;
}

/** The same for a whole row of cells (numbers and empty cells stay as they are). */
export function neutralizeRow<T extends string | number | null | undefined>(row: readonly T[]): T[] {
  return row.map((v) => (typeof v === 'string' ? (neutralizeFormula(v) as T) : v));
}
