/**
 * A desk request's versions through the JSON API and the pages: 第1版 uploaded and reviewed, one
 * finding dismissed with a reason and the others confirmed; 第2版 uploaded and compared with
 * 第1版 (fates, 应当→可以, 50万元→80万元); the 预审 of 第2版 inherits the dismissal with its reason
 * and the confirmation (marked 继承); its 审查意见书 says which earlier 修改意见 were adopted
 * (已采纳 / 未采纳) and carries the stored conclusion. Bad input is refused in Chinese.
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from '../server/helpers.js';

const V1 = new Uint8Array(readFileSync(new URL('../fixtures/versions/v1.txt', import.meta.url)));
const V2 = new Uint8Array(readFileSync(new URL('../fixtures/versions/v2.txt', import.meta.url)));
const UNRELATED = new TextEncoder().encode('关于开展秋季校园安全检查的通知\n一、检查范围为全区中小学校舍和食堂。\n二、检查时间为十月中旬，各校自查后报教育局。\n三、发现隐患的，立即整改并上报整改情况。\n');

let t: TestApp;
let reviewer: Browser;
let requestId: number;

interface Finding { id: string; rule: string; path: string; status: string; dismissReason: string | null; inheritedFrom: string | null }
const api = (path: string, init: RequestInit = {}) => t.app.request(`/api/desk/requests/${requestId}${path}`, init);
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;
const review = (id: string) => json<{ record: { previousReviewId: string | null; status: string }; findings: Finding[] }>(t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } }));
const prereview = (body: object) => api('/prereview', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(body) });
const addVersion = (bytes: Uint8Array, name: string) => api('/versions', { method: 'POST', headers: asBrowser(reviewer), body: upload(bytes, name, { note: '按意见修改' }) });

beforeAll(async () => {
  t = await testApp({ ruleSet: ruleSet(), segmenter: jiebaSegmenter() });
  reviewer = await signIn(t, 'liwei');
  const created = await t.app.request('/api/desk/requests', {
    method: 'POST',
    headers: asBrowser(reviewer, JSON_TYPE),
    body: JSON.stringify({ department: '区商务局', title: '关于支持童装产业发展的若干措施', reviewType: 'both', receivedOn: '2026-11-20' }),
  });
  requestId = ((await created.json()) as { id: number }).id;
}, 60_000); // the rules and the dictionary load first
afterAll(() => t?.close());

describe('versions of a desk request', { timeout: 30_000 }, () => {
  let v1Review: string;
  let v2Review: string;

  it('第1版: uploaded, reviewed (nothing to inherit), decided', async () => {
    expect((await addVersion(V1, '送审稿.txt')).status).toBe(201);
    const first = await prereview({});
    expect(first.status).toBe(201);
    const done = (await first.json()) as { version: number; fromReviewId: string | null; inherited: number; record: { id: string } };
    expect(done).toMatchObject({ version: 1, fromReviewId: null, inherited: 0 });
    v1Review = done.record.id;
    const { findings } = await review(v1Review);
    expect(findings.map((f) => f.path)).toEqual(['第二条', '第三条', '第五条']);
    const patch = (f: Finding, body: object) => t.app.request(`/api/reviews/${v1Review}/findings/${f.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(body) });
    expect((await patch(findings[0]!, { action: 'dismiss', reason: '奖励面向全部纳税主体，不构成地域歧视' })).status).toBe(200);
    for (const f of findings.slice(1)) expect((await patch(f, { action: 'confirm' })).status).toBe(200);
    const detail = await json<{ versions: { version: number }[]; reviews: { id: string; version: number | null }[] }>(api('', { headers: { cookie: reviewer.cookie } }));
    expect(detail.reviews).toEqual([expect.objectContaining({ id: v1Review, version: 1 })]);
  });

  it('第2版: compared with 第1版 by the API and on the page', async () => {
    expect((await addVersion(V2, '修改稿.txt')).status).toBe(201);
    const d = await json<{ from: { label: string; reviewId: string | null }; to: { label: string }; comparison: { tooDifferent: boolean; fates: { fate: string; old?: { path: string } }[]; changes: { shifts: { words: string }[]; values: { old: string[]; new: string[] }[] }[] } }>(
      api('/compare?from=1&to=2', { headers: { cookie: reviewer.cookie } }),
    );
    expect(d.from).toMatchObject({ label: '第1版', reviewId: v1Review });
    expect(d.to.label).toBe('第2版');
    expect(d.comparison.tooDifferent).toBe(false);
    expect(d.comparison.fates.map((f) => `${f.fate} ${f.old?.path}`)).toEqual(['still 第二条', 'still 第三条', 'resolved 第五条']);
    expect(d.comparison.changes.flatMap((c) => c.shifts.map((s) => s.words))).toContain('应当→可以');
    expect(d.comparison.changes.flatMap((c) => c.values.map((v) => `${v.old.join()}→${v.new.join()}`))).toContain('50万元→80万元');

    const page = await t.app.request(`/desk/requests/${requestId}/compare?from=1&to=2`, { headers: { cookie: reviewer.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('版本比较：第1版 → 第2版');
    expect(html).toContain('<del>50</del><ins>80</ins>');
    expect(html).toMatch(/<tr data-fate="resolved"><td>已解决<\/td><td>第五条<\/td>/);
    const requestPage = await (await t.app.request(`/desk/requests/${requestId}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(requestPage).toContain('<td>第2版</td>');
    expect(requestPage).toContain('id="compare-form"');
  });

  it('the 预审 of 第2版 inherits the dismissal with its reason and the confirmations, marked 继承', async () => {
    const res = await prereview({ version: 2 });
    expect(res.status).toBe(201);
    const done = (await res.json()) as { version: number; fromReviewId: string; fromVersion: number; inherited: number; record: { id: string } };
    expect(done).toMatchObject({ version: 2, fromReviewId: v1Review, fromVersion: 1, inherited: 2 });
    v2Review = done.record.id;
    const { record, findings } = await review(v2Review);
    expect(record.previousReviewId).toBe(v1Review);
    expect(record.status).toBe('reviewing'); // inherited decisions are work on it
    expect(findings.map((f) => [f.path, f.status, f.dismissReason, f.inheritedFrom?.startsWith(`${v1Review}#`)])).toEqual([
      ['第二条', 'dismissed', '奖励面向全部纳税主体，不构成地域歧视', true],
      ['第三条', 'confirmed', null, true],
    ]);
    const page = await (await t.app.request(`/reviews/${v2Review}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(page.match(/class="badge inherited-badge"/g)).toHaveLength(2);
    expect(page).toContain('id="inherited-from"');
  });

  it('the opinion on 第2版 lists the earlier 修改意见 as 已采纳 / 未采纳, with the stored conclusion', async () => {
    const put = await t.app.request(`/api/reviews/${v2Review}/conclusion`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ conclusion: '修改后可以出台' }) });
    expect(put.status).toBe(200);
    const res = await t.app.request(`/api/reviews/${v2Review}/export?format=docx`, { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(text).toContain('二、审查结论\n\n修改后可以出台。');
    expect(text).toContain('本次审查为第2版');
    expect(text).toContain('四、前次意见采纳情况');
    expect(text).toMatch(/第三条：[^\n]*——未采纳/);
    expect(text).toMatch(/第五条：[^\n]*——已采纳/);
    expect(text).not.toMatch(/第二条：[^\n]*——/); // dismissed in 第1版: not a 修改意见
    // the first version's opinion has no such section
    const first = await t.app.request(`/api/reviews/${v1Review}/export?format=docx`, { headers: { cookie: reviewer.cookie } });
    expect((await mammoth.extractRawText({ buffer: Buffer.from(await first.arrayBuffer()) })).value).not.toContain('前次意见采纳情况');
  });

  it('an unrelated 第3版 compares with one note and inherits nothing', async () => {
    expect((await addVersion(UNRELATED, '另一份.txt')).status).toBe(201);
    const d = await json<{ comparison: { tooDifferent: boolean; note: string; changes: unknown[] } }>(api('/compare?from=2&to=3', { headers: { cookie: reviewer.cookie } }));
    expect(d.comparison).toMatchObject({ tooDifferent: true, changes: [] });
    expect(d.comparison.note).toContain('两份文件差异过大');
    const done = await json<{ tooDifferent: boolean; inherited: number; fromReviewId: string | null }>(prereview({ version: 3 }));
    expect(done).toMatchObject({ tooDifferent: true, inherited: 0, fromReviewId: null });
  });

  it('refuses bad version choices in Chinese', async () => {
    const same = await api('/compare?from=2&to=2', { headers: { cookie: reviewer.cookie } });
    expect(same.status).toBe(400);
    expect(((await same.json()) as { message: string }).message).toBe('请选择两个不同的版本进行比较');
    const missing = await api('/compare?from=1&to=9', { headers: { cookie: reviewer.cookie } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('没有第 9 版');
    expect((await api('/compare?from=x&to=2', { headers: { cookie: reviewer.cookie } })).status).toBe(400);
    expect((await prereview({ version: 9 })).status).toBe(404);
    expect((await prereview({ version: 'two' })).status).toBe(400);
    const page = await t.app.request(`/desk/requests/${requestId}/compare?from=1`, { headers: { cookie: reviewer.cookie } });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('请选择要比较的两个版本');
    const none = await t.app.request('/api/desk/requests/999/compare?from=1&to=2', { headers: { cookie: reviewer.cookie } });
    expect(none.status).toBe(404);
  });
});

describe('findings marked by hand across versions', { timeout: 30_000 }, () => {
  it('are carried to 第2版 where their words still stand (with their decision, marked 继承), and count in 已采纳 / 未采纳 on the report page and in the opinion', async () => {
    const created = await t.app.request('/api/desk/requests', {
      method: 'POST',
      headers: asBrowser(reviewer, JSON_TYPE),
      body: JSON.stringify({ department: '区商务局', title: '关于支持童装产业发展的若干措施（手工问题）', reviewType: 'legality', receivedOn: '2026-11-21' }),
    });
    requestId = ((await created.json()) as { id: number }).id;
    expect((await addVersion(V1, '送审稿.txt')).status).toBe(201);
    const v1 = ((await json<{ record: { id: string } }>(prereview({}))).record).id;
    const { findings: ruled } = await review(v1);
    for (const f of ruled) await t.app.request(`/api/reviews/${v1}/findings/${f.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    const detail = await json<{ review: { document: { text: string } } }>(t.app.request(`/api/reviews/${v1}`, { headers: { cookie: reviewer.cookie } }));
    const text = detail.review.document.text;
    const mark = async (quote: string, title: string) => {
      const start = text.indexOf(quote);
      const res = await t.app.request(`/api/reviews/${v1}/findings`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ start, end: start + quote.length, category: '程序与形式', title, explanation: '审查人手工标注', suggestion: '请修改' }) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    await mark('20个工作日内完成审核', '审核时限未区分情形'); // still in 第2版: 未采纳
    await mark('处以5000元罚款', '罚款设定缺少依据'); // gone from 第2版: 已采纳
    const kept = await mark('为促进本区童装产业高质量发展', '目的条款表述');
    await t.app.request(`/api/reviews/${v1}/findings/${kept}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'dismiss', reason: '表述可以接受' }) });

    expect((await addVersion(V2, '修改稿.txt')).status).toBe(201);
    const done = await json<{ inherited: number; record: { id: string } }>(prereview({ version: 2 }));
    const v2 = done.record.id;
    const { findings } = await review(v2);
    const hand = findings.filter((f) => f.rule === 'manual');
    expect(hand.map((f) => [f.path, f.status, f.dismissReason, f.inheritedFrom?.startsWith(`${v1}#hand-`)])).toEqual([
      ['第一条', 'dismissed', '表述可以接受', true],
      ['第四条', 'confirmed', null, true],
    ]);
    expect(done.inherited).toBe(findings.filter((f) => f.inheritedFrom !== null).length);

    // the report page shows the adoption list: the rule findings and the hand ones
    const page = await (await t.app.request(`/reviews/${v2}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(page).toContain('id="adoption-list"');
    expect(page).toMatch(/<li data-adopted="false">第四条：审核时限未区分情形/);
    expect(page).toMatch(/<li data-adopted="true">第五条：罚款设定缺少依据/);
    expect(page).not.toMatch(/<li data-adopted="(true|false)">[^<]*目的条款表述/); // dismissed in 第1版: not a 修改意见
    const res = await t.app.request(`/api/reviews/${v2}/export?format=docx`, { headers: { cookie: reviewer.cookie } });
    const opinion = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(opinion).toContain('第四条：审核时限未区分情形——未采纳');
    expect(opinion).toContain('第五条：罚款设定缺少依据——已采纳');
    // the same list, item for item, on the page and in the opinion
    const pageItems = [...page.matchAll(/<li data-adopted="(true|false)">([^<：]+)：([^<　]+)/g)].map((m) => `${m[2]}：${m[3]}——${m[1] === 'true' ? '已采纳' : '未采纳'}`);
    for (const item of pageItems) expect(opinion).toContain(item);
    expect(pageItems.length).toBe(ruled.length + 2);
    expect(pageItems.length).toBe((opinion.match(/——(已|未)采纳/g) ?? []).length);
    // 第1版 itself has nothing to adopt
    expect(await (await t.app.request(`/reviews/${v1}`, { headers: { cookie: reviewer.cookie } })).text()).not.toContain('id="adoption-list"');
  });
});

describe('a corrupt .docx as a version', { timeout: 30_000 }, () => {
  it('is refused on upload with the message the 预审 upload gives, and the request keeps its versions', async () => {
    const created = await t.app.request('/api/desk/requests', {
      method: 'POST',
      headers: asBrowser(reviewer, JSON_TYPE),
      body: JSON.stringify({ department: '区商务局', title: '损坏文件的版本', reviewType: 'legality', receivedOn: '2026-11-21' }),
    });
    requestId = ((await created.json()) as { id: number }).id;
    const corrupt = new Uint8Array(readFileSync(new URL('../../fixtures/bad/corrupt.docx', import.meta.url)));
    // the 预审 upload's answer for the same file
    const asReview = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(corrupt, '损坏.docx', { department: '区商务局' }) });
    const refusal = (await asReview.json()) as { message: string };
    expect(asReview.status).toBe(422);
    expect((await addVersion(V1, '送审稿.txt')).status).toBe(201);
    const added = await addVersion(corrupt, '损坏.docx');
    expect(added.status).toBe(422);
    expect(((await added.json()) as { message: string }).message).toBe(refusal.message);
    expect(refusal.message).toContain('文件已损坏');
    // 第1版 is kept, and no 第2版 was made of the broken file
    const detail = await json<{ versions: { version: number; fileName: string }[] }>(api('', { headers: { cookie: reviewer.cookie } }));
    expect(detail.versions.map((v) => [v.version, v.fileName])).toEqual([[1, '送审稿.txt']]);
    expect((await api('/compare?from=1&to=2', { headers: { cookie: reviewer.cookie } })).status).toBe(404);
  });
});
