/**
 * Every route × every identity: the API routes from /api/openapi.json, the page routes from the
 * app's own route table. Identities: no credentials, each role by session cookie (writes carry
 * the CSRF token, so what is tested is the role), each role by API token, a revoked token, a
 * disabled account's token, a cookie with a forged signature and a correctly signed cookie for
 * a session that does not exist. A request counts as granted unless it is refused (API 401/403,
 * a page redirect to /login or 403). The expected roles of a route are ALL_ROLES unless listed
 * in RESTRICTED, which is cross-checked against the "仅…" the OpenAPI summaries state.
 * Every answer must carry the security headers. Then: every write with a session but without or
 * with a wrong CSRF token is refused.
 */
import { setSignedCookie } from 'hono/cookie';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanupStore } from '../../src/cleanup/cleanup-store.js';
import { DecisionStore } from '../../src/decisions/decision-store.js';
import { DeskStore } from '../../src/desk/desk-store.js';
import { importLocalText } from '../../src/local-texts/import.js';
import { randomToken } from '../../src/store/tokens.js';
import type { Role } from '../../src/store/types.js';
import { SAMPLE } from '../decisions/helpers.js';
import { row } from '../cleanup/helpers.js';
import { sampleReview } from '../store/helpers.js';
import { SECRET, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';

const ALL_ROLES: Role[] = ['reviewer', 'chief', 'admin'];

/** Routes only some roles may use ("METHOD /path" with :params as the app writes them). */
const RESTRICTED: Record<string, Role[]> = {
  'POST /api/reviews/:id/signoff': ['chief'],
  'PUT /api/rules/packs': ['admin'],
  'PUT /api/rules/jurisdiction': ['admin'],
  'PUT /api/settings/template': ['admin'],
  'GET /admin/template': ['admin'],
  'POST /admin/template': ['admin'],
  'POST /api/admin/purge': ['admin'],
  'GET /api/admin/corpus': ['admin'],
  'POST /api/admin/corpus': ['admin'],
  'GET /api/admin/corpus/:id': ['admin'],
  'POST /api/admin/corpus/:id/void': ['admin'],
  'GET /admin/corpus': ['admin'],
  'POST /admin/corpus': ['admin'],
  'GET /admin/corpus/:id{[0-9]+}': ['admin'],
  'POST /admin/corpus/:id{[0-9]+}/void': ['admin'],
  'GET /admin/purge': ['admin'],
  'POST /admin/purge': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'PATCH /api/cleanup/campaigns/:id': ['chief', 'admin'],
  'PUT /api/cleanup/campaigns/:id/packs': ['chief', 'admin'],
  'POST /cleanup/:id{[0-9]+}/packs': ['chief', 'admin'],
  'PUT /api/cleanup/items/:id/decision': ['reviewer', 'chief'],
  'POST /api/desk/calendar/years': ['admin'],
  'PUT /api/desk/settings': ['admin'],
  'PUT /api/desk/kinds': ['admin'],
  'POST /api/decisions/import': ['chief', 'admin'],
  'POST /decisions/import': ['chief', 'admin'],
  'PUT /api/decisions/:id/notice': ['chief', 'admin'],
  'GET /decisions/:id{[0-9]+}/notice': ['chief', 'admin'],
  'POST /decisions/:id{[0-9]+}/notice': ['chief', 'admin'],
  'POST /reviews/:id/signoff': ['chief'],
  'POST /rules/packs': ['admin'],
  'GET /admin/users': ['admin'],
  'POST /admin/users': ['admin'],
  'POST /admin/users/:id/role': ['admin'],
  'POST /admin/users/:id/disabled': ['admin'],
  'GET /admin/audit': ['admin'],
  'POST /desk/settings': ['admin'],
  'POST /desk/kinds': ['admin'],
  'POST /desk/calendar/years': ['admin'],
  'POST /cleanup/:id{[0-9]+}/deadline': ['chief', 'admin'],
  'POST /cleanup/items/:id{[0-9]+}/decision': ['reviewer', 'chief'],
};

/** Routes anyone may use, signed in or not. */
const PUBLIC = new Set(['GET /health', 'GET /assets/:name{app\\.(css|js)}', 'GET /login', 'POST /login', 'POST /logout']);

interface Route {
  method: string;
  path: string;
  api: boolean;
}

type Identity = { label: string; role: Role | null; headers: Record<string, string>; csrf?: string; kind: 'none' | 'session' | 'token' | 'bad' };

let t: TestApp;
let routes: Route[] = [];
let identities: Identity[] = [];
const params: Record<string, string> = {};

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const key = (r: Route) => `${r.method} ${r.path}`;

function urlOf(r: Route): string {
  return r.path
    .replace(/:name\{[^}]*\}\)\}|:name\{[^}]*\}/, 'app.css')
    .replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => {
      const scope = r.path.startsWith('/api/cleanup') || r.path.startsWith('/cleanup') ? 'cleanup' : r.path.includes('/desk/meetings') || r.path.startsWith('/meetings') ? 'meeting' : r.path.includes('/desk/') || r.path.startsWith('/desk') ? 'desk' : r.path.includes('decisions') ? 'decision' : r.path.includes('users') ? 'user' : r.path.includes('tokens') ? 'token' : r.path.includes('corpus') ? 'corpus' : 'review';
      const v = params[`${scope}.${name}`] ?? params[name] ?? '999999';
      return encodeURIComponent(v);
    });
}

