/**
 * The review desk's JSON API under /api/desk: review requests and their steps, versions and
 * linked reviews; the working-day calendar and deadline settings; 集中会审; the period report;
 * deadlines as .ics. Same rules as ./api.ts: a session (CSRF header on writes) or an API
 * token; errors are {code, message} in Chinese. Described in deskOpenApiPaths() below.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { parseYearCalendar } from '../../desk/calendar-import.js';
import { DeadlineSettingsSchema } from '../../desk/deadlines.js';
import { isDay } from '../../desk/days.js';
import { compareDeskVersions, reviewDeskVersion } from '../../desk/desk-versions.js';
import { KindsInputSchema, limitBasis, REQUEST_KIND_LABELS, REQUEST_KINDS } from '../../desk/kinds.js';
import { checkPacks } from '../../review/packs.js';
import { AssignSchema, MaterialsSchema, TodoQuerySchema, CompareQuerySchema, PrereviewSchema, CalendarAddQuery, CalendarLoadSchema, LinkReviewSchema, MeetingOutcomeSchema, NewMeetingSchema, NewRequestSchema, ReportQuerySchema, RequestQuerySchema, TransitionSchema } from '../../desk/desk-types.js';
import { OFFICIAL_ATTRIBUTION } from '../../desk/official-calendar.js';
import { StoreError, VoidSchema } from '../../store/types.js';
import { BadRequest, guardApi, hook } from '../kit/api-kit.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';
import { deadlinesIcsFor, deskOf, PERIOD_FILE_FORMATS, periodFromQuery, periodReportFile, periodReportFor } from './desk-shared.js';

type C = Context<AppEnv>;

export const ReportFileQuerySchema = ReportQuerySchema.extend({ format: z.enum(PERIOD_FILE_FORMATS, { error: 'format 只能是 docx 或 xlsx' }).default('docx') });

const IdParam = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }) });

const me = (c: C) => c.var.user!.id;

function requestApi(api: Hono<AppEnv>): void {
  // ---- requests
  api.get('/requests', zValidator('query', RequestQuerySchema, hook), async (c) => {
    const items = await deskOf(c).listRequests(c.req.valid('query'));
    return c.json({ items, total: items.length });
  });
  api.post('/requests', zValidator('json', NewRequestSchema, hook), async (c) => c.json(await deskOf(c).createRequest(c.req.valid('json'), me(c)), 201));
  api.get('/requests/:id', zValidator('param', IdParam, hook), async (c) => {
    const detail = await deskOf(c).getRequestDetail(c.req.valid('param').id);
    if (!detail) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这件送审件' }, 404);
    return c.json(detail);
  });
  api.patch('/requests/:id', zValidator('param', IdParam, hook), zValidator('json', AssignSchema, hook), async (c) =>
    c.json(await deskOf(c).assign(c.req.valid('param').id, c.req.valid('json').assigneeId, me(c))),
  );
  api.post('/requests/:id/void', zValidator('param', IdParam, hook), zValidator('json', VoidSchema, hook), async (c) =>
    c.json(await deskOf(c).voidRequest(c.req.valid('param').id, c.req.valid('json'), me(c))),
  );
  api.post('/requests/:id/restore', zValidator('param', IdParam, hook), async (c) => c.json(await deskOf(c).restoreRequest(c.req.valid('param').id, me(c))));
  api.post('/requests/:id/steps', zValidator('param', IdParam, hook), zValidator('json', TransitionSchema, hook), async (c) => {
    const desk = deskOf(c);
    const id = c.req.valid('param').id;
    const body = c.req.valid('json');
    const missing = body.action === 'return' ? (await desk.materials(id)).missing : [];
    const request = await desk.transition(id, body, me(c));
    if (body.action !== 'return') return c.json(request);
    // 退回补正: the missing 送审材料 and the notice text as sent back
    const steps = (await desk.getRequestDetail(id))?.steps ?? [];
    return c.json({ ...request, missingMaterials: missing, returnNotice: steps[steps.length - 1]?.note ?? '' });
  });
  api.get('/requests/:id/materials', zValidator('param', IdParam, hook), async (c) => c.json(await deskOf(c).materials(c.req.valid('param').id)));
  api.put('/requests/:id/materials', zValidator('param', IdParam, hook), zValidator('json', MaterialsSchema, hook), async (c) =>
    c.json(await deskOf(c).setMaterials(c.req.valid('param').id, c.req.valid('json').received, me(c))),
  );
  api.get('/requests/:id/link-candidates', zValidator('param', IdParam, hook), async (c) => {
    const items = await deskOf(c).linkCandidates(c.req.valid('param').id);
    return c.json({ items, total: items.length });
  });
  api.get('/todo', zValidator('query', TodoQuerySchema, hook), async (c) => c.json(await deskOf(c).todo(me(c), c.req.valid('query').dueSoonDays)));
  api.post('/requests/:id/versions', zValidator('param', IdParam, hook), async (c) => {
    if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) throw new BadRequest('请以 multipart/form-data 上传文件（字段 file）');
    const form = await c.req.formData();
    const file = form.get('file');
    if (!file || typeof file === 'string' || file.size === 0) throw new BadRequest('缺少上传文件（表单字段 file）');
    const receivedOn = form.get('receivedOn');
    if (typeof receivedOn === 'string' && receivedOn && !isDay(receivedOn)) throw new StoreError('INVALID', '版本日期应为有效的 YYYY-MM-DD');
    const note = form.get('note');
    const version = await deskOf(c).addVersion(
      c.req.valid('param').id,
      { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || '送审稿', mime: file.type || 'application/octet-stream', receivedOn: typeof receivedOn === 'string' && receivedOn ? receivedOn : undefined, note: typeof note === 'string' ? note : '' },
      me(c),
    );
    return c.json(version, 201);
  });
  // any two versions compared; the 预审 of one version, inheriting the earlier version's decisions (desk-versions.ts)
  api.get('/requests/:id/compare', zValidator('param', IdParam, hook), zValidator('query', CompareQuerySchema, hook), async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await compareDeskVersions(c.var.deps, deskOf(c), c.req.valid('param').id, from, to));
  });
  api.post('/requests/:id/prereview', zValidator('param', IdParam, hook), zValidator('json', PrereviewSchema, hook), async (c) => {
    const done = await reviewDeskVersion(c.var.deps, deskOf(c), c.req.valid('param').id, c.req.valid('json').version, me(c));
    return c.json(done, 201);
  });
  api.post('/requests/:id/reviews', zValidator('param', IdParam, hook), zValidator('json', LinkReviewSchema, hook), async (c) => {
    const items = await deskOf(c).linkReview(c.req.valid('param').id, c.req.valid('json').reviewId, me(c));
    return c.json({ items, total: items.length });
  });
  api.delete('/requests/:id/reviews/:reviewId', zValidator('param', IdParam.extend({ reviewId: z.string().min(1).max(100) }), hook), async (c) => {
    const { id, reviewId } = c.req.valid('param');
    const items = await deskOf(c).unlinkReview(id, reviewId, me(c));
    return c.json({ items, total: items.length });
  });
  api.get('/deadlines.ics', (c) => deadlinesIcsFor(c));
}

function calendarApi(api: Hono<AppEnv>): void {
  // ---- calendar and settings
  api.get('/calendar', async (c) => {
    const desk = deskOf(c);
    return c.json({ years: await desk.calendarYears(), settings: await desk.deadlineSettings(), attribution: OFFICIAL_ATTRIBUTION });
  });
  api.get('/calendar/add', zValidator('query', CalendarAddQuery, hook), async (c) => {
    const q = c.req.valid('query');
    return c.json((await deskOf(c).calendar()).addWorkingDays(q.start, q.days));
  });
  api.post('/calendar/years', requireRole(['admin'], 'api'), zValidator('json', CalendarLoadSchema, hook), async (c) => {
    const body = c.req.valid('json');
    const year = parseYearCalendar(body.text, body.format, { ...(body.year ? { year: body.year } : {}), source: `管理员导入（${c.var.user!.displayName || c.var.user!.name}）` });
    await deskOf(c).loadCalendarYear(year, me(c));
    return c.json({ year: year.year, holidays: Object.keys(year.holidays).length, workdays: Object.keys(year.workdays).length }, 201);
  });
  api.get('/kinds', async (c) => {
    const [kinds, settings] = await Promise.all([deskOf(c).kindSettings(), deskOf(c).deadlineSettings()]);
    return c.json({ kinds, labels: REQUEST_KIND_LABELS, limitBasis: Object.fromEntries(REQUEST_KINDS.map((k) => [k, limitBasis(k, kinds, settings.reviewDays)])) });
  });
  api.put('/kinds', requireRole(['admin'], 'api'), zValidator('json', KindsInputSchema, hook), async (c) => {
    const input = c.req.valid('json');
    for (const k of Object.values(input)) if (k?.packs) checkPacks(c.var.deps.ruleSet, k.packs);
    return c.json({ kinds: await deskOf(c).setKindSettings(input, me(c)), labels: REQUEST_KIND_LABELS });
  });
  api.put('/settings', requireRole(['admin'], 'api'), zValidator('json', DeadlineSettingsSchema, hook), async (c) => c.json(await deskOf(c).setDeadlineSettings(c.req.valid('json'), me(c))));
}

function meetingApi(api: Hono<AppEnv>): void {
  // ---- 集中会审
  api.get('/meetings', async (c) => {
    const items = await deskOf(c).listMeetings();
    return c.json({ items, total: items.length });
  });
  api.post('/meetings', zValidator('json', NewMeetingSchema, hook), async (c) => c.json(await deskOf(c).createMeeting(c.req.valid('json'), me(c)), 201));
  api.get('/meetings/:id', zValidator('param', IdParam, hook), async (c) => {
    const m = await deskOf(c).getMeeting(c.req.valid('param').id);
    if (!m) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这次会审' }, 404);
    return c.json(m);
  });
  api.post('/meetings/:id/void', zValidator('param', IdParam, hook), zValidator('json', VoidSchema, hook), async (c) => c.json(await deskOf(c).voidMeeting(c.req.valid('param').id, c.req.valid('json'), me(c))));
  api.post('/meetings/:id/restore', zValidator('param', IdParam, hook), async (c) => c.json(await deskOf(c).restoreMeeting(c.req.valid('param').id, me(c))));
  api.post('/meetings/:id/outcomes', zValidator('param', IdParam, hook), zValidator('json', MeetingOutcomeSchema, hook), async (c) => {
    const body = c.req.valid('json');
    return c.json(await deskOf(c).recordOutcome(c.req.valid('param').id, body.requestId, { outcome: body.outcome, note: body.note }, me(c)));
  });
}

function reportApi(api: Hono<AppEnv>): void {
  // ---- reports
  api.get('/reports', zValidator('query', ReportQuerySchema, hook), async (c) => {
    const desk = deskOf(c);
    return c.json(await periodReportFor(desk, periodFromQuery(c.req.valid('query'), desk.today())));
  });
  api.get('/reports/document', zValidator('query', ReportFileQuerySchema, hook), async (c) => {
    const desk = deskOf(c);
    const q = c.req.valid('query');
    return periodReportFile(c, await periodReportFor(desk, periodFromQuery(q, desk.today())), q.format);
  });
}

export function deskApiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  guardApi(api);
  requestApi(api);
  calendarApi(api);
  meetingApi(api);
  reportApi(api);
  return api;
}
