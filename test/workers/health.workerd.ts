/**
 * Inside workerd (@cloudflare/vitest-pool-workers, run by `npm test` through
 * vitest.workers.config.ts): the Worker's own fetch handler over a fresh local D1 — the first
 * request migrates it and makes the first admin, who signs in and reviews a pasted clause with
 * jieba-wasm and the bundled rules.
 */
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

const BASE = 'http://fahu.test';
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

describe('the Worker inside workerd', () => {
  it('migrates D1 on the first request and serves the login page in Chinese', async () => {
    expect((await SELF.fetch(`${BASE}/health`)).status).toBe(200);
    expect(await (await SELF.fetch(`${BASE}/login`)).text()).toContain('登录');
  });

  it('signs the first admin in and reviews a clause with the bundled rules', async () => {
    const form = await SELF.fetch(`${BASE}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const login = await SELF.fetch(`${BASE}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'pooladmin', password: 'pool-pass-123', _csrf: csrf }) });
    expect(login.status).toBe(302);
    const cookie = cookieOf(login);
    const page = await (await SELF.fetch(`${BASE}/`, { headers: { cookie } })).text();
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
    const res = await SELF.fetch(`${BASE}/api/review`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '外地企业在本区参与政府采购的，须在本区设立分支机构。' }),
    });
    expect(res.status).toBe(200);
    const review = (await res.json()) as { findings: { category: string; quote: string }[] };
    expect(review.findings.length).toBeGreaterThan(0);
    expect(review.findings.map((f) => f.quote).join('')).toMatch(/设立分支机构|外地企业/);
  });
});
