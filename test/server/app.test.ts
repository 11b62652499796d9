import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';

const app = createApp();

describe('server skeleton', () => {
  it('answers /health', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('parses JSON text and returns the review shape', async () => {
    const res = await app.request('/api/review', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '关于某事的通知\n一、总体要求\n（一）加强领导。' }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { document: { clauses: { path: string }[] }; findings: unknown[] };
    expect(body.findings).toEqual([]);
    expect(body.document.clauses.map((c) => c.path)).toContain('一、（一）');
  });

  it('accepts a multipart upload', async () => {
    const form = new FormData();
    form.append('file', new File([new TextEncoder().encode('关于某事的通知\n第一条 为了规范管理，制定本办法。')], '办法.txt'));
    const res = await app.request('/api/parse', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { clauses: { path: string }[]; source: { fileName: string } };
    expect(body.clauses.map((c) => c.path)).toContain('第一条');
    expect(body.source.fileName).toBe('办法.txt');
  });

  it('refuses malformed JSON, empty text and a PDF with a code and a Chinese message', async () => {
    const bad = await app.request('/api/parse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' });
    const empty = await app.request('/api/parse', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: ' \n　' }) });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: 'EMPTY_TEXT' });
    const form = new FormData();
    form.append('file', new File([new TextEncoder().encode('%PDF-1.7\n')], 'scan.pdf'));
    const pdf = await app.request('/api/parse', { method: 'POST', body: form });
    expect(pdf.status).toBe(422);
    expect(((await pdf.json()) as { code: string }).code).toBe('PDF');
  });
});
