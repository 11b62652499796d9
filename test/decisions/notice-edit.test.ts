/**
 * The published notice of a decision edited after import (authority, title, date, address): a
 * 科长 or administrator on the page /decisions/:id/notice (no script) or PUT /api/decisions/{id}/notice;
 * a 科员 is refused; a bad date or a non-http address is refused in Chinese and changes nothing;
 * the change is audited with the values before it; the decision page then cites the notice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { createApp } from '../../src/server/app.js';
import { asBrowser, JSON_TYPE, ruleSet, SECRET, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';
import { SAMPLE } from './helpers.js';

let t: TestApp;
let decisions: DecisionStore;
let id: number;
let reviewer: Browser;
let chief: Browser;
let admin: Browser;

beforeEach(async () => {
  const base = await testApp({ ruleSet: ruleSet() });
  decisions = new DecisionStore(base.store.db);
  t = { ...base, app: createApp({ store: base.store, sessionSecret: SECRET, ruleSet: ruleSet(), segmenter: jiebaSegmenter(), decisions: new DecisionSearch(decisions, jiebaSegmenter()) }) };
  // a published case imported with only a database path (as the seed has them)
  id = (await decisions.upsertMany([{ ...SAMPLE, key: 'test:bare', sourceKind: 'published', sourceRef: 'github:example/repo prisma/dev.db 表Case id=7' }])).ids[0]!;
  reviewer = await signIn(t, 'liwei');
  chief = await signIn(t, 'wangfang');
  admin = await signIn(t, 'admin');
});
afterEach(() => t.close());

const form = (b: Browser, fields: Record<string, string>) => ({
  method: 'POST',
  headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: b.csrf, ...fields }),
});
const html = async (b: Browser, path: string) => (await t.app.request(path, { headers: { cookie: b.cookie } })).text();
// a notice invented for the test (not a real publication)
const NOTICE = { noticeAuthority: '某某省市场监督管理局（测试）', noticeTitle: '关于某某问题的测试通报', noticeDate: '2026-05-01', noticeAddress: 'https://example.org/notice/1' };

describe('editing a decision’s published notice', () => {
  it('on the page: the chief fills the form, the decision page cites the notice, the audit log keeps the values before', async () => {
    let page = await html(chief, `/decisions/${id}`);
    expect(page).toContain('内部案例库');
    expect(page).not.toContain('exit-barrier-no-relocation'); // the rule by its title
    expect(page).toContain(`href="/decisions/${id}/notice"`);
    expect(await html(reviewer, `/decisions/${id}`)).not.toContain('修改通报信息');
    expect(await html(chief, `/decisions/${id}/notice`)).toContain('id="notice-form"');

    const res = await t.app.request(`/decisions/${id}/notice`, form(chief, NOTICE));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/decisions/${id}?notice=saved`);
    page = await html(chief, `/decisions/${id}?notice=saved`);
    expect(page).toContain('通报信息已保存');
    expect(page).toContain('公开案例：某某省市场监督管理局（测试） 《关于某某问题的测试通报》 （2026-05-01） https://example.org/notice/1');
    expect(page).toContain('href="https://example.org/notice/1"');
    expect(page).not.toContain('prisma/dev.db');
    expect(await decisions.get(id)).toMatchObject(NOTICE);

    const audit = (await t.store.listAudit(t.users.admin.id)).items.find((e) => e.action === 'decision.notice');
    expect(audit).toMatchObject({ target: `decision:${id}`, userId: t.users.chief.id });
    expect(audit?.detail).toMatchObject({ noticeTitle: '关于某某问题的测试通报', from: expect.stringContaining('通报标题：无') });
    expect(await html(admin, '/admin/audit')).toContain('修改审查案例的通报信息');
  });

  it('refuses a 科员, a bad date and a non-http address, in Chinese, changing nothing', async () => {
    expect((await t.app.request(`/decisions/${id}/notice`, { headers: { cookie: reviewer.cookie } })).status).toBe(403);
    expect((await t.app.request(`/decisions/${id}/notice`, form(reviewer, NOTICE))).status).toBe(403);
    const bad = await t.app.request(`/decisions/${id}/notice`, form(chief, { ...NOTICE, noticeDate: '2026-02-30' }));
    expect(bad.status).toBe(422);
    const text = await bad.text();
    expect(text).toContain('id="notice-error"');
    expect(text).toContain('关于某某问题的测试通报'); // the form keeps what was typed
    expect((await t.app.request(`/decisions/${id}/notice`, form(chief, { ...NOTICE, noticeAddress: 'javascript:alert(1)' }))).status).toBe(422);
    expect((await t.app.request('/decisions/999999/notice', { headers: { cookie: chief.cookie } })).status).toBe(404);
    expect(await decisions.get(id)).toMatchObject({ noticeAuthority: '', noticeTitle: '', noticeDate: null, noticeAddress: '' });
  });

  it('over the API: PUT sets all four fields (an empty one clears), 403 for a 科员, 400 for a bad field', async () => {
    const put = (b: Browser, body: unknown, target = id) => t.app.request(`/api/decisions/${target}/notice`, { method: 'PUT', headers: asBrowser(b, JSON_TYPE), body: JSON.stringify(body) });
    expect((await put(reviewer, NOTICE)).status).toBe(403);
    const ok = await put(admin, NOTICE);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, ...NOTICE });
    const cleared = await put(admin, { ...NOTICE, noticeAddress: '' });
    expect(((await cleared.json()) as { noticeAddress: string }).noticeAddress).toBe('');
    const bad = await put(admin, { ...NOTICE, clauseText: '改条款' });
    expect(bad.status).toBe(400);
    expect((await put(admin, NOTICE, 999999)).status).toBe(404);
    expect((await decisions.get(id))?.clauseText).toBe(SAMPLE.clauseText);
  });
});
