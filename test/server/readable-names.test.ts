/**
 * Issue 14 item 7: no raw rule id (`designated-brand`), category key or audit action key is shown
 * to people. Every page route of the app (from its own route table) is requested as each role
 * over seeded data — a pre-check with real findings (one confirmed, so the audit log has finding
 * actions), a signed-off review, a voided one, a desk request and meeting, a cleanup campaign
 * with a decided item and a voided one, a decision of the library — and the visible text (tags,
 * attributes, scripts and styles removed) is scanned for `[a-z]+-[a-z]+` words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanupStore } from '../../src/cleanup/cleanup-store.js';
import { PrecheckRunner } from '../../src/cleanup/runner.js';
import { DecisionSearch } from '../../src/decisions/decision-search.js';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { importLocalText } from '../../src/local-texts/import.js';
import { readFileSync } from 'node:fs';
import { APP_JS } from '../../src/server/assets/app-js.js';
import { DeskStore } from '../../src/desk/desk-store.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { createReview } from '../../src/review/create-review.js';
import type { Role } from '../../src/store/types.js';
import { SAMPLE } from '../decisions/helpers.js';
import { row } from '../cleanup/helpers.js';
import { ruleSet, signIn, testApp, type Browser, type TestApp } from './helpers.js';

const DRAFT = `关于支持童装企业做大做强的若干意见
湖吴政发〔2026〕15号
一、对新落户企业，按其区级地方综合贡献的80%给予奖励。
二、本地企业优先采购本区生产的童装，外地企业须在本区设立分支机构方可参与。
三、指定使用“织里牌”面料的企业给予补助。
四、本意见自印发之日起施行，有效期5年。
`;

/** The words people read: without scripts, styles, comments and tags (so without attributes), entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

const RAW_ID = /(?<![\w./:@-])[a-z]+(?:-[a-z]+)+(?![\w/-])/g;
/** Not ids: the MIT attribution of the holiday data names its npm package, as its licence asks. */
const NOT_IDS = new Set(['chinese-days']);

let t: TestApp;
const sessions = {} as Record<Role, Browser>;
const params: Record<string, string> = {};

beforeAll(async () => {
  const rs = ruleSet();
  const segmenter = jiebaSegmenter();
  // with the decision library on, so its pages are scanned too (without it they answer 503)
  t = await testApp((store) => Promise.resolve({ ruleSet: rs, segmenter, decisions: new DecisionSearch(new DecisionStore(store.db), segmenter) }));
  const { reviewer, chief, admin } = t.users;
  const deps = { store: t.store, ruleSet: rs };
  const { record } = await createReview(deps, { text: DRAFT, title: '关于支持童装企业做大做强的若干意见', department: '区经信局', actorId: reviewer.id });
  const detail = (await t.store.getReview(record.id))!;
  expect(detail.findings.length).toBeGreaterThan(1);
  params['review.id'] = record.id;
  params['findingId'] = detail.findings[0]!.id;
  await t.store.updateFinding(record.id, detail.findings[0]!.id, { action: 'confirm' }, reviewer.id);
  const voided = (await createReview(deps, { text: DRAFT, title: '测试上传', department: '区经信局', actorId: reviewer.id })).record;
  await t.store.voidReview(voided.id, { reason: '测试数据' }, reviewer.id);

  const desk = new DeskStore(t.store);
  // a 重大行政决策 assigned to the reviewer with part of its 送审材料: the checklist on its page, the 待办 panel on the home page
  const request = await desk.createRequest({ department: '区经信局', title: '关于童装产业的若干意见（送审稿）', reviewType: 'legality', kind: 'major', assigneeId: reviewer.id }, reviewer.id);
  params['desk.id'] = String(request.id);
  await desk.setMaterials(request.id, ['公众参与'], reviewer.id);
  // a local legal text (the test fixture), for /admin/corpus and its detail page
  const local = await importLocalText({ store: t.store }, { bytes: new Uint8Array(readFileSync(new URL('../fixtures/local-texts/validity-test-fixture.txt', import.meta.url))), fileName: '管理办法（测试样例）.txt' }, admin.id); // a file name is the user's own words, not an id
  params['corpus.id'] = String(local.id);
  const meeting = await desk.createMeeting({ heldOn: desk.today(), title: '集中会审', requestIds: [request.id] }, chief.id);
  params['meeting.id'] = String(meeting.id);

  const cleanup = new CleanupStore(t.store);
  const { campaign } = await cleanup.importInventory({ campaign: '2026年专项清理', rows: [row(1, { title: '关于支持童装企业做大做强的若干意见', docNumber: '湖吴政发〔2026〕15号' }), row(2)] }, reviewer.id);
  params['cleanup.id'] = String(campaign.id);
  const items = await cleanup.listItems(campaign.id);
  const first = items.find((i) => i.docNumber === '湖吴政发〔2026〕15号')!;
  params['cleanup.items.id'] = String(first.id);
  await cleanup.attachTexts(campaign.id, [{ fileName: '正文.txt', bytes: new TextEncoder().encode(DRAFT) }], reviewer.id, { itemId: first.id });
  await new PrecheckRunner({ ...deps }, { pause: async () => undefined }).drain();
  await cleanup.decide(first.id, { decision: 'amend', reason: '奖励与地方综合贡献挂钩' }, reviewer.id);
  await cleanup.voidItem(items.find((i) => i.id !== first.id)!.id, { reason: '重复导入' }, reviewer.id);
  await cleanup.setDeadline(campaign.id, '2027-03-31', chief.id);

  const decisions = new DecisionStore(t.store.db);
  params['decision.id'] = String((await decisions.upsertMany([SAMPLE])).ids[0]);
  params['user.id'] = String(reviewer.id);
  Object.assign(sessions, { reviewer: await signIn(t, 'liwei'), chief: await signIn(t, 'wangfang'), admin: await signIn(t, 'admin') });
  void admin;
}, 120_000);
afterAll(() => t.close());

