/**
 * Inside workerd (vitest.workers.config.ts): originals in R2, the cleanup pre-check through the
 * queue, the refusal of formats the Worker cannot read, and two districts on their own D1s
 * (DISTRICTS = fahu=DB,nanxun=DB_NANXUN; the host's first label picks the district).
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF } from 'cloudflare:test';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import worker from '../../src/workers/worker.js';

const FAHU = 'http://fahu.test';
const NANXUN = 'http://nanxun.test';
const ADMIN = { name: 'pooladmin', password: 'pool-pass-123' };
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

interface Session {
  base: string;
  cookie: string;
  csrf: string;
}

async function signIn(base: string, name = ADMIN.name, password = ADMIN.password): Promise<Session | null> {
  const form = await SELF.fetch(`${base}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const login = await SELF.fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name, password, _csrf: csrf }) });
  if (login.status !== 302) return null;
  const cookie = cookieOf(login);
  const page = await (await SELF.fetch(`${base}/`, { headers: { cookie } })).text();
  return { base, cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '' };
}

const api = (s: Session, path: string, init: RequestInit = {}) =>
  SELF.fetch(`${s.base}/api${path}`, { ...init, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}) } });

/** Incompressible bytes (getRandomValues gives at most 64 KiB a call). */
function noise(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** A .docx of a draft with a 2.5 MB picture: more than a D1 row holds. */
async function bigDocx(): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new Document({
    sections: [{ children: [
      new Paragraph('关于支持童装企业发展的若干措施'),
      new Paragraph('第一条 外地企业在本区参与政府采购的，须在本区设立分支机构。'),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: noise(2_500_000), transformation: { width: 100, height: 100 } })] }),
    ] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function upload(s: Session, bytes: Uint8Array<ArrayBuffer>, fileName: string, title: string): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([bytes], fileName));
  form.set('department', '区经信局');
  form.set('title', title);
  return api(s, '/reviews', { method: 'POST', body: form });
}

describe('originals in R2', () => {
  it('stores an uploaded .docx larger than a D1 row in R2 and downloads the same bytes', async () => {
    const s = await signIn(FAHU);
    expect(s).not.toBeNull();
    const bytes = await bigDocx();
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await upload(s as Session, bytes, '大附件的草案.docx', '关于支持童装企业发展的若干措施');
    expect(res.status).toBe(201);
    const record = (await res.json()) as { documentHash: string; findingCount: number };
    expect(record.findingCount).toBeGreaterThan(0);
    const object = await env.FILES.get(`fahu/originals/${record.documentHash}`);
    expect(object).not.toBeNull();
    expect(same(new Uint8Array(await (object as { arrayBuffer(): Promise<ArrayBuffer> }).arrayBuffer()), bytes)).toBe(true);
    const download = await api(s as Session, `/documents/${record.documentHash}`);
    expect(download.status).toBe(200);
    expect(same(new Uint8Array(await download.arrayBuffer()), bytes)).toBe(true);
  });

  it('refuses .doc, .wps and PDF with a Chinese reason and keeps nothing', async () => {
    const s = (await signIn(FAHU)) as Session;
    const before = (await env.FILES.list({ prefix: 'fahu/' })).objects.length;
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    // a Word 97-2003 compound file names its stream WordDocument (UTF-16LE)
    ole.set(Uint8Array.from([...'WordDocument'].flatMap((ch) => [ch.charCodeAt(0), 0])), 1024);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    for (const [bytes, name, code] of [[ole, '旧格式.doc', 'LEGACY_DOC'], [ole, '旧格式.wps', 'LEGACY_WPS'], [pdf, '扫描件.pdf', 'PDF']] as const) {
      const res = await upload(s, bytes, name, '旧格式文件');
      expect(res.status, name).toBe(422);
      const body = (await res.json()) as { code: string; message: string; hint?: string };
      expect(body.code, name).toBe(code);
      expect(body.message, name).toMatch(/[\u4e00-\u9fff]/);
      expect(`${body.message}${body.hint ?? ''}`, name).toMatch(/\.docx/);
    }
    expect((await env.FILES.list({ prefix: 'fahu/' })).objects.length).toBe(before);
  });
});

