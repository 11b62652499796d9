/**
 * 429 BUSY in the OpenAPI document matches the routes that can answer it: every API route whose
 * work runs in the worker pool (the analysis and the Word reader) is called with a pool that is
 * full, answers 429 with code BUSY and the Chinese message, and declares that 429 in
 * /api/openapi.json; no other operation declares it. The pooled routes are found by running each
 * operation of the document with an analyzer and a Word reader that count their calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestError } from '../../src/document/errors.js';
import { readDocx } from '../../src/ingest/docx/read-docx.js';
import { analyzeHere, type Analyzer } from '../../src/review/analyzer.js';
import type { DocxReader } from '../../src/ingest/ingest.js';
import { apiToken, bearer, fixture, JSON_TYPE, ruleSet, testApp, upload, type TestApp } from '../server/helpers.js';

const BUSY_MESSAGE = '服务器繁忙，请稍后重试';
const DOCX = fixture('docx/article-typed.docx');

let t: TestApp;
let token: string;
let busy = false;
let calls = 0;
const full = () => new IngestError('BUSY', BUSY_MESSAGE, '正在处理的文件已达上限（2 个处理中、24 个排队），请稍后重新提交');

const rules = ruleSet();
const analyze: Analyzer = async (request) => {
  calls++;
  if (busy) throw full();
  return analyzeHere({ ruleSet: rules, readDocx }, request);
};
const docxReader: DocxReader = async (bytes, limits) => {
  calls++;
  if (busy) throw full();
  return readDocx(bytes, limits);
};

let reviewId = '';
let deskId = 0;

/** The pooled operations, each with a request that reaches the pool ("METHOD /openapi/path"). */
const POOLED: Record<string, () => Response | Promise<Response>> = {
  'POST /api/parse': () => t.app.request('/api/parse', { method: 'POST', headers: bearer(token), body: upload(DOCX, 'a.docx') }),
  'POST /api/review': () => t.app.request('/api/review', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ text: '关于某事的通知\n一、本区企业优先。' }) }),
  'POST /api/reviews': () => t.app.request('/api/reviews', { method: 'POST', headers: bearer(token), body: upload(DOCX, 'a.docx', { department: '区商务局', again: '1' }) }),
  'GET /api/reviews/{id}/annotated': () => t.app.request(`/api/reviews/${reviewId}/annotated`, { headers: bearer(token) }),
  'GET /api/desk/requests/{id}/compare': () => t.app.request(`/api/desk/requests/${deskId}/compare?from=1&to=2`, { headers: bearer(token) }),
  'POST /api/desk/requests/{id}/prereview': () => t.app.request(`/api/desk/requests/${deskId}/prereview`, { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ version: 2 }) }),
};

beforeAll(async () => {
  t = await testApp({ ruleSet: rules, analyze, readDocx: docxReader });
  token = await apiToken(t, t.users.reviewer.id);
  const made = await POOLED['POST /api/reviews']!();
  expect(made.status).toBe(201);
  reviewId = ((await made.json()) as { id: string }).id;
  const desk = await t.app.request('/api/desk/requests', { method: 'POST', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ department: '区商务局', title: '关于支持产业发展的若干措施', reviewType: 'both', receivedOn: '2026-11-20' }) });
  expect(desk.status).toBe(201);
  deskId = ((await desk.json()) as { id: number }).id;
  // two .docx versions with no review linked: comparing them reads both originals in the pool
  for (const name of ['第一稿.docx', '第二稿.docx']) {
    const v = await t.app.request(`/api/desk/requests/${deskId}/versions`, { method: 'POST', headers: bearer(token), body: upload(DOCX, name) });
    expect(v.status, await v.clone().text()).toBe(201);
  }
}, 60_000);
afterAll(() => t?.close());

type Operation = { responses?: Record<string, { content?: { 'application/json'?: { example?: { code?: string } } } }> };

async function operations(): Promise<Map<string, Operation>> {
  const doc = (await (await t.app.request('/api/openapi.json', { headers: bearer(token) })).json()) as { paths: Record<string, Record<string, Operation>> };
  const out = new Map<string, Operation>();
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) out.set(`${method.toUpperCase()} ${path}`, op);
  return out;
}

const declaresBusy = (op: Operation | undefined) => op?.responses?.['429']?.content?.['application/json']?.example?.code === 'BUSY';

describe('429 BUSY: the routes and the OpenAPI document agree', () => {
  it('every pooled route answers 429 BUSY in Chinese when the pool is full', async () => {
    busy = true;
    try {
      for (const [name, send] of Object.entries(POOLED)) {
        const before = calls;
        const res = await send();
        expect(res.status, name).toBe(429);
        const body = (await res.json()) as { code: string; message: string; hint?: string };
        expect(body, name).toMatchObject({ code: 'BUSY', message: BUSY_MESSAGE });
        expect(body.hint, name).toMatch(/请稍后重新提交/);
        // it was the pool that refused
        expect(calls, name).toBeGreaterThan(before);
      }
    } finally {
      busy = false;
    }
  });

  it('the document declares 429 BUSY on exactly those operations', async () => {
    const ops = await operations();
    const declared = [...ops].filter(([, op]) => declaresBusy(op)).map(([k]) => k).sort();
    expect(declared).toEqual(Object.keys(POOLED).sort());
    for (const k of Object.keys(POOLED)) expect(ops.get(k)?.responses?.['429'], k).toMatchObject({ description: expect.stringContaining(BUSY_MESSAGE) });
  });

  it('the pooled routes are all the API routes that reach the pool (a GET of every listed path calls neither the analyzer nor the reader unless pooled)', async () => {
    const ops = await operations();
    let checked = 0;
    for (const key of ops.keys()) {
      const [method, path] = key.split(' ') as [string, string];
      if (method !== 'GET' || POOLED[key]) continue;
      const url = path.replace('{id}', path.startsWith('/api/desk/') ? String(deskId) : reviewId).replace(/\{[^}]+\}/g, '1');
      const before = calls;
      await (await t.app.request(url, { headers: bearer(token) })).arrayBuffer();
      expect(calls, key).toBe(before);
      checked++;
    }
    console.log(`429 BUSY: ${Object.keys(POOLED).length} pooled operations declared; ${checked} other GET operations run without reaching the pool`);
    expect(checked).toBeGreaterThan(20);
  });
});
