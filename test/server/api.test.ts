import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFT } from '../store/helpers.js';
import { apiToken, asBrowser, bearer, fixture, JSON_TYPE, ruleSet, signIn, testApp, upload, type Browser, type TestApp } from './helpers.js';

interface Detail {
  record: { id: string; title: string; docNumber: string | null; department: string; status: string; documentHash: string | null; createdByName: string };
  review: { document: { text: string; clauses: { path: string }[] }; findings: { id: string; rule: string }[] };
  findings: { id: string; rule: string; status: string; dismissReason: string | null; suggestionOverride: string | null; addedByHand: boolean; start: number; end: number; quote: string }[];
}

/** The store tests' draft with two sentences the shipped rules flag. */
const FLAGGED = DRAFT.replace('（二）支持企业参加展会，限本地企业报名。', '（二）支持企业参加展会，限本地企业报名。\n（三）零售网点必须与区内指定的配送企业签订供货协议。\n（四）全区驾驶培训收费不得低于每人3500元。');

const manifest = JSON.parse(readFileSync(new URL('../../fixtures/manifest.json', import.meta.url), 'utf8')) as Record<string, { title?: string; docNumber?: string; expectError?: string }>;

let t: TestApp;
let reviewer: Browser;
beforeEach(async () => {
  t = await testApp({ ruleSet: ruleSet() });
  reviewer = await signIn(t, 'liwei');
});
afterEach(() => t.close());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function createByText(text = FLAGGED, extra: Record<string, unknown> = {}): Promise<{ id: string; findingCount: number }> {
  const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text, department: '区市场监管局', ...extra }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; findingCount: number };
}

async function detail(id: string, headers: Record<string, string> = { cookie: reviewer.cookie }): Promise<Detail> {
  const res = await t.app.request(`/api/reviews/${id}`, { headers });
  expect(res.status).toBe(200);
  return (await res.json()) as Detail;
}

async function countRows(table: string): Promise<number> {
  return (await t.store.db.first<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))?.n ?? 0;
}

