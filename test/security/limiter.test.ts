/** The client address and the password-check limits: forged headers, concurrency, 我的账号. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../../src/store/password-checks.js';
import { loginForm, PASSWORDS, signIn, testApp, type TestApp } from '../server/helpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

async function login(app: TestApp['app'], password: string, headers: Record<string, string> = {}): Promise<Response> {
  const form = await loginForm(app);
  return app.request('/login', {
    method: 'POST',
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ name: 'liwei', password, _csrf: form.csrf }),
  });
}

describe('the login limit', () => {
  it('lets exactly 5 of 60 concurrent wrong guesses be checked; the rest are refused before hashing', async () => {
    const forms = await Promise.all(Array.from({ length: 60 }, () => loginForm(t.app)));
    const results = await Promise.all(
      forms.map((form, i) =>
        t.app.request('/login', {
          method: 'POST',
          headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ name: 'liwei', password: `wrong-guess-${i}`, _csrf: form.csrf }),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_MAX_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - LOGIN_MAX_FAILURES);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'login.fail' })).total).toBe(LOGIN_MAX_FAILURES);
    // the right password is refused too, until the window has passed
    expect((await login(t.app, PASSWORDS.liwei)).status).toBe(429);
    t.clock.t += LOGIN_WINDOW_MS + 1000;
    expect((await login(t.app, PASSWORDS.liwei)).status).toBe(302);
  });

  it('ignores CF-Connecting-IP and X-Forwarded-For on Node, and logs the real address', async () => {
    for (let i = 0; i < 40; i++) {
      const res = await login(t.app, `guess-${i}-password`, { 'cf-connecting-ip': `203.0.113.${i}`, 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.status).toBe(i < LOGIN_MAX_FAILURES ? 401 : 429);
    }
    const failures = await t.store.listAudit(t.users.admin.id, { action: 'login.fail' });
    expect(failures.total).toBe(LOGIN_MAX_FAILURES);
    for (const f of failures.items) expect(JSON.stringify(f.detail)).not.toMatch(/203\.0\.113|198\.51\.100/);
  });

  it('uses CF-Connecting-IP on Workers (one address does not lock out another)', async () => {
    const workers = await testApp({ addressSource: 'cloudflare' });
    try {
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login(workers.app, `guess-${i}-password`, { 'cf-connecting-ip': '203.0.113.7' })).status).toBe(401);
      expect((await login(workers.app, PASSWORDS.liwei, { 'cf-connecting-ip': '203.0.113.7' })).status).toBe(429);
      expect((await login(workers.app, PASSWORDS.liwei, { 'cf-connecting-ip': '203.0.113.8' })).status).toBe(302);
      // X-Forwarded-For means nothing there
      expect((await login(workers.app, PASSWORDS.liwei, { 'cf-connecting-ip': '203.0.113.7', 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    } finally {
      workers.close();
    }
  });

  it('a right password clears the name’s count but not the address’s', async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++) expect((await login(t.app, `guess-${i}-password`)).status).toBe(401);
    expect((await login(t.app, PASSWORDS.liwei)).status).toBe(302);
    t.clock.t += 1000;
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) expect((await login(t.app, `again-${i}-password`)).status).toBe(401);
    expect((await login(t.app, PASSWORDS.liwei)).status).toBe(429);
  });
});

describe('the current-password check on 我的账号', () => {
  const change = (t: TestApp, b: Awaited<ReturnType<typeof signIn>>, current: string, password = 'Another-long-pass-7') =>
    t.app.request('/account/password', {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: b.csrf, current, password, password2: password }),
    });

  it('is limited to 5 wrong tries per account, concurrent or not', async () => {
    const b = await signIn(t, 'liwei');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => change(t, b, `not-it-${i}-password`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const locked = await change(t, b, PASSWORDS.liwei);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('当前密码输错次数过多');
    t.clock.t += LOGIN_WINDOW_MS + 1000;
    expect((await change(t, b, PASSWORDS.liwei)).status).toBe(303);
  });
});
