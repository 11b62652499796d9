/**
 * Duplicates and resubmits through the API and the upload form: an original reviewed before
 * is offered (该文件已于…审查过, with the earlier records) until the user says 仍要重新预审; a
 * file and pasted text together are refused in Chinese; a form sent twice lands once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeHere, type Analyzer } from '../../src/review/analyzer.js';
import { DRAFT } from '../store/helpers.js';
import { asBrowser, fixture, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from './helpers.js';

let t: TestApp;
let reviewer: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  reviewer = await signIn(t, 'liwei');
});
afterEach(() => t.close());

const DOCX = 'docx/article-typed.docx';
const count = async () => (await t.store.db.first<{ n: number }>('SELECT count(*) AS n FROM reviews'))?.n ?? 0;
const apiUpload = (form: FormData) => t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: form });

/** The upload form as a browser sends it without the script. */
function pageForm(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }): FormData {
  const form = new FormData();
  form.append('_csrf', reviewer.csrf);
  if (file) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
const postPage = (form: FormData) => t.app.request('/reviews', { method: 'POST', headers: { cookie: reviewer.cookie }, body: form });
const tokenOf = (html: string) => /name="submitToken" value="([^"]+)" id="submit-token"/.exec(html)?.[1];

describe('an original reviewed before', () => {
  it('the API answers 409 DUPLICATE naming the earlier record, and again=1 reviews it anew', async () => {
    const first = await apiUpload(upload(fixture(DOCX), 'a.docx', { department: '区市场监管局' }));
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: string };

    const second = await apiUpload(upload(fixture(DOCX), '改名.docx'));
    expect(second.status).toBe(409);
    const body = (await second.json()) as { code: string; message: string; earlier: { id: string }[] };
    expect(body.code).toBe('DUPLICATE');
    expect(body.message).toMatch(/^该文件已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 审查过/);
    expect(body.earlier.map((r) => r.id)).toEqual([id]);
    expect(await count()).toBe(1);

    const again = await apiUpload(upload(fixture(DOCX), 'a.docx', { again: '1' }));
    expect(again.status).toBe(201);
    expect(await count()).toBe(2);

    // pasted text is an original too; a voided earlier record is not offered
    const text = { text: DRAFT, department: '区市场监管局' };
    const t1 = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(text) });
    expect(t1.status).toBe(201);
    expect((await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(text) })).status).toBe(409);
    await t.store.voidReview(((await t1.json()) as { id: string }).id, { reason: '测试' }, t.users.reviewer.id);
    expect((await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(text) })).status).toBe(201);
  });

  it('the form offers the earlier review and 仍要重新预审, which reviews the stored original without sending it again', async () => {
    const first = await postPage(pageForm({ department: '区教育局' }, { bytes: fixture(DOCX), name: 'a.docx' }));
    expect(first.status).toBe(303);
    const earlierId = decodeURIComponent((first.headers.get('location') ?? '').replace('/reviews/', ''));

    const second = await postPage(pageForm({ department: '区教育局' }, { bytes: fixture(DOCX), name: 'a.docx' }));
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('该文件已于');
    expect(html).toContain(`href="/reviews/${encodeURIComponent(earlierId)}"`);
    expect(html).toContain('id="again-form"');
    expect(await count()).toBe(1);

    const hash = /name="hash" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '';
    const againToken = /id="again-form"[\s\S]*?name="submitToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const again = await postPage(pageForm({ again: '1', hash, submitToken: againToken, department: '区教育局', title: '' }));
    expect(again.status).toBe(303);
    expect(await count()).toBe(2);
    const made = await t.store.getReviewRecord(decodeURIComponent((again.headers.get('location') ?? '').replace('/reviews/', '')));
    expect(made).toMatchObject({ documentHash: hash, department: '区教育局' });
  });
});

