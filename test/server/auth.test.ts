import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { LOGIN_WINDOW_MS, safeNext } from '../../src/server/auth.js';
import { sampleReview } from '../store/helpers.js';
import {
  apiToken, asBrowser, bearer, JSON_TYPE, loginForm, postLogin, SECRET, setCookies, signIn, testApp, type TestApp,
} from './helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

/** Every route the app defines, with its parameters filled in. */
function definedRoutes(app: TestApp['app']): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
    .map((r) => ({ method: r.method, path: r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => (name === 'hash' ? '0'.repeat(64) : '1')) }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

const PUBLIC = (r: { method: string; path: string }) => r.path === '/health' || r.path === '/login' || r.path.startsWith('/assets/');

describe('every route needs a session or a token', () => {
  it('answers /health, the login page and the assets without one', async () => {
    expect((await t.app.request('/health')).status).toBe(200);
    const login = await t.app.request('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('登录');
  });

  it('refuses all other routes: 401 JSON under /api, a redirect to /login for pages', async () => {
    const routes = definedRoutes(t.app).filter((r) => !PUBLIC(r));
    const api = routes.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThanOrEqual(15);
    for (const r of routes) {
      const res = await t.app.request(r.path, { method: r.method, ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { headers: JSON_TYPE, body: '{}' }) });
      if (r.path.startsWith('/api/')) {
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
        const body = (await res.json()) as { code: string; message: string };
        expect(body.code).toBe('UNAUTHORIZED');
        expect(body.message).toMatch(/登录/);
      } else {
        expect(res.status, `${r.method} ${r.path}`).toBe(302);
        expect(res.headers.get('location'), `${r.method} ${r.path}`).toMatch(/^\/login/);
      }
    }
  });

  it('sends a page request back to where it was going after sign-in', async () => {
    const res = await t.app.request('/reviews?status=signed');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/reviews?status=signed')}`);
  });

  it('refuses a tampered, unknown or expired session cookie and an unknown token', async () => {
    const b = await signIn(t, 'liwei');
    expect((await t.app.request('/api/reviews', { headers: { cookie: b.cookie } })).status).toBe(200);
    const tampered = b.cookie.replace(/fahu_session=./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A'));
    expect((await t.app.request('/api/reviews', { headers: { cookie: tampered } })).status).toBe(401);
    expect((await t.app.request('/api/reviews', { headers: { cookie: 'fahu_session=abc' } })).status).toBe(401);
    expect((await t.app.request('/api/reviews', { headers: bearer('fahu_nonsense') })).status).toBe(401);
    expect((await t.app.request('/api/reviews', { headers: { authorization: 'Basic YWRtaW46eA==' } })).status).toBe(401);
    t.clock.t += 8 * 3600_000 + 1000;
    expect((await t.app.request('/api/reviews', { headers: { cookie: b.cookie } })).status).toBe(401);
  });
});

describe('signing in', () => {
  it('sets a signed HttpOnly SameSite session cookie and records the login', async () => {
    const res = await postLogin(t.app, await loginForm(t.app), 'liwei', 'reviewer-pass');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = setCookies(res).get('fahu_session');
    expect(cookie?.attributes).toMatch(/HttpOnly/i);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/i);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Secure/i);
    // the value is signed: token.signature
    expect(decodeURIComponent(cookie?.value ?? '')).toMatch(/^[\w-]+\.[A-Za-z0-9+/=]+$/);
    const audit = await t.store.listAudit(t.users.admin.id, { action: 'login' });
    expect(audit.items.map((a) => a.target)).toEqual(['user:liwei']);
  });

  it('marks cookies Secure behind HTTPS', async () => {
    const app = createApp({ store: t.store, sessionSecret: SECRET, secureCookies: true });
    const res = await postLogin(app, await loginForm(app), 'liwei', 'reviewer-pass');
    expect(setCookies(res).get('fahu_session')?.attributes).toMatch(/Secure/);
  });

  it('goes to `next` only when it is a path on this site', async () => {
    const form = await loginForm(t.app);
    const ok = await postLogin(t.app, form, 'liwei', 'reviewer-pass', '/reviews?page=2');
    expect(ok.headers.get('location')).toBe('/reviews?page=2');
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) expect(safeNext(evil)).toBe('/');
    const off = await postLogin(t.app, await loginForm(t.app), 'liwei', 'reviewer-pass', '//evil.example/x');
    expect(off.headers.get('location')).toBe('/');
  });

  it('says only “用户名或密码错误” for a wrong password or an unknown name, and sets no session', async () => {
    for (const [name, pw] of [['liwei', 'wrong-password'], ['nobody', 'reviewer-pass']] as const) {
      const res = await postLogin(t.app, await loginForm(t.app), name, pw);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('用户名或密码错误');
      expect(setCookies(res).has('fahu_session')).toBe(false);
    }
  });

  it('refuses a login post without the login form’s CSRF cookie or with a wrong token', async () => {
    const form = await loginForm(t.app);
    const noCookie = await postLogin(t.app, { cookie: '', csrf: form.csrf }, 'liwei', 'reviewer-pass');
    expect(noCookie.status).toBe(403);
    expect(setCookies(noCookie).has('fahu_session')).toBe(false);
    const wrong = await postLogin(t.app, { cookie: form.cookie, csrf: 'not-the-token' }, 'liwei', 'reviewer-pass');
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('登录页面已过期');
  });

  it('locks a name out after 5 failures, even for the right password, until the window has passed', async () => {
    for (let i = 0; i < 5; i++) expect((await postLogin(t.app, await loginForm(t.app), 'liwei', `wrong-${i}-password`)).status).toBe(401);
    const locked = await postLogin(t.app, await loginForm(t.app), 'liwei', 'reviewer-pass');
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('登录失败次数过多');
    expect(setCookies(locked).has('fahu_session')).toBe(false);
    // another account is not locked
    expect((await postLogin(t.app, await loginForm(t.app), 'wangfang', 'chief-pass-1')).status).toBe(302);
    t.clock.t += LOGIN_WINDOW_MS - 60_000;
    expect((await postLogin(t.app, await loginForm(t.app), 'liwei', 'reviewer-pass')).status).toBe(429);
    t.clock.t += 61_000;
    expect((await postLogin(t.app, await loginForm(t.app), 'liwei', 'reviewer-pass')).status).toBe(302);
    const failures = await t.store.listAudit(t.users.admin.id, { action: 'login.fail' });
    expect(failures.total).toBe(5);
  });

  it('counts failures per forwarded address only behind a trusted proxy', async () => {
    const fromProxy = (app: TestApp['app'], address: string, password: string) =>
      loginForm(app).then((form) =>
        app.request('/login', {
          method: 'POST',
          headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `${address}, 10.0.0.1` },
          body: new URLSearchParams({ name: 'liwei', password, _csrf: form.csrf }),
        }),
      );
    // not trusted: the header is ignored, so a second machine is locked out with the first
    for (let i = 0; i < 5; i++) expect((await fromProxy(t.app, '192.168.1.10', `wrong-${i}-password`)).status).toBe(401);
    expect((await fromProxy(t.app, '192.168.1.11', 'reviewer-pass')).status).toBe(429);

    const behindProxy = await testApp({ trustProxy: true });
    try {
      for (let i = 0; i < 5; i++) expect((await fromProxy(behindProxy.app, '192.168.1.10', `wrong-${i}-password`)).status).toBe(401);
      expect((await fromProxy(behindProxy.app, '192.168.1.10', 'reviewer-pass')).status).toBe(429);
      expect((await fromProxy(behindProxy.app, '192.168.1.11', 'reviewer-pass')).status).toBe(302);
    } finally {
      behindProxy.close();
    }
  });

  it('redirects a signed-in user away from the login page', async () => {
    const b = await signIn(t, 'liwei');
    const res = await t.app.request('/login?next=/reviews', { headers: { cookie: b.cookie } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/reviews');
  });

  it('logs out with the CSRF token only, ending the session', async () => {
    const b = await signIn(t, 'liwei');
    const forged = await t.app.request('/logout', { method: 'POST', headers: { cookie: b.cookie } });
    expect(forged.status).toBe(403);
    expect((await t.app.request('/api/reviews', { headers: { cookie: b.cookie } })).status).toBe(200);
    const res = await t.app.request('/logout', {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: b.csrf }),
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login');
    expect(setCookies(res).get('fahu_session')?.attributes).toMatch(/Max-Age=0/i);
    expect(await t.store.getSession(b.token)).toBeNull();
    expect((await t.app.request('/api/reviews', { headers: { cookie: b.cookie } })).status).toBe(401);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'logout' })).total).toBe(1);
  });
});

