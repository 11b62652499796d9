/**
 * A 200-document pre-check survives a server restart: the server (bin/fahu.js serve, as
 * `npm start` runs it) is killed with SIGKILL in the middle of the batch, started again on the
 * same DATA_DIR, and finishes every document, each once (at most the one being saved at the
 * kill may run twice). Driven through the JSON API with an API token, as a script would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/node/open-store.js';
import { fastHasher } from '../store/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const N = 200;
let dir: string;
let token: string;
let server: ChildProcess | undefined;

function start(): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/fahu.js'), 'serve', '--port', '0'], { env: { ...process.env, DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'] });
  server = child;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  });
}

function kill(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const auth = () => ({ authorization: `Bearer ${token}` });
const docNumber = (i: number) => `湖吴政办发〔2025〕${i}号`;

/** A long draft (about 12,000 characters), so that the batch takes seconds and the kill lands inside it. */
function draft(i: number): string {
  const clauses = Array.from({ length: 120 }, (_, k) => `（${k + 1}）对在本区登记注册的企业，按其上年度地方综合贡献的${(k % 9) + 1}0%给予奖励，具体办法由区经信局另行制定，奖励资金由区财政统筹安排。`);
  return `关于支持企业发展的若干措施（第${i}号）\n${docNumber(i)}\n一、支持企业发展\n${clauses.join('\n')}\n二、本措施自2025年1月1日起施行，有效期三年。\n`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fahu-restart-'));
  const opened = await openStore({ dir, hasher: fastHasher });
  const user = await opened.store.createUser({ name: 'liwei', role: 'reviewer', password: 'reviewer-pass' }, null);
  token = (await opened.store.createApiToken(user.id, '重启测试', null)).token;
  opened.close();
}, 30_000);

afterAll(async () => {
  await kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the cleanup pre-check across a server restart', () => {
  it('finishes a 200-document batch after a SIGKILL in the middle, each document once', { timeout: 180_000 }, async () => {
    let base = await start();

    const csv = ['文件名称,发文字号,发文机关,印发日期,有效期,责任单位', ...Array.from({ length: N }, (_, k) => `关于支持企业发展的若干措施（第${k + 1}号）,${docNumber(k + 1)},吴兴区人民政府办公室,2025-01-01,3年,区经信局`)].join('\r\n');
    const inventory = new FormData();
    inventory.set('file', new File([csv], '清单.csv', { type: 'text/csv' }));
    inventory.set('campaign', '重启测试清理');
    const imported = await fetch(`${base}/api/cleanup/campaigns/import`, { method: 'POST', headers: auth(), body: inventory });
    expect(imported.status).toBe(201);
    const campaignId = ((await imported.json()) as { campaign: { id: number } }).campaign.id;

    const texts = new FormData();
    for (let i = 1; i <= N; i++) texts.append('file', new File([draft(i)], `${docNumber(i)}.txt`, { type: 'text/plain' }));
    const attached = await fetch(`${base}/api/cleanup/campaigns/${campaignId}/attach`, { method: 'POST', headers: auth(), body: texts });
    expect(attached.status).toBe(202);
    const { jobId } = (await attached.json()) as { jobId: string };

    const progress = async () => (await (await fetch(`${base}/api/cleanup/jobs/${jobId}`, { headers: auth() })).json()) as { total: number; done: number; failed: number };
    let p = await progress();
    while (p.done < 10) {
      await new Promise((r) => setTimeout(r, 50));
      p = await progress();
    }
    await kill();
    // the kill must land inside the batch, or this test proves nothing
    expect(p.done).toBeLessThan(N);

    base = await start();
    const deadline = Date.now() + 150_000;
    p = await progress();
    while (p.done + p.failed < N && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      p = await progress();
    }
    expect(p).toMatchObject({ total: N, done: N, failed: 0 });

    const items = ((await (await fetch(`${base}/api/cleanup/campaigns/${campaignId}/items`, { headers: auth() })).json()) as { items: { reviewId: string | null; findingCount: number | null }[] }).items;
    expect(items).toHaveLength(N);
    expect(items.every((i) => i.reviewId !== null && (i.findingCount ?? 0) > 0)).toBe(true);
    const reviews = (await (await fetch(`${base}/api/reviews?pageSize=1`, { headers: auth() })).json()) as { total: number };
    expect(reviews.total).toBeGreaterThanOrEqual(N);
    expect(reviews.total).toBeLessThanOrEqual(N + 1);
  });
});