function request(r: Route, who: Identity): Promise<Response> {
  const headers: Record<string, string> = { ...who.headers };
  let body: string | undefined;
  if (WRITE.has(r.method)) {
    if (who.csrf) headers['x-csrf-token'] = who.csrf;
    if (r.api) {
      headers['content-type'] = 'application/json';
      body = '{}';
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(who.csrf ? { _csrf: who.csrf } : {}).toString();
    }
  }
  return Promise.resolve(t.app.request(urlOf(r), { method: r.method, headers, ...(body !== undefined ? { body } : {}) }));
}

function refused(r: Route, res: Response): boolean {
  if (res.status === 401 || res.status === 403) return true;
  return !r.api && res.status === 302 && (res.headers.get('location') ?? '').startsWith('/login');
}

async function forgedCookie(valid: boolean): Promise<string> {
  if (!valid) return `fahu_session=${randomToken(32)}.${encodeURIComponent(btoa(randomToken(24)))}`;
  // a correctly signed cookie for a session the store does not have
  const h = new Hono();
  h.get('/', async (c) => {
    await setSignedCookie(c, 'fahu_session', randomToken(32), SECRET);
    return c.text('');
  });
  const set = (await h.request('/')).headers.get('set-cookie') ?? '';
  return set.split(';')[0] as string;
}

