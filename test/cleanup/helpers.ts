/** Cleanup test setup: an in-memory store with users, the cleanup store on the same clock, and small inventories. */
import ExcelJS from 'exceljs';
import { CleanupStore } from '../../src/cleanup/cleanup-store.js';
import type { InventoryRow } from '../../src/cleanup/model.js';
import { memoryStore, withUsers } from '../store/helpers.js';

export async function cleanupFixture() {
  const fx = await memoryStore();
  const users = await withUsers(fx.store);
  const cleanup = new CleanupStore(fx.store, { now: () => new Date(fx.clock.t) });
  return { ...fx, users, cleanup };
}

export function row(n: number, over: Partial<InventoryRow> = {}): InventoryRow {
  return { row: n + 1, title: `关于测试事项${n}的通知`, docNumber: `吴测〔2024〕${n}号`, issuer: '吴兴区人民政府', issueDate: '2024-01-02', validity: '5年', department: n % 2 ? '区经信局' : '区商务局', ...over };
}

/** Every row of the cleanup tables, to show that a refused write changed nothing. */
export async function snapshot(cleanup: CleanupStore): Promise<string> {
  const tables = ['cleanup_campaigns', 'cleanup_items', 'cleanup_jobs', 'cleanup_job_items', 'documents', 'reviews'];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await cleanup.db.all(`SELECT * FROM ${t} ORDER BY rowid`);
  return JSON.stringify(out, (_k, v) => (v instanceof Uint8Array || (v && typeof v === 'object' && 'buffer' in v) ? `<${(v as Uint8Array).length} bytes>` : v));
}

/** An .xlsx with the given rows on the first sheet (cells as given: strings, numbers, Dates). */
export async function xlsxOf(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const utf8 = (s: string) => new TextEncoder().encode(s);
