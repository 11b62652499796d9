/**
 * .xlsx on Workers: exceljs's browser build (no Node streams or fs) behind the same
 * spreadsheet code as on Node (src/cleanup/exceljs-sheets.ts), so a cleanup inventory reads
 * the same and the period report downloads as .xlsx on both. Loaded on first use: an isolate
 * that never touches a spreadsheet does not evaluate the 0.9 MB module.
 */
import type { SpreadsheetReader, SpreadsheetWriter } from '../cleanup/spreadsheet.js';
import { exceljsSpreadsheets, type ExcelLib } from '../cleanup/exceljs-sheets.js';

/**
 * exceljs's bundled polyfills (core-js, JSZip's "immediate") fall back to a MessageChannel made
 * when the module is evaluated if the global has no setImmediate; workerd delivers a port's
 * messages only to the request that made it, so the next request's zip work would hang (seen in
 * test/workers/workbench.workerd.ts). A setImmediate over setTimeout, bound to whichever request
 * calls it, is installed before the module is evaluated.
 */
function ensureSetImmediate(): void {
  const g = globalThis as { setImmediate?: unknown; clearImmediate?: unknown };
  if (typeof g.setImmediate === 'function' && typeof g.clearImmediate === 'function') return;
  g.setImmediate = (fn: (...args: unknown[]) => void, ...args: unknown[]) => setTimeout(fn, 0, ...args);
  g.clearImmediate = (id: ReturnType<typeof setTimeout>) => clearTimeout(id);
}

let parts: Promise<{ reader: SpreadsheetReader; writer: SpreadsheetWriter }> | undefined;

function load(): Promise<{ reader: SpreadsheetReader; writer: SpreadsheetWriter }> {
  ensureSetImmediate();
  parts ??= import('exceljs/dist/exceljs.min.js').then((m) => exceljsSpreadsheets(((m as { default?: unknown }).default ?? m) as ExcelLib));
  return parts;
}

/**
 * The bundled stream and zip shims queue deferred work (process.nextTick, "immediate") behind one
 * pending timer; workerd drops a request's timers when its response is done, and a queue whose
 * timer was dropped never schedules again — the next request that reads or writes a book hangs.
 * So every call lets the queued work run out inside its own request before it returns.
 */
async function settled<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const workerSpreadsheets: { reader: SpreadsheetReader; writer: SpreadsheetWriter } = {
  reader: { readFirstSheet: async (bytes) => settled((await load()).reader.readFirstSheet(bytes)) },
  writer: { write: async (sheets) => settled((await load()).writer.write(sheets)) },
};
