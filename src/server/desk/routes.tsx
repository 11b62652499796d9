/**
 * The desk's pages: /desk (queue, new request, one request and its no-script actions,
 * deadlines .ics); calendar and settings in ./calendar-routes.tsx, /meetings (集中会审) in
 * ./meeting-routes.tsx, /reports (工作报告) in ./report-routes.tsx.
 * Writes are forms with the session's CSRF token; refusals come back as the page with the
 * store's Chinese message.
 */
import { storedType } from '../../review/core.js';
import { Hono } from 'hono';
import type { DeskStore } from '../../desk/desk-store.js';
import type { RequestDetail } from '../../desk/desk-types.js';
import { BadRequest } from '../kit/api-kit.js';
import { verifyCsrf } from '../auth.js';
import { deadlinesIcsFor, deskOf } from './desk-shared.js';
import type { AppEnv } from '../env.js';
import { DeskListPage, NewRequestPage, type DeskFilters, type NewRequestValues } from './desk-list.js';
import { RequestPage } from './desk-request.js';
import { ComparePage } from './version-compare.js';
import { compareDeskVersions, reviewDeskVersion } from '../../desk/desk-versions.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { calendarRoutes } from './calendar-routes.js';
import { meetingRoutes } from './meeting-routes.js';
import { idOf, notice, refusal, signedIn, uploadLimit, type Status } from './page-guards.js';
import { reportRoutes } from './report-routes.js';
import { file, formBody, page, str, type Body, type C } from '../kit/page-kit.js';

/** After 退回补正: the note as sent back (it names the missing 送审材料). */
function returnNotice(c: C, detail: RequestDetail): string | undefined {
  if (c.req.query('ok') !== 'returned') return undefined;
  const step = [...detail.steps].reverse().find((s) => s.action === 'return');
  return step ? `已退回补正。退回意见：${step.note}` : undefined;
}

/** After the 预审 of a later version: how many decisions it inherited, from which version. */
function versionNotice(c: C): string | undefined {
  const [ok, v, from, n] = ['ok', 'v', 'from', 'n'].map((k) => c.req.query(k) ?? '');
  if (!/^\d{1,6}$/.test(v ?? '')) return undefined;
  if (ok === 'inherited' && /^\d{1,6}$/.test(from ?? '') && /^\d{1,6}$/.test(n ?? '')) return `已完成第${v}版预审并关联：${n} 个仍存在的问题沿用了第${from}版预审记录的决定（标为“继承”，可重新处理）。`;
  if (ok === 'different') return `已完成第${v}版预审并关联。与上一版差异过大，未沿用上一版的决定。`;
  return undefined;
}

