import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskStore } from '../../src/desk/desk-store.js';
import { parseIcs } from '../../src/desk/ics.js';
import { apiToken, asBrowser, bearer, JSON_TYPE, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';

let t: TestApp;
let reviewer: Browser;
let chief: Browser;
let admin: Browser;
let desk: DeskStore;

beforeAll(async () => {
  t = await testApp();
  t.clock.t = Date.parse('2026-09-28T02:00:00Z');
  reviewer = await signIn(t, 'liwei');
  chief = await signIn(t, 'wangfang');
  admin = await signIn(t, 'admin');
  // the app builds its DeskStore on the system clock; this one reads the same database
  desk = new DeskStore(t.store, { now: () => new Date(t.clock.t) });
});
afterAll(() => t.close());

const form = (b: Browser, fields: Record<string, string>) => ({
  method: 'POST',
  headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: b.csrf, ...fields }),
});

describe('/api/desk', () => {
  it('needs a session or token', async () => {
    const res = await t.app.request('/api/desk/requests');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe('请先登录');
  });

  it('registers, lists and advances a request; illegal steps are 409 with the reason', async () => {
    const created = await t.app.request('/api/desk/requests', {
      method: 'POST',
      headers: asBrowser(reviewer, JSON_TYPE),
      body: JSON.stringify({ department: '区商务局', title: '关于支持外贸企业稳订单的若干措施', reviewType: 'fair', receivedOn: '2026-09-01', priority: true }),
    });
    expect(created.status).toBe(201);
    const r = (await created.json()) as { id: number; deadline: { count: { due: string }; explanation: string } };
    expect(r.deadline.count.due).toBe('2026-09-08');
    expect(r.deadline.explanation).toContain('优先审查：2026-09-01 收件，5个工作日');

    const list = (await (await t.app.request('/api/desk/requests?priority=1', { headers: { cookie: reviewer.cookie } })).json()) as { items: { id: number }[] };
    expect(list.items.map((i) => i.id)).toContain(r.id);

    const illegal = await t.app.request(`/api/desk/requests/${r.id}/steps`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'close' }) });
    expect(illegal.status).toBe(409);
    expect(((await illegal.json()) as { message: string }).message).toBe('送审件当前为“收件”，不能“办结”：当前可以“开始审查”');

    const noCsrf = await t.app.request(`/api/desk/requests/${r.id}/steps`, { method: 'POST', headers: { cookie: reviewer.cookie, ...JSON_TYPE }, body: JSON.stringify({ action: 'start' }) });
    expect(noCsrf.status).toBe(403);

    const started = await t.app.request(`/api/desk/requests/${r.id}/steps`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'start', day: '2026-09-02' }) });
    expect(started.status).toBe(200);
    const opinionByReviewer = await t.app.request(`/api/desk/requests/${r.id}/steps`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'opinion' }) });
    expect(opinionByReviewer.status).toBe(403);
    const bad = await t.app.request(`/api/desk/requests/${r.id}/steps`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'jump' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('操作只能是');
  });

  it('computes due dates, with the warning for an unpublished year', async () => {
    const res = await t.app.request('/api/desk/calendar/add?start=2026-09-28&days=15', { headers: { cookie: reviewer.cookie } });
    expect(((await res.json()) as { due: string; explanation: string }).explanation).toBe('2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期');
    const later = (await (await t.app.request('/api/desk/calendar/add?start=2026-12-28&days=5', { headers: { cookie: reviewer.cookie } })).json()) as { warning: string };
    expect(later.warning).toContain('该年度节假日安排尚未发布');
    const bad = await t.app.request('/api/desk/calendar/add?start=2026-02-30&days=5', { headers: { cookie: reviewer.cookie } });
    expect(bad.status).toBe(400);
  });

  it('only the admin loads a year and changes the settings (token or session)', async () => {
    const body = JSON.stringify({ format: 'list', text: '2027-01-01 休 元旦\n' });
    const asReviewer = await t.app.request('/api/desk/calendar/years', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body });
    expect(asReviewer.status).toBe(403);
    const bad = await t.app.request('/api/desk/calendar/years', { method: 'POST', headers: asBrowser(admin, JSON_TYPE), body: JSON.stringify({ format: 'list', text: '2027-01-05 班 元旦\n2027-01-01 休 元旦\n' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('第 1 行：2027-01-05（周二） 本来就是工作日');
    expect((await desk.calendarYears()).map((y) => y.year)).toEqual([2024, 2025, 2026]);
    const token = await apiToken(t, t.users.admin.id);
    const ok = await t.app.request('/api/desk/calendar/years', { method: 'POST', headers: bearer(token, JSON_TYPE), body });
    expect(ok.status).toBe(201);
    expect((await desk.calendarYears()).map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);

    const settings = await t.app.request('/api/desk/settings', { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ reviewDays: 15, minSignoffDays: 5, priorityDays: 3, dueSoonDays: 2 }) });
    expect(settings.status).toBe(403);
    const cal = (await (await t.app.request('/api/desk/calendar', { headers: { cookie: reviewer.cookie } })).json()) as { settings: { priorityDays: number }; attribution: string };
    expect(cal.settings.priorityDays).toBe(5);
    expect(cal.attribution).toContain('chinese-days');
  });

  it('exports deadlines as .ics that parse back to the due dates', async () => {
    const res = await t.app.request('/api/desk/deadlines.ics', { headers: { cookie: reviewer.cookie } });
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = parseIcs(await res.text());
    const open = await desk.listRequests();
    expect(events.map((e) => e.start).sort()).toEqual(open.map((r) => r.deadline.count.due).filter(Boolean).sort());
    const first = events[0];
    expect(first?.summary).toMatch(/^【送审件到期】/);
    expect(first?.description).toContain('收件');
    expect(first?.end).toBe(first?.start);
  });

  it('meetings and reports over the API', async () => {
    const r = await desk.createRequest({ department: '区发改局', title: '会审件', reviewType: 'both' }, null);
    const m = await t.app.request('/api/desk/meetings', { method: 'POST', headers: asBrowser(chief, JSON_TYPE), body: JSON.stringify({ heldOn: '2026-09-29', title: '集中会审', requestIds: [r.id] }) });
    expect(m.status).toBe(201);
    const meeting = (await m.json()) as { id: number };
    const outcome = await t.app.request(`/api/desk/meetings/${meeting.id}/outcomes`, { method: 'POST', headers: asBrowser(chief, JSON_TYPE), body: JSON.stringify({ requestId: r.id, outcome: 'pass' }) });
    expect(((await outcome.json()) as { items: { outcome: string }[] }).items[0]?.outcome).toBe('pass');
    const report = (await (await t.app.request('/api/desk/reports?kind=bimonthly&year=2026&n=5', { headers: { cookie: reviewer.cookie } })).json()) as { period: { from: string; to: string }; received: number };
    expect(report.period).toMatchObject({ from: '2026-09-01', to: '2026-10-31' });
    expect(report.received).toBe((await desk.listRequests({ scope: 'all' })).length);
    const badPeriod = await t.app.request('/api/desk/reports?kind=bimonthly&year=2026&n=7', { headers: { cookie: reviewer.cookie } });
    expect(badPeriod.status).toBe(400);
    expect(((await badPeriod.json()) as { message: string }).message).toContain('期数应为 1 到 6');
  });
});

