/**
 * The Worker in workerd, as `npx wrangler dev` serves it (miniflare: local D1, no network),
 * driven over HTTP like a browser: the first admin from the vars, sign-in, an admin making a
 * chief, a .docx uploaded through the upload form and reviewed in the isolate (findings equal to
 * the Node pipeline's on the same file), every finding handled, sign-off, the signed decisions in
 * the library's search, a Word export, pasted clauses reviewed like on Node, and the cron handler.
 *
 * The pool tests (./health.workerd.ts, vitest.workers.config.ts) run inside workerd too; this one
 * also checks what `wrangler dev` itself wires (vars, local D1 persistence, the cron endpoint).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestBytes, ingestText } from '../../src/ingest/ingest.js';
import { review } from '../../src/review/review.js';
import { ruleSet } from '../server/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ADMIN = { name: 'wadmin', password: 'admin-pass-1' };
const CHIEF = { name: 'wchief', password: 'chief-pass-12' };
let child: ChildProcess | undefined;
let base = '';
let state = '';
/** wrangler's output, shown when a test fails. */
let output = '';

function startWrangler(): Promise<string> {
  state = mkdtempSync(join(tmpdir(), 'fahu-wrangler-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = ['dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--test-scheduled', '--show-interactive-dev-session=false',
    '--var', `ADMIN_NAME:${ADMIN.name}`, '--var', `ADMIN_PASSWORD:${ADMIN.password}`, '--var', 'SECURE_COOKIES:0'];
  child = spawn(process.execPath, [join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), ...args], { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${output}`)), 120_000);
    const on = (d: Buffer) => {
      output += d.toString();
      if (/Ready on http/.test(output)) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    };
    child?.stdout?.on('data', on);
    child?.stderr?.on('data', on);
    child?.on('exit', (code) => reject(new Error(`wrangler dev exited ${code}:\n${output}`)));
  });
}

/** name=value of each Set-Cookie. */
function cookies(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(name: string, password: string): Promise<Session> {
  const form = await fetch(`${base}/login`);
  const loginCookie = cookies(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name, password, _csrf: csrf }) });
  expect(res.status).toBe(302);
  const cookie = cookies(res);
  const page = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '' };
}

const api = (s: Session, path: string, init: RequestInit = {}) =>
  fetch(`${base}/api${path}`, { ...init, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string> | undefined) } });

interface Finding {
  rule: string;
  path: string;
  start: number;
  end: number;
  quote: string;
}
const key = (f: Finding) => `${f.rule}@${f.path}@${f.start}-${f.end}:${f.quote}`;

beforeAll(async () => {
  // the Node side first: loading the rules between two requests outlasts the
  // server's keep-alive, and the next fetch would meet a closed socket
  review(ingestText('外地企业'), ruleSet());
  base = await startWrangler();
}, 150_000);

beforeEach(({ onTestFailed }) => onTestFailed(() => console.log(output.slice(-6000))));

afterAll(() => {
  child?.kill('SIGTERM');
  if (state) rmSync(state, { recursive: true, force: true });
});

describe('the Worker under wrangler dev (workerd, local D1)', () => {
  let admin: Session;
  let reviewId = '';

  it('migrates D1 on the first request and lets the first admin sign in', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    admin = await signIn(ADMIN.name, ADMIN.password);
    expect(admin.csrf).not.toBe('');
    const me = (await (await api(admin, '/me')).json()) as { user: { name: string; role: string } };
    expect(me.user).toMatchObject({ name: ADMIN.name, role: 'admin' });
    const bad = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ name: ADMIN.name, password: 'wrong-password' }) });
    expect(bad.status).not.toBe(302);
  }, 60_000);

  it('reviews an uploaded .docx in the isolate with the findings Node gives', async () => {
    const file = 'article-typed.docx';
    const bytes = readFileSync(join(ROOT, 'fixtures', 'docx', file));
    const onNode = review(await ingestBytes(new Uint8Array(bytes), { fileName: file }), ruleSet()).findings;
    const form = new FormData();
    form.set('_csrf', admin.csrf);
    form.set('department', '区经信局');
    form.set('title', '童装产业发展专项资金管理办法');
    form.set('file', new File([bytes], file, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    const res = await fetch(`${base}/reviews`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie }, body: form });
    expect(res.status).toBe(303);
    reviewId = decodeURIComponent((res.headers.get('location') ?? '').replace('/reviews/', ''));
    const detail = (await (await api(admin, `/reviews/${encodeURIComponent(reviewId)}`)).json()) as { review: { findings: Finding[] } };
    expect(onNode.length).toBeGreaterThan(0);
    expect(detail.review.findings.map(key).sort()).toEqual(onNode.map(key).sort());
    const page = await fetch(`${base}/reviews/${encodeURIComponent(reviewId)}`, { headers: { cookie: admin.cookie } });
    expect(await page.text()).toContain('童装产业发展专项资金管理办法');
  }, 60_000);

  it('lets a chief sign off once every finding is handled; the decisions are then searchable; the opinion exports', async () => {
    expect((await api(admin, '/users', { method: 'POST', body: JSON.stringify({ ...CHIEF, role: 'chief' }) })).status).toBe(201);
    const chief = await signIn(CHIEF.name, CHIEF.password);
    const path = `/reviews/${encodeURIComponent(reviewId)}`;
    const early = await api(chief, `${path}/signoff`, { method: 'POST' });
    expect(early.status).toBeGreaterThanOrEqual(400); // open findings: refused
    const { findings } = (await (await api(chief, path)).json()) as { findings: { id: string }[] };
    for (const f of findings) expect((await api(chief, `${path}/findings/${encodeURIComponent(f.id)}`, { method: 'PATCH', body: JSON.stringify({ action: 'confirm' }) })).status).toBe(200);
    // sign-off needs the reviewer's conclusion on the review (it is never the tool's)
    expect((await api(chief, `${path}/conclusion`, { method: 'PUT', body: JSON.stringify({ conclusion: '修改后可以出台' }) })).status).toBe(200);
    const signed = await api(chief, `${path}/signoff`, { method: 'POST' });
    expect(signed.status).toBe(200);
    const hits = (await (await api(chief, `/decisions/search?q=${encodeURIComponent('童装')}`)).json()) as { total?: number; hits?: { reviewId?: string | null }[] };
    expect(JSON.stringify(hits)).toContain(reviewId);
    const docx = await api(chief, `${path}/export?format=docx`);
    expect(docx.status).toBe(200);
    expect(new Uint8Array(await docx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip
  }, 120_000);

  it('reviews pasted clauses like Node does', async () => {
    const clauses = readFileSync(join(ROOT, 'fixtures', 'generalisation', 'clauses-dev.jsonl'), 'utf8').trim().split('\n').slice(0, 12).map((l) => (JSON.parse(l) as { text: string }).text);
    for (const text of clauses) {
      const res = await api(admin, '/review', { method: 'POST', body: JSON.stringify({ text }) });
      expect(res.status).toBe(200);
      const got = ((await res.json()) as { findings: Finding[] }).findings.map(key).sort();
      expect(got).toEqual(review(ingestText(text), ruleSet()).findings.map(key).sort());
    }
  }, 120_000);

  it('runs the cron handler (pre-check drain and purge)', async () => {
    const res = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
    expect(res.status).toBe(200);
  }, 60_000);
});