function deskListRoutes(r: Hono<AppEnv>): void {
  // ---- 审查台

  const listPage = async (c: C, status: Status = 200, error?: string) => {
    const desk = deskOf(c);
    const raw = c.req.query();
    const filters: DeskFilters = { mine: raw['mine'] ?? '', scope: raw['scope'] ?? '', department: raw['department'] ?? '', reviewType: raw['reviewType'] ?? '', kind: raw['kind'] ?? '', priority: raw['priority'] ?? '', assigneeId: raw['assigneeId'] ?? '', voided: raw['voided'] ?? '' };
    const [departments, users] = await Promise.all([desk.departments(), c.var.deps.store.listUsers()]);
    let items: Awaited<ReturnType<DeskStore['listRequests']>> = [];
    try {
      items = await desk.listRequests({ ...filters, assigneeId: filters.mine === '1' ? String(c.var.user!.id) : filters.assigneeId } as never);
    } catch (e) {
      const x = refusal(e);
      return page(c, <DeskListPage viewer={viewerOf(c)} filters={filters} items={[]} departments={departments} users={users} error={`筛选条件有误：${x.message}`} />, 422);
    }
    const pageNo = Number.parseInt(raw['page'] ?? '1', 10);
    return page(c, <DeskListPage viewer={viewerOf(c)} filters={filters} items={items} departments={departments} users={users.filter((u) => !u.disabled)} error={error} notice={notice(c)} page={Number.isInteger(pageNo) ? pageNo : 1} />, status);
  };
  r.get('/desk', signedIn, (c) => listPage(c));

  const newPage = async (c: C, status: Status = 200, values: NewRequestValues = {}, error?: string) => {
    const desk = deskOf(c);
    const [departments, users] = await Promise.all([desk.departments(), c.var.deps.store.listUsers()]);
    return page(c, <NewRequestPage viewer={viewerOf(c)} values={values} departments={departments} users={users.filter((u) => !u.disabled)} today={desk.today()} error={error} />, status);
  };
  r.get('/desk/new', signedIn, (c) => newPage(c));

  r.post('/desk/requests', signedIn, uploadLimit, verifyCsrf, async (c) => {
    const b = await formBody(c);
    const values: NewRequestValues = {
      department: str(b, 'department'), title: str(b, 'title'), reviewType: str(b, 'reviewType'), kind: str(b, 'kind'), receivedOn: str(b, 'receivedOn'),
      priority: str(b, 'priority') === '1', early: str(b, 'early') === '1', assigneeId: str(b, 'assigneeId'), note: str(b, 'note'),
    };
    const desk = deskOf(c);
    try {
      const draft = file(b, 'file');
      // refuse a draft fahu cannot keep before the request is created
      if (draft) storedType(new Uint8Array(await draft.arrayBuffer()), draft.name);
      const created = await desk.createRequest({ ...values, assigneeId: values.assigneeId || undefined } as never, c.var.user!.id);
      if (draft) await desk.addVersion(created.id, { bytes: new Uint8Array(await draft.arrayBuffer()), fileName: draft.name, mime: draft.type || undefined, receivedOn: created.receivedOn, note: '送审稿' } as never, c.var.user!.id);
      return c.redirect(`/desk/requests/${created.id}?ok=created`, 303);
    } catch (e) {
      const x = refusal(e);
      return newPage(c, x.status, values, x.message);
    }
  });

  r.get('/desk/deadlines.ics', signedIn, (c) => deadlinesIcsFor(c));
}