function urlOf(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => {
    const scope = path.startsWith('/admin/corpus') ? 'corpus' : path.startsWith('/cleanup') ? 'cleanup' : path.startsWith('/desk/meetings') || path.startsWith('/meetings') ? 'meeting' : path.startsWith('/desk') ? 'desk' : path.includes('decisions') ? 'decision' : path.includes('users') ? 'user' : 'review';
    return encodeURIComponent(params[`${scope}.${name}`] ?? params[name] ?? '1');
  });
}

describe('readable names on every page', () => {
  it('shows no raw id on any page, for any role', { timeout: 120_000 }, async () => {
    const pages = [...new Set(t.app.routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api') && !r.path.startsWith('/assets') && !r.path.includes('*')).map((r) => r.path))];
    expect(pages.length).toBeGreaterThan(20);
    const found: string[] = [];
    let scanned = 0;
    for (const role of ['reviewer', 'chief', 'admin'] as Role[]) {
      for (const path of pages) {
        // the filters too: the audit log with each action, a campaign with its voided items
        const urls = [urlOf(path), ...(path === '/admin/audit' ? ['/admin/audit?action=cleanup.decide'] : []), ...(path.startsWith('/cleanup/:id') ? [`${urlOf(path)}?voided=all`] : [])];
        for (const url of urls) {
          const res = await t.app.request(url, { headers: { cookie: sessions[role].cookie } });
          if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
          scanned++;
          const words = [...new Set(visibleText(await res.text()).match(RAW_ID) ?? [])].filter((w) => !NOT_IDS.has(w));
          if (words.length) found.push(`${role} ${url}: ${words.join(', ')}`);
        }
      }
    }
    expect(scanned).toBeGreaterThan(40);
    expect(found).toEqual([]);
  });

  it('the scan reaches the pages added last: /admin/corpus, the kinds settings, the 待办 panel, the materials checklist, the decision library', async () => {
    const get = async (role: Role, url: string) => {
      const res = await t.app.request(url, { headers: { cookie: sessions[role].cookie } });
      expect(res.status, url).toBe(200);
      return visibleText(await res.text());
    };
    expect(await get('admin', '/admin/corpus')).toContain('浙江省行政规范性文件管理办法（测试样例）');
    expect(await get('admin', `/admin/corpus/${params['corpus.id']}`)).toContain('第二条');
    const kinds = await get('admin', '/desk/calendar');
    expect(kinds).toContain('送审件类别');
    expect(kinds).toContain('期限依据');
    const home = await get('reviewer', '/');
    expect(home).toContain('我的待办');
    expect(home).toContain('关于童装产业的若干意见（送审稿）');
    const request = await get('reviewer', `/desk/requests/${params['desk.id']}`);
    expect(request).toContain('送审材料');
    expect(request).toContain('专家论证');
    const decision = await get('reviewer', `/decisions/${params['decision.id']}`);
    expect(decision).toContain(SAMPLE.clauseText);
    expect(await get('reviewer', '/decisions')).toContain('审查意见库');
    // their script is the one file the chrome90 build checks (test/architecture/chrome90.test.ts): no inline script, no on* handler
    for (const [role, url] of [['admin', '/admin/corpus'], ['admin', `/admin/corpus/${params['corpus.id']}`], ['admin', '/desk/calendar'], ['reviewer', '/'], ['reviewer', `/desk/requests/${params['desk.id']}`]] as [Role, string][]) {
      const raw = await (await t.app.request(url, { headers: { cookie: sessions[role].cookie } })).text();
      const scripts = [...raw.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length, url).toBeGreaterThan(0);
      for (const [, attrs = '', body = ''] of scripts) {
        expect(attrs, url).toMatch(/src="\/assets\/app\.js\?v=/);
        expect(body.trim(), url).toBe('');
      }
      expect(raw, url).not.toMatch(/\son[a-z]+="/i);
    }
    const served = await (await t.app.request('/assets/app.js')).text();
    expect(served).toBe(APP_JS);
    for (const text of [kinds, home, request, decision]) expect([...new Set(text.match(RAW_ID) ?? [])].filter((w) => !NOT_IDS.has(w))).toEqual([]);
  });

  it('shows no audit action key on the audit log, whatever the filter', async () => {
    const actions = (await t.store.db.all<{ action: string }>('SELECT DISTINCT action FROM audit_log')).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['cleanup.decide', 'cleanup.void.item', 'finding.confirm', 'review.void']));
    const shown: string[] = [];
    for (const q of ['', ...actions.map((a) => `?action=${encodeURIComponent(a)}`)]) {
      const text = visibleText(await (await t.app.request(`/admin/audit${q}`, { headers: { cookie: sessions.admin.cookie } })).text());
      for (const a of actions) if (new RegExp(`(^|[^\\w.])${a.replace(/\./g, '\\.')}($|[^\\w.])`).test(text)) shown.push(`${q || '(all)'}: ${a}`);
      if (/previous: null|"previous"/.test(text)) shown.push(`${q}: raw detail`);
    }
    expect(shown).toEqual([]);
  });

  it('the scan sees raw ids where they are shown, and not in attributes', () => {
    expect(visibleText('<p data-rule="designated-brand">指定品牌</p>').match(RAW_ID)).toBeNull();
    expect(visibleText('<td>designated-brand</td>').match(RAW_ID)).toEqual(['designated-brand']);
    expect(visibleText('<code>cleanup.decide</code> previous: null').match(RAW_ID)).toBeNull();
  });
});
