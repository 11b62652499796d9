/**
 * What the Worker entry (./worker.ts) wires: each district's boot and the drain. On the first
 * request of an isolate for a district (./tenants.ts: one D1 per district) the core's boot()
 * runs over its D1 (the app's own migrator brings the schema up to date, so a fresh D1 needs no
 * separate migration step), with PBKDF2 passwords, originals in R2, the in-isolate Word reader,
 * jieba-wasm and the bundled rules; the booted app is then reused by every request the isolate
 * serves for that district.
 *
 * Cold start: jieba-wasm is instantiated and the rules compiled on the first review (or the
 * first search of the decision library), not at boot, so an isolate's first /health or sign-in
 * page pays only for the migrations check, the seed check and the session secret.
 *
 * The cleanup pre-check: an attachment's batch is sent to the PRECHECK_QUEUE (the producer, from
 * the fetch side) and drained by the queue consumer (./worker.ts `queue`), which gets its own
 * CPU budget; without a queue binding it runs in the request's isolate (waitUntil). The cron
 * picks up whatever a cut-off drain left.
 */
import jiebaModule from '../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm';
import * as jieba from '../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm.js';
import { boot, type Booted } from '../boot/boot.js';
import type { DocxReader } from '../ingest/ingest.js';
import { readDocx } from '../ingest/docx/read-docx.js';
import type { Segmenter } from '../segment/segmenter.js';
import { d1Driver, type D1DatabaseLike } from '../store/d1-driver.js';
import { r2FileStore, type R2BucketLike } from './r2-file-store.js';
import { lazyBundledRuleSet } from './rule-set.js';
import { allTenants, type Tenant } from './tenants.js';
import { TEXTS } from './texts.js';
import { wasmSegmenter } from './wasm-segmenter.js';
import { webCryptoHasher } from './webcrypto-hasher.js';
import { workerSpreadsheets } from './xlsx.js';

/** The part of a Cloudflare Queue producer binding used. */
export interface QueueLike {
  send(body: PrecheckMessage): Promise<unknown>;
}

/** A message on the pre-check queue: which district has pending items. */
export interface PrecheckMessage {
  district: string;
}

export interface Env {
  /** The D1 of the single tenant (no DISTRICTS). */
  DB?: D1DatabaseLike;
  /** R2 bucket for originals; absent: originals stay in the D1 row (at most 2 MB each). */
  FILES?: R2BucketLike;
  /** Producer of the cleanup pre-check queue; absent: the pre-check runs in the request's isolate. */
  PRECHECK_QUEUE?: QueueLike;
  /** code=D1 binding, … (./tenants.ts). */
  DISTRICTS?: string;
  /** First admin, made when the database has no account yet (wrangler secret / .dev.vars). */
  ADMIN_NAME?: string;
  ADMIN_PASSWORD?: string;
  /** "0" turns the Secure cookie flag off (plain-HTTP local runs); on by default. */
  SECURE_COOKIES?: string;
  /** Bytes of stored originals allowed per district (default: the store's 8 GiB). */
  STORAGE_QUOTA_MB?: string;
  [binding: string]: unknown;
}

/** Longest a cron or queue drain runs before it leaves the rest for the next one (CPU limit: 30 s by default). */
export const DRAIN_BUDGET_MS = 20_000;

export const workerDocxReader: DocxReader = Object.assign((bytes: Uint8Array, limits: Parameters<DocxReader>[1]) => readDocx(bytes, limits), { formats: ['docx'] as const });

let jiebaReady: Segmenter | undefined;

/** jieba-wasm with the legal user dictionary, instantiated on the first cut (one per isolate). */
export function workerSegmenter(): Segmenter {
  const get = (): Segmenter => {
    if (!jiebaReady) {
      jieba.initSync({ module: jiebaModule });
      jiebaReady = wasmSegmenter(jieba, TEXTS.legalDict);
    }
    return jiebaReady;
  };
  return { name: 'jieba-wasm', cut: (text) => get().cut(text), cutForSearch: (text) => get().cutForSearch?.(text) ?? get().cut(text) };
}

const segmenter = workerSegmenter();
const ruleSet = lazyBundledRuleSet();
const booting = new Map<string, Promise<Booted>>();

async function start(env: Env, tenant: Tenant): Promise<Booted> {
  const mb = Number(env.STORAGE_QUOTA_MB);
  const queue = env.PRECHECK_QUEUE;
  const booted = await boot({
    driver: d1Driver(tenant.db),
    hasher: webCryptoHasher(),
    ...(mb > 0 ? { storageQuotaBytes: Math.floor(mb * 1024 * 1024) } : {}),
    ...(env.FILES ? { files: r2FileStore(env.FILES, tenant.prefix) } : {}),
    ruleSet,
    segmenter,
    readDocx: workerDocxReader,
    spreadsheets: workerSpreadsheets,
    seedJsonl: () => TEXTS.seedJsonl,
    indexOnFirstUse: true,
    ...(queue ? { wakePrecheck: async () => void (await queue.send({ district: tenant.code })) } : {}),
    secureCookies: env.SECURE_COOKIES !== '0',
    addressSource: 'cloudflare',
  });
  if (booted.users === 0 && env.ADMIN_NAME && env.ADMIN_PASSWORD) {
    await booted.store.createUser({ name: env.ADMIN_NAME, role: 'admin', password: env.ADMIN_PASSWORD }, null);
  }
  return booted;
}

/** The district's booted app in this isolate; a failed start is retried by the next request. */
export function booted(env: Env, tenant: Tenant = allTenants(env)[0] as Tenant): Promise<Booted> {
  let b = booting.get(tenant.code);
  if (!b) {
    b = start(env, tenant).catch((e: unknown) => {
      booting.delete(tenant.code);
      throw e;
    });
    booting.set(tenant.code, b);
  }
  return b;
}

/** Drains the pre-check queue of the districts given (default: all) and purges expired sessions. */
export async function drain(env: Env, districts?: readonly string[]): Promise<{ done: number; failed: number }> {
  const signal = AbortSignal.timeout(DRAIN_BUDGET_MS);
  let done = 0;
  let failed = 0;
  for (const tenant of allTenants(env)) {
    if (districts && !districts.includes(tenant.code)) continue;
    const b = await booted(env, tenant);
    await b.store.purgeExpired();
    const r = await b.precheck.drain(undefined, signal);
    done += r.done;
    failed += r.failed;
  }
  return { done, failed };
}
