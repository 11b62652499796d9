/** Settings (one JSON value per key): read by anyone, written by administrators or the command line, audited. */
import { stmt } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { parseInput, SettingKeySchema } from './types.js';

export class SettingsRecords {
  constructor(private readonly ctx: StoreContext) {}

  async get<T>(key: string): Promise<T | undefined> {
    const row = await this.ctx.db.first<{ value_json: string }>('SELECT value_json FROM settings WHERE key = ?', [key]);
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  async set(key: string, value: unknown, actorId: number | null): Promise<void> {
    const k = parseInput(SettingKeySchema, key);
    await this.ctx.requireAdmin(actorId);
    const json = JSON.stringify(value ?? null);
    await this.ctx.db.batch([
      stmt('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at', k, json, this.ctx.iso()),
      this.ctx.auditStmt(actorId, 'setting.set', `setting:${k}`, { value: value ?? null }),
    ]);
  }
}
