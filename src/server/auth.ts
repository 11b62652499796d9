/**
 * Who is asking, and may they: the signed session cookie of the browser or the API token of
 * a script, CSRF checks on writes made with the cookie, role checks, and /login, /logout with
 * login rate limiting. Web-standard (runs on Node and Workers).
 *
 * Cookies:
 *   fahu_session      signed; the session token (the store keeps only its SHA-256). HttpOnly,
 *                     SameSite=Lax, Path=/, Secure when deps.secureCookies; expires with the session.
 *   fahu_login_csrf   signed; a short-lived token set by GET /login and checked by POST /login,
 *                     so another site cannot sign a browser in to an account of its choosing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { randomToken } from '../store/tokens.js';
import { ROLE_LABELS, type Role } from '../store/types.js';
import type { ApiError, AppEnv } from './env.js';
import { errorPage } from './kit/error.js';
import { LoginPage } from './account/login.js';
import { clientAddress } from './kit/client-address.js';

export { clientAddress } from './kit/client-address.js';

export const SESSION_COOKIE = 'fahu_session';
export const LOGIN_CSRF_COOKIE = 'fahu_login_csrf';
export { LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS } from '../store/password-checks.js';
const LOGIN_CSRF_MAX_AGE_S = 2 * 3600;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** Sets c.var.user / csrfToken / via from an `Authorization: Bearer fahu_…` token or the session cookie. */
export const loadUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  c.set('csrfToken', null);
  c.set('via', null);
  const { store, sessionSecret } = c.var.deps;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    // a request that names a token is judged by the token alone
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const user = m ? await store.verifyApiToken(m[1] as string) : null;
    if (user) {
      c.set('user', user);
      c.set('via', 'token');
    }
  } else {
    const token = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
    if (typeof token === 'string' && token) {
      const session = await store.getSession(token);
      if (session) {
        c.set('user', session.user);
        c.set('csrfToken', session.csrfToken);
        c.set('via', 'session');
      } else deleteCookie(c, SESSION_COOKIE, { path: '/' });
    } else if (token === false) deleteCookie(c, SESSION_COOKIE, { path: '/' });
  }
  await next();
};

function apiError(c: Context<AppEnv>, status: 401 | 403, body: ApiError): Response {
  return c.json(body, status);
}

/** No user → a page redirects to /login?next=…, the API answers 401. */
export function requireUser(kind: 'page' | 'api'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.var.user) return next();
    if (kind === 'api') return apiError(c, 401, { code: 'UNAUTHORIZED', message: '请先登录', hint: '浏览器请先登录；脚本请在请求头中提供 Authorization: Bearer 访问令牌' });
    const url = new URL(c.req.url);
    const next_ = c.req.method === 'GET' ? url.pathname + url.search : '/';
    return c.redirect(next_ === '/' ? '/login' : `/login?next=${encodeURIComponent(next_)}`, 302);
  };
}

