import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { createApp } from '../../src/server/app.js';
import { DRAFT } from '../store/helpers.js';
import { asBrowser, bearer, apiToken, JSON_TYPE, ruleSet, SECRET, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';
import { SAMPLE } from './helpers.js';

const FLAGGED = DRAFT.replace('（二）支持企业参加展会，限本地企业报名。', '（二）支持企业参加展会，限本地企业报名。\n（三）零售网点必须与区内指定的配送企业签订供货协议。\n（四）全区驾驶培训收费不得低于每人3500元。');

let t: TestApp;
let decisions: DecisionStore;
let reviewer: Browser;

beforeEach(async () => {
  const base = await testApp({ ruleSet: ruleSet() });
  decisions = new DecisionStore(base.store.db);
  const app = createApp({ store: base.store, sessionSecret: SECRET, ruleSet: ruleSet(), segmenter: jiebaSegmenter(), decisions: new DecisionSearch(decisions, jiebaSegmenter()) });
  t = { ...base, app };
  reviewer = await signIn(t, 'liwei');
  await decisions.upsertMany([
    SAMPLE,
    { ...SAMPLE, key: 'test:2', outcome: '保留', category: '', rule: '', clauseText: '采购人不得指定品牌，不得排斥外地经营者。<b>粗体</b>', reasoning: '描述禁止行为，合法' },
    { ...SAMPLE, key: 'test:3', clauseText: '零售网点须与指定配送企业签订协议', rule: 'designated-operator', reasoning: '限定交易对象' },
  ]);
});
afterEach(() => t.close());

describe('GET /api/decisions/search', () => {
  it('needs a signed-in user or a token', async () => {
    expect((await t.app.request('/api/decisions/search?q=迁出')).status).toBe(401);
    const token = await apiToken(t, t.users.reviewer.id);
    expect((await t.app.request(`/api/decisions/search?q=${encodeURIComponent('迁出')}`, { headers: bearer(token) })).status).toBe(200);
  });

  it('answers with decisions, escaped highlights, facets and the searched words', async () => {
    const res = await t.app.request(`/api/decisions/search?q=${encodeURIComponent('指定品牌')}`, { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { key: string; snippets: { clauseText: { html: string } } }[]; facets: { outcome: { value: string }[] }; tokens: string[] };
    expect(body.items[0]?.key).toBe('test:2');
    expect(body.items[0]?.snippets.clauseText.html).toContain('<mark>指定品牌</mark>');
    expect(body.items[0]?.snippets.clauseText.html).toContain('&lt;b&gt;');
    expect(body.tokens).toContain('指定品牌');
    expect(body.facets.outcome.map((f) => f.value)).toContain('保留');
  });

  it('refuses bad filters with a Chinese message', async () => {
    const res = await t.app.request('/api/decisions/search?from=2026-02-30', { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('日期不存在');
    const bad = await t.app.request(`/api/decisions/search?outcome=${encodeURIComponent('撤销')}`, { headers: { cookie: reviewer.cookie } });
    expect(bad.status).toBe(400);
  });

  it('one decision by id, 404 for an unknown one; similar clauses by POST with CSRF', async () => {
    const d = (await decisions.getByKey('test:1'))!;
    expect(((await (await t.app.request(`/api/decisions/${d.id}`, { headers: { cookie: reviewer.cookie } })).json()) as { key: string }).key).toBe('test:1');
    expect((await t.app.request('/api/decisions/99999', { headers: { cookie: reviewer.cookie } })).status).toBe(404);
    const body = JSON.stringify({ text: '企业五年内不得迁出本县', rule: 'exit-barrier-no-relocation' });
    expect((await t.app.request('/api/decisions/similar', { method: 'POST', headers: { cookie: reviewer.cookie, ...JSON_TYPE }, body })).status).toBe(403);
    const res = await t.app.request('/api/decisions/similar', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: { key: string }[] }).items[0]?.key).toBe('test:1');
  });
});

describe('pages', () => {
  it('审查意见库: search box, facets, highlighted and escaped results, detail page', async () => {
    const res = await t.app.request(`/decisions?q=${encodeURIComponent('指定品牌')}`, { headers: { cookie: reviewer.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="decision-search"');
    expect(html).toContain('id="decision-facets"');
    expect(html).toContain('<mark>指定品牌</mark>');
    expect(html).not.toContain('<b>粗体</b>');
    expect(html).toContain('href="/decisions"'); // the nav entry
    const d = (await decisions.getByKey('test:1'))!;
    const detail = await (await t.app.request(`/decisions/${d.id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(detail).toContain('享受扶持的企业须承诺十年内不迁出本区');
    expect(detail).toContain('《公平竞争审查条例》第八条第（四）项');
    expect((await t.app.request('/decisions/abc', { headers: { cookie: reviewer.cookie } })).status).toBe(404);
    expect((await t.app.request('/decisions?from=2026-99-01', { headers: { cookie: reviewer.cookie } })).status).toBe(422);
  });

  it('an empty result says what the library holds (its published cases are fair-competition cases)', async () => {
    const res = await t.app.request(`/decisions?q=${encodeURIComponent('罚款')}`, { headers: asBrowser(reviewer) });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="decision-empty"');
    expect(html).toContain('随附的公开案例均来自公平竞争审查');
  });

  it('a report shows precedents under its findings and links to similar clauses; sign-off records the decisions', async () => {
    const created = await t.app.request('/api/reviews', { method: 'POST', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ text: FLAGGED, department: '区市场监管局' }) });
    const { id } = (await created.json()) as { id: string };
    const report = await (await t.app.request(`/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).text();
    expect(report).toContain('以往审查意见');
    expect(report).toContain('零售网点须与指定配送企业签订协议'); // the precedent of the 指定配送企业 finding
    expect(report).toMatch(/class="muted small precedent-source">来源：本科室审查记录</); // the source line, never a database path
    expect(report).toContain('/decisions/similar?review=');
    expect(report).toContain('id="findings"'); // the workbench ids are intact
    const clauseLink = /href="(\/decisions\/similar\?review=[^"]+)"/.exec(report)?.[1]?.replace(/&amp;/g, '&');
    expect((await t.app.request(clauseLink!, { headers: { cookie: reviewer.cookie } })).status).toBe(200);

    const detail = (await (await t.app.request(`/api/reviews/${id}`, { headers: { cookie: reviewer.cookie } })).json()) as { findings: { id: string }[] };
    expect(detail.findings.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = detail.findings;
    const patch = (fid: string, body: object) => t.app.request(`/api/reviews/${id}/findings/${fid}`, { method: 'PATCH', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify(body) });
    await patch(first!.id, { action: 'dismiss', reason: '属于依法设定的条件' });
    for (const f of rest) await patch(f.id, { action: 'confirm' });
    await t.app.request(`/api/reviews/${id}/conclusion`, { method: 'PUT', headers: asBrowser(reviewer, JSON_TYPE), body: JSON.stringify({ conclusion: '修改后可以出台' }) });
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request(`/api/reviews/${id}/signoff`, { method: 'POST', headers: asBrowser(chief) })).status).toBe(200);

    const own = await decisions.keysOfReview(id);
    expect(own).toHaveLength(detail.findings.length);
    const dismissed = (await decisions.getByKey(`review:${id}:${first!.id}`))!;
    expect(dismissed).toMatchObject({ outcome: '保留', sourceKind: 'own', department: '区市场监管局', reviewer: '李伟', reviewId: id });
    expect(dismissed.reasoning).toContain('属于依法设定的条件');
    const confirmed = (await decisions.getByKey(`review:${id}:${rest[0]!.id}`))!;
    expect(confirmed.outcome).toBe('修改');
    // and they are searchable at once, by the dismissal's reason too
    const found = await t.app.request(`/api/decisions/search?q=${encodeURIComponent('依法设定')}&source=own`, { headers: { cookie: reviewer.cookie } });
    expect(((await found.json()) as { items: { key: string }[] }).items.map((i) => i.key)).toContain(dismissed.key);
  });
});

describe('fahu decisions import / search', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fahu-decisions-'));
    saved = process.env.DATA_DIR;
    process.env.DATA_DIR = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('refuses a file with bad rows (exit 2, line numbers), then imports a good one and finds it', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'clauseText,outcome,reviewType\n条款甲,修改,公平竞争审查\n条款乙,撤销,公平竞争审查\n');
    const refused = await run('decisions', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('第 3 行');
    expect(refused.err).toContain('未写入任何数据');

    const good = join(dir, 'good.jsonl');
    writeFileSync(good, `${JSON.stringify({ ...SAMPLE, key: 'cli:1', clauseText: '须使用本地生产的面料' })}\n`);
    const imported = await run('decisions', 'import', good);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toContain('新增 1 条');
    const found = await run('search', '本地', '面料', '--source', 'own', '--format', 'json');
    expect(found.code).toBe(0);
    expect((JSON.parse(found.out) as { items: { key: string }[] }).items.map((i) => i.key)).toEqual(['cli:1']);
    const text = await run('search', '面料', '--source', 'own');
    expect(text.out).toContain('【面料】');
    expect((await run('search', '面料', '--from', '2026-13-01')).code).toBe(2);
    const none = await run('search', '罚款', '--source', 'own');
    expect(none.out).toContain('没有找到与');
    expect(none.out).toContain('在签发时自动入库');
    const exported = await run('decisions', 'export', '--format', 'csv');
    expect(exported.out).toContain('须使用本地生产的面料');
  });
});

describe('GET /api/decisions/export', () => {
  it('downloads the whole library as CSV or JSONL that imports back the same', async () => {
    expect((await t.app.request('/api/decisions/export')).status).toBe(401);
    const csv = await t.app.request('/api/decisions/export?format=csv', { headers: { cookie: reviewer.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="_+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E5%AE%A1/);
    const { parseDecisions } = await import('../../src/decisions/import-export.js');
    const back = await parseDecisions(await csv.text(), 'csv');
    expect(back.errors).toEqual([]);
    expect(back.rows.map((r) => r.decision.key).sort()).toEqual(['test:1', 'test:2', 'test:3']);
    const jsonl = await t.app.request('/api/decisions/export?format=jsonl', { headers: { cookie: reviewer.cookie } });
    expect((await jsonl.text()).trim().split('\n')).toHaveLength(3);
    const bad = await t.app.request('/api/decisions/export?format=xls', { headers: { cookie: reviewer.cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('format 只能是 csv 或 jsonl');
    const page = await (await t.app.request('/decisions', { headers: { cookie: reviewer.cookie } })).text();
    expect(page).toContain('href="/api/decisions/export?format=csv"');
  });
});

describe('importing decisions on the workbench', () => {
  const file = (text: string, name: string) => {
    const form = new FormData();
    form.set('file', new File([text], name));
    return form;
  };
  const GOOD = ['clauseText,outcome,reviewType,reasoning,tags', '外地企业须在本区设立子公司方可承接项目,修改,公平竞争审查,变相设置准入障碍,设立分支机构', '全区统一使用指定的扫码支付平台,删除,公平竞争审查,限定交易,'].join('\n');

  it('is for the chief and the admin; bad rows refuse the whole file; good files are searchable at once', async () => {
    const chief = await signIn(t, 'wangfang');
    expect((await t.app.request('/api/decisions/import', { method: 'POST', headers: asBrowser(reviewer), body: file(GOOD, 'a.csv') })).status).toBe(403);

    const bad = await t.app.request('/api/decisions/import', { method: 'POST', headers: asBrowser(chief), body: file(`${GOOD}\n只有一列`, 'a.csv') });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { message: string; errors: { line: number }[] };
    expect(body.message).toContain('导入失败，未写入任何数据');
    expect(body.errors.map((e) => e.line)).toEqual([4]);
    expect((await decisions.all()).length).toBe(3);

    const wrongType = await t.app.request('/api/decisions/import', { method: 'POST', headers: asBrowser(chief), body: file(GOOD, 'a.xlsx') });
    expect(((await wrongType.json()) as { message: string }).message).toContain('请上传 .jsonl 或 .csv 文件');

    const ok = await t.app.request('/api/decisions/import', { method: 'POST', headers: asBrowser(chief), body: file(GOOD, 'a.csv') });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ inserted: 2, updated: 0 });
    const found = (await (await t.app.request(`/api/decisions/search?q=${encodeURIComponent('扫码支付')}`, { headers: { cookie: chief.cookie } })).json()) as { total: number };
    expect(found.total).toBe(1);
    expect((await t.store.listAudit(t.users.admin.id, { action: 'decision.import' })).total).toBe(1);
  });

  it('works from the page form without script', async () => {
    const chief = await signIn(t, 'wangfang');
    const page = await (await t.app.request('/decisions', { headers: { cookie: chief.cookie } })).text();
    expect(page).toContain('action="/decisions/import"');
    expect(await (await t.app.request('/decisions', { headers: { cookie: reviewer.cookie } })).text()).not.toContain('action="/decisions/import"');
    const form = file(GOOD, '意见.csv');
    form.set('_csrf', chief.csrf);
    const res = await t.app.request('/decisions/import', { method: 'POST', headers: { cookie: chief.cookie }, body: form });
    expect(res.status).toBe(303);
    const after = await (await t.app.request(res.headers.get('location') ?? '', { headers: { cookie: chief.cookie } })).text();
    expect(after).toContain('已导入审查意见：新增 2 条，更新 0 条。');
  });
});
