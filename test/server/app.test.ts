import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, bearer, fixture, JSON_TYPE, testApp, upload, type TestApp } from './helpers.js';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await testApp();
  auth = bearer(await apiToken(t, t.users.reviewer.id));
});
afterAll(() => t.close());

describe('the app', () => {
  it('answers /health without signing in', async () => {
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('parses JSON text and returns the review shape', async () => {
    const res = await t.app.request('/api/review', {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body: JSON.stringify({ text: '关于某事的通知\n一、总体要求\n（一）加强领导。' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { document: { clauses: { path: string }[] }; findings: unknown[] };
    expect(body.findings).toEqual([]);
    expect(body.document.clauses.map((c) => c.path)).toContain('一、（一）');
  });

  it('accepts a multipart upload', async () => {
    const res = await t.app.request('/api/parse', { method: 'POST', headers: auth, body: upload(new TextEncoder().encode('关于某事的通知\n第一条 为了规范管理，制定本办法。'), '办法.txt') });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { clauses: { path: string }[]; source: { fileName: string } };
    expect(body.clauses.map((c) => c.path)).toContain('第一条');
    expect(body.source.fileName).toBe('办法.txt');
  });

  it('refuses malformed JSON, empty text and a PDF with a code and a Chinese message', async () => {
    const bad = await t.app.request('/api/parse', { method: 'POST', headers: { ...auth, ...JSON_TYPE }, body: '{"text": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
    const empty = await t.app.request('/api/parse', { method: 'POST', headers: { ...auth, ...JSON_TYPE }, body: JSON.stringify({ text: ' \n　' }) });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: 'EMPTY_TEXT' });
    const pdf = await t.app.request('/api/parse', { method: 'POST', headers: auth, body: upload(new TextEncoder().encode('%PDF-1.7\n'), 'scan.pdf') });
    expect(pdf.status).toBe(422);
    expect(((await pdf.json()) as { code: string }).code).toBe('PDF');
  });

  it('refuses a .doc with what to do about it', async () => {
    const res = await t.app.request('/api/review', { method: 'POST', headers: auth, body: upload(fixture('bad/legacy.doc'), '草案.doc') });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ code: 'LEGACY_DOC', message: '这是 Word 97-2003 格式（.doc），无法直接读取', hint: '请在 Word 或 WPS 中打开，另存为 .docx 后重新提交' });
  });

  it('refuses a body over the upload limit with 413 before reading it', async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(0x41);
    for (const path of ['/api/parse', '/api/reviews']) {
      const res = await t.app.request(path, { method: 'POST', headers: auth, body: upload(big, 'big.txt') });
      expect(res.status, path).toBe(413);
      expect(await res.json()).toMatchObject({ code: 'TOO_LARGE', message: '上传内容超过 20 MB 的上限' });
    }
    const json = await t.app.request('/api/parse', { method: 'POST', headers: { ...auth, ...JSON_TYPE, 'content-length': String(30 * 1024 * 1024) }, body: '{"text":"x"}' });
    expect(json.status).toBe(413);
    expect((await t.store.listReviews()).total).toBe(0);
  });

  it('answers unknown API paths with a JSON 404 once signed in', async () => {
    const res = await t.app.request('/api/nothing-here', { headers: auth });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: '没有这个地址' });
  });

  it('requires a user for the API', async () => {
    const res = await t.app.request('/api/parse', { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ text: '通知' }) });
    expect(res.status).toBe(401);
  });
});
