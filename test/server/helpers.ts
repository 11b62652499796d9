/** Web app test setup: the app over an in-memory store with three users, and signing in as one of them. */
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { loadRuleSet } from '../../src/node/rule-files.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { createApp } from '../../src/server/app.js';
import type { AppDeps, AppEnv } from '../../src/server/env.js';
import type { Store } from '../../src/store/store.js';
import { memoryStore, withUsers, type Fixture } from '../store/helpers.js';

export const SECRET = 'test-session-secret-0123456789abcdef';

export const PASSWORDS = { admin: 'admin-pass-1', liwei: 'reviewer-pass', wangfang: 'chief-pass-1' } as const;

let rules: RuleSet | undefined;
/** The shipped rules, compiled once for all server tests. */
export function ruleSet(): RuleSet {
  rules ??= loadRuleSet();
  return rules;
}

export interface TestApp extends Fixture {
  app: Hono<AppEnv>;
  users: Awaited<ReturnType<typeof withUsers>>;
}

/** The app over a fresh in-memory store; `deps` may be built from that store (e.g. a runner over it). */
export async function testApp(deps: Partial<AppDeps> | ((store: Store) => Promise<Partial<AppDeps>>) = {}): Promise<TestApp> {
  const fx = await memoryStore();
  const users = await withUsers(fx.store);
  const extra = typeof deps === 'function' ? await deps(fx.store) : deps;
  const app = createApp({ store: fx.store, sessionSecret: SECRET, ...extra });
  return { ...fx, app, users };
}

/** name=value pairs of Set-Cookie headers (the value still URL-encoded, as a browser sends it back). */
export function setCookies(res: Response): Map<string, { value: string; attributes: string }> {
  const out = new Map<string, { value: string; attributes: string }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const i = pair.indexOf('=');
    out.set(pair.slice(0, i).trim(), { value: pair.slice(i + 1).trim(), attributes: attrs.join(';').trim() });
  }
  return out;
}

/** The value of a signed cookie (`value.signature`, URL-encoded). */
export function unsigned(cookieValue: string): string {
  const v = decodeURIComponent(cookieValue);
  return v.slice(0, v.lastIndexOf('.'));
}

export interface Browser {
  /** Cookie header to send. */
  cookie: string;
  /** The session's CSRF token. */
  csrf: string;
  /** The session token itself (for looking the session up). */
  token: string;
}

/** GET /login for the pre-login CSRF cookie, returning its header and token. */
export async function loginForm(app: Hono<AppEnv>): Promise<{ cookie: string; csrf: string }> {
  const res = await app.request('/login');
  const c = setCookies(res).get('fahu_login_csrf');
  if (!c) throw new Error('GET /login set no fahu_login_csrf cookie');
  return { cookie: `fahu_login_csrf=${c.value}`, csrf: unsigned(c.value) };
}

export function postLogin(app: Hono<AppEnv>, form: { cookie: string; csrf: string }, name: string, password: string, next?: string): Promise<Response> {
  const body = new URLSearchParams({ name, password, _csrf: form.csrf, ...(next !== undefined ? { next } : {}) });
  return Promise.resolve(app.request('/login', { method: 'POST', headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body }));
}

/** Signs in through the login form, as a browser would. */
export async function signIn(t: TestApp, name: keyof typeof PASSWORDS): Promise<Browser> {
  const res = await postLogin(t.app, await loginForm(t.app), name, PASSWORDS[name]);
  if (res.status !== 302) throw new Error(`login as ${name}: ${res.status}`);
  const c = setCookies(res).get('fahu_session');
  if (!c) throw new Error('login set no fahu_session cookie');
  const token = unsigned(c.value);
  const session = await t.store.getSession(token);
  if (!session) throw new Error('no session in the store');
  return { cookie: `fahu_session=${c.value}`, csrf: session.csrfToken, token };
}

/** Headers for a JSON write as the browser's script sends it (cookie + CSRF header). */
export function asBrowser(b: Browser, extra: Record<string, string> = {}): Record<string, string> {
  return { cookie: b.cookie, 'x-csrf-token': b.csrf, ...extra };
}

export async function apiToken(t: TestApp, userId: number): Promise<string> {
  return (await t.store.createApiToken(userId, '测试脚本', userId)).token;
}

export const bearer = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

export const JSON_TYPE = { 'content-type': 'application/json' };

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url)));
}

export function upload(bytes: Uint8Array, fileName: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], fileName));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