describe('CSRF on writes made with the session cookie', () => {
  const text = JSON.stringify({ text: '关于某事的通知\n一、总体要求\n（一）加强领导。' });

  it('refuses a missing or wrong token with 403 and accepts the right one', async () => {
    const b = await signIn(t, 'liwei');
    const missing = await t.app.request('/api/reviews', { method: 'POST', headers: { cookie: b.cookie, ...JSON_TYPE }, body: text });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ code: 'CSRF', message: expect.stringContaining('CSRF') });
    const wrong = await t.app.request('/api/reviews', { method: 'POST', headers: { cookie: b.cookie, 'x-csrf-token': 'x'.repeat(43), ...JSON_TYPE }, body: text });
    expect(wrong.status).toBe(403);
    const other = await signIn(t, 'wangfang');
    const someoneElses = await t.app.request('/api/reviews', { method: 'POST', headers: { cookie: b.cookie, 'x-csrf-token': other.csrf, ...JSON_TYPE }, body: text });
    expect(someoneElses.status).toBe(403);
    expect((await t.store.listReviews()).total).toBe(0);
    const right = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(b, JSON_TYPE), body: text });
    expect(right.status).toBe(201);
  });

  it('accepts the token as form field _csrf too', async () => {
    const b = await signIn(t, 'liwei');
    const form = new FormData();
    form.append('file', new File([new TextEncoder().encode('关于某事的通知\n第一条 为了规范管理，制定本办法。')], '办法.txt'));
    const without = await t.app.request('/api/reviews', { method: 'POST', headers: { cookie: b.cookie }, body: form });
    expect(without.status).toBe(403);
    form.append('_csrf', b.csrf);
    expect((await t.app.request('/api/reviews', { method: 'POST', headers: { cookie: b.cookie }, body: form })).status).toBe(201);
  });

  it('does not apply to reads or to API tokens', async () => {
    const b = await signIn(t, 'liwei');
    expect((await t.app.request('/api/reviews', { headers: { cookie: b.cookie } })).status).toBe(200);
    const token = await apiToken(t, t.users.reviewer.id);
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: bearer(token, JSON_TYPE), body: text });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { createdBy: number }).createdBy).toBe(t.users.reviewer.id);
  });

  it('judges a request that carries a token by the token alone', async () => {
    const b = await signIn(t, 'liwei');
    const res = await t.app.request('/api/reviews', { headers: { cookie: b.cookie, authorization: 'Bearer fahu_revoked' } });
    expect(res.status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are made by their owner, work for scripts, stop when revoked or when the user is disabled', async () => {
    const b = await signIn(t, 'liwei');
    const made = await t.app.request('/api/tokens', { method: 'POST', headers: asBrowser(b, JSON_TYPE), body: JSON.stringify({ name: '命令行' }) });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: number; token: string };
    expect(token).toMatch(/^fahu_/);
    const me = await t.app.request('/api/me', { headers: bearer(token) });
    expect(await me.json()).toMatchObject({ user: { name: 'liwei', role: 'reviewer' }, via: 'token' });
    const list = (await (await t.app.request('/api/tokens', { headers: bearer(token) })).json()) as { items: { name: string }[] };
    expect(list.items.map((x) => x.name)).toEqual(['命令行']);
    expect(JSON.stringify(list)).not.toContain(token);

    const other = await apiToken(t, t.users.reviewer.id);
    expect((await t.app.request(`/api/tokens/${id}`, { method: 'DELETE', headers: bearer(other) })).status).toBe(204);
    expect((await t.app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
    expect((await t.app.request('/api/me', { headers: bearer(other) })).status).toBe(200);
    // disabling the account revokes its tokens for good (enabling it again does not revive them)
    await t.store.setDisabled(t.users.reviewer.id, true, t.users.admin.id);
    expect((await t.app.request('/api/me', { headers: bearer(other) })).status).toBe(401);
    await t.store.setDisabled(t.users.reviewer.id, false, t.users.admin.id);
    expect((await t.app.request('/api/me', { headers: bearer(other) })).status).toBe(401);
  });

  it('cannot be made without a purpose', async () => {
    const token = await apiToken(t, t.users.reviewer.id);
    const res = await t.app.request('/api/tokens', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ name: ' ' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('请填写令牌用途');
  });
});

describe('each role’s limits', () => {
  async function reviewId(): Promise<string> {
    return (await t.store.createReview(sampleReview(), { department: '区市场监管局' }, t.users.reviewer.id)).id;
  }

  it('科员 (reviewer) reviews but cannot sign off, read the audit log or manage users', async () => {
    const token = await apiToken(t, t.users.reviewer.id);
    const id = await reviewId();
    expect((await t.app.request(`/api/reviews/${id}`, { headers: bearer(token) })).status).toBe(200);
    const confirm = await t.app.request(`/api/reviews/${id}/findings/f1`, { method: 'PATCH', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    expect(confirm.status).toBe(200);
    const sign = await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: bearer(token) });
    expect(sign.status).toBe(403);
    expect(await sign.json()).toMatchObject({ code: 'FORBIDDEN', message: '只有科长可以进行此操作' });
    expect((await t.app.request('/api/audit', { headers: bearer(token) })).status).toBe(403);
    expect((await t.app.request('/api/users', { headers: bearer(token) })).status).toBe(403);
    const create = await t.app.request('/api/users', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ name: 'x1', password: 'password-1' }) });
    expect(create.status).toBe(403);
    const promote = await t.app.request(`/api/users/${t.users.reviewer.id}`, { method: 'PATCH', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ role: 'admin' }) });
    expect(promote.status).toBe(403);
    expect((await t.store.getUser(t.users.reviewer.id))?.role).toBe('reviewer');
    expect((await t.store.getReviewRecord(id))?.status).toBe('reviewing');
  });

  it('科长 (chief) signs off but cannot read the audit log or manage users', async () => {
    const token = await apiToken(t, t.users.chief.id);
    const id = await reviewId();
    for (const f of ['f1', 'f2']) await t.store.updateFinding(id, f, { action: 'confirm' }, t.users.reviewer.id);
    await t.store.setConclusion(id, { conclusion: '修改后可以出台' }, t.users.reviewer.id);
    const sign = await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: bearer(token) });
    expect(sign.status).toBe(200);
    expect(await sign.json()).toMatchObject({ status: 'signed', signedBy: t.users.chief.id, signedByName: '王芳' });
    expect((await t.app.request('/api/audit', { headers: bearer(token) })).status).toBe(403);
    expect((await t.app.request('/api/users', { headers: bearer(token) })).status).toBe(403);
  });

  it('管理员 (admin) manages users and reads the audit log, but does not sign off', async () => {
    const token = await apiToken(t, t.users.admin.id);
    const created = await t.app.request('/api/users', {
      method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ name: 'zhaolei', displayName: '赵磊', role: 'chief', password: 'zhaolei-pass' }),
    });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: number; role: string };
    expect(user.role).toBe('chief');
    expect(JSON.stringify(user)).not.toMatch(/password|hash/i);
    const dup = await t.app.request('/api/users', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ name: 'zhaolei', password: 'zhaolei-pass' }) });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ code: 'CONFLICT', message: '用户名 zhaolei 已存在' });
    const short = await t.app.request('/api/users', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ name: 'a2', password: 'short' }) });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toContain('密码至少');

    const disabled = await t.app.request(`/api/users/${user.id}`, { method: 'PATCH', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ disabled: true, role: 'reviewer' }) });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ disabled: true, role: 'reviewer' });
    const lastAdmin = await t.app.request(`/api/users/${t.users.admin.id}`, { method: 'PATCH', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ role: 'chief' }) });
    expect(lastAdmin.status).toBe(409);

    const users = (await (await t.app.request('/api/users', { headers: bearer(token) })).json()) as { items: { name: string }[] };
    expect(users.items.map((u) => u.name).sort()).toEqual(['admin', 'liwei', 'wangfang', 'zhaolei']);
    const audit = (await (await t.app.request('/api/audit', { headers: bearer(token) })).json()) as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.role', 'user.disable', 'token.create']));

    const id = await reviewId();
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: bearer(token) })).status).toBe(403);
  });
});