function requestRoutes(r: Hono<AppEnv>): void {
  // ---- one request

  const requestPage = async (c: C, id: number, status: Status = 200, error?: string) => {
    const desk = deskOf(c);
    const detail = await desk.getRequestDetail(id);
    if (!detail) return page(c, errorPage(c, 404, '没有这件送审件，可能链接有误'), 404);
    const store = c.var.deps.store;
    const [users, candidates] = await Promise.all([store.listUsers(), desk.linkCandidates(id)]);
    return page(
      c,
      <RequestPage viewer={viewerOf(c)} detail={detail} users={users.filter((u) => !u.disabled)} candidates={candidates} today={desk.today()} error={error} notice={status === 200 ? returnNotice(c, detail) ?? versionNotice(c) ?? notice(c) : undefined} />,
      status,
    );
  };
  r.get('/desk/requests/:id', signedIn, (c) => requestPage(c, idOf(c)));

  /** Runs a write for the request page: success redirects with a notice, a refusal re-renders the page with the message. */
  const requestAction = (apply: (c: C, id: number, body: Body) => Promise<string>) => async (c: C) => {
    const id = idOf(c);
    try {
      const ok = await apply(c, id, await formBody(c));
      return c.redirect(`/desk/requests/${id}?ok=${ok}`, 303);
    } catch (e) {
      const x = refusal(e);
      return x.status === 404 ? page(c, errorPage(c, 404, x.message), 404) : requestPage(c, id, x.status, x.message);
    }
  };

  r.post(
    '/desk/requests/:id/steps',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      const action = str(b, 'action');
      await deskOf(c).transition(id, { action: action as never, day: str(b, 'day'), note: str(b, 'note'), urgentReason: str(b, 'urgentReason') }, c.var.user!.id);
      return action === 'return' ? 'returned' : 'step';
    }),
  );
  r.post(
    '/desk/requests/:id/materials',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      const v = b['received'];
      const received = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
      await deskOf(c).setMaterials(id, received, c.var.user!.id);
      return 'materials';
    }),
  );
  r.post(
    '/desk/requests/:id/void',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      await deskOf(c).voidRequest(id, { reason: str(b, 'reason') }, c.var.user!.id);
      return 'voided';
    }),
  );
  r.post(
    '/desk/requests/:id/restore',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id) => {
      await deskOf(c).restoreRequest(id, c.var.user!.id);
      return 'restored';
    }),
  );
  r.post(
    '/desk/requests/:id/assign',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      const v = str(b, 'assigneeId');
      await deskOf(c).assign(id, v ? Number(v) : null, c.var.user!.id);
      return 'assigned';
    }),
  );
  r.post(
    '/desk/requests/:id/versions',
    signedIn,
    uploadLimit,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      const f = file(b, 'file');
      if (!f) throw new BadRequest('请选择要上传的文件');
      await deskOf(c).addVersion(id, { bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name, mime: f.type || 'application/octet-stream', note: str(b, 'note') }, c.var.user!.id);
      return 'version';
    }),
  );
  r.post(
    '/desk/requests/:id/reviews',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      await deskOf(c).linkReview(id, str(b, 'reviewId'), c.var.user!.id);
      return 'linked';
    }),
  );
  r.post(
    '/desk/requests/:id/reviews/:reviewId/unlink',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id) => {
      await deskOf(c).unlinkReview(id, c.req.param('reviewId') ?? '', c.var.user!.id);
      return 'unlinked';
    }),
  );
  /** 预审 of a version (default the latest), linked; the findings still there inherit the earlier version's decisions. */
  r.post(
    '/desk/requests/:id/prereview',
    signedIn,
    verifyCsrf,
    requestAction(async (c, id, b) => {
      const v = str(b, 'version');
      if (v && !/^[1-9]\d{0,5}$/.test(v)) throw new BadRequest('版本号无效');
      const done = await reviewDeskVersion(c.var.deps, deskOf(c), id, v ? Number(v) : undefined, c.var.user!.id);
      return done.fromVersion !== null ? `inherited&v=${done.version}&from=${done.fromVersion}&n=${done.inherited}` : done.tooDifferent ? `different&v=${done.version}` : 'reviewed';
    }),
  );

  /** Any two versions compared (src/diff through desk-versions.ts). */
  r.get('/desk/requests/:id/compare', signedIn, async (c) => {
    const id = idOf(c);
    const desk = deskOf(c);
    const request = await desk.getRequest(id);
    if (!request) return page(c, errorPage(c, 404, '没有这件送审件，可能链接有误'), 404);
    const versions = await desk.versions(id);
    const num = (k: string) => {
      const raw = c.req.query(k) ?? '';
      return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : undefined;
    };
    const [from, to] = [num('from'), num('to')];
    const view = (status: Status, result: Awaited<ReturnType<typeof compareDeskVersions>> | null, error?: string) =>
      page(c, <ComparePage viewer={viewerOf(c)} requestId={id} title={request.title} versions={versions} result={result} from={from} to={to} error={error} />, status);
    if (from === undefined || to === undefined) return view(422, null, '请选择要比较的两个版本（第几版）');
    try {
      return view(200, await compareDeskVersions(c.var.deps, desk, id, from, to));
    } catch (e) {
      const x = refusal(e);
      return view(x.status, null, x.message);
    }
  });
}

export function deskPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  deskListRoutes(r);
  requestRoutes(r);
  calendarRoutes(r);
  meetingRoutes(r);
  reportRoutes(r);
  return r;
}