beforeAll(async () => {
  t = await testApp();
  const { admin, reviewer, chief } = t.users;
  // objects for the path parameters, so that handlers get past their lookups
  const record = await t.store.createReview(sampleReview(), { title: '矩阵测试', department: '区经信局' }, reviewer.id);
  params['review.id'] = record.id;
  params['findingId'] = 'f1';
  params['reviewId'] = record.id;
  const { hash } = await t.store.putDocument({ bytes: new TextEncoder().encode('矩阵测试原件\n') as Uint8Array<ArrayBuffer>, fileName: 'a.txt', mime: 'text/plain' }, reviewer.id);
  params['hash'] = hash;
  const desk = new DeskStore(t.store);
  const request = await desk.createRequest({ department: '区经信局', title: '矩阵测试送审件', reviewType: 'legality' }, reviewer.id);
  params['desk.id'] = String(request.id);
  const meeting = await desk.createMeeting({ heldOn: desk.today(), title: '会审', requestIds: [request.id] }, chief.id);
  params['meeting.id'] = String(meeting.id);
  const cleanup = new CleanupStore(t.store);
  const { campaign } = await cleanup.importInventory({ campaign: '矩阵测试', rows: [row(1), row(2)] }, reviewer.id);
  params['cleanup.id'] = String(campaign.id);
  const [item] = await cleanup.listItems(campaign.id);
  params['cleanup.items.id'] = String(item!.id);
  params['cleanup.jobId'] = 'no-such-job';
  const decisions = new DecisionStore(t.store.db);
  const { ids } = await decisions.upsertMany([SAMPLE]);
  params['decision.id'] = String(ids[0]);
  const spare = await t.store.createUser({ name: 'spare', password: 'spare-account-pass', role: 'reviewer' }, null);
  params['user.id'] = String(spare.id);
  params['token.id'] = String((await t.store.createApiToken(spare.id, '备用', spare.id)).id);
  const text = await importLocalText({ store: t.store }, { bytes: new TextEncoder().encode('某某测试办法（测试样例）\n第一条 【测试样例】矩阵测试。\n第二条 【测试样例】矩阵测试。\n') }, null);
  params['corpus.id'] = String(text.id);

  // the routes: the OpenAPI document's operations, and every non-API route of the app
  const token = (await t.store.createApiToken(admin.id, 'matrix', admin.id)).token;
  const doc = (await (await t.app.request('/api/openapi.json', { headers: { authorization: `Bearer ${token}` } })).json()) as { paths: Record<string, Record<string, unknown>> };
  const appRoutes = t.app.routes.filter((r) => r.method !== 'ALL');
  const toApp = (p: string) => appRoutes.find((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}') === p)?.path ?? p.replace(/\{(\w+)\}/g, ':$1');
  for (const [p, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) routes.push({ method: m.toUpperCase(), path: toApp(p), api: true });
  const seen = new Set(routes.map(key));
  for (const r of appRoutes) {
    if (r.path.startsWith('/api/') || r.path.includes('*') || seen.has(`${r.method} ${r.path}`)) continue;
    seen.add(`${r.method} ${r.path}`);
    routes.push({ method: r.method, path: r.path, api: false });
  }
  // logging out and deleting go last, so they do not take the identities' sessions or objects away
  const late = (r: Route) => (r.path === '/logout' ? 3 : r.path.endsWith('/revoke-all') ? 2 : r.method === 'DELETE' || /revoke|unlink|disabled/.test(r.path) ? 1 : 0);
  routes.sort((a, b) => late(a) - late(b));

  const sessions: Record<Role, Browser> = { reviewer: await signIn(t, 'liwei'), chief: await signIn(t, 'wangfang'), admin: await signIn(t, 'admin') };
  const tokens: Record<Role, string> = {
    reviewer: (await t.store.createApiToken(reviewer.id, 'matrix', reviewer.id)).token,
    chief: (await t.store.createApiToken(chief.id, 'matrix', chief.id)).token,
    admin: token,
  };
  const revoked = await t.store.createApiToken(reviewer.id, 'revoked', reviewer.id);
  await t.store.revokeApiToken(reviewer.id, revoked.id, reviewer.id);
  const gone = await t.store.createUser({ name: 'gone', password: 'gone-account-pass', role: 'admin' }, null);
  const goneToken = (await t.store.createApiToken(gone.id, 'x', gone.id)).token;
  await t.store.setDisabled(gone.id, true, null);
  identities = [
    { label: '无凭据', role: null, headers: {}, kind: 'none' },
    ...ALL_ROLES.map((role): Identity => ({ label: `${role} 会话`, role, headers: { cookie: sessions[role].cookie }, csrf: sessions[role].csrf, kind: 'session' })),
    ...ALL_ROLES.map((role): Identity => ({ label: `${role} 令牌`, role, headers: { authorization: `Bearer ${tokens[role]}` }, kind: 'token' })),
    { label: '已吊销的令牌', role: null, headers: { authorization: `Bearer ${revoked.token}` }, kind: 'bad' },
    { label: '停用账号的令牌', role: null, headers: { authorization: `Bearer ${goneToken}` }, kind: 'bad' },
    { label: '伪造签名的 Cookie', role: null, headers: { cookie: await forgedCookie(false) }, kind: 'bad' },
    { label: '不存在的会话', role: null, headers: { cookie: await forgedCookie(true) }, kind: 'bad' },
  ];
}, 120_000);
afterAll(() => t.close());

describe('the route × role matrix', () => {
  it('covers every route with no unexpected grant', { timeout: 300_000 }, async () => {
    const apiCount = routes.filter((r) => r.api).length;
    const pageCount = routes.length - apiCount;
    expect(apiCount).toBeGreaterThanOrEqual(55);
    expect(pageCount).toBeGreaterThanOrEqual(50);
    // every listed restriction names a real route
    for (const k of Object.keys(RESTRICTED)) expect(routes.map(key), k).toContain(k);

    const unexpected: string[] = [];
    const denied: string[] = [];
    const bare: string[] = [];
    let requests = 0;
    for (const r of routes) {
      const allowed = PUBLIC.has(key(r)) ? null : (RESTRICTED[key(r)] ?? ALL_ROLES);
      // 作废全部访问令牌 takes the caller's own tokens: the token identities go before the sessions there
      for (const who of r.path.endsWith('/revoke-all') ? [...identities].reverse() : identities) {
        const res = await request(r, who);
        requests++;
        const granted = !refused(r, res);
        const csp = res.headers.get('content-security-policy') ?? '';
        if (!csp.includes("frame-ancestors 'none'") || res.headers.get('x-content-type-options') !== 'nosniff' || res.headers.get('referrer-policy') !== 'same-origin') bare.push(`${key(r)} ← ${who.label}`);
        await res.arrayBuffer();
        if (allowed === null) continue;
        // an API token works on pages too, with its user's role (scripts fetch reports; no CSRF risk: browsers never send it on their own)
        const may = who.role !== null && allowed.includes(who.role);
        if (granted && !may) unexpected.push(`${key(r)} ← ${who.label}: ${res.status}`);
        if (!granted && may) denied.push(`${key(r)} ← ${who.label}: ${res.status}`);
      }
    }
    console.log(`route × role matrix: ${routes.length} routes (${apiCount} API from OpenAPI, ${pageCount} pages) × ${identities.length} identities = ${requests} requests, ${unexpected.length} unexpected grants`);
    expect(unexpected).toEqual([]);
    // and every one of these answers carried the security headers
    expect(bare).toEqual([]);
    // the allowed roles get through (a refusal here would mean the matrix proves nothing)
    expect(denied).toEqual([]);
  });

  it('agrees with what the OpenAPI summaries say about roles', async () => {
    const token = (await t.store.createApiToken(t.users.admin.id, 'doc', t.users.admin.id)).token;
    const doc = (await (await t.app.request('/api/openapi.json', { headers: { authorization: `Bearer ${token}` } })).json()) as { paths: Record<string, Record<string, { summary?: string }>> };
    const stated: Record<string, Role[]> = { 仅管理员: ['admin'], 仅科长: ['chief'], '仅科长、管理员': ['chief', 'admin'], '科长、管理员': ['chief', 'admin'], '科员、科长': ['reviewer', 'chief'] };
    let checked = 0;
    for (const r of routes.filter((x) => x.api)) {
      const summary = doc.paths[r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')]?.[r.method.toLowerCase()]?.summary ?? '';
      const m = /（(仅科长、管理员|仅管理员|仅科长|科长、管理员|科员、科长)）|；(仅管理员)；|；(仅科长、管理员)）/.exec(summary);
      const says = m ? stated[(m[1] ?? m[2] ?? m[3]) as string] : undefined;
      if (says) {
        expect(RESTRICTED[key(r)], `${key(r)}: ${summary}`).toEqual(says);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('refuses every write made with a session cookie but without the right CSRF token', { timeout: 300_000 }, async () => {
    const writes = routes.filter((r) => WRITE.has(r.method) && !PUBLIC.has(key(r)));
    expect(writes.length).toBeGreaterThan(40);
    const b = await signIn(t, 'admin');
    const chief = await signIn(t, 'wangfang');
    const passed: string[] = [];
    for (const r of writes) {
      for (const csrf of [undefined, 'not-the-token']) {
        const who: Identity = { label: 'admin', role: 'admin', headers: { cookie: (RESTRICTED[key(r)]?.includes('admin') === false ? chief : b).cookie }, kind: 'session', ...(csrf ? { csrf } : {}) };
        const res = await request(r, who);
        if (res.status !== 403) passed.push(`${key(r)} (${csrf ?? 'no token'}): ${res.status}`);
        else expect(await res.text(), key(r)).toMatch(/CSRF/);
      }
    }
    console.log(`CSRF: ${writes.length} write routes × 2 (missing, wrong token) refused`);
    expect(passed).toEqual([]);
  });
});
