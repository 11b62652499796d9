/**
 * The start-up sequence of the web app, runtime-neutral: both adapters (src/node/serve.ts and
 * src/workers/worker.ts) hand it what differs (SQL driver, password hasher, Word reader,
 * segmenter, rules, seed text, a timer, the decision index's snapshot) and get back the app.
 *
 *   1. migrations (the product's own migrator, on every start; a no-op when up to date)
 *   2. the store and its session secret (made once, kept in the settings)
 *   3. the decision library: seeded on a new install, missed signed reviews recorded, the index
 *      from the adapter's snapshot or the rows
 *   4. the cleanup pre-check: items a stopped process left 'running' go back to the queue; the
 *      adapter decides who drains it (Node: in the background; Workers: a queue or cron)
 *   5. expired sessions and login attempts purged now and then every hour where a timer exists
 */
import type { PrecheckRunner } from '../cleanup/runner.js';
import { PrecheckRunner as Runner } from '../cleanup/runner.js';
import type { SpreadsheetReader, SpreadsheetWriter } from '../cleanup/spreadsheet.js';
import { DecisionSearch, type IndexSnapshot } from '../decisions/decision-search.js';
import { DecisionStore } from '../decisions/decision-store.js';
import { recordMissedReviews } from '../decisions/from-review.js';
import { loadSeedOnce } from '../decisions/seed.js';
import type { DocxReader } from '../ingest/ingest.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Analyzer } from '../review/analyzer.js';
import type { Segmenter } from '../segment/segmenter.js';
import { createApp } from '../server/app.js';
import type { AddressSource, AppDeps } from '../server/env.js';
import type { FileStore } from '../store/file-store.js';
import type { PasswordHasher } from '../store/password.js';
import type { SqlDriver } from '../store/sql-driver.js';
import { Store } from '../store/store.js';
import { randomToken } from '../store/tokens.js';
import { migrate, type MigrateResult } from './migrations.js';

export const SESSION_SECRET_SETTING = 'session.secret';
export const PURGE_EVERY_MS = 3600_000;

/**
 * The secret that signs session cookies: made once and kept, so sessions survive a restart.
 * Written directly rather than with Store.setSetting, which records the value in the audit log.
 */
export async function sessionSecret(store: Store): Promise<string> {
  const existing = await store.getSetting<string>(SESSION_SECRET_SETTING);
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  const secret = randomToken(32);
  // INSERT OR IGNORE then read back: two isolates starting at once agree on one secret
  await store.db.run('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at WHERE NOT (json_type(settings.value_json) = \'text\' AND length(json_extract(settings.value_json, \'$\')) >= 32)', [
    SESSION_SECRET_SETTING,
    JSON.stringify(secret),
    new Date().toISOString(),
  ]);
  const kept = await store.getSetting<string>(SESSION_SECRET_SETTING);
  return typeof kept === 'string' && kept.length >= 32 ? kept : secret;
}

export interface DecisionIndexDeps {
  /** The seed corpus (JSONL) loaded once on a new install; absent: no seeding. */
  seedJsonl?: () => string | undefined | Promise<string | undefined>;
  /** A saved index (Node: decision-index.v8 under DATA_DIR); it is caught up with the rows either way. */
  loadSnapshot?: () => IndexSnapshot | undefined | Promise<IndexSnapshot | undefined>;
  /** Build the decision index on its first search instead of at boot (Workers: a fast first request). */
  indexOnFirstUse?: boolean;
  /** Called after the index is ready, to persist it where the runtime keeps snapshots. */
  saveSnapshot?: (search: DecisionSearch, opened: { snapshot: IndexSnapshot | undefined; rev: number }) => Promise<void>;
}

