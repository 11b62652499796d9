/** Industry rule packs in the workbench: the admin's defaults, a reviewer's choice per upload, refusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from './helpers.js';

/**
 * A clause the tongzhuang pack flags (only one testing centre's reports accepted) and the core rules do not
 * (a clause sending goods to a named centre is now the core's designated-operator, folded with the pack's).
 */
const DRAFT = '关于促进童装产业发展的若干措施\n一、申报品牌奖励的，仅认可区服装检验所出具的检测报告。\n二、本措施自印发之日起施行，有效期三年。';

interface ReviewJson {
  findings: { rule: string }[];
  packs?: string[];
}

let t: TestApp;
let reviewer: Browser;
let admin: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  reviewer = await signIn(t, 'liwei');
  admin = await signIn(t, 'admin');
});
afterEach(() => t.close());

async function reviewText(body: Record<string, unknown>): Promise<Response> {
  return t.app.request('/api/review', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: DRAFT, ...body }) });
}

const packRules = (r: ReviewJson) => r.findings.filter((f) => f.rule.startsWith('tz-')).map((f) => f.rule);

describe('rule packs', () => {
  it('are listed with their title and rule count, none enabled on a new install', async () => {
    const res = await t.app.request('/api/rules', { headers: { cookie: reviewer.cookie } });
    const body = (await res.json()) as { packs: { name: string; title: string; ruleCount: number; enabled: boolean }[] };
    const tz = body.packs.find((p) => p.name === 'tongzhuang');
    expect(tz?.title).toBe('童装产业（织里）');
    expect(tz?.ruleCount).toBe(ruleSet().rules.filter((r) => r.pack === 'tongzhuang').length);
    expect(tz?.enabled).toBe(false);
  });

  it('run only when asked for, and the review says which ran', async () => {
    const plain = (await (await reviewText({})).json()) as ReviewJson;
    expect(packRules(plain)).toEqual([]);
    expect(plain.packs).toBeUndefined();

    const withPack = (await (await reviewText({ packs: ['tongzhuang'] })).json()) as ReviewJson;
    expect(packRules(withPack)).toContain('tz-designated-testing');
    expect(withPack.packs).toEqual(['tongzhuang']);
  });

  it('refuses an unknown pack in Chinese, naming the ones there are', async () => {
    const res = await reviewText({ packs: ['fuzhuang'] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID');
    expect(body.message).toContain('没有这个规则包：fuzhuang');
    expect(body.message).toContain('tongzhuang');
  });

  it('are enabled by default by the admin only; the change is audited and used by the next upload', async () => {
    const put = (who: Browser, enabled: string[]) =>
      t.app.request('/api/rules/packs', { method: 'PUT', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify({ enabled }) });
    expect((await put(reviewer, ['tongzhuang'])).status).toBe(403);
    expect((await put(admin, ['nope'])).status).toBe(400);
    const ok = await put(admin, ['tongzhuang']);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ enabled: ['tongzhuang'] });
    expect((await t.store.listAudit(t.users.admin.id, { action: 'setting.set' })).items.some((a) => a.target === 'setting:rules.packs')).toBe(true);

    // a stored review record now runs the pack without being asked …
    const created = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: DRAFT, department: '织里镇' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).json()) as { findings: { rule: string }[] };
    expect(detail.findings.map((f) => f.rule)).toContain('tz-designated-testing');
    // … and a reviewer may still untick it for one upload (an empty list means none)
    expect(packRules((await (await reviewText({ packs: [] })).json()) as ReviewJson)).toEqual([]);
  });

  it('follow the boxes ticked on the upload form, a lone empty field meaning none', async () => {
    const form = (packs: string[]) => {
      // the same text with other packs: 仍要重新预审 (again=1), not the duplicate offer
      const f = upload(new TextEncoder().encode(DRAFT), '童装措施.txt', { department: '织里镇', again: '1' });
      for (const p of packs) f.append('packs', p);
      return f;
    };
    const create = async (packs: string[]) => {
      const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: form(packs) });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const d = (await (await t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).json()) as { findings: { rule: string }[] };
      const html = await (await t.app.request(`/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).text();
      return { rules: d.findings.map((f) => f.rule).filter((r) => r.startsWith('tz-')), shown: /id="review-packs">([^<]*)</.exec(html)?.[1] };
    };
    const ticked = await create(['', 'tongzhuang']);
    expect(ticked.rules).toContain('tz-designated-testing');
    expect(ticked.shown).toBe('规则：通用规则 + 行业规则包 童装产业（织里）');
    const none = await create(['']);
    expect(none.rules).toEqual([]);
    expect(none.shown).toBe('规则：通用规则');
  });

  it('show on the rules page, with the save button for the admin only', async () => {
    const asReviewer = await (await t.app.request('/rules', { headers: { cookie: reviewer.cookie } })).text();
    expect(asReviewer).toContain('童装产业（织里）');
    expect(asReviewer).not.toContain('id="packs-save"');
    const asAdmin = await (await t.app.request('/rules', { headers: { cookie: admin.cookie } })).text();
    expect(asAdmin).toContain('id="packs-save"');

    const body = new URLSearchParams([['_csrf', admin.csrf], ['packs', 'tongzhuang']]);
    const saved = await t.app.request('/rules/packs', { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(saved.status).toBe(303);
    const after = await (await t.app.request('/', { headers: { cookie: reviewer.cookie } })).text();
    expect(after).toMatch(/<input type="checkbox" name="packs" value="tongzhuang" checked/);

    const forbidden = await t.app.request('/rules/packs', { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams([['_csrf', reviewer.csrf]]) });
    expect(forbidden.status).toBe(403);
  });
});
