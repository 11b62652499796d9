/** The server-rendered pages: guards by role, the report's highlights and escaping, history filters, print view, admin pages. */
import { serializeSigned } from 'hono/utils/cookie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { documentJson } from '../../src/document/document-json.js';
import type { Review } from '../../src/review/review.js';
import type { Finding } from '../../src/rules/findings.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { createApp } from '../../src/server/app.js';
import type { User } from '../../src/store/types.js';
import { DRAFT, memoryStore, withUsers, type Fixture } from '../store/helpers.js';

const SECRET = 'pages-test-secret';

/** A draft with markup in its text, and three findings of each severity. */
const SCRIPT_DRAFT = DRAFT.replace('（二）支持企业参加展会', '（二）<script>alert("x")</script>支持企业参加展会');

function reviewOf(text: string, specs: [id: string, quote: string, severity: Finding['severity']][]): Review {
  const document = documentJson(ingestText(text));
  const findings = specs.map(([id, quote, severity]): Finding => {
    const start = document.text.indexOf(quote);
    if (start < 0) throw new Error(`not in draft: ${quote}`);
    const clause = document.clauses.filter((c) => c.start <= start && start + quote.length <= c.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    return {
      id, rule: `rule-${id}`, title: `问题 ${id}`, category: '限制市场准入和退出', severity, clauseId: clause?.id ?? '', path: clause?.path ?? '', quote, start, end: start + quote.length,
      basis: [{ law: '公平竞争审查条例', article: '第八条', text: '起草单位不得含有限制或者变相限制市场准入和退出的内容' }], explanation: '限定经营者所在地', suggestion: '删除地域限制',
    };
  });
  return { document, findings };
}

const SAMPLE_SPECS: [string, string, Finding['severity']][] = [
  ['f1', '在本镇注册的', 'high'],
  ['f2', '限本地企业报名', 'medium'],
  ['f3', '有效期2年', 'low'],
];

let fx: Fixture;
let users: Awaited<ReturnType<typeof withUsers>>;
let app: ReturnType<typeof createApp>;
const sessions = new Map<number, { cookie: string; csrf: string }>();

async function signIn(user: User) {
  const known = sessions.get(user.id);
  if (known) return known;
  const s = await fx.store.createSession(user.id);
  const cookie = (await serializeSigned('fahu_session', s.token, SECRET)).split(';')[0] as string;
  const out = { cookie, csrf: s.csrfToken };
  sessions.set(user.id, out);
  return out;
}

async function get(path: string, user?: User) {
  const headers: Record<string, string> = {};
  if (user) headers['cookie'] = (await signIn(user)).cookie;
  const res = await app.request(path, { headers });
  return { res, html: await res.text() };
}

/** A form post as the browser sends it without the script (with the session's _csrf unless `csrf` is given). */
async function post(path: string, user: User, fields: Record<string, string | File>, csrf?: string) {
  const s = await signIn(user);
  const body = new FormData();
  body.set('_csrf', csrf ?? s.csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  const res = await app.request(path, { method: 'POST', body, headers: { cookie: s.cookie } });
  return { res, html: await res.text() };
}

async function makeReview(text = DRAFT, specs = SAMPLE_SPECS, meta: { department?: string; title?: string } = {}, by?: User) {
  return fx.store.createReview(reviewOf(text, specs), { department: meta.department ?? '区市场监管局', ...(meta.title ? { title: meta.title } : {}) }, (by ?? users.reviewer).id);
}

beforeEach(async () => {
  fx = await memoryStore();
  users = await withUsers(fx.store);
  sessions.clear();
  app = createApp({ store: fx.store, sessionSecret: SECRET });
});
afterEach(() => fx.close());

describe('sign-in and roles', () => {
  it('sends a visitor without a session to the login page', async () => {
    for (const path of ['/', '/reviews', '/rules', '/admin/users', '/admin/audit']) {
      const { res } = await get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toMatch(/^\/login/);
    }
    const { res } = await get('/reviews?status=draft');
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/reviews?status=draft')}`);
  });

  it('renders the login page in Chinese with the CSRF field', async () => {
    const { res, html } = await get('/login');
    expect(res.status).toBe(200);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<input type="hidden" name="_csrf" value="[^"]+"/);
    expect(html).toContain('name="password"');
    expect(html).toContain('登录');
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no web fonts
  });

  it('shows each role the navigation it may use, with its name and a logout form', async () => {
    const reviewer = (await get('/', users.reviewer)).html;
    expect(reviewer).toContain('href="/reviews"');
    expect(reviewer).not.toContain('href="/admin/users"');
    expect(reviewer).toContain('李伟');
    expect(reviewer).toContain('科员');
    expect(reviewer).toContain('action="/logout"');
    expect(reviewer).toContain(`<meta name="csrf-token" content="${(await signIn(users.reviewer)).csrf}"/>`);
    const admin = (await get('/', users.admin)).html;
    expect(admin).toContain('href="/admin/users"');
    expect(admin).toContain('href="/admin/audit"');
  });

  it('keeps the admin pages for administrators (403 in Chinese for others)', async () => {
    for (const who of [users.reviewer, users.chief]) {
      for (const path of ['/admin/users', '/admin/audit']) {
        const { res, html } = await get(path, who);
        expect(res.status, path).toBe(403);
        expect(html).toContain('只有管理员可以进行此操作');
        expect(html).toContain('返回预审首页');
      }
    }
    expect((await get('/admin/users', users.admin)).res.status).toBe(200);
    expect((await get('/admin/audit', users.admin)).res.status).toBe(200);
  });

  it('answers an unknown page with a Chinese 404', async () => {
    const { res, html } = await get('/no-such-page', users.reviewer);
    expect(res.status).toBe(404);
    expect(html).toContain('没有这个页面');
    expect((await get('/reviews/00000000-0000-0000-0000-000000000000', users.reviewer)).res.status).toBe(404);
  });
});

describe('预审 (upload)', () => {
  it('has the upload form, the stable ids and an empty state', async () => {
    const { res, html } = await get('/', users.reviewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const id of ['upload-form', 'file-input', 'text-input', 'submit-review', 'upload-progress']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('送审部门');
    expect(html).toContain('还没有审查记录');
  });

  it('creates a review from pasted text without the script and opens its report', async () => {
    const { res } = await post('/reviews', users.reviewer, { text: DRAFT, department: '区商务局', title: '' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/reviews\/[0-9a-f-]{36}$/);
    const page = await get(location, users.reviewer);
    expect(page.html).toContain('关于支持童装企业发展的若干措施');
    expect(page.html).toContain('区商务局');
  });

  it('shows why a file is refused, in Chinese, keeping what was typed', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const { res, html } = await post('/reviews', users.reviewer, { file: new File([ole], '措施.doc'), department: '区商务局', text: '' });
    expect(res.status).toBe(422);
    expect(html).toContain('另存为 .docx');
    expect(html).toContain('value="区商务局"');
    const empty = await post('/reviews', users.reviewer, { text: '  ', department: '' });
    expect(empty.res.status).toBe(422);
    expect(empty.html).toContain('请选择 .docx 文件，或粘贴送审稿正文');
  });

  it('refuses a form without the CSRF token', async () => {
    const { res, html } = await post('/reviews', users.reviewer, { text: DRAFT }, 'wrong');
    expect(res.status).toBe(403);
    expect(html).toContain('CSRF');
    expect((await fx.store.listReviews()).total).toBe(0);
  });
});

describe('审查报告', () => {
  it('highlights each finding by severity, linked both ways, and escapes the document text', async () => {
    const rec = await makeReview(SCRIPT_DRAFT);
    const { res, html } = await get(`/reviews/${rec.id}`, users.reviewer);
    expect(res.status).toBe(200);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    for (const [id, quote, severity] of SAMPLE_SPECS) {
      expect(html).toMatch(new RegExp(`<a class="hl hl-${severity} hl-status-open" href="#f-${id}" id="hl-${id}" data-finding-id="${id}" data-severity="${severity}"[^>]*>${quote}</a>`));
      expect(html).toContain(`id="f-${id}" data-finding-id="${id}" data-severity="${severity}"`);
      expect(html).toContain(`href="#hl-${id}"`);
    }
    // clause paths and offsets for selections
    expect(html).toMatch(/<span class="clause-path">一、（一）<\/span>/);
    expect(html).toMatch(/class="line line-opens kind-outline2" data-start="\d+" data-end="\d+" data-clause-id="i1.ii1" data-path="一、（一）"/);
    // basis text, explanation, suggestion, status, summary
    expect(html).toContain('《公平竞争审查条例》第八条');
    expect(html).toContain('起草单位不得含有限制或者变相限制市场准入和退出的内容');
    expect(html).toContain('删除地域限制');
    expect(html).toContain('id="review-status"');
    expect(html).toContain('待审');
    expect(html).toMatch(/<td data-count="open">3<\/td>/);
    expect(html).toContain('class="btn btn-dismiss"');
    expect(html).toContain('id="dismiss-reason"');
  });

  it('offsets on the lines match the document text', async () => {
    const rec = await makeReview();
    const { html } = await get(`/reviews/${rec.id}`, users.reviewer);
    const detail = await fx.store.getReview(rec.id);
    const text = detail!.document.text;
    const lines = [...html.matchAll(/data-start="(\d+)" data-end="(\d+)"[^>]*>.*?<span class="line-text">(.*?)<\/span><\/div>/g)];
    expect(lines.length).toBeGreaterThan(5);
    for (const [, s, e, inner] of lines) expect((inner as string).replace(/<[^>]+>/g, '')).toBe(text.slice(Number(s), Number(e)));
  });

  it('shows an empty state for a review without findings', async () => {
    const rec = await makeReview(DRAFT, []);
    const { html } = await get(`/reviews/${rec.id}`, users.reviewer);
    expect(html).toContain('id="findings-empty"');
    expect(html).not.toContain('class="hl ');
  });

  it('confirms, dismisses (a reason is required), edits the suggestion and adds a finding by hand without the script', async () => {
    const rec = await makeReview();
    const base = `/reviews/${rec.id}/findings`;
    expect((await post(`${base}/f1`, users.reviewer, { action: 'confirm' })).res.status).toBe(303);
    const noReason = await post(`${base}/f2`, users.reviewer, { action: 'dismiss', reason: ' ' });
    expect(noReason.res.status).toBe(422);
    expect(noReason.html).toContain('排除问题必须填写理由');
    const dismissed = await post(`${base}/f2`, users.reviewer, { action: 'dismiss', reason: '已有上位法依据' });
    expect(dismissed.res.status).toBe(303);
    expect(dismissed.res.headers.get('location')).toBe(`/reviews/${rec.id}#f-f2`);
    expect((await post(`${base}/f3`, users.reviewer, { action: 'suggest', suggestion: '改为有效期3年' })).res.status).toBe(303);
    const hand = await post(base, users.reviewer, { quote: '支持企业参加展会', category: '影响生产经营行为', severity: 'low', title: '手工问题', explanation: '', suggestion: '' });
    expect(hand.res.status).toBe(303);
    const missing = await post(base, users.reviewer, { quote: '正文中没有的话', category: '影响生产经营行为', title: '手工问题' });
    expect(missing.res.status).toBe(422);

    const { html } = await get(`/reviews/${rec.id}`, users.reviewer);
    expect(html).toMatch(/data-finding-id="f1" data-severity="high" data-status="confirmed"/);
    expect(html).toContain('已有上位法依据');
    expect(html).toContain('改为有效期3年');
    expect(html).toContain('手工问题');
    expect(html).toMatch(/class="hl hl-low hl-status-confirmed"[^>]*>支持企业参加展会<\/a>/);
    expect(html).toContain('审查中');
  });

  it('lets the chief sign off once everything is handled; the signed report is read-only', async () => {
    const rec = await makeReview();
    const url = `/reviews/${rec.id}`;
    expect((await get(url, users.chief)).html).not.toContain('id="signoff-button"');
    expect((await get(url, users.chief)).html).toContain('尚有 3 个问题待处理');
    expect((await post(`${url}/signoff`, users.chief, {})).res.status).toBe(409);
    for (const id of ['f1', 'f2', 'f3']) await fx.store.updateFinding(rec.id, id, { action: 'confirm' }, users.reviewer.id);
    // the conclusion is chosen on the page before the chief can sign
    expect((await get(url, users.chief)).html).toContain('尚未选定审查结论，选定后方可签发');
    expect((await post(`${url}/signoff`, users.chief, {})).res.status).toBe(409);
    expect((await post(`${url}/conclusion`, users.reviewer, { conclusion: '随便' })).res.status).toBe(422);
    expect((await post(`${url}/conclusion`, users.reviewer, { conclusion: '修改后可以出台' })).res.status).toBe(303);
    expect((await get(url, users.reviewer)).html).toContain('data-conclusion="修改后可以出台"');
    expect((await get(url, users.reviewer)).html).not.toContain('id="signoff-button"');
    expect((await get(url, users.chief)).html).toContain('id="signoff-button"');
    expect((await post(`${url}/signoff`, users.reviewer, {})).res.status).toBe(403);
    const signed = await post(`${url}/signoff`, users.chief, {});
    expect(signed.res.status).toBe(303);
    const { html } = await get(url, users.reviewer);
    expect(html).toContain('id="signed-info"');
    expect(html).toContain('王芳');
    expect(html).toContain('已签发');
    expect(html).not.toContain('btn-dismiss');
    expect(html).not.toContain('id="hand-form"');
    expect(html).toContain('data-editable="false"');
    const late = await post(`${url}/findings/f1`, users.reviewer, { action: 'reopen' });
    expect(late.res.status).toBe(409);
    expect(late.html).toContain('已签发');
  });
});

describe('审查记录', () => {
  it('shows an empty state, then filters by department, status, dates and words, with paging', async () => {
    const empty = await get('/reviews', users.reviewer);
    expect(empty.html).toContain('id="history-empty"');
    expect(empty.html).toContain('还没有审查记录');

    const a = await makeReview(DRAFT, SAMPLE_SPECS, { department: '区商务局', title: '关于促进消费的通知' });
    fx.clock.t += 3 * 86400_000; // 2026-12-04
    sessions.clear(); // the old session has expired by then
    const b = await makeReview(DRAFT, SAMPLE_SPECS, { department: '区市场监管局', title: '关于童装产业的措施' });
    await fx.store.updateFinding(b.id, 'f1', { action: 'confirm' }, users.reviewer.id);

    const rows = (html: string) => [...html.matchAll(/<tr data-review-id="([^"]+)"/g)].map((m) => m[1]);
    expect(rows((await get('/reviews', users.reviewer)).html)).toEqual([b.id, a.id]);
    const byDept = await get(`/reviews?department=${encodeURIComponent('区商务局')}`, users.reviewer);
    expect(rows(byDept.html)).toEqual([a.id]);
    expect(byDept.html).toContain('<option value="区商务局" selected="">');
    expect(rows((await get('/reviews?status=reviewing', users.reviewer)).html)).toEqual([b.id]);
    expect(rows((await get('/reviews?from=2026-12-02&to=2026-12-31', users.reviewer)).html)).toEqual([b.id]);
    expect(rows((await get('/reviews?to=2026-12-01', users.reviewer)).html)).toEqual([a.id]);
    expect(rows((await get(`/reviews?q=${encodeURIComponent('促进消费')}`, users.reviewer)).html)).toEqual([a.id]);
    const none = await get('/reviews?status=signed', users.reviewer);
    expect(none.html).toContain('没有符合条件的审查记录');

    const bad = await get('/reviews?from=2026-13', users.reviewer);
    expect(bad.res.status).toBe(422);
    expect(bad.html).toContain('日期格式应为 YYYY-MM-DD');

    for (let i = 0; i < 20; i++) await makeReview(DRAFT, [], { department: '区商务局' });
    const first = await get(`/reviews?department=${encodeURIComponent('区商务局')}`, users.reviewer);
    expect(rows(first.html)).toHaveLength(20);
    expect(first.html).toContain('第 1 页，共 2 页（21 条）');
    const next = `/reviews?department=${encodeURIComponent('区商务局')}&amp;page=2`;
    expect(first.html).toContain(`href="${next}"`);
    expect(rows((await get(next.replace('&amp;', '&'), users.reviewer)).html)).toEqual([a.id]);
  });
});

describe('打印', () => {
  it('is a clean page without navigation: findings under clause paths, decisions and a signature block', async () => {
    const rec = await makeReview(SCRIPT_DRAFT);
    await fx.store.updateFinding(rec.id, 'f2', { action: 'dismiss', reason: '上位法已有规定' }, users.reviewer.id);
    const { res, html } = await get(`/reviews/${rec.id}/print`, users.reviewer);
    expect(res.status).toBe(200);
    expect(html).not.toContain('<nav');
    expect(html).not.toContain('class="topbar"');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<h3>一、（一）</h3>');
    expect(html).toContain('上位法已有规定');
    expect(html).toContain('《公平竞争审查条例》第八条');
    expect(html).toContain('id="signature-block"');
    expect(html).toContain('data-print');
  });
});

describe('规则', () => {
  it('shows an empty state without rules, and the rules with their basis', async () => {
    expect((await get('/rules', users.reviewer)).html).toContain('id="rules-empty"');
    const ruleSet = {
      rules: [{ rule: { id: 'local-registration', title: '限定在本地注册', category: '限制市场准入和退出', severity: 'high' }, file: 'rules/market-entry.yaml', basis: [{ law: '公平竞争审查条例', article: '第八条', item: '（一）', text: '……' }] }],
    } as unknown as RuleSet;
    app = createApp({ store: fx.store, sessionSecret: SECRET, ruleSet });
    const { html } = await get('/rules', users.reviewer);
    expect(html).toContain('local-registration');
    expect(html).toContain('限定在本地注册');
    expect(html).toContain('《公平竞争审查条例》第八条第（一）项');
  });
});

describe('管理员', () => {
  it('adds a user with a role, changes the role, disables; errors in Chinese', async () => {
    const added = await post('/admin/users', users.admin, { name: 'zhaolei', displayName: '赵磊', role: 'chief', password: 'a-long-password' });
    expect(added.res.status).toBe(303);
    expect(added.res.headers.get('location')).toBe('/admin/users?ok=created');
    const zhao = await fx.store.findUserByName('zhaolei');
    expect(zhao?.role).toBe('chief');
    expect((await get('/admin/users?ok=created', users.admin)).html).toContain('已添加用户');

    expect((await post(`/admin/users/${zhao!.id}/role`, users.admin, { role: 'reviewer' })).res.status).toBe(303);
    expect((await fx.store.getUser(zhao!.id))?.role).toBe('reviewer');
    expect((await post(`/admin/users/${zhao!.id}/disabled`, users.admin, { disabled: '1' })).res.status).toBe(303);
    expect((await fx.store.getUser(zhao!.id))?.disabled).toBe(true);

    const short = await post('/admin/users', users.admin, { name: 'wu', role: 'reviewer', password: 'short' });
    expect(short.res.status).toBe(422);
    expect(short.html).toContain('密码至少 10 个字符');
    expect(short.html).toContain('value="wu"');
    const lastAdmin = await post(`/admin/users/${users.admin.id}/role`, users.admin, { role: 'reviewer' });
    expect(lastAdmin.res.status).toBe(409);
    expect(lastAdmin.html).toContain('唯一可用的管理员');
    expect((await post('/admin/users', users.reviewer, { name: 'x', password: 'a-long-password' })).res.status).toBe(403);
  });

  it('shows the audit log, read-only and paged', async () => {
    const rec = await makeReview();
    await fx.store.updateFinding(rec.id, 'f1', { action: 'dismiss', reason: '理由' }, users.reviewer.id);
    const { html } = await get('/admin/audit', users.admin);
    expect(html).toContain('id="audit-table"');
    expect(html).toContain('新建审查');
    expect(html).toContain('排除问题');
    expect(html).not.toMatch(/<form method="post"[^>]*action="\/admin\/audit/);
    const filtered = await get('/admin/audit?action=user.create', users.admin);
    expect(filtered.html).toContain('新建用户');
    expect(filtered.html).not.toContain('排除问题</td>');
    expect((await get('/admin/audit?action=nothing.here', users.admin)).html).toContain('id="audit-empty"');
  });
});

describe('assets', () => {
  it('serves the stylesheet and the script without a session, cacheable', async () => {
    const css = await app.request('/assets/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('max-age');
    const text = await css.text();
    expect(text).toContain('@page');
    expect(text).toContain('size: A4');
    const js = await app.request('/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    const etag = js.headers.get('etag') ?? '';
    expect((await app.request('/assets/app.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(await js.text()).toContain('X-CSRF-Token');
  });
});
