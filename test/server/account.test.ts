/** 账号: one's own password and API tokens, from the page; the token then works on the API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, loginForm, PASSWORDS, postLogin, setCookies, signIn, testApp, type Browser, type TestApp } from './helpers.js';

let t: TestApp;
let me: Browser;
beforeEach(async () => {
  t = await testApp();
  me = await signIn(t, 'liwei');
});
afterEach(() => t.close());

const post = (path: string, b: Browser, fields: Record<string, string>) =>
  t.app.request(path, { method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: b.csrf, ...fields }) });

describe('the account page', () => {
  it('needs a session, and links from every page header', async () => {
    expect((await t.app.request('/account')).status).toBe(302);
    const home = await (await t.app.request('/', { headers: { cookie: me.cookie } })).text();
    expect(home).toContain('href="/account"');
    const page = await (await t.app.request('/account', { headers: { cookie: me.cookie } })).text();
    expect(page).toContain('修改密码');
    expect(page).toContain('还没有访问令牌');
  });

  it('makes a token shown once, which then works as Bearer on the API, and revokes it', async () => {
    const made = await post('/account/tokens', me, { name: '部门对接脚本' });
    expect(made.status).toBe(201);
    const html = await made.text();
    const token = /<code id="new-token-value">(fahu_[^<]+)<\/code>/.exec(html)?.[1];
    expect(token).toBeDefined();
    // the example names the address this server was reached at, not a fixed port
    expect(html).toContain('http://localhost/api/reviews');
    expect(html).not.toContain('8787');
    const res = await t.app.request('/api/me', { headers: bearer(token as string) });
    expect(((await res.json()) as { user: { name: string } }).user.name).toBe('liwei');

    const list = await (await t.app.request('/account', { headers: { cookie: me.cookie } })).text();
    expect(list).toContain('部门对接脚本');
    expect(list).not.toContain(token as string); // shown once only
    const id = /data-token-id="(\d+)"/.exec(list)?.[1];
    expect((await post(`/account/tokens/${id}/revoke`, me, {})).status).toBe(303);
    expect((await t.app.request('/api/me', { headers: bearer(token as string) })).status).toBe(401);
  });

  it('refuses a token without a name, and a token made without the CSRF field', async () => {
    const res = await post('/account/tokens', me, { name: '  ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请填写令牌用途');
    const forged = await t.app.request('/account/tokens', { method: 'POST', headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'x' }) });
    expect(forged.status).toBe(403);
    expect(await t.store.listApiTokens(t.users.reviewer.id)).toEqual([]);
  });

  it('changes the password after checking the current one; other sessions end, this one goes on', async () => {
    const other = await signIn(t, 'liwei');
    expect((await post('/account/password', me, { current: 'wrong-pass', password: 'new-pass-123', password2: 'new-pass-123' })).status).toBe(422);
    const mismatch = await post('/account/password', me, { current: PASSWORDS.liwei, password: 'new-pass-123', password2: 'new-pass-124' });
    expect(await mismatch.text()).toContain('两次输入的新密码不一致');
    const short = await post('/account/password', me, { current: PASSWORDS.liwei, password: 'short', password2: 'short' });
    expect(short.status).toBe(422);

    const ok = await post('/account/password', me, { current: PASSWORDS.liwei, password: 'new-pass-123', password2: 'new-pass-123' });
    expect(ok.status).toBe(303);
    const renewed = setCookies(ok).get('fahu_session');
    expect(renewed).toBeDefined();
    expect((await t.app.request('/account', { headers: { cookie: `fahu_session=${renewed!.value}` } })).status).toBe(200);
    expect((await t.app.request('/account', { headers: { cookie: other.cookie } })).status).toBe(302);

    expect((await postLogin(t.app, await loginForm(t.app), 'liwei', PASSWORDS.liwei)).status).toBe(401);
    expect((await postLogin(t.app, await loginForm(t.app), 'liwei', 'new-pass-123')).status).toBe(302);
  });
});
