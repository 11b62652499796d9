import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteDriver } from '../../src/node/sqlite-driver.js';
import { MIGRATIONS, migrate, schemaVersion, type Migration } from '../../src/boot/migrations.js';

let driver: SqliteDriver;
const LAST = (MIGRATIONS[MIGRATIONS.length - 1] as Migration).version;
afterEach(() => driver?.close());

describe('migrations', () => {
  it('create every table on a fresh database and record the version', async () => {
    driver = openSqlite(':memory:');
    const r = await migrate(driver);
    expect(r.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(r.version).toBe(LAST);
    const tables = (await driver.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((t) => t.name);
    for (const t of ['users', 'sessions', 'api_tokens', 'login_attempts', 'documents', 'reviews', 'review_findings', 'audit_log', 'settings', 'schema_migrations']) expect(tables).toContain(t);
    const rows = await driver.all<{ version: number; name: string; applied_at: string }>('SELECT * FROM schema_migrations');
    expect(rows.map((x) => x.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(rows[0]?.applied_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('re-running is a no-op', async () => {
    driver = openSqlite(':memory:');
    await migrate(driver);
    const again = await migrate(driver);
    expect(again).toEqual({ applied: [], version: LAST });
    expect((await driver.first<{ n: number }>('SELECT count(*) AS n FROM schema_migrations'))?.n).toBe(MIGRATIONS.length);
  });

  it('applies only the pending ones, in order', async () => {
    driver = openSqlite(':memory:');
    await migrate(driver);
    const next: Migration[] = [...MIGRATIONS, { version: LAST + 1, name: 'test', sql: ['CREATE TABLE extra (x INTEGER)'] }];
    expect((await migrate(driver, next)).applied).toEqual([LAST + 1]);
    expect(await schemaVersion(driver)).toBe(LAST + 1);
  });

  it('a failing migration leaves nothing behind', async () => {
    driver = openSqlite(':memory:');
    await migrate(driver);
    const bad: Migration[] = [...MIGRATIONS, { version: LAST + 1, name: 'bad', sql: ['CREATE TABLE half (x INTEGER)', 'CREATE TABLE users (x INTEGER)'] }];
    await expect(migrate(driver, bad)).rejects.toThrow();
    expect(await schemaVersion(driver)).toBe(LAST);
    expect(await driver.first(`SELECT name FROM sqlite_master WHERE name = 'half'`)).toBeNull();
  });

  it('refuses a database from a newer fahu and out-of-order lists', async () => {
    driver = openSqlite(':memory:');
    await migrate(driver);
    await driver.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01')`);
    await expect(migrate(driver)).rejects.toThrow(/比本程序新/);
    const other = openSqlite(':memory:');
    await expect(migrate(other, [{ version: 2, name: 'x', sql: [] }, { version: 2, name: 'y', sql: [] }])).rejects.toThrow(/严格递增/);
    await expect(migrate(other, [{ version: 0, name: 'x', sql: [] }])).rejects.toThrow(/严格递增/);
    other.close();
  });
});
