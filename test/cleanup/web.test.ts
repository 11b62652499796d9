import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/tabular/csv.js';
import { startBackgroundRunner, type PrecheckRunner } from '../../src/cleanup/runner.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { exceljsReader, exceljsWriter } from '../../src/node/xlsx.js';
import { asBrowser, bearer, fixture, JSON_TYPE, ruleSet, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';

const TEXTS = new URL('../../fixtures/cleanup/texts/', import.meta.url);

function form(files: { name: string; bytes: Uint8Array }[], fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const x of files) f.append('file', new File([x.bytes as Uint8Array<ArrayBuffer>], x.name));
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe('cleanup API and pages', () => {
  let t: TestApp;
  let reviewer: Browser;
  let chief: Browser;
  let admin: Browser;
  let campaignId: number;
  let runner: PrecheckRunner;

  beforeAll(async () => {
    t = await testApp(async (store) => {
      runner = (await startBackgroundRunner({ store, ruleSet: ruleSet() })).runner;
      return { ruleSet: ruleSet(), segmenter: jiebaSegmenter(), spreadsheets: { reader: exceljsReader, writer: exceljsWriter }, precheck: runner };
    });
    [reviewer, chief, admin] = [await signIn(t, 'liwei'), await signIn(t, 'wangfang'), await signIn(t, 'admin')];
  });
  afterAll(() => t.close());

  it('asks for a session or token', async () => {
    expect((await t.app.request('/api/cleanup/campaigns')).status).toBe(401);
    const page = await t.app.request('/cleanup');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fcleanup');
  });

  it('refuses a bad inventory with every row, importing nothing', async () => {
    const res = await t.app.request('/api/cleanup/campaigns/import', { method: 'POST', headers: asBrowser(reviewer), body: form([{ name: 'bad-rows.xlsx', bytes: fixture('cleanup/bad-rows.xlsx') }], { campaign: '2026年专项清理' }) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string; errors: { row: number }[] };
    expect(body.code).toBe('INVENTORY');
    expect(body.errors.map((e) => e.row)).toEqual([4, 6]);
    expect(body.message).toMatch(/未导入任何数据/);
    expect((await (await t.app.request('/api/cleanup/campaigns', { headers: asBrowser(reviewer) })).json()) as { total: number }).toMatchObject({ total: 0 });
  });

  it('needs the CSRF header from a browser', async () => {
    const res = await t.app.request('/api/cleanup/campaigns/import', { method: 'POST', headers: { cookie: reviewer.cookie }, body: form([{ name: 'inventory.xlsx', bytes: fixture('cleanup/inventory.xlsx') }], { campaign: 'x' }) });
    expect(res.status).toBe(403);
  });

  it('imports an .xlsx inventory, attaches texts, runs the pre-check in the background, reports progress', async () => {
    const res = await t.app.request('/api/cleanup/campaigns/import', { method: 'POST', headers: asBrowser(reviewer), body: form([{ name: 'inventory.xlsx', bytes: fixture('cleanup/inventory.xlsx') }], { campaign: '2026年专项清理', deadline: '2026-12-31' }) });
    expect(res.status).toBe(201);
    const imported = (await res.json()) as { campaign: { id: number }; imported: number };
    expect(imported.imported).toBe(8);
    campaignId = imported.campaign.id;

    const files = readdirSync(TEXTS).map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(new URL(n, TEXTS))) }));
    const attach = await t.app.request(`/api/cleanup/campaigns/${campaignId}/attach`, { method: 'POST', headers: asBrowser(reviewer), body: form(files) });
    expect(attach.status).toBe(202);
    const a = (await attach.json()) as { jobId: string; matched: unknown[]; unmatched: { fileName: string }[]; background: boolean };
    expect(a).toMatchObject({ background: true });
    expect(a.matched).toHaveLength(5);
    expect(a.unmatched.map((u) => u.fileName)).toEqual(['会议纪要（不在清单中）.txt']);
    expect(attach.headers.get('location')).toBe(`/api/cleanup/jobs/${a.jobId}`);

    await runner.idle();
    const job = (await (await t.app.request(`/api/cleanup/jobs/${a.jobId}`, { headers: asBrowser(reviewer) })).json()) as { done: number; total: number; finished: boolean };
    expect(job).toMatchObject({ done: 5, total: 5, finished: true });

    const progress = (await (await t.app.request(`/api/cleanup/campaigns/${campaignId}`, { headers: asBrowser(chief) })).json()) as { prechecked: number; total: number };
    expect(progress).toMatchObject({ total: 8, prechecked: 5 });
  });

  it('decides through the API by role, with reasons required', async () => {
    const list = (await (await t.app.request(`/api/cleanup/campaigns/${campaignId}/items?decision=undecided`, { headers: asBrowser(reviewer) })).json()) as { items: { id: number; docNumber: string; reviewId: string | null }[] };
    const item = list.items.find((i) => i.docNumber === '湖吴政发〔2021〕15号')!;
    const put = (who: Browser, body: unknown) => t.app.request(`/api/cleanup/items/${item.id}/decision`, { method: 'PUT', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify(body) });
    expect((await put(admin, { decision: 'keep' })).status).toBe(403);
    const noReason = await put(reviewer, { decision: 'repeal' });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toMatch(/必须填写理由/);
    expect((await put(reviewer, { decision: 'sometimes' })).status).toBe(400);
    const ok = await put(chief, { decision: 'amend', reason: '奖励与地方综合贡献挂钩', clauses: ['一、（一）'] });
    expect(ok.status).toBe(200);
    expect((await ok.json()) as object).toMatchObject({ decision: 'amend', decisionClauses: [{ path: '一、（一）' }] });
    // an API token works too (no CSRF)
    const token = (await t.store.createApiToken(t.users.reviewer.id, '脚本', t.users.reviewer.id)).token;
    const other = list.items.find((i) => i.docNumber === '吴市监〔2023〕3号')!;
    expect((await t.app.request(`/api/cleanup/items/${other.id}/decision`, { method: 'PUT', headers: bearer(token, JSON_TYPE), body: JSON.stringify({ decision: 'keep' }) })).status).toBe(200);
  });

  it('only a chief or admin moves the deadline', async () => {
    const patch = (who: Browser, deadline: string) => t.app.request(`/api/cleanup/campaigns/${campaignId}`, { method: 'PATCH', headers: asBrowser(who, JSON_TYPE), body: JSON.stringify({ deadline }) });
    expect((await patch(reviewer, '2027-01-31')).status).toBe(403);
    expect((await patch(chief, '2027-02-30')).status).toBe(400);
    const ok = await patch(chief, '2027-01-31');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { deadline: string }).deadline).toBe('2027-01-31');
  });

  it('exports CSV with a BOM and .xlsx, as downloads', async () => {
    const csv = await t.app.request(`/api/cleanup/campaigns/${campaignId}/export?format=csv`, { headers: asBrowser(admin) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''%E6%B8%85%E7%90%86%E7%BB%93%E6%9E%9C/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes)).map((r) => r.cells);
    expect(rows).toHaveLength(9);
    expect(rows.find((r) => r[2] === '湖吴政发〔2021〕15号')?.[rows[0]!.indexOf('清理结论')]).toBe('修改');

    const xlsx = await t.app.request(`/api/cleanup/campaigns/${campaignId}/export?format=xlsx`, { headers: asBrowser(admin) });
    expect(xlsx.status).toBe(200);
    const sheet = await exceljsReader.readFirstSheet(new Uint8Array(await xlsx.arrayBuffer()));
    expect(sheet).toHaveLength(9);
    expect((await t.app.request(`/api/cleanup/campaigns/${campaignId}/export?format=pdf`, { headers: asBrowser(admin) })).status).toBe(400);
  });

  it('gives the period figures for reports', async () => {
    const res = await t.app.request('/api/cleanup/progress?from=2026-01-01&to=2027-12-31', { headers: asBrowser(chief) });
    expect(res.status).toBe(200);
    expect((await res.json()) as object).toMatchObject({ total: 8, decided: 2, byDecision: { amend: 1, keep: 1 } });
    expect((await t.app.request('/api/cleanup/progress?from=2026/01/01', { headers: asBrowser(chief) })).status).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await t.app.request('/api/openapi.json', { headers: asBrowser(reviewer) })).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/cleanup/'));
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) expect(doc.paths[r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
  });

  describe('pages', () => {
    const get = (who: Browser, path: string) => t.app.request(path, { headers: { cookie: who.cookie } });

    it('lists campaigns with the nav entry; the import form only for roles that may import', async () => {
      const html = await (await get(reviewer, '/cleanup')).text();
      expect(html).toContain('href="/cleanup" aria-current="page"');
      expect(html).toContain('2026年专项清理');
      expect(html).toContain('id="import-form"');
    });

    it('shows the campaign: progress per department, the job bar, the list with pre-check links', async () => {
      const res = await get(chief, `/cleanup/${campaignId}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('id="department-progress"');
      expect(html).toMatch(/<progress id="cleanup-progress" max="5" value="5">/);
      expect(html).toContain('data-finished="true"');
      expect(html).toMatch(/href="\/reviews\/[0-9a-f-]{36}"/);
      expect(html).toContain('id="deadline-form"');
      const filtered = await (await get(chief, `/cleanup/${campaignId}?department=${encodeURIComponent('区住建局')}`)).text();
      expect(filtered).toContain('关于加强建筑市场管理的若干规定');
      expect(filtered).not.toContain('关于支持童装企业做大做强的若干意见</a>');
    });

    it('a bad inventory by form shows the row errors', async () => {
      const body = form([{ name: 'bad-rows.csv', bytes: fixture('cleanup/bad-rows.csv') }], { campaign: '再导入', _csrf: reviewer.csrf });
      const res = await t.app.request('/cleanup/import', { method: 'POST', headers: { cookie: reviewer.cookie }, body });
      expect(res.status).toBe(422);
      const html = await res.text();
      for (const n of [3, 5, 6, 7]) expect(html).toContain(`第 ${n} 行`);
      expect(html).toContain('value="再导入"');
    });

    it('decides by form (no script), and refuses a missing reason with the Chinese message', async () => {
      const items = (await (await t.app.request(`/api/cleanup/campaigns/${campaignId}/items?decision=undecided`, { headers: asBrowser(reviewer) })).json()) as { items: { id: number; title: string }[] };
      const item = items.items[0]!;
      const post = (body: Record<string, string>) =>
        t.app.request(`/cleanup/items/${item.id}/decision`, { method: 'POST', headers: { cookie: reviewer.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: reviewer.csrf, ...body }) });
      const bad = await post({ decision: 'invalid', reason: '' });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toContain('结论为“宣布失效”时必须填写理由');
      const ok = await post({ decision: 'invalid', reason: '制定依据已废止' });
      expect(ok.status).toBe(303);
      const page = await (await get(reviewer, `/cleanup/items/${item.id}?ok=decided`)).text();
      expect(page).toContain('清理结论已保存');
      expect(page).toContain('制定依据已废止');
      // an admin sees the page but not the decision form
      const adminPage = await (await get(admin, `/cleanup/items/${item.id}`)).text();
      expect(adminPage).not.toContain('id="decision-form"');
      expect((await t.app.request(`/cleanup/items/${item.id}/decision`, { method: 'POST', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: admin.csrf, decision: 'keep' }) })).status).toBe(403);
    });

    it('attaches by form and shows the unmatched files', async () => {
      const body = form([{ name: '无关文件.txt', bytes: new TextEncoder().encode('无关\n') }], { _csrf: reviewer.csrf });
      const res = await t.app.request(`/cleanup/${campaignId}/attach`, { method: 'POST', headers: { cookie: reviewer.cookie }, body });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('无关文件.txt：文件名中找不到清单里的文号或标题');
    });

    it('shows the item page with its findings and clause choices', async () => {
      const items = (await (await t.app.request(`/api/cleanup/campaigns/${campaignId}/items`, { headers: asBrowser(reviewer) })).json()) as { items: { id: number; docNumber: string }[] };
      const id = items.items.find((i) => i.docNumber === '湖吴政发〔2021〕15号')!.id;
      const html = await (await get(reviewer, `/cleanup/items/${id}`)).text();
      expect(html).toContain('id="item-report-link"');
      expect(html).toMatch(/<input type="checkbox" name="clauses" value="[^"]+" checked=""\/?> 一、（一）/);
      expect((await get(reviewer, '/cleanup/items/999999')).status).toBe(404);
    });

    it('the script polls the job endpoint', async () => {
      const js = await (await t.app.request('/assets/app.js')).text();
      expect(js).toContain("getElementById('cleanup-job')");
      expect(js).toContain('/api/cleanup/jobs/');
    });
  });
});
