/**
 * What the cleanup campaign needs from the runtime beyond AppDeps: .xlsx reading and writing
 * (exceljs on Node). The adapter provides them per store at start; without them the web app
 * still imports and exports CSV and says so for .xlsx.
 */
import type { Store } from '../store/store.js';
import type { SpreadsheetReader, SpreadsheetWriter } from './spreadsheet.js';

export interface CleanupAdapters {
  spreadsheetReader?: SpreadsheetReader;
  spreadsheetWriter?: SpreadsheetWriter;
}

const provided = new WeakMap<Store, CleanupAdapters>();

export function provideCleanupAdapters(store: Store, adapters: CleanupAdapters): void {
  provided.set(store, adapters);
}

export function cleanupAdapters(store: Store): CleanupAdapters {
  return provided.get(store) ?? {};
}