/** Signed in and one of `roles`; otherwise as requireUser, or 403. */
export function requireRole(roles: Role[], kind: 'page' | 'api'): MiddlewareHandler<AppEnv> {
  const signedIn = requireUser(kind);
  const message = `只有${roles.map((r) => ROLE_LABELS[r]).join('或')}可以进行此操作`;
  return async (c, next) => {
    const user = c.var.user;
    if (!user) return signedIn(c, next);
    if (roles.includes(user.role)) return next();
    if (kind === 'api') return apiError(c, 403, { code: 'FORBIDDEN', message });
    return c.html(errorPage(c, 403, message), 403);
  };
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

async function formField(c: Context<AppEnv>, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  try {
    const v = (await c.req.parseBody())[name];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes made with the session cookie must carry the session's CSRF token: header
 * X-CSRF-Token (scripts) or form field `_csrf` (forms). API tokens are not sent by browsers
 * on their own, so token requests skip the check.
 */
export const verifyCsrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WRITE_METHODS.has(c.req.method) || c.var.via !== 'session') return next();
  const expected = c.var.csrfToken ?? '';
  const given = c.req.header('x-csrf-token') ?? (await formField(c, '_csrf')) ?? '';
  if (expected && given && safeEqual(given, expected)) return next();
  const message = '页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试';
  if (isApiPath(c.req.path)) return c.json<ApiError>({ code: 'CSRF', message, hint: '在请求头 X-CSRF-Token 中提供会话的 CSRF 令牌' }, 403);
  return c.html(errorPage(c, 403, message), 403);
};

/** Only a path on this site: "/reviews?x=1" yes; "//evil.example", "https://…", "/\\evil" no. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/logout')) return '/';
  return next;
}

function cookieSecurity(c: Context<AppEnv>) {
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', secure: c.var.deps.secureCookies === true };
}

async function loginCsrf(c: Context<AppEnv>): Promise<string> {
  const token = randomToken(24);
  await setSignedCookie(c, LOGIN_CSRF_COOKIE, token, c.var.deps.sessionSecret, { ...cookieSecurity(c), maxAge: LOGIN_CSRF_MAX_AGE_S });
  return token;
}

async function renderLogin(c: Context<AppEnv>, status: 200 | 401 | 403 | 429, props: { error?: string; name?: string; next?: string }): Promise<Response> {
  const csrf = await loginCsrf(c);
  const page = LoginPage({ csrf, ...props }) as unknown as string | Promise<string>;
  c.header('Cache-Control', 'no-store');
  return c.html(page, status);
}

const field = (body: Record<string, unknown>, name: string, max: number): string => {
  const v = body[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
};

/** GET /login, POST /login, POST /logout. */
export function authRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/login', async (c) => {
    const next = safeNext(c.req.query('next'));
    if (c.var.user && c.var.via === 'session') return c.redirect(next, 302);
    return renderLogin(c, 200, next === '/' ? {} : { next });
  });

  r.post('/login', async (c) => {
    const { store, sessionSecret } = c.var.deps;
    let body: Record<string, unknown> = {};
    try {
      body = await c.req.parseBody();
    } catch {
      body = {};
    }
    const name = field(body, 'name', 64).trim();
    const password = field(body, 'password', 1024);
    const next = safeNext(field(body, 'next', 2000));
    const keep = { ...(name ? { name } : {}), ...(next === '/' ? {} : { next }) };

    const expected = await getSignedCookie(c, sessionSecret, LOGIN_CSRF_COOKIE);
    const given = field(body, '_csrf', 200);
    if (typeof expected !== 'string' || !expected || !given || !safeEqual(given, expected)) {
      return renderLogin(c, 403, { ...keep, error: '登录页面已过期，请重新输入用户名和密码' });
    }
    if (!name || !password) return renderLogin(c, 401, { ...keep, error: '请输入用户名和密码' });

    const address = clientAddress(c);
    // the limit is taken atomically before the password is hashed (store/password-checks.ts)
    const check = await store.checkSignIn(name, password, address);
    if (check.outcome === 'limited') return renderLogin(c, 429, { ...keep, error: check.message });
    if (check.outcome === 'wrong') {
      const known = await store.findUserByName(name);
      if (known) await store.appendAudit({ userId: known.id, action: 'login.fail', target: `user:${known.name}`, detail: { address } });
      return renderLogin(c, 401, { ...keep, error: '用户名或密码错误' });
    }
    const user = check.user;
    const session = await store.createSession(user.id);
    await store.appendAudit({ userId: user.id, action: 'login', target: `user:${user.name}`, detail: { address } });
    await setSignedCookie(c, SESSION_COOKIE, session.token, sessionSecret, { ...cookieSecurity(c), expires: new Date(session.expiresAt) });
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/' });
    return c.redirect(next, 302);
  });

  r.post('/logout', verifyCsrf, async (c) => {
    const { store, sessionSecret } = c.var.deps;
    if (c.var.via === 'session' && c.var.user) {
      const token = await getSignedCookie(c, sessionSecret, SESSION_COOKIE);
      if (typeof token === 'string') await store.deleteSession(token);
      await store.appendAudit({ userId: c.var.user.id, action: 'logout', target: `user:${c.var.user.name}` });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 302);
  });

  return r;
}