describe('creating a review record', () => {
  it('from JSON text: runs the rules, stores the text by its hash, and reads back', async () => {
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: FLAGGED, department: '区市场监管局' }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; title: string; status: string; findingCount: number; documentHash: string };
    expect(res.headers.get('location')).toBe(`/api/reviews/${created.id}`);
    expect(created).toMatchObject({ title: '关于支持童装企业发展的若干措施', status: 'draft' });
    expect(created.findingCount).toBeGreaterThan(0);
    expect(created.documentHash).toBe(sha256(new TextEncoder().encode(FLAGGED)));

    const d = await detail(created.id);
    expect(d.record).toMatchObject({ id: created.id, department: '区市场监管局', docNumber: '湖吴政办发〔2026〕8号', createdByName: '李伟' });
    expect(d.review.document.text).toContain('限本地企业报名');
    expect(d.findings.length).toBe(created.findingCount);
    expect(d.review.findings.map((f) => f.id)).toEqual(d.findings.map((f) => f.id));
    expect(d.findings.every((f) => f.status === 'open' && d.review.document.text.slice(f.start, f.end) === f.quote)).toBe(true);

    // the original reproduces the review
    const original = await t.app.request(`/api/documents/${created.documentHash}`, { headers: { cookie: reviewer.cookie } });
    expect(original.status).toBe(200);
    expect(await original.text()).toBe(FLAGGED);
    expect(original.headers.get('content-disposition')).toContain("filename*=UTF-8''");
  });

  it('from a multipart .docx upload, keeping the original byte for byte', async () => {
    const bytes = fixture('docx/article-typed.docx');
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(bytes, '专项资金管理办法.docx', { department: '区经信局' }) });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; documentHash: string };
    expect(created.documentHash).toBe(sha256(bytes));
    const d = await detail(created.id);
    expect(d.record).toMatchObject({ title: manifest['docx/article-typed.docx']?.title, department: '区经信局', status: 'draft' });
    expect(d.review.document.clauses.map((c) => c.path)).toContain('第一条');

    const original = await t.app.request(`/api/documents/${created.documentHash}`, { headers: { cookie: reviewer.cookie } });
    expect(original.headers.get('content-type')).toContain('wordprocessingml');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(bytes);

    // the same file again: offered the earlier record (409 DUPLICATE); with again=1 a second record,
    // one stored original, two uploads in the audit log
    const offered = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(bytes, '专项资金管理办法.docx') });
    expect(offered.status).toBe(409);
    const again = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(bytes, '专项资金管理办法.docx', { again: '1' }) });
    expect(again.status).toBe(201);
    expect(await countRows('documents')).toBe(1);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'document.upload' })).total).toBe(2);
  });

  it('takes a title and 文号 given with the upload', async () => {
    const { id } = await createByText(DRAFT, { title: '自定标题', docNumber: '试行〔2026〕1号' });
    expect((await detail(id)).record).toMatchObject({ title: '自定标题', docNumber: '试行〔2026〕1号' });
  });

  it.each(Object.entries(manifest).filter(([k]) => k.startsWith('bad/')))('refuses %s with 422, a Chinese message and a hint, storing nothing', async (path, entry) => {
    const name = path.slice('bad/'.length);
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(fixture(path), name) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; hint: string };
    expect(body.code).toBe(entry.expectError);
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.hint).toMatch(/[\u4e00-\u9fff]/);
    expect(await countRows('reviews')).toBe(0);
    expect(await countRows('documents')).toBe(0);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'document.upload' })).total).toBe(0);
  });

  it('names the .doc problem and what to do', async () => {
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(fixture('bad/legacy.doc'), '草案.doc') });
    expect(await res.json()).toEqual({ code: 'LEGACY_DOC', message: '这是 Word 97-2003 格式（.doc），无法直接读取', hint: '请在 Word 或 WPS 中打开，另存为 .docx 后重新提交' });
  });

  it('stores nothing when the metadata is refused, even for a good file', async () => {
    const res = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: upload(fixture('docx/article-typed.docx'), 'a.docx', { department: '部'.repeat(101) }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('不能超过 100 个字符');
    expect(await countRows('documents')).toBe(0);
    expect(await countRows('reviews')).toBe(0);
  });

  it('refuses requests without a file or text, and malformed JSON, in Chinese', async () => {
    const noFile = new FormData();
    noFile.append('department', 'x');
    const r1 = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer), body: noFile });
    expect(r1.status).toBe(400);
    expect(await r1.json()).toMatchObject({ code: 'BAD_REQUEST', message: '缺少上传文件（表单字段 file）' });
    const r2 = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: '{"text": "abc"' });
    expect(r2.status).toBe(400);
    expect(await r2.json()).toMatchObject({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
    const r3 = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ department: 'x' }) });
    expect(r3.status).toBe(400);
    expect(await r3.json()).toMatchObject({ code: 'INVALID', message: 'JSON 中缺少字符串字段 text' });
    const r4 = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, { 'content-type': 'text/plain' }), body: DRAFT });
    expect(r4.status).toBe(400);
    expect(((await r4.json()) as { message: string }).message).toContain('multipart/form-data');
    expect(await countRows('reviews')).toBe(0);
  });
});

