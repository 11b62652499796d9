/**
 * What the Worker entry (./worker.ts) wires: the isolate's boot and the drain. On the first request of an isolate the core's boot() runs over
 * D1 (the app's own migrator brings the schema up to date, so a fresh D1 needs no separate
 * migration step), with PBKDF2 passwords, the in-isolate Word reader, jieba-wasm and the bundled
 * rules; the booted app is then reused by every request the isolate serves.
 *
 *   fetch      the workbench and the JSON API (the app serves its own /assets)
 *   scheduled  cron: drains the cleanup pre-check queue and purges expired sessions
 *   queue      a Cloudflare Queue consumer doing the same drain (any message wakes it)
 *
 * The pre-check the app kicks after an attachment runs in the request's isolate; waitUntil
 * keeps it alive after the response, and the cron picks up what a cut-off isolate left.
 */
import jiebaModule from '../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm';
import * as jieba from '../../node_modules/jieba-wasm/pkg/web/jieba_rs_wasm.js';
import { boot, type Booted } from '../boot/boot.js';
import type { DocxReader } from '../ingest/ingest.js';
import { readDocx } from '../ingest/docx/read-docx.js';
import { d1Driver, type D1DatabaseLike } from '../store/d1-driver.js';
import { bundledRuleSet } from './rule-set.js';
import { TEXTS } from './texts.js';
import { wasmSegmenter } from './wasm-segmenter.js';
import { webCryptoHasher } from './webcrypto-hasher.js';

export interface Env {
  DB: D1DatabaseLike;
  /** First admin, made when the database has no account yet (wrangler secret / .dev.vars). */
  ADMIN_NAME?: string;
  ADMIN_PASSWORD?: string;
  /** "0" turns the Secure cookie flag off (plain-HTTP local runs); on by default. */
  SECURE_COOKIES?: string;
  /** Bytes of stored originals allowed (default: the store's 8 GiB). */
  STORAGE_QUOTA_MB?: string;
}


/** Longest a cron or queue drain runs before it leaves the rest for the next one (CPU limit: 30 s by default). */
export const DRAIN_BUDGET_MS = 20_000;

export const workerDocxReader: DocxReader = Object.assign((bytes: Uint8Array, limits: Parameters<DocxReader>[1]) => readDocx(bytes, limits), { formats: ['docx'] as const });

let booting: Promise<Booted> | undefined;
let initialised = false;

function segmenter() {
  if (!initialised) {
    jieba.initSync({ module: jiebaModule });
    initialised = true;
  }
  return wasmSegmenter(jieba, TEXTS.legalDict);
}

async function start(env: Env): Promise<Booted> {
  const mb = Number(env.STORAGE_QUOTA_MB);
  const booted = await boot({
    driver: d1Driver(env.DB),
    hasher: webCryptoHasher(),
    ...(mb > 0 ? { storageQuotaBytes: Math.floor(mb * 1024 * 1024) } : {}),
    ruleSet: bundledRuleSet(),
    segmenter: segmenter(),
    readDocx: workerDocxReader,
    seedJsonl: () => TEXTS.seedJsonl,
    secureCookies: env.SECURE_COOKIES !== '0',
    addressSource: 'cloudflare',
  });
  if (booted.users === 0 && env.ADMIN_NAME && env.ADMIN_PASSWORD) {
    await booted.store.createUser({ name: env.ADMIN_NAME, role: 'admin', password: env.ADMIN_PASSWORD }, null);
  }
  return booted;
}

/** The isolate's booted app; a failed start is retried by the next request. */
export function booted(env: Env): Promise<Booted> {
  booting ??= start(env).catch((e: unknown) => {
    booting = undefined;
    throw e;
  });
  return booting;
}

export async function drain(env: Env): Promise<{ done: number; failed: number }> {
  const b = await booted(env);
  await b.store.purgeExpired();
  return b.precheck.drain(undefined, AbortSignal.timeout(DRAIN_BUDGET_MS));
}