describe('the cleanup pre-check through the queue', () => {
  it('sends an attached batch to PRECHECK_QUEUE and the consumer reviews it', async () => {
    const s = (await signIn(FAHU)) as Session;
    const inventory = new FormData();
    inventory.set('file', new File(['文件名称,发文字号,发文机关,印发日期,有效期,责任单位\r\n关于支持企业发展的若干措施,吴政发〔2024〕3号,吴兴区人民政府,2024-01-02,5年,区经信局\r\n'], '清单.csv', { type: 'text/csv' }));
    inventory.set('campaign', '队列测试清理');
    const imported = await api(s, '/cleanup/campaigns/import', { method: 'POST', body: inventory });
    expect(imported.status).toBe(201);
    const campaignId = ((await imported.json()) as { campaign: { id: number } }).campaign.id;
    const texts = new FormData();
    texts.append('file', new File(['关于支持企业发展的若干措施\n吴政发〔2024〕3号\n一、外地企业在本区参与政府采购的，须在本区设立分支机构。\n'], '吴政发〔2024〕3号.txt', { type: 'text/plain' }));
    const attached = await api(s, `/cleanup/campaigns/${campaignId}/attach`, { method: 'POST', body: texts });
    expect(attached.status).toBe(202);
    const { jobId, background } = (await attached.json()) as { jobId: string; background: boolean };
    expect(background).toBe(true); // sent to the queue, not run in the request
    let p = { done: 0, failed: 0, total: 1 };
    for (let i = 0; i < 300 && p.done + p.failed < p.total; i++) {
      await new Promise((r) => setTimeout(r, 100));
      p = (await (await api(s, `/cleanup/jobs/${jobId}`)).json()) as typeof p;
    }
    expect(p).toMatchObject({ total: 1, done: 1, failed: 0 });
  });

  it('acknowledges a batch once its districts are drained, and ignores messages naming no district', async () => {
    const batch = createMessageBatch<unknown>('fahu-precheck', [
      { id: 'a', timestamp: new Date(), attempts: 1, body: { district: 'fahu' } },
      { id: 'b', timestamp: new Date(), attempts: 1, body: { district: 'nowhere' } },
      { id: 'c', timestamp: new Date(), attempts: 1, body: 'garbage' },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env as never);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);
  });
});

describe('one D1 per district', () => {
  it('keeps accounts and reviews apart by host, and says so for a host naming no district', async () => {
    const fahu = (await signIn(FAHU)) as Session;
    await upload(fahu, new TextEncoder().encode('第一条 外地企业在本区参与政府采购的，须在本区设立分支机构。'), '吴兴.txt', '吴兴区的草案');
    const nanxun = await signIn(NANXUN);
    expect(nanxun).not.toBeNull(); // its own first admin, made on its own D1
    expect((await api(fahu, '/users', { method: 'POST', body: JSON.stringify({ name: 'wuxing-only', password: 'wuxing-pass-1', role: 'reviewer' }) })).status).toBe(201);
    expect(await signIn(NANXUN, 'wuxing-only', 'wuxing-pass-1')).toBeNull();
    expect(await signIn(FAHU, 'wuxing-only', 'wuxing-pass-1')).not.toBeNull();
    const listed = (await (await api(nanxun as Session, '/reviews')).json()) as { items: { title: string }[] };
    expect(listed.items.map((r) => r.title)).not.toContain('吴兴区的草案');
    // a session cookie of one district is no sign-in on another
    expect((await SELF.fetch(`${NANXUN}/api/me`, { headers: { cookie: fahu.cookie } })).status).toBe(401);
    const nowhere = await SELF.fetch('http://nowhere.test/login');
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('不对应任何已开通的区县');
  });
});
