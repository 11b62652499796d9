/**
 * Inside workerd, through the Worker's fetch handler over its local D1 and R2: the daily work
 * item 4 of issue 16 names — a .docx draft reviewed with the findings Node gives (the Node
 * findings come from ./parity-setup.ts), the seeded decision library searched, a desk request's
 * statutory deadline counted in working days, and the files
 * exported (the Word opinion, the period report as .docx and .xlsx), and a cleanup inventory read from .xlsx. Sign-in is in every test (./files-queue.workerd.ts signs in as well).
 */
import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { webCryptoHasher } from '../../src/workers/webcrypto-hasher.js';
import { workerSpreadsheets } from '../../src/workers/xlsx.js';
import type {} from './parity-types.js';

const BASE = 'http://fahu.test';
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const bytesOf = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(): Promise<Session> {
  const form = await SELF.fetch(`${BASE}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const login = await SELF.fetch(`${BASE}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'pooladmin', password: 'pool-pass-123', _csrf: csrf }) });
  expect(login.status).toBe(302);
  const cookie = cookieOf(login);
  const page = await (await SELF.fetch(`${BASE}/`, { headers: { cookie } })).text();
  return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '' };
}

const api = (s: Session, path: string, init: RequestInit = {}) =>
  SELF.fetch(`${BASE}/api${path}`, { ...init, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}) } });

interface Finding {
  rule: string;
  path: string;
  start: number;
  end: number;
  quote: string;
}
const key = (f: Finding) => `${f.rule}@${f.path}@${f.start}-${f.end}:${f.quote}`;

describe('the workbench inside workerd', () => {
  it('reviews an uploaded .docx draft with the findings Node gives, and exports the opinion', async () => {
    const s = await signIn();
    const docx = inject('parity').cases.find((c) => c.id === 'docx/article-typed.docx');
    expect(docx).toBeDefined();
    const onNode = (JSON.parse(docx?.node ?? '[]') as Finding[]).map(key).sort();
    expect(onNode.length).toBeGreaterThan(0);
    const form = new FormData();
    form.set('file', new File([bytesOf(docx?.content ?? '')], 'article-typed.docx'));
    form.set('department', '区经信局');
    form.set('title', '童装产业发展专项资金管理办法');
    const res = await api(s, '/reviews', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const detail = (await (await api(s, `/reviews/${encodeURIComponent(id)}`)).json()) as { findings: Finding[] };
    expect(detail.findings.map(key).sort()).toEqual(onNode);

    const opinion = await api(s, `/reviews/${encodeURIComponent(id)}/export?format=docx`);
    expect(opinion.status).toBe(200);
    expect(opinion.headers.get('content-type')).toContain('wordprocessingml');
    expect([...new Uint8Array(await opinion.arrayBuffer()).subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const md = await api(s, `/reviews/${encodeURIComponent(id)}/export?format=md`);
    expect(md.status).toBe(200);
    expect(await md.text()).toContain('童装产业发展专项资金管理办法');
  });

  it('searches the decision library seeded into D1 (jieba-wasm search tokens, index built on first use)', async () => {
    const s = await signIn();
    const res = await api(s, `/decisions/search?q=${encodeURIComponent('设立分支机构')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { text?: string; clause?: string }[] };
    expect(body.total).toBeGreaterThan(0);
    expect(JSON.stringify(body.items.slice(0, 3))).toMatch(/分支机构/);
    const none = (await (await api(s, `/decisions/search?q=${encodeURIComponent('量子引力弦论')}`)).json()) as { total: number };
    expect(none.total).toBe(0);
  });

  it('counts a desk request deadline in working days over the bundled holiday calendar', async () => {
    const s = await signIn();
    const created = await api(s, '/desk/requests', { method: 'POST', body: JSON.stringify({ department: '区商务局', title: '关于支持外贸企业稳订单的若干措施', reviewType: 'fair', receivedOn: '2026-09-01', priority: true }) });
    expect(created.status).toBe(201);
    const r = (await created.json()) as { id: number; deadline: { count: { due: string }; explanation: string } };
    expect(r.deadline.count.due).toBe('2026-09-08');
    expect(r.deadline.explanation).toContain('优先审查：2026-09-01 收件，5个工作日');
    const add = (await (await api(s, '/desk/calendar/add?start=2026-09-28&days=15')).json()) as { due: string; explanation: string };
    expect(add.explanation).toBe('2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期');
    const ics = await api(s, '/desk/deadlines.ics');
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    // the period report as Word and as .xlsx (exceljs's browser build inside the isolate), read back here
    const report = await api(s, '/desk/reports/document?format=docx');
    expect(report.status).toBe(200);
    expect([...new Uint8Array(await report.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const xlsx = await api(s, '/desk/reports/document?format=xlsx');
    expect(xlsx.status).toBe(200);

    const rows = await workerSpreadsheets.reader.readFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
    expect(rows[0]?.cells).toEqual(['项目', '内容']);
    expect(rows.find((r) => r.cells[0] === '报告期间')?.cells[1]).toMatch(/^\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/);
  });

  it('imports a cleanup inventory .xlsx made on Node, and exports the result list as .xlsx', async () => {
    const s = await signIn();
    const book = bytesOf(inject('nodeInventoryXlsx'));
    const form = new FormData();
    form.set('file', new File([book], '清单.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    form.set('campaign', 'xlsx 清单导入');
    const imported = await api(s, '/cleanup/campaigns/import', { method: 'POST', body: form });
    expect(imported.status).toBe(201);
    const campaignId = ((await imported.json()) as { campaign: { id: number } }).campaign.id;
    const items = await api(s, `/cleanup/campaigns/${campaignId}/items`);
    expect(items.status).toBe(200);
    expect(JSON.stringify(await items.json())).toContain('吴政办〔2023〕8号');
    // and the result list comes back as .xlsx with the inventory's own 序号
    const exported = await api(s, `/cleanup/campaigns/${campaignId}/export?format=xlsx`);
    expect(exported.status).toBe(200);
    const rows = await workerSpreadsheets.reader.readFirstSheet(new Uint8Array(await exported.arrayBuffer()));
    expect(rows.some((r) => r.cells.includes('吴政办〔2023〕8号'))).toBe(true);
  });

  it('verifies a password hash made on Node (scrypt) with the Worker hasher', async () => {
    const { password, stored } = inject('nodeScrypt');
    expect(stored.startsWith('scrypt$32768$8$3$')).toBe(true);
    expect(await webCryptoHasher().verify(password, stored)).toBe(true);
    expect(await webCryptoHasher().verify(`${password}x`, stored)).toBe(false);
  });
});