describe('/api/openapi.json', () => {
  it('describes every /api/desk route', async () => {
    const doc = (await (await t.app.request('/api/openapi.json', { headers: { cookie: reviewer.cookie } })).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/desk') && !r.path.includes('*'));
    const served = [...new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`))].sort();
    const documented = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/desk')).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(served);
    expect(served.length).toBeGreaterThan(12);
  });
});

describe('desk pages', () => {
  it('redirect to login without a session', async () => {
    for (const path of ['/desk', '/desk/calendar', '/meetings', '/reports']) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location')).toContain('/login');
    }
  });

  it('the desk lists open requests with state and explanation, and the nav shows 审查台', async () => {
    const res = await t.app.request('/desk', { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/desk" aria-current="page">审查台');
    expect(html).toContain('关于支持外贸企业稳订单的若干措施');
    expect(html).toMatch(/deadline-badge deadline-(overdue|on-time|due-soon|paused)/);
    expect(html).toContain('收件，');
  });

  it('registers a request from the form with a draft, then starts a 预审 of it and links it', async () => {
    const body = new FormData();
    body.set('_csrf', reviewer.csrf);
    body.set('department', '区教育局');
    body.set('title', '关于规范校外培训机构的通知');
    body.set('reviewType', 'legality');
    body.set('receivedOn', '2026-09-28');
    body.set('file', new File([new TextEncoder().encode('关于规范校外培训机构的通知\n一、培训机构须在本区注册。\n')], '送审稿.txt'));
    const res = await t.app.request('/desk/requests', { method: 'POST', headers: { cookie: reviewer.cookie }, body });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/desk\/requests\/\d+\?ok=created$/);
    const id = Number(/requests\/(\d+)/.exec(location)?.[1]);
    const page = await (await t.app.request(`/desk/requests/${id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(page).toContain('<td>第1版</td>');
    expect(page).toContain('id="deadline-explanation">2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期');

    const pre = await t.app.request(`/desk/requests/${id}/prereview`, form(reviewer, {}));
    expect(pre.status).toBe(303);
    const linked = await desk.linkedReviews(id);
    expect(linked).toHaveLength(1);
    expect((await t.store.getReviewRecord(linked[0]?.id ?? ''))?.department).toBe('区教育局');

    // unlinking keeps the review record; unlinking it twice is refused
    const reviewId = linked[0]?.id ?? '';
    const withLink = await (await t.app.request(`/desk/requests/${id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(withLink).toContain(`/desk/requests/${id}/reviews/${reviewId}/unlink`);
    const unlink = await t.app.request(`/desk/requests/${id}/reviews/${reviewId}/unlink`, form(reviewer, {}));
    expect(unlink.status).toBe(303);
    expect(await desk.linkedReviews(id)).toEqual([]);
    expect(await t.store.getReviewRecord(reviewId)).not.toBeNull();
    const again = await t.app.request(`/api/desk/requests/${id}/reviews/${reviewId}`, { method: 'DELETE', headers: { cookie: reviewer.cookie, 'x-csrf-token': reviewer.csrf } });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { message: string }).message).toBe('该审查记录没有关联到这个送审件');
  });

  it('pages the queue fifty at a time, keeping the filters in the page links', async () => {
    for (let i = 1; i <= 60; i++) await desk.createRequest({ department: '区分页局', title: `分页件${i}`, reviewType: 'legality' }, null);
    const first = await (await t.app.request(`/desk?department=${encodeURIComponent('区分页局')}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(first).toContain('第 1 页，共 2 页（60 条）');
    expect((first.match(/分页件\d+/g) ?? []).length).toBe(50);
    const next = /href="(\/desk\?[^"]*page=2)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toContain(`department=${encodeURIComponent('区分页局')}`);
    const second = await (await t.app.request(next ?? '', { headers: { cookie: reviewer.cookie } })).text();
    expect((second.match(/分页件\d+/g) ?? []).length).toBe(10);
  });

  it('an illegal step from the page shows the message, not a crash', async () => {
    const r = await desk.createRequest({ department: '区教育局', title: '页面流程', reviewType: 'both' }, null);
    const res = await t.app.request(`/desk/requests/${r.id}/steps`, form(reviewer, { action: 'resubmit' }));
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('送审件当前为“收件”，不能“补正收到”');
    const ok = await t.app.request(`/desk/requests/${r.id}/steps`, form(reviewer, { action: 'start' }));
    expect(ok.status).toBe(303);
    expect((await desk.requireRequest(r.id)).status).toBe('reviewing');
  });

  it('settings and calendar loading are the admin’s: the reviewer gets 403', async () => {
    const res = await t.app.request('/desk/settings', form(reviewer, { reviewDays: '10', minSignoffDays: '5', priorityDays: '5', dueSoonDays: '2' }));
    expect(res.status).toBe(403);
    const calendar = await (await t.app.request('/desk/calendar?start=2026-09-28&days=15', { headers: { cookie: reviewer.cookie } })).text();
    expect(calendar).toContain('2026-10-23');
    expect(calendar).toContain('只有管理员可以修改期限设置');
    const saved = await t.app.request('/desk/settings', form(admin, { reviewDays: '15', minSignoffDays: '5', priorityDays: '4', dueSoonDays: '2' }));
    expect(saved.status).toBe(303);
    expect((await desk.deadlineSettings()).priorityDays).toBe(4);
  });

  it('meetings page creates a meeting and records outcomes', async () => {
    const r = await desk.createRequest({ department: '区经信局', title: '会审页面件', reviewType: 'fair' }, null);
    const body = new URLSearchParams({ _csrf: chief.csrf, heldOn: '2026-09-30', title: '页面会审', members: '王芳', agenda: '一件' });
    body.append('requestIds', String(r.id));
    const res = await t.app.request('/meetings', { method: 'POST', headers: { cookie: chief.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(303);
    const url = res.headers.get('location') ?? '';
    const id = Number(url.split('/').pop());
    const refused = await t.app.request(`${url}/outcomes`, form(chief, { requestId: String(r.id), outcome: 'return' }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('须写明会审意见');
    await t.app.request(`${url}/outcomes`, form(chief, { requestId: String(r.id), outcome: 'return', note: '补充公平竞争审查表' }));
    expect((await desk.getMeeting(id))?.items[0]).toMatchObject({ outcome: 'return', outcomeNote: '补充公平竞争审查表' });
  });

  it('the report page draws inline SVG charts and offers the Markdown document', async () => {
    const res = await t.app.request('/reports?kind=bimonthly&year=2026&n=5', { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026年9—10月双月报告');
    expect(html).toContain('<svg id="chart-types"');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).toContain('尚未建立专项清理清单');
    const md = await t.app.request('/reports/document.md?kind=bimonthly&year=2026&n=5', { headers: { cookie: reviewer.cookie } });
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toMatch(/^# 行政规范性文件审查工作2026年9—10月双月报告/);
    const bad = await t.app.request('/reports?from=2026-10-01', { headers: { cookie: reviewer.cookie } });
    expect(bad.status).toBe(422);
  });
});
