/**
 * 作废 through the API and the pages: a voided review or desk request is kept (audited, its
 * reason shown), hidden from lists and statistics until a filter asks for it, takes no further
 * writes whoever calls; only its creator, the chief or an admin may void it; the admin's purge
 * removes only records voided at least N days ago and only with the typed phrase.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskStore } from '../../src/desk/desk-store.js';
import { DRAFT } from '../store/helpers.js';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, type Browser, type TestApp } from './helpers.js';

let t: TestApp;
let reviewer: Browser;
let chief: Browser;
let admin: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  [reviewer, chief, admin] = [await signIn(t, 'liwei'), await signIn(t, 'wangfang'), await signIn(t, 'admin')];
});
afterEach(() => t.close());

const FLAGGED = DRAFT.replace('（二）支持企业参加展会，限本地企业报名。', '（二）支持企业参加展会，限本地企业报名。\n（三）零售网点必须与区内指定的配送企业签订供货协议。');

async function createByText(b: Browser, text: string, department = '区市场监管局'): Promise<string> {
  const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(b, JSON_TYPE), body: JSON.stringify({ text, department }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const post = (b: Browser, url: string, body: unknown) => t.app.request(url, { method: 'POST', headers: asBrowser(b, JSON_TYPE), body: JSON.stringify(body) });
const form = (b: Browser, url: string, fields: Record<string, string>) =>
  t.app.request(url, { method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: b.csrf, ...fields }) });
const listIds = async (b: Browser, query = '') => ((await (await t.app.request(`/api/reviews${query}`, { headers: { cookie: b.cookie } })).json()) as { items: { id: string }[] }).items.map((r) => r.id);

describe('作废 of a review record', () => {
  it('needs a reason, hides the record from the list (a filter shows it), keeps it and audits it', async () => {
    const keep = await createByText(reviewer, FLAGGED);
    const test = await createByText(reviewer, `${FLAGGED}\n测试`);

    const noReason = await post(reviewer, `/api/reviews/${test}/void`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toContain('作废须填写理由');

    const res = await post(reviewer, `/api/reviews/${test}/void`, { reason: '测试数据' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: test, voidReason: '测试数据', voidedByName: '李伟' });

    expect(await listIds(reviewer)).toEqual([keep]);
    expect(await listIds(reviewer, '?voided=only')).toEqual([test]);
    expect((await listIds(reviewer, '?voided=all')).sort()).toEqual([keep, test].sort());
    // kept: the record and its findings are still there
    expect((await t.app.request(`/api/reviews/${test}`, { headers: { cookie: reviewer.cookie } })).status).toBe(200);
    const audit = await t.store.listAudit(t.users.admin.id, { action: 'review.void' });
    expect(audit.items.map((a) => [a.target, a.detail['reason']])).toEqual([[`review:${test}`, '测试数据']]);

    const again = await post(reviewer, `/api/reviews/${test}/void`, { reason: '再来' });
    expect(again.status).toBe(409);
  });

  it('a voided record takes no finding change, hand finding or sign-off, whoever calls', async () => {
    const id = await createByText(reviewer, FLAGGED);
    const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).json()) as { findings: { id: string }[] };
    for (const f of detail.findings) await t.store.updateFinding(id, f.id, { action: 'confirm' }, t.users.reviewer.id);
    await t.store.setConclusion(id, { conclusion: '修改后可以出台' }, t.users.reviewer.id);
    await t.store.voidReview(id, { reason: '重复上传' }, t.users.reviewer.id);

    const patch = await t.app.request(`/api/reviews/${id}/findings/${detail.findings[0]!.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'reopen' }) });
    expect(patch.status).toBe(409);
    expect(((await patch.json()) as { message: string }).message).toContain('已作废');
    await expect(t.store.addHandFinding(id, { start: 0, end: 4, category: '限制市场准入和退出', title: '手工' }, t.users.reviewer.id)).rejects.toThrow(/已作废/);
    const sign = await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) });
    expect(sign.status).toBe(409);
    expect((await t.store.getReviewRecord(id))?.status).not.toBe('signed');

    // 撤销作废 brings it back, and then it can be signed
    expect((await post(reviewer, `/api/reviews/${id}/restore`, {})).status).toBe(200);
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'review.restore' })).total).toBe(1);
  });

  it('only the creator (unsigned), the chief or an admin may void', async () => {
    const other = await t.store.createUser({ name: 'zhao', displayName: '赵六', role: 'reviewer', password: 'zhao-pass-123' }, t.users.admin.id);
    const id = await createByText(reviewer, FLAGGED);
    await expect(t.store.voidReview(id, { reason: '不是我的' }, other.id)).rejects.toThrow(/只有建立该记录的人员/);
    expect((await post(chief, `/api/reviews/${id}/void`, { reason: '科长作废' })).status).toBe(200);
  });

  it('on the pages: the report offers 作废 with a reason, then shows the banner; the history hides it unless filtered', async () => {
    const id = await createByText(reviewer, FLAGGED);
    const report = await (await t.app.request(`/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(report).toContain('id="void-form"');

    const refused = await form(reviewer, `/reviews/${id}/void`, { reason: '' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('作废须填写理由');

    const res = await form(reviewer, `/reviews/${id}/void`, { reason: '测试上传' });
    expect(res.status).toBe(303);
    const after = await (await t.app.request(`/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(after).toContain('id="voided-banner"');
    expect(after).toContain('理由：测试上传');
    expect(after).not.toContain('id="void-form"');

    const history = await (await t.app.request('/reviews', { headers: { cookie: reviewer.cookie } })).text();
    expect(history).not.toContain(`data-review-id="${id}"`);
    const filtered = await (await t.app.request('/reviews?voided=only', { headers: { cookie: reviewer.cookie } })).text();
    expect(filtered).toContain(`data-review-id="${id}"`);
    expect(filtered).toContain('已作废');
    const upload = await (await t.app.request('/', { headers: { cookie: reviewer.cookie } })).text();
    expect(upload).not.toContain(`/reviews/${id}"`);
  });
});

describe('the period report and 作废', () => {
  it('counts a signed review’s confirmed findings, and drops them when it is voided (API and page)', async () => {
    const id = await createByText(reviewer, FLAGGED);
    const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).json()) as { findings: { id: string }[] };
    for (const f of detail.findings) await t.store.updateFinding(id, f.id, { action: 'confirm' }, t.users.reviewer.id);
    await t.store.setConclusion(id, { conclusion: '修改后可以出台' }, t.users.reviewer.id);
    await createByText(reviewer, `${FLAGGED}\n未处理的预审`); // pending: raw figures only
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);
    const report = async () => (await (await t.app.request('/api/desk/reports', { headers: { cookie: chief.cookie } })).json()) as { reviews: number; confirmedFindings: number; precheck: { reviews: number } };
    const before = await report();
    expect(before).toMatchObject({ reviews: 1, confirmedFindings: detail.findings.length, precheck: { reviews: 2 } });
    const html = await (await t.app.request('/reports', { headers: { cookie: chief.cookie } })).text();
    expect(html).toContain(`确认问题 <strong>${detail.findings.length}</strong> 个`);
    expect(html).toContain('机器初筛参考数（未经人工确认）：预审记录 2 件');

    expect((await form(chief, `/reviews/${id}/void`, { reason: '误签，重新审查' })).status).toBe(303);
    expect(await report()).toMatchObject({ reviews: 0, confirmedFindings: 0, precheck: { reviews: 1 } });
  });
});

describe('作废 of a desk request', () => {
  it('hides it from the desk and the period report, refuses further steps, and shows with the filter', async () => {
    const desk = new DeskStore(t.store);
    const keep = await desk.createRequest({ department: '区教育局', title: '保留件', reviewType: 'legality' }, t.users.reviewer.id);
    const test = await desk.createRequest({ department: '区测试局', title: '测试件', reviewType: 'legality' }, t.users.reviewer.id);
    const before = (await (await t.app.request('/api/desk/reports', { headers: { cookie: chief.cookie } })).json()) as { received: number };

    const res = await post(reviewer, `/api/desk/requests/${test.id}/void`, { reason: '登记错误' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: test.id, voidReason: '登记错误' });

    const list = (await (await t.app.request('/api/desk/requests?scope=all', { headers: { cookie: reviewer.cookie } })).json()) as { items: { id: number }[] };
    expect(list.items.map((r) => r.id)).toEqual([keep.id]);
    const only = (await (await t.app.request('/api/desk/requests?scope=all&voided=only', { headers: { cookie: reviewer.cookie } })).json()) as { items: { id: number }[] };
    expect(only.items.map((r) => r.id)).toEqual([test.id]);
    expect(await desk.departments()).toEqual(['区教育局']);
    const after = (await (await t.app.request('/api/desk/reports', { headers: { cookie: chief.cookie } })).json()) as { received: number };
    expect(after.received).toBe(before.received - 1);

    const step = await post(reviewer, `/api/desk/requests/${test.id}/steps`, { action: 'start' });
    expect(step.status).toBe(409);
    expect(((await step.json()) as { message: string }).message).toContain('已作废');
    await expect(desk.createMeeting({ heldOn: desk.today(), title: '会审', requestIds: [test.id] }, null)).rejects.toThrow(/已作废/);

    const page = await (await t.app.request(`/desk/requests/${test.id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(page).toContain('理由：登记错误');
    const deskPage = await (await t.app.request('/desk?scope=all', { headers: { cookie: reviewer.cookie } })).text();
    expect(deskPage).not.toContain(`data-request-id="${test.id}"`);
    expect(await (await t.app.request('/desk?scope=all&voided=only', { headers: { cookie: reviewer.cookie } })).text()).toContain(`data-request-id="${test.id}"`);

    const restored = await form(reviewer, `/desk/requests/${test.id}/restore`, {});
    expect(restored.status).toBe(303);
    expect((await desk.requireRequest(test.id)).voidedAt).toBeNull();
  });
});

describe('the admin purge of voided test data', () => {
  it('needs the typed phrase, takes only what was voided at least N days ago, and audits what it removed', async () => {
    const old = await createByText(reviewer, FLAGGED);
    const recent = await createByText(reviewer, `${FLAGGED}\n二`);
    const live = await createByText(reviewer, `${FLAGGED}\n三`);
    await t.store.voidReview(old, { reason: '测试' }, t.users.reviewer.id);
    t.clock.t += 40 * 86_400_000;
    await t.store.voidReview(recent, { reason: '测试' }, t.users.reviewer.id);
    [admin, chief] = [await signIn(t, 'admin'), await signIn(t, 'wangfang')]; // the sessions of 40 days ago have expired

    const noPhrase = await post(admin, '/api/admin/purge', { olderThanDays: 30, confirm: '删除' });
    expect(noPhrase.status).toBe(400);
    expect(((await noPhrase.json()) as { message: string }).message).toContain('永久删除');
    expect((await post(chief, '/api/admin/purge', { olderThanDays: 30, confirm: '永久删除' })).status).toBe(403);

    const res = await post(admin, '/api/admin/purge', { olderThanDays: 30, confirm: '永久删除' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ reviews: 1, requests: 0 });
    expect(await t.store.getReviewRecord(old)).toBeNull();
    expect(await t.store.getReviewRecord(recent)).not.toBeNull();
    expect(await t.store.getReviewRecord(live)).not.toBeNull();
    const audit = await t.store.listAudit(t.users.admin.id, { action: 'admin.purge' });
    expect(audit.items[0]?.detail['reviews']).toEqual([old]);

    // the page: refuses without the phrase, in Chinese
    const page = await form(admin, '/admin/purge', { olderThanDays: '1', confirm: '' });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('请输入“永久删除”以确认');
    const done = await form(admin, '/admin/purge', { olderThanDays: '1', confirm: '永久删除' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('审查记录 0 件');
  });
});

describe('作废 of a 集中会审', () => {
  it('hides the meeting from the list, refuses outcomes, shows the reason, and comes back with 撤销作废', async () => {
    const desk = new DeskStore(t.store);
    const r = await desk.createRequest({ department: '区发改局', title: '会审件', reviewType: 'both' }, t.users.reviewer.id);
    const m = await desk.createMeeting({ heldOn: desk.today(), title: '误建的会审', requestIds: [r.id] }, t.users.reviewer.id);

    expect((await post(reviewer, `/api/desk/meetings/${m.id}/void`, { reason: '' })).status).toBe(400);
    expect((await form(reviewer, `/meetings/${m.id}/void`, { reason: '误建' })).status).toBe(303);
    const list = (await (await t.app.request('/api/desk/meetings', { headers: { cookie: reviewer.cookie } })).json()) as { items: { id: number }[] };
    expect(list.items).toEqual([]);
    const outcome = await post(reviewer, `/api/desk/meetings/${m.id}/outcomes`, { requestId: r.id, outcome: 'pass', note: '' });
    expect(outcome.status).toBe(409);
    const html = await (await t.app.request(`/meetings/${m.id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(html).toContain('理由：误建');
    expect(html).toContain('李伟');
    expect((await t.store.listAudit(t.users.admin.id, { action: 'desk.meeting.void' })).total).toBe(1);

    expect((await post(reviewer, `/api/desk/meetings/${m.id}/restore`, {})).status).toBe(200);
    expect((await post(reviewer, `/api/desk/meetings/${m.id}/outcomes`, { requestId: r.id, outcome: 'pass', note: '' })).status).toBe(200);
  });
});