describe('working on a review', () => {
  it('dismisses only with a reason, and keeps the decision', async () => {
    const { id } = await createByText();
    const first = (await detail(id)).findings[0];
    expect(first).toBeDefined();
    const url = `/api/reviews/${id}/findings/${first?.id}`;
    const patch = (body: unknown, headers = asBrowser(reviewer, JSON_TYPE)) => t.app.request(url, { method: 'PATCH', headers, body: JSON.stringify(body) });

    const noReason = await patch({ action: 'dismiss' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toEqual({ code: 'INVALID', message: '排除问题必须填写理由' });
    const blank = await patch({ action: 'dismiss', reason: '  ' });
    expect(blank.status).toBe(400);
    const badAction = await patch({ action: 'delete' });
    expect(badAction.status).toBe(400);
    expect(((await badAction.json()) as { message: string }).message).toMatch(/action 只能是 confirm、dismiss、reopen、suggest/);
    const malformed = await t.app.request(url, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: '{action: dismiss}' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
    expect((await detail(id)).findings[0]?.status).toBe('open');

    const ok = await patch({ action: 'dismiss', reason: '该条款属于法定例外情形' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: first?.id, status: 'dismissed', dismissReason: '该条款属于法定例外情形' });
    const kept = (await detail(id)).findings.find((f) => f.id === first?.id);
    expect(kept).toMatchObject({ status: 'dismissed', dismissReason: '该条款属于法定例外情形' });
    expect((await detail(id)).record.status).toBe('reviewing');

    expect((await patch({ action: 'suggest', suggestion: '删除“本地”限定' })).status).toBe(200);
    expect((await detail(id)).findings.find((f) => f.id === first?.id)?.suggestionOverride).toBe('删除“本地”限定');
    expect((await patch({ action: 'reopen' })).status).toBe(200);

    const missing = await t.app.request(`/api/reviews/${id}/findings/nope`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toContain('没有问题 nope');
  });

  it('adds a finding by hand on a span of the text', async () => {
    const { id } = await createByText();
    const text = (await detail(id)).review.document.text;
    const start = text.indexOf('支持企业参加展会');
    const res = await t.app.request(`/api/reviews/${id}/findings`, {
      method: 'POST', headers: asBrowser(reviewer, JSON_TYPE),
      body: JSON.stringify({ start, end: start + 8, category: '影响生产经营行为', title: '展会补助条件不明', explanation: '应明确条件' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ quote: '支持企业参加展会', addedByHand: true, status: 'confirmed', severity: 'medium' });
    const d = await detail(id);
    expect(d.findings.some((f) => f.addedByHand)).toBe(true);
    expect(d.review.findings.some((f) => f.rule === 'manual')).toBe(false);

    const empty = await t.app.request(`/api/reviews/${id}/findings`, { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ start: 5, end: 5, category: '影响生产经营行为', title: 'x' }) });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { message: string }).message).toContain('所选文字为空');
  });

  it('is signed off by the chief only, once; afterwards nothing changes', async () => {
    const { id } = await createByText();
    const sign = (headers: Record<string, string>) => t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers });
    expect((await sign(asBrowser(reviewer))).status).toBe(403);
    const chief = await signIn(t, 'wangfang');
    expect((await sign({ cookie: chief.cookie })).status).toBe(403); // no CSRF token
    // every finding handled first, as on the page: the store refuses whoever calls
    const open = await sign(asBrowser(chief));
    expect(open.status).toBe(409);
    const findings = (await detail(id)).findings;
    expect(await open.json()).toEqual({ code: 'CONFLICT', message: `尚有 ${findings.length} 个问题待处理，全部确认或排除后方可签发` });
    expect((await detail(id)).record.status).toBe('draft');
    for (const f of findings) await t.app.request(`/api/reviews/${id}/findings/${f.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    // and the reviewer's conclusion chosen (PUT …/conclusion, audited; a value off the list is refused)
    const noConclusion = await sign(asBrowser(chief));
    expect(noConclusion.status).toBe(409);
    expect(((await noConclusion.json()) as { message: string }).message).toContain('尚未选定审查结论');
    const conclude = (conclusion: unknown) => t.app.request(`/api/reviews/${id}/conclusion`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ conclusion }) });
    const wrong = await conclude('看着办');
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toContain('审查结论只能是');
    const chosen = await conclude('修改后可以出台');
    expect(chosen.status).toBe(200);
    expect(await chosen.json()).toMatchObject({ id, conclusion: '修改后可以出台', conclusionByName: expect.any(String) });
    const ok = await sign(asBrowser(chief));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, status: 'signed', signedByName: '王芳' });
    const twice = await sign(asBrowser(chief));
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { code: string; message: string }).message).toContain('不能重复签发');
    const f = (await detail(id)).findings[0];
    const late = await t.app.request(`/api/reviews/${id}/findings/${f?.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    expect(late.status).toBe(409);
    expect((await conclude('合法，可以出台')).status).toBe(409); // the signed conclusion stays
    expect(await late.json()).toMatchObject({ code: 'CONFLICT', message: '审查记录已签发，不能再修改' });
    const missing = await t.app.request('/api/reviews/nope/signoff', { method: 'POST', headers: asBrowser(chief) });
    expect(missing.status).toBe(404);
  });

  it('lists the history with filters, and 404s an unknown record', async () => {
    await createByText(FLAGGED, { department: '区市场监管局' });
    await createByText('关于某事的通知\n一、总体要求\n（一）加强领导。', { department: '区财政局' });
    const all = (await (await t.app.request('/api/reviews', { headers: { cookie: reviewer.cookie } })).json()) as { items: { department: string; counts: { total: number } }[]; total: number };
    expect(all.total).toBe(2);
    const one = (await (await t.app.request(`/api/reviews?department=${encodeURIComponent('区财政局')}&status=draft&page=1`, { headers: { cookie: reviewer.cookie } })).json()) as { items: { department: string }[]; total: number };
    expect(one.items.map((r) => r.department)).toEqual(['区财政局']);
    const q = (await (await t.app.request(`/api/reviews?q=${encodeURIComponent('童装')}`, { headers: { cookie: reviewer.cookie } })).json()) as { total: number };
    expect(q.total).toBe(1);
    const bad = await t.app.request('/api/reviews?status=finished&from=2026-1-1', { headers: { cookie: reviewer.cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/状态无效.*日期格式应为 YYYY-MM-DD/);
    const none = await t.app.request('/api/reviews/00000000-0000-0000-0000-000000000000', { headers: { cookie: reviewer.cookie } });
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ code: 'NOT_FOUND', message: '没有这条审查记录' });
    const noDoc = await t.app.request(`/api/documents/${'0'.repeat(64)}`, { headers: { cookie: reviewer.cookie } });
    expect(noDoc.status).toBe(404);
    expect((await t.app.request('/api/documents/not-a-hash', { headers: { cookie: reviewer.cookie } })).status).toBe(400);
  });
});

describe('the audit log', () => {
  it('records login, upload, review, dismissal, sign-off and user changes', async () => {
    const { id } = await createByText();
    const f = (await detail(id)).findings[0];
    await t.app.request(`/api/reviews/${id}/findings/${f?.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'dismiss', reason: '法定例外' }) });
    for (const other of (await detail(id)).findings.slice(1)) {
      await t.app.request(`/api/reviews/${id}/findings/${other.id}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ action: 'confirm' }) });
    }
    await t.store.setConclusion(id, { conclusion: '修改后可以出台' }, t.users.reviewer.id);
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);
    const admin = await signIn(t, 'admin');
    const created = await t.app.request('/api/users', { method: 'POST', headers: asBrowser(admin, JSON_TYPE), body: JSON.stringify({ name: 'sunli', password: 'sunli-pass-1' }) });
    expect(created.status).toBe(201);

    const res = await t.app.request('/api/audit?pageSize=100', { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const log = (await res.json()) as { items: { action: string; userName: string | null; target: string; detail: Record<string, unknown> }[]; total: number };
    const actions = log.items.map((a) => `${a.action} ${a.userName ?? '-'}`);
    expect(actions).toEqual(
      expect.arrayContaining(['login liwei', 'document.upload liwei', 'review.create liwei', 'finding.dismiss liwei', 'login wangfang', 'review.sign wangfang', 'login admin', 'user.create admin']),
    );
    expect(log.items.find((a) => a.action === 'finding.dismiss')).toMatchObject({ target: `review:${id}#${f?.id}`, detail: { reason: '法定例外' } });
    const filtered = (await (await t.app.request('/api/audit?action=review.sign', { headers: { cookie: admin.cookie } })).json()) as { total: number };
    expect(filtered.total).toBe(1);
  });
});

