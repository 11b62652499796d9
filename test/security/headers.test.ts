/** Security headers on every kind of response, and pages that the strict CSP does not break. */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { createApp } from '../../src/server/app.js';
import { SAMPLE } from '../decisions/helpers.js';
import { apiToken, bearer, ruleSet, SECRET, signIn, testApp, type TestApp } from '../server/helpers.js';

let t: TestApp;
beforeAll(async () => {
  const base = await testApp();
  const decisions = new DecisionStore(base.store.db);
  await decisions.upsertMany([SAMPLE]);
  const app = createApp({ store: base.store, sessionSecret: SECRET, ruleSet: ruleSet(), segmenter: jiebaSegmenter(), decisions: new DecisionSearch(decisions, jiebaSegmenter()) });
  t = { ...base, app };
});
afterAll(() => t.close());

export function expectSecurityHeaders(res: Response, what: string): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
}

describe('security headers', () => {
  it('are on pages, API answers, assets, errors, redirects and /health', async () => {
    const admin = await apiToken(t, t.users.admin.id);
    const b = await signIn(t, 'admin');
    const cases: [string, RequestInit?][] = [
      ['/health'],
      ['/login'],
      ['/'],
      ['/assets/app.js'],
      ['/assets/app.css'],
      ['/api/me'],
      ['/api/openapi.json'],
      ['/no-such-page'],
      ['/api/no-such-thing'],
      ['/api/users', { headers: bearer(admin) }],
      ['/', { headers: { cookie: b.cookie } }],
      ['/decisions', { headers: { cookie: b.cookie } }],
      ['/api/reviews', { method: 'POST', headers: { cookie: b.cookie } }],
    ];
    for (const [path, init] of cases) expectSecurityHeaders(await t.app.request(path, init), `${init?.method ?? 'GET'} ${path}`);
  });

  it('pages have no inline script, and every inline <style> is allowed by its hash', async () => {
    const b = await signIn(t, 'admin');
    let styles = 0;
    for (const path of ['/login', '/', '/reviews', '/decisions', '/decisions?q=童装', '/desk', '/cleanup', '/account', '/admin/users', '/rules']) {
      const res = await t.app.request(path, { headers: { cookie: b.cookie } });
      const html = await res.text();
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], `${path}: script without src`).toMatch(/\bsrc=/);
        expect(m[2]?.trim(), `${path}: inline script`).toBe('');
      }
      expect(html, path).not.toMatch(/\son[a-z]+=["']/i);
      expect(html, path).not.toMatch(/href=["']\s*javascript:/i);
      for (const m of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
        const hash = createHash('sha256').update(m[1] ?? '').digest('base64');
        expect(csp, `${path}: <style> not in the CSP`).toContain(`'sha256-${hash}'`);
        styles++;
      }
    }
    expect(styles).toBeGreaterThan(0);
  });
});
