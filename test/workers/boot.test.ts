/** boot(): the start-up sequence both adapters share, run here over SQLite in memory. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boot, PURGE_EVERY_MS, SESSION_SECRET_SETTING, type BootDeps } from '../../src/boot/boot.js';
import { MIGRATIONS } from '../../src/boot/migrations.js';
import { isolatedDocxReader } from '../../src/node/isolated-docx-reader.js';
import { openSqlite } from '../../src/node/sqlite-driver.js';
import { characterSegmenter } from '../../src/segment/segmenter.js';
import { ruleSet } from '../server/helpers.js';
import { fastHasher } from '../store/helpers.js';

const SEED = readFileSync('fixtures/decisions/seed.jsonl', 'utf8');

function deps(driver: BootDeps['driver'], extra: Partial<BootDeps> = {}): BootDeps {
  return { driver, hasher: fastHasher, ruleSet: ruleSet(), segmenter: characterSegmenter, readDocx: isolatedDocxReader, seedJsonl: () => SEED, ...extra };
}

describe('boot(deps)', () => {
  it('migrates, seeds the decision library once and keeps one session secret across starts', async () => {
    const driver = openSqlite(':memory:');
    const timers: number[] = [];
    const first = await boot(deps(driver, { every: (ms) => void timers.push(ms) }));
    expect(first.migration.applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.decisions?.seeded).toBe(SEED.trim().split('\n').length);
    expect(first.decisions?.search.size).toBe(first.decisions?.seeded);
    expect(first.deps.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(timers).toEqual([PURGE_EVERY_MS]);
    expect(first.users).toBe(0);
    expect((await first.app.request('/health')).status).toBe(200);

    const second = await boot(deps(driver));
    expect(second.migration.applied).toEqual([]);
    expect(second.decisions?.seeded).toBe(0);
    expect(second.decisions?.search.size).toBe(first.decisions?.search.size);
    expect(second.deps.sessionSecret).toBe(first.deps.sessionSecret);
    driver.close();
  });

  it('replaces a damaged session secret and leaves no decision library when asked', async () => {
    const driver = openSqlite(':memory:');
    const first = await boot(deps(driver, { decisions: false }));
    expect(first.decisions).toBeUndefined();
    expect(first.deps.decisions).toBeUndefined();
    await driver.run('UPDATE settings SET value_json = ? WHERE key = ?', [JSON.stringify('short'), SESSION_SECRET_SETTING]);
    const second = await boot(deps(driver, { decisions: false }));
    expect(second.deps.sessionSecret).not.toBe('short');
    expect(second.deps.sessionSecret).not.toBe(first.deps.sessionSecret);
    expect(second.deps.sessionSecret.length).toBeGreaterThanOrEqual(32);
    driver.close();
  });

  it('hands the adapter the pre-check runner after putting interrupted items back in the queue', async () => {
    const driver = openSqlite(':memory:');
    const seen: Array<[number, number]> = [];
    const booted = await boot(deps(driver, { decisions: false, startPrecheck: (_r, pending, resumed) => void seen.push([pending, resumed]) }));
    expect(seen).toEqual([[0, 0]]);
    expect(booted.deps.precheck).toBe(booted.precheck);
    driver.close();
  });
});