describe('rules and the stateless endpoints', () => {
  it('lists the rules with their basis and example counts', async () => {
    const res = await t.app.request('/api/rules', { headers: { cookie: reviewer.cookie } });
    const body = (await res.json()) as { items: { id: string; title: string; basis: { law: string; text: string }[]; examples: { flag: number; pass: number } }[]; total: number };
    expect(body.total).toBe(ruleSet().rules.length);
    expect(body.items[0]?.basis[0]?.text.length).toBeGreaterThan(0);
    expect(body.items.every((r) => r.examples.flag >= 3 && r.examples.pass >= 3)).toBe(true);
  });

  it('reviews without storing anything', async () => {
    const token = await apiToken(t, t.users.reviewer.id);
    const res = await t.app.request('/api/review', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ text: FLAGGED }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { findings: unknown[] };
    expect(body.findings.length).toBeGreaterThan(0);
    expect(await countRows('reviews')).toBe(0);
    expect(await countRows('documents')).toBe(0);
  });
});

describe('/api/openapi.json', () => {
  it('is OpenAPI 3.1 JSON listing every API route with its schemas', async () => {
    const res = await t.app.request('/api/openapi.json', { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !r.path.includes('*'));
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${path}`).toBeDefined();
      expect(Object.keys(op?.responses ?? {}).length, `${r.method} ${path}`).toBeGreaterThan(1);
      if (['POST', 'PATCH', 'PUT'].includes(r.method) && !/(signoff|restore)$/.test(path)) expect(op?.requestBody, `${r.method} ${path}`).toBeDefined();
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual([...new Set(routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`))].sort());
    // every $ref resolves
    for (const m of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) expect(doc.components.schemas[m[1] as string], m[1]).toBeDefined();
    const dismiss = JSON.stringify(doc.paths['/api/reviews/{id}/findings/{findingId}']?.patch?.requestBody);
    expect(dismiss).toContain('dismiss');
    expect(dismiss).toContain('reason');
  });
});
