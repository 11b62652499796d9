/**
 * The local texts through the web app: the JSON API and the /admin/corpus page (administrators
 * only, CSRF on every write), the citation in a new review's validity finding, and the 依据
 * picker (search, then a hand-added finding carrying the picked article's text) by API and page.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from '../server/helpers.js';

const FIXTURE = new Uint8Array(readFileSync(new URL('../fixtures/local-texts/validity-test-fixture.txt', import.meta.url)));
const NO_VALIDITY = `某某县关于加强建筑垃圾运输管理的通知
一、运输企业应当使用密闭运输车辆。
二、运输车辆须安装卫星定位装置。
三、本通知自2026年5月1日起施行。
某某县住房和城乡建设局
2026年3月20日
`;

let t: TestApp;
let reviewer: Browser;
let admin: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  [reviewer, admin] = [await signIn(t, 'liwei'), await signIn(t, 'admin')];
});
afterEach(() => t.close());

const post = (b: Browser, url: string, body: unknown) => t.app.request(url, { method: 'POST', headers: asBrowser(b, JSON_TYPE), body: JSON.stringify(body) });
const get = (b: Browser, url: string) => t.app.request(url, { headers: { cookie: b.cookie } });
const importApi = (b: Browser) => t.app.request('/api/admin/corpus', { method: 'POST', headers: asBrowser(b), body: upload(FIXTURE, 'validity-test-fixture.txt', { effective: '2026-01-02' }) });

async function validityFinding(b: Browser) {
  const res = await post(b, '/api/reviews', { text: NO_VALIDITY, again: true });
  expect(res.status).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  const detail = (await (await get(b, `/api/reviews/${id}`)).json()) as { findings: { rule: string; explanation: string; basis: { law: string; article: string; text: string }[] }[] };
  return { id, finding: detail.findings.find((f) => f.rule === 'doc-no-validity') };
}

describe('the corpus API', () => {
  it('imports (multipart), lists, reads and voids for the administrator; refuses the others', async () => {
    expect((await importApi(reviewer)).status).toBe(403);
    const res = await importApi(admin);
    expect(res.status).toBe(201);
    const text = (await res.json()) as { id: number; title: string; effectiveOn: string; importedByName: string; articles: unknown[] };
    expect(text).toMatchObject({ title: '浙江省行政规范性文件管理办法（测试样例）', effectiveOn: '2026-01-02', importedByName: 'admin' });
    expect(text.articles).toHaveLength(3);
    expect((await importApi(admin)).status).toBe(409);
    expect((await get(reviewer, '/api/admin/corpus')).status).toBe(403);
    expect(((await (await get(admin, '/api/admin/corpus')).json()) as { total: number }).total).toBe(1);
    expect((await post(reviewer, `/api/admin/corpus/${text.id}/void`, { reason: '错' })).status).toBe(403);
    const noReason = await post(admin, `/api/admin/corpus/${text.id}/void`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toContain('作废必须填写理由');
    expect((await post(admin, `/api/admin/corpus/${text.id}/void`, { reason: '版本有误' })).status).toBe(200);
    expect(((await (await get(admin, '/api/admin/corpus')).json()) as { total: number }).total).toBe(0);
    expect(((await (await get(admin, '/api/admin/corpus?all=1')).json()) as { items: { voidReason: string }[] }).items[0]?.voidReason).toBe('版本有误');
  });

  it('imports JSON text; refuses a text without articles with a Chinese message (400), a corrupt .docx (422)', async () => {
    const ok = await post(admin, '/api/admin/corpus', { text: '某某测试规定（测试样例）\n一、【测试样例】总体要求\n（一）【测试样例】第一点。\n', title: '某某测试规定' });
    expect(ok.status).toBe(201);
    const bad = await post(admin, '/api/admin/corpus', { text: '没有编号的一段文字。' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('未能识别出条款');
    const corrupt = await t.app.request('/api/admin/corpus', { method: 'POST', headers: asBrowser(admin), body: upload(new Uint8Array(readFileSync('fixtures/bad/corrupt.docx')), 'corrupt.docx') });
    expect(corrupt.status).toBe(422);
    expect(((await corrupt.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('a new review cites the imported text in its validity finding; before the import it says 不在本库收录', async () => {
    const before = await validityFinding(reviewer);
    expect(before.finding?.explanation).toContain('不在本库收录');
    expect(before.finding?.basis.some((b) => b.law.startsWith('浙江省'))).toBe(false);
    await importApi(admin);
    const after = await validityFinding(reviewer);
    expect(after.finding?.basis[0]).toMatchObject({ law: '浙江省行政规范性文件管理办法（测试样例）', article: '第二条' });
    expect(after.finding?.explanation).not.toContain('不在本库收录');
    const page = await (await get(reviewer, `/reviews/${after.id}`)).text();
    expect(page).toContain('《浙江省行政规范性文件管理办法（测试样例）》第二条');
    expect(page).toContain('【测试样例】行政规范性文件应当载明有效期');
  });
});

describe('the /admin/corpus page', () => {
  const form = (b: Browser, url: string, body: FormData | URLSearchParams) => t.app.request(url, { method: 'POST', headers: { cookie: b.cookie }, body });

  it('is for administrators; imports with CSRF, lists source, importer and time; 作废 needs a reason', async () => {
    expect((await get(reviewer, '/admin/corpus')).status).toBe(403);
    const page = await (await get(admin, '/admin/corpus')).text();
    expect(page).toContain('还没有导入文本');
    const noCsrf = upload(FIXTURE, 'validity-test-fixture.txt');
    expect((await form(admin, '/admin/corpus', noCsrf)).status).toBe(403);
    const res = await form(admin, '/admin/corpus', upload(FIXTURE, 'validity-test-fixture.txt', { _csrf: admin.csrf, docNumber: '测试〔2026〕9号' }));
    expect(res.status).toBe(303);
    const list = await (await get(admin, '/admin/corpus?ok=imported')).text();
    expect(list).toContain('已导入');
    expect(list).toContain('浙江省行政规范性文件管理办法（测试样例）');
    expect(list).toContain('测试〔2026〕9号');
    expect(list).toContain('validity-test-fixture.txt');
    expect(list).toMatch(/admin，\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const id = /id="text-(\d+)"/.exec(list)?.[1];
    expect((await get(admin, `/admin/corpus/${id}`)).status).toBe(200);
    const blank = await form(admin, `/admin/corpus/${id}/void`, new URLSearchParams({ _csrf: admin.csrf, reason: '' }));
    expect(blank.status).toBe(422);
    expect(await blank.text()).toContain('作废必须填写理由');
    expect((await form(admin, `/admin/corpus/${id}/void`, new URLSearchParams({ reason: '没有令牌' }))).status).toBe(403);
    expect((await form(admin, `/admin/corpus/${id}/void`, new URLSearchParams({ _csrf: admin.csrf, reason: '测试完毕' }))).status).toBe(303);
    expect(await (await get(admin, '/admin/corpus?all=1')).text()).toContain('测试完毕');
  });

  it('says in Chinese when no file is chosen or the file has no articles', async () => {
    const none = await form(admin, '/admin/corpus', upload(new Uint8Array(), 'x.txt', { _csrf: admin.csrf }));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请选择要导入的文件');
    const flat = await form(admin, '/admin/corpus', upload(new TextEncoder().encode('一段文字\n又一段文字\n'), 'flat.txt', { _csrf: admin.csrf }));
    expect(flat.status).toBe(422);
    expect(await flat.text()).toContain('未能识别出条款');
  });
});

describe('the 依据 picker', () => {
  it('searches bundled and imported articles; a hand finding carries the picked text (API); a made-up article is refused', async () => {
    await importApi(admin);
    const { id } = await validityFinding(reviewer);
    const search = (await (await get(reviewer, `/api/corpus/articles?q=${encodeURIComponent('公平竞争审查条例 第八条')}`)).json()) as { items: { law: string; article: string; text: string; source: string }[] };
    expect(search.items[0]).toMatchObject({ law: '公平竞争审查条例', article: '第八条', source: 'bundled' });
    const local = (await (await get(reviewer, `/api/corpus/articles?q=${encodeURIComponent('有效期 测试样例')}`)).json()) as { items: { source: string; article: string }[] };
    expect(local.items[0]).toMatchObject({ source: 'local', article: '第二条' });
    expect((await get(reviewer, '/api/corpus/articles?q=')).status).toBe(400);

    const detail = (await (await get(reviewer, `/api/reviews/${id}`)).json()) as { review: { document: { text: string } } };
    const start = detail.review.document.text.indexOf('运输企业');
    const hand = { start, end: start + 4, category: '程序与形式', title: '手工问题', basis: [{ law: '公平竞争审查条例', article: '第八条' }] };
    const res = await post(reviewer, `/api/reviews/${id}/findings`, hand);
    expect(res.status).toBe(201);
    const added = (await res.json()) as { id: string; basis: { law: string; article: string; text: string }[] };
    expect(added.basis).toEqual([{ law: '公平竞争审查条例', article: '第八条', text: search.items[0]?.text }]);
    const again = (await (await get(reviewer, `/api/reviews/${id}`)).json()) as { findings: { id: string; basis: unknown[] }[] };
    expect(again.findings.find((f) => f.id === added.id)?.basis).toHaveLength(1);
    const madeUp = await post(reviewer, `/api/reviews/${id}/findings`, { ...hand, basis: [{ law: '公平竞争审查条例', article: '第九百条' }] });
    expect(madeUp.status).toBe(400);
    expect(((await madeUp.json()) as { message: string }).message).toContain('依据无效');
  });

  it('works without the script: ?bq= lists checkboxes, the posted form saves the picked article', async () => {
    await importApi(admin);
    const { id } = await validityFinding(reviewer);
    const page = await (await get(reviewer, `/reviews/${id}?bq=${encodeURIComponent('有效期 测试样例')}`)).text();
    const value = /name="basis" id="basis-0" value="([^"]+)"/.exec(page)?.[1]?.replace(/&quot;/g, '"');
    expect(JSON.parse(value ?? '{}')).toEqual({ law: '浙江省行政规范性文件管理办法（测试样例）', article: '第二条' });
    const res = await t.app.request(`/reviews/${id}/findings`, {
      method: 'POST',
      headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: reviewer.csrf, quote: '运输企业', category: '程序与形式', title: '未写有效期', basis: value ?? '' }),
    });
    expect(res.status).toBe(303);
    const detail = (await (await get(reviewer, `/api/reviews/${id}`)).json()) as { findings: { title: string; basis: { article: string }[] }[] };
    expect(detail.findings.find((f) => f.title === '未写有效期')?.basis.map((b) => b.article)).toEqual(['第二条']);
  });
});