export interface BootDeps extends DecisionIndexDeps {
  driver: SqlDriver;
  hasher: PasswordHasher;
  storageQuotaBytes?: number;
  /** Where originals' bytes go (Workers: R2); absent: in the documents row. */
  files?: FileStore;
  ruleSet: RuleSet;
  segmenter: Segmenter;
  readDocx: DocxReader;
  /** Where reviews run (Node: the worker pool); absent: in this thread. */
  analyze?: Analyzer;
  spreadsheets?: { reader: SpreadsheetReader; writer: SpreadsheetWriter };
  /** Off: no decision library (the pages say so). Default on. */
  decisions?: boolean;
  /**
   * Starts the cleanup pre-check where the runtime drains it in the background (Node); called
   * after interrupted items went back to the queue. Absent: the runner is only made, and the
   * adapter drains it (Workers: queue consumer or cron).
   */
  startPrecheck?: (runner: PrecheckRunner, pending: number, resumed: number) => void;
  /** A repeating timer for the hourly purge, where the runtime has one (Node); Workers purge from the cron. */
  every?: (ms: number, fn: () => void) => void;
  /** Wakes the pre-check elsewhere instead of in this isolate (Workers: sends to a Queue). */
  wakePrecheck?: () => Promise<void>;
  secureCookies?: boolean;
  trustProxy?: boolean;
  addressSource?: AddressSource;
}

export interface Booted {
  app: ReturnType<typeof createApp>;
  store: Store;
  deps: AppDeps;
  migration: MigrateResult;
  precheck: PrecheckRunner;
  decisions?: { search: DecisionSearch; loadedFrom: 'snapshot' | 'rows'; ms: number; seeded: number; recovered: number };
  /** Accounts in the store at start (0: the adapter tells how to make the first admin). */
  users: number;
}

/** Seeds the library, records missed reviews and opens the index (from a snapshot or the rows). */
export async function openDecisionLibrary(store: Store, segmenter: Segmenter, deps: DecisionIndexDeps): Promise<NonNullable<Booted['decisions']>> {
  const t0 = performance.now();
  const decisions = new DecisionStore(store.db);
  const seed = await deps.seedJsonl?.();
  const seeded = seed ? await loadSeedOnce(decisions, seed) : 0;
  const recovered = await recordMissedReviews(store, decisions);
  const snapshot = await deps.loadSnapshot?.();
  const search = new DecisionSearch(decisions, segmenter, { snapshot });
  if (!deps.indexOnFirstUse || deps.saveSnapshot) await search.sync();
  if (deps.saveSnapshot) await deps.saveSnapshot(search, { snapshot, rev: (await decisions.revision()).rev });
  return { search, loadedFrom: snapshot && search.rebuilds === 0 ? 'snapshot' : 'rows', ms: performance.now() - t0, seeded, recovered };
}

export async function boot(deps: BootDeps): Promise<Booted> {
  const migration = await migrate(deps.driver);
  const store = new Store(deps.driver, { hasher: deps.hasher, ...(deps.storageQuotaBytes ? { storageQuotaBytes: deps.storageQuotaBytes } : {}), ...(deps.files ? { files: deps.files } : {}) });
  const decisions = deps.decisions === false ? undefined : await openDecisionLibrary(store, deps.segmenter, deps);
  const review = { store, readDocx: deps.readDocx, ruleSet: deps.ruleSet, segmenter: deps.segmenter, ...(deps.analyze ? { analyze: deps.analyze } : {}) };
  const precheck = new Runner(review);
  const resumed = await precheck.cleanup.resetInterrupted();
  const pending = await precheck.cleanup.countPending();
  deps.startPrecheck?.(precheck, pending, resumed);
  const appDeps: AppDeps = {
    ...review,
    sessionSecret: await sessionSecret(store),
    ...(decisions ? { decisions: decisions.search } : {}),
    ...(deps.spreadsheets ? { spreadsheets: deps.spreadsheets } : {}),
    precheck,
    ...(deps.wakePrecheck ? { wakePrecheck: deps.wakePrecheck } : {}),
    ...(deps.secureCookies !== undefined ? { secureCookies: deps.secureCookies } : {}),
    ...(deps.trustProxy !== undefined ? { trustProxy: deps.trustProxy } : {}),
    ...(deps.addressSource ? { addressSource: deps.addressSource } : {}),
  };
  const app = createApp(appDeps);
  await store.purgeExpired();
  deps.every?.(PURGE_EVERY_MS, () => void store.purgeExpired().catch(() => undefined));
  const users = await store.countUsers();
  return { app, store, deps: appDeps, migration, precheck, ...(decisions ? { decisions } : {}), users };
}
