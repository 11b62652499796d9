/**
 * The D1 adapter against a stand-in for D1 built on better-sqlite3 (same SQLite underneath,
 * D1's API shapes on top, BLOBs returned as number arrays as D1 does). Proves the store's
 * SQL and batching go through the D1 interface; the real D1 is tested by the Workers issue.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { d1Driver, type D1DatabaseLike, type D1PreparedStatementLike } from '../../src/store/d1-driver.js';
import { MIGRATIONS, migrate } from '../../src/boot/migrations.js';
import { Store } from '../../src/store/store.js';
import { fastHasher, sampleReview } from './helpers.js';

function fakeD1(): D1DatabaseLike & { close(): void } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const out = (row: unknown) =>
    row && typeof row === 'object' ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? [...v] : v])) : row;
  const bindArgs = (vals: unknown[]) => vals.map((v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v));
  const prepare = (sql: string, vals: unknown[] = []): D1PreparedStatementLike & { exec(): { meta: { changes: number; last_row_id: number } } } => {
    const exec = () => {
      const s = db.prepare(sql);
      if (s.reader) return (s.all(...bindArgs(vals)), { meta: { changes: 0, last_row_id: 0 } });
      const r = s.run(...bindArgs(vals));
      return { meta: { changes: r.changes, last_row_id: Number(r.lastInsertRowid) } };
    };
    return {
      bind: (...v: unknown[]) => prepare(sql, v),
      exec,
      run: async () => exec(),
      all: async <T>() => ({ results: db.prepare(sql).all(...bindArgs(vals)).map(out) as T[] }),
      first: async <T>() => (out(db.prepare(sql).get(...bindArgs(vals))) as T | undefined) ?? null,
    };
  };
  return {
    prepare: (sql) => prepare(sql),
    batch: async (stmts) => db.transaction(() => stmts.map((s) => (s as ReturnType<typeof prepare>).exec()))(),
    exec: async (sql) => db.exec(sql),
    close: () => db.close(),
  };
}

describe('the D1 driver', () => {
  it('runs the migrations and the store', async () => {
    const d1 = fakeD1();
    try {
      const driver = d1Driver(d1);
      expect((await migrate(driver)).version).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
      expect((await migrate(driver)).applied).toEqual([]);
      const store = new Store(driver, { hasher: fastHasher });
      const admin = await store.createUser({ name: 'admin', role: 'admin', password: 'admin-pass-1' }, null);
      const chief = await store.createUser({ name: 'chief', role: 'chief', password: 'chief-pass-1' }, admin.id);
      const { hash } = await store.putDocument({ bytes: new Uint8Array([1, 2, 3, 250]), fileName: 'a.docx' }, admin.id);
      expect([...((await store.getDocument(hash))?.bytes ?? [])]).toEqual([1, 2, 3, 250]);
      const { token } = await store.createApiToken(admin.id, 'cli', admin.id);
      expect((await store.verifyApiToken(token))?.name).toBe('admin');
      const rec = await store.createReview(sampleReview(), { department: '区商务局', documentHash: hash }, admin.id);
      await expect(store.updateFinding(rec.id, 'f1', { action: 'dismiss', reason: '' }, admin.id)).rejects.toThrow('排除问题必须填写理由');
      expect((await store.updateFinding(rec.id, 'f1', { action: 'dismiss', reason: '不适用' }, admin.id)).status).toBe('dismissed');
      await expect(store.signOff(rec.id, chief.id)).rejects.toThrow('尚有 1 个问题待处理');
      await store.updateFinding(rec.id, 'f2', { action: 'confirm' }, admin.id);
      await expect(store.signOff(rec.id, chief.id)).rejects.toThrow('尚未选定审查结论');
      await store.setConclusion(rec.id, { conclusion: '修改后可以出台' }, admin.id);
      expect((await store.signOff(rec.id, chief.id)).status).toBe('signed');
      await expect(store.signOff(rec.id, chief.id)).rejects.toThrow('不能重复签发');
      expect((await store.listReviews({ status: 'signed' })).total).toBe(1);
      expect((await store.listAudit(admin.id)).total).toBe(9); // with the conclusion chosen
    } finally {
      d1.close();
    }
  });
});
