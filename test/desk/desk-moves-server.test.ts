/** The moving desk over the JSON API and the pages: kinds, 送审材料, 退回补正 notice, outcomes, 我的待办, kinds settings, .ics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskStore } from '../../src/desk/desk-store.js';
import { asBrowser, JSON_TYPE, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';

let t: TestApp;
let reviewer: Browser;
let chief: Browser;
let admin: Browser;
let desk: DeskStore;

beforeAll(async () => {
  t = await testApp();
  t.clock.t = Date.parse('2026-10-30T02:00:00Z');
  reviewer = await signIn(t, 'liwei');
  chief = await signIn(t, 'wangfang');
  admin = await signIn(t, 'admin');
  desk = new DeskStore(t.store, { now: () => new Date(t.clock.t) });
});
afterAll(() => t.close());

const form = (b: Browser, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ _csrf: b.csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return { method: 'POST', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body };
};
const api = (b: Browser, method: string, path: string, json?: unknown) => t.app.request(path, { method, headers: asBrowser(b, JSON_TYPE), ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
const html = async (b: Browser, path: string) => (await t.app.request(path, { headers: { cookie: b.cookie } })).text();

describe('the API', () => {
  it('creates a 重大行政决策, lists its materials, and 退回补正 answers with what is missing', async () => {
    const created = await api(reviewer, 'POST', '/api/desk/requests', { department: '区发改局', title: '城区停车收费调整（重大行政决策）', reviewType: 'legality', kind: 'major', receivedOn: '2026-10-20' });
    expect(created.status).toBe(201);
    const r = (await created.json()) as { id: number; kind: string };
    expect(r.kind).toBe('major');
    const bad = await api(reviewer, 'POST', '/api/desk/requests', { department: '区发改局', title: 'x', reviewType: 'legality', kind: 'decree' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('送审件类别只能是');

    const put = await api(reviewer, 'PUT', `/api/desk/requests/${r.id}/materials`, { received: ['公众参与', '专家论证'] });
    expect(((await put.json()) as { missing: string[] }).missing).toEqual(['风险评估', '合法性审查', '集体讨论决定']);
    const offList = await api(reviewer, 'PUT', `/api/desk/requests/${r.id}/materials`, { received: ['立项报告'] });
    expect(offList.status).toBe(400);
    expect(((await offList.json()) as { message: string }).message).toContain('不在重大行政决策的送审材料清单中');

    const started = (await (await api(chief, 'POST', `/api/desk/requests/${r.id}/steps`, { action: 'start' })).json()) as { assigneeId: number };
    expect(started.assigneeId).toBe(t.users.chief.id);
    const returned = (await (await api(reviewer, 'POST', `/api/desk/requests/${r.id}/steps`, { action: 'return' })).json()) as { status: string; missingMaterials: string[]; returnNotice: string };
    expect(returned).toMatchObject({ status: 'returned', missingMaterials: ['风险评估', '合法性审查', '集体讨论决定'], returnNotice: '需补正送审材料：风险评估、合法性审查、集体讨论决定' });
    const detail = (await (await t.app.request(`/api/desk/requests/${r.id}`, { headers: { cookie: reviewer.cookie } })).json()) as { materials: { received: string[] } };
    expect(detail.materials.received).toEqual(['公众参与', '专家论证']);
  });

  it('a meeting outcome contradicting its note is 400 in Chinese; a consistent one moves the request', async () => {
    const r = await desk.createRequest({ department: '区商务局', title: '会审推进件', reviewType: 'fair', kind: 'policy', receivedOn: '2026-10-12' }, null);
    const m = await desk.createMeeting({ heldOn: '2026-10-29', title: '集中会审', requestIds: [r.id] }, null);
    const refused = await api(chief, 'POST', `/api/desk/meetings/${m.id}/outcomes`, { requestId: r.id, outcome: 'pass', note: '不同意出台' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toContain('但会审意见写有“不同意”');
    const ok = (await (await api(chief, 'POST', `/api/desk/meetings/${m.id}/outcomes`, { requestId: r.id, outcome: 'amend', note: '删除第三条后印发' })).json()) as { advance: { steps: string[] } };
    expect(ok.advance.steps).toEqual(['start', 'opinion']);
    expect((await desk.requireRequest(r.id)).status).toBe('opinion');
  });

  it('我的待办, link candidates, kinds settings (admin only) and .ics reminders', async () => {
    const mine = await desk.createRequest({ department: '区经信局', title: '我承办的件', reviewType: 'both', assigneeId: t.users.reviewer.id }, null);
    const todo = (await (await t.app.request('/api/desk/todo?dueSoonDays=30', { headers: { cookie: reviewer.cookie } })).json()) as { mine: { id: number }[]; dueSoon: { id: number }[] };
    expect(todo.mine.map((x) => x.id)).toContain(mine.id);
    expect(todo.dueSoon.map((x) => x.id)).toContain(mine.id);
    expect((await t.app.request('/api/desk/todo?dueSoonDays=-1', { headers: { cookie: reviewer.cookie } })).status).toBe(400);
    const candidates = (await (await t.app.request(`/api/desk/requests/${mine.id}/link-candidates`, { headers: { cookie: reviewer.cookie } })).json()) as { items: unknown[] };
    expect(candidates.items).toEqual([]);

    expect((await api(reviewer, 'PUT', '/api/desk/kinds', { major: { checklist: ['公众参与'] } })).status).toBe(403);
    const saved = await api(admin, 'PUT', '/api/desk/kinds', { other: { reviewDays: 7, checklist: ['起草说明', '依据文件'] } });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { kinds: { other: { reviewDays: number } } }).kinds.other.reviewDays).toBe(7);
    expect((await api(admin, 'PUT', '/api/desk/kinds', { other: { packs: ['no-such-pack'] } })).status).toBe(400);

    const ics = await (await t.app.request('/api/desk/deadlines.ics?mine=1', { headers: { cookie: reviewer.cookie } })).text();
    expect(ics).toMatch(/BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:[^\r]*2个工作日后/);
  });
});

describe('the pages', () => {
  it('new request with a kind, the checklist form, and the 退回补正 notice naming the missing items', async () => {
    const res = await t.app.request('/desk/requests', form(reviewer, { department: '区住建局', title: '保障性住房项目协议', reviewType: 'legality', kind: 'contract', receivedOn: '2026-10-28' }));
    expect(res.status).toBe(303);
    const url = (res.headers.get('location') ?? '').split('?')[0] ?? '';
    let page = await html(reviewer, url);
    expect(page).toContain('行政协议/合同');
    expect(page).toContain('尚缺：起草说明、合同文本、相对方资质材料、合法性审查表');
    expect((await t.app.request(`${url}/materials`, form(reviewer, { received: ['起草说明', '合同文本'] }))).status).toBe(303);
    page = await html(reviewer, url);
    expect(page).toContain('尚缺：相对方资质材料、合法性审查表');
    await t.app.request(`${url}/steps`, form(reviewer, { action: 'start', day: '2026-10-30' }));
    expect(await html(reviewer, url)).toContain('退回意见将列明尚缺的送审材料：相对方资质材料、合法性审查表');
    const back = await t.app.request(`${url}/steps`, form(reviewer, { action: 'return', day: '2026-10-30', note: '' }));
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toContain('ok=returned');
    expect(await html(reviewer, back.headers.get('location') ?? '')).toContain('已退回补正。退回意见：需补正送审材料：相对方资质材料、合法性审查表');
  });

  it('the meeting page says how the request moved, and refuses a contradicting note in Chinese', async () => {
    const r = await desk.createRequest({ department: '区发改局', title: '会审页面推进件', reviewType: 'legality', kind: 'major', receivedOn: '2026-10-12' }, null);
    const m = await desk.createMeeting({ heldOn: '2026-10-29', title: '页面会审', requestIds: [r.id] }, null);
    const refused = await t.app.request(`/meetings/${m.id}/outcomes`, form(reviewer, { requestId: String(r.id), outcome: 'pass', note: '经讨论不同意' }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('两者矛盾');
    const done = await t.app.request(`/meetings/${m.id}/outcomes`, form(reviewer, { requestId: String(r.id), outcome: 'pass', note: '同意' }));
    expect(done.status).toBe(303);
    expect(await html(reviewer, done.headers.get('location') ?? '')).toContain('已记录会审结论。送审件已开始审查。出具意见须由科长办理');
  });

  it('the report page shows coverage per kind', async () => {
    const page = await html(reviewer, '/reports?kind=bimonthly&year=2026&n=5');
    expect(page).toContain('按送审件类别（合法性审查覆盖）');
    expect(page).toMatch(/本期收到重大行政决策 \d+ 件，已经合法性审查出具意见 \d+ 件/);
    expect(page).toContain('本期收到政策措施');
  });

  it('the home page shows 我的待办 with links; the admin edits kinds on the calendar page', async () => {
    const r = await desk.createRequest({ department: '区经信局', title: '首页待办件', reviewType: 'both', kind: 'policy', assigneeId: t.users.chief.id, receivedOn: '2026-10-12' }, null);
    const home = await html(chief, '/');
    expect(home).toContain('我的待办');
    expect(home).toContain(`href="/desk/requests/${r.id}"`);
    expect(home).toContain('我承办的送审件');

    expect((await t.app.request('/desk/kinds', form(reviewer, { 'major.checklist': '公众参与' }))).status).toBe(403);
    const fields: Record<string, string> = {};
    for (const k of ['normative', 'policy', 'major', 'contract', 'other']) Object.assign(fields, { [`${k}.reviewDays`]: '', [`${k}.checklist`]: '起草说明', [`${k}.packs`]: '' });
    fields['major.checklist'] = '公众参与\n专家论证\n风险评估\n合法性审查\n集体讨论决定\n听证报告';
    fields['major.reviewDays'] = '20';
    const saved = await t.app.request('/desk/kinds', form(admin, fields));
    expect(saved.status).toBe(303);
    expect((await desk.kindSettings()).major).toEqual({ reviewDays: 20, checklist: ['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定', '听证报告'], packs: [] });
    const page = await html(admin, '/desk/calendar');
    expect(page).toContain('听证报告');
    const bad = await t.app.request('/desk/kinds', form(admin, { ...fields, 'major.reviewDays': '99' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('审查期限不能超过 60 个工作日');
  });
});

describe('what each kind’s time limit rests on', () => {
  it('the normative 15 days cite 国办发〔2018〕115号 （五）; the others say they are the section’s own settings, citing nothing', async () => {
    const body = (await (await api(reviewer, 'GET', '/api/desk/kinds')).json()) as { limitBasis: Record<string, { days: number; basis: string; cited: boolean }> };
    expect(body.limitBasis['normative']).toMatchObject({ days: 15, cited: true });
    expect(body.limitBasis['normative']?.basis).toContain('国办发〔2018〕115号）第二部分第（五）项');
    expect(body.limitBasis['normative']?.basis).toContain('最长不超过15个工作日');
    for (const k of ['policy', 'major', 'contract', 'other']) {
      expect(body.limitBasis[k]?.cited, k).toBe(false);
      expect(body.limitBasis[k]?.basis, k).toContain('本科室工作设置');
      expect(body.limitBasis[k]?.basis, k).not.toMatch(/《|〔/);
    }
    // the quoted words are the corpus text's own
    const { readFileSync } = await import('node:fs');
    const corpus = readFileSync(new URL('../../corpus/legal/guobanfa-2018-115-legality-review-opinion.md', import.meta.url), 'utf8');
    expect(corpus).toContain(/“([^”]+)”/.exec(body.limitBasis['normative']!.basis)![1]!);
    const page = await html(reviewer, '/desk/calendar');
    expect(page).toContain('期限依据');
    expect(page.match(/data-basis="cited"/g)).toHaveLength(1);
    expect(page.match(/data-basis="own"/g)).toHaveLength(4);
  });
});