describe('the duplicate check runs before the analysis', () => {
  it('a duplicate is refused without analysing it (API and page); again=1 analyses it', async () => {
    const rules = ruleSet();
    let analysed = 0;
    // the real in-thread analysis, counted
    const counting: Analyzer = (request) => {
      analysed++;
      return analyzeHere({ ruleSet: rules }, request);
    };
    const c = await testApp({ ruleSet: rules, analyze: counting });
    try {
      const who = await signIn(c, 'liwei');
      const api = (form: FormData) => c.app.request('/api/reviews', { method: 'POST', headers: asBrowser(who), body: form });
      const first = await api(upload(fixture(DOCX), 'a.docx', { department: '区市场监管局' }));
      expect(first.status).toBe(201);
      expect(analysed).toBe(1);

      const dupApi = await api(upload(fixture(DOCX), '改名.docx'));
      expect(dupApi.status).toBe(409);
      expect(((await dupApi.json()) as { code: string }).code).toBe('DUPLICATE');
      expect(analysed).toBe(1);

      const form = new FormData();
      form.append('_csrf', who.csrf);
      form.append('file', new File([fixture(DOCX) as Uint8Array<ArrayBuffer>], 'a.docx'));
      form.append('department', '区教育局');
      const dupPage = await c.app.request('/reviews', { method: 'POST', headers: { cookie: who.cookie }, body: form });
      expect(dupPage.status).toBe(409);
      expect(await dupPage.text()).toContain('该文件已于');
      expect(analysed).toBe(1);

      const text = JSON.stringify({ text: DRAFT, department: '区市场监管局' });
      expect((await c.app.request('/api/reviews', { method: 'POST', headers: asBrowser(who, JSON_TYPE), body: text })).status).toBe(201);
      expect(analysed).toBe(2);
      expect((await c.app.request('/api/reviews', { method: 'POST', headers: asBrowser(who, JSON_TYPE), body: text })).status).toBe(409);
      expect(analysed).toBe(2);

      const again = await api(upload(fixture(DOCX), 'a.docx', { again: '1' }));
      expect(again.status).toBe(201);
      expect(analysed).toBe(3);
      expect(((await again.json()) as { findingCount: number }).findingCount).toBe(((await first.json()) as { findingCount: number }).findingCount);
    } finally {
      c.close();
    }
  });
});

describe('a file and pasted text together', () => {
  it('are refused with a Chinese message on the form and the API, and nothing is stored', async () => {
    const page = await postPage(pageForm({ text: DRAFT }, { bytes: fixture(DOCX), name: 'a.docx' }));
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('请只选择文件或只粘贴正文，不能同时提交');
    const api = await apiUpload(upload(fixture(DOCX), 'a.docx', { text: DRAFT }));
    expect(api.status).toBe(400);
    expect(((await api.json()) as { message: string }).message).toContain('请只选择文件或只粘贴正文');
    expect(await count()).toBe(0);
    expect((await t.store.db.first<{ n: number }>('SELECT count(*) AS n FROM documents'))?.n).toBe(0);
  });
});

describe('a form sent twice (Back + 开始预审, a double click)', () => {
  it('lands once: the second send of the no-script form goes to the first record', async () => {
    const html = await (await t.app.request('/', { headers: { cookie: reviewer.cookie } })).text();
    const token = tokenOf(html);
    expect(token).toBeTruthy();
    const fields = { text: DRAFT, department: '区教育局', submitToken: token as string };
    const first = await postPage(pageForm(fields));
    const second = await postPage(pageForm(fields));
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await count()).toBe(1);
    // a fresh form has a fresh token
    expect(tokenOf(await (await t.app.request('/', { headers: { cookie: reviewer.cookie } })).text())).not.toBe(token);
  });

  it('lands once through the API the script uses (200 with the first record), and a refused send frees the token', async () => {
    const token = 'form-token-1';
    const bad = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: '   ', submitToken: token }) });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    const send = () => t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: DRAFT, submitToken: token }) });
    const first = await send();
    expect(first.status).toBe(201);
    const second = await send();
    expect(second.status).toBe(200);
    const a = (await first.json()) as { id: string };
    expect(await second.json()).toMatchObject({ id: a.id, resubmitted: true });
    expect(await count()).toBe(1);
  });
});
