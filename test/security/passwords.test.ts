/** The password policy and token revocation, through each face: the API, the pages and the CLI. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/node/open-store.js';
import { passwordProblem } from '../../src/store/password-policy.js';
import { apiToken, bearer, JSON_TYPE, PASSWORDS, signIn, testApp, type TestApp } from '../server/helpers.js';
import { fastHasher } from '../store/helpers.js';

const WEAK = ['        ', '          ', '12345678', '1234567890', 'password123', 'Admin@2024', 'qwertyuiop', '1qaz2wsx3edc', 'aaaaaaaaaa', 'woaini1314', 'zhaolei', 'zhaolei2026', '1990010112'];

describe('the password policy', () => {
  it('refuses blank, short, common, patterned passwords and the user name, and accepts ordinary good ones', () => {
    for (const p of WEAK) expect(passwordProblem(p, 'zhaolei'), p).not.toBeNull();
    for (const p of ['reviewer-pass', '法护审核二〇二六春天', 'Zq7#mv2Lp9', 'correct horse battery']) expect(passwordProblem(p, 'zhaolei'), p).toBeNull();
    expect(passwordProblem('12345678', 'x')).toContain('至少 10 个字符');
    expect(passwordProblem('          ', 'x')).toContain('空格');
    expect(passwordProblem('zhaolei-2026', 'ZhaoLei')).toContain('用户名');
  });
});

describe('through the API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('refuses weak passwords for a new user and a reset, in Chinese', async () => {
    const admin = await apiToken(t, t.users.admin.id);
    for (const password of WEAK) {
      const res = await t.app.request('/api/users', { method: 'POST', headers: bearer(admin, JSON_TYPE), body: JSON.stringify({ name: 'zhaolei', password }) });
      expect(res.status, password).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/密码/);
    }
    const res = await t.app.request(`/api/users/${t.users.reviewer.id}`, { method: 'PATCH', headers: bearer(admin, JSON_TYPE), body: JSON.stringify({ password: '1234567890' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('过于常见');
  });

  it('a password change revokes all of the user’s API tokens (and sessions)', async () => {
    const admin = await apiToken(t, t.users.admin.id);
    const mine = await apiToken(t, t.users.reviewer.id);
    const b = await signIn(t, 'liwei');
    expect((await t.app.request('/api/me', { headers: bearer(mine) })).status).toBe(200);
    const res = await t.app.request(`/api/users/${t.users.reviewer.id}`, { method: 'PATCH', headers: bearer(admin, JSON_TYPE), body: JSON.stringify({ password: 'a-fresh-passphrase' }) });
    expect(res.status).toBe(200);
    expect((await t.app.request('/api/me', { headers: bearer(mine) })).status).toBe(401);
    expect((await t.app.request('/api/me', { headers: { cookie: b.cookie } })).status).toBe(401);
    expect(await t.store.listApiTokens(t.users.reviewer.id)).toEqual([]);
    // the admin's own token still works
    expect((await t.app.request('/api/me', { headers: bearer(admin) })).status).toBe(200);
  });

  it('changing one’s own password on 我的账号 revokes one’s tokens and keeps this browser signed in', async () => {
    const mine = await apiToken(t, t.users.reviewer.id);
    const b = await signIn(t, 'liwei');
    const res = await t.app.request('/account/password', {
      method: 'POST',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: b.csrf, current: PASSWORDS.liwei, password: 'a-fresh-passphrase', password2: 'a-fresh-passphrase' }),
    });
    expect(res.status).toBe(303);
    expect((await t.app.request('/api/me', { headers: bearer(mine) })).status).toBe(401);
    // the renewed cookie of this browser still works, the old one does not
    const renewed = res.headers.getSetCookie().find((c) => c.startsWith('fahu_session='))?.split(';')[0];
    expect(renewed).toBeTruthy();
    expect((await t.app.request('/api/me', { headers: { cookie: renewed! } })).status).toBe(200);
    expect((await t.app.request('/api/me', { headers: { cookie: b.cookie } })).status).toBe(401);
  });
});

describe('作废全部访问令牌 on 我的账号', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  it('revokes every token of the signed-in user and no one else’s', async () => {
    const mine = [await apiToken(t, t.users.reviewer.id), await apiToken(t, t.users.reviewer.id)];
    const theirs = await apiToken(t, t.users.chief.id);
    const b = await signIn(t, 'liwei');
    const page = await (await t.app.request('/account', { headers: { cookie: b.cookie } })).text();
    expect(page).toContain('作废全部访问令牌');
    const res = await t.app.request('/account/tokens/revoke-all', { method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: b.csrf }) });
    expect(res.status).toBe(303);
    for (const token of mine) expect((await t.app.request('/api/me', { headers: bearer(token) })).status).toBe(401);
    expect((await t.app.request('/api/me', { headers: bearer(theirs) })).status).toBe(200);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'token.revoke-all' })).total).toBe(1);
  });
});

describe('through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-pw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fahu = (args: string[], input: string) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/store/cli-entry.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir }, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('refuses a common password and the user name; passwd revokes the user’s tokens', async () => {
    const common = fahu(['user', 'add', '--admin', 'zhangsan'], 'password123\n');
    expect(common.code).toBe(2);
    expect(common.err).toContain('过于常见');
    expect(fahu(['user', 'add', '--admin', 'zhangsan'], 'zhangsan2026\n').err).toContain('用户名');
    expect(fahu(['user', 'add', '--admin', 'zhangsan'], 'a-long-admin-passphrase\n').code).toBe(0);
    const opened = await openStore({ dir, hasher: fastHasher });
    const user = (await opened.store.findUserByName('zhangsan'))!;
    const { token } = await opened.store.createApiToken(user.id, '脚本', user.id);
    opened.close();
    const r = fahu(['user', 'passwd', 'zhangsan'], 'another-long-passphrase\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('访问令牌');
    const again = await openStore({ dir, hasher: fastHasher });
    try {
      expect(await again.store.verifyApiToken(token)).toBeNull();
    } finally {
      again.close();
    }
  }, 120_000);
});
