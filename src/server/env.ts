/**
 * What every route of the web app can rely on: its dependencies and, once the auth
 * middleware has run, who is asking. Web-standard: the Node and Workers adapters build
 * the deps (store on SQLite or D1, a document reader, the compiled rules, a segmenter).
 */
import type { DocxReader } from '../ingest/ingest.js';
import type { Analyzer } from '../review/analyzer.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { PrecheckRunner } from '../cleanup/runner.js';
import type { SpreadsheetReader, SpreadsheetWriter } from '../cleanup/spreadsheet.js';
import type { Segmenter } from '../segment/segmenter.js';
import type { DecisionSearch } from '../decisions/decision-search.js';
import type { Store } from '../store/store.js';
import type { User } from '../store/types.js';

export interface AppDeps {
  store: Store;
  readDocx?: DocxReader;
  /** The compiled rules; without them a review returns no findings. */
  ruleSet?: RuleSet;
  segmenter?: Segmenter;
  /** Runs reviews off the event loop (the Node server's worker pool); absent: in-thread. */
  analyze?: Analyzer;
  /** The decision library's search (审查意见库); without it the library and precedents are off. */
  decisions?: DecisionSearch;
  /** .xlsx reading and writing for the cleanup campaign (exceljs on Node); without them only CSV. */
  spreadsheets?: { reader: SpreadsheetReader; writer: SpreadsheetWriter };
  /** The cleanup pre-check queue running in the background, where the runtime runs one. */
  precheck?: PrecheckRunner;
  /** Wakes the pre-check elsewhere (Workers: a message on the queue its consumer drains); absent: `precheck.kick()`. */
  wakePrecheck?: () => Promise<void>;
  /** Secret that signs the session cookie (kept in the store's settings by the adapter). */
  sessionSecret: string;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies?: boolean;
  /**
   * Behind a reverse proxy (nginx …) every request comes from the proxy's address: trust the
   * first X-Forwarded-For address instead, so login limits apply per user machine. Only set
   * it when a proxy that overwrites the header stands in front.
   */
  trustProxy?: boolean;
  /**
   * Where the client's address comes from (./kit/client-address.ts): 'cloudflare' (Workers:
   * CF-Connecting-IP) or 'socket' (Node). Default: 'cloudflare' only when running on Workers.
   */
  addressSource?: AddressSource;
}

/** Where the client's address comes from: the socket (Node) or CF-Connecting-IP (Workers). */
export type AddressSource = 'socket' | 'cloudflare';

export type AuthVia = 'session' | 'token';

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** The signed-in user, or null (set by auth.loadUser on every request). */
    user: User | null;
    /** CSRF token of the session (forms carry it as `_csrf`, scripts as header X-CSRF-Token). */
    csrfToken: string | null;
    via: AuthVia | null;
  };
}

/** JSON error body of the API: a stable code and a Chinese message. */
export interface ApiError {
  code: string;
  message: string;
  hint?: string;
}
