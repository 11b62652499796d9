/**
 * JSON API of the cleanup campaign under /api/cleanup: import an inventory, attach texts
 * (the pre-check runs in the background), poll a job's progress, decide, read progress per
 * department, export the result list, and the period figures for reports. Same rules as
 * ./api.ts: a session (CSRF header on writes) or an API token; errors `{code, message}` in
 * Chinese; an inventory with bad rows answers 422 with every row's error.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { CLEANUP_ROLES, CleanupStore, type AttachFile } from '../../cleanup/cleanup-store.js';
import { resultCsv, resultFileName, resultXlsx } from '../../cleanup/export.js';
import { InventoryError, readInventory } from '../../cleanup/inventory.js';
import { campaignProgress } from '../../cleanup/period-progress.js';
import { CampaignQuerySchema, DeadlineBodySchema, DecisionBodySchema, ExportQuerySchema, ItemQuerySchema, PacksBodySchema, PeriodQuerySchema } from '../../cleanup/schemas.js';
import { StoreError, VoidSchema } from '../../store/types.js';
import { attachment, BadRequest, guardApi, hook } from '../kit/api-kit.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';
import { CLEANUP_MAX_BODY_BYTES, kickPrecheck } from './cleanup-shared.js';



const IdParam = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }) });
const JobParam = z.object({ id: z.string().uuid({ error: '任务编号无效' }) });

const isMultipart = (c: Context<AppEnv>) => /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');

async function readForm(c: Context<AppEnv>): Promise<FormData> {
  if (!isMultipart(c)) throw new BadRequest('请以 multipart/form-data 上传文件');
  try {
    return await c.req.formData();
  } catch {
    throw new BadRequest('上传内容不是有效的 multipart/form-data 表单');
  }
}

/** Every uploaded file of the form (field `file`, one or many). */
export async function formFiles(form: FormData): Promise<AttachFile[]> {
  const out: AttachFile[] = [];
  for (const v of form.getAll('file')) if (typeof v !== 'string' && v.size > 0) out.push({ fileName: v.name, bytes: new Uint8Array(await v.arrayBuffer()) });
  return out;
}

const cleanupOf = (c: Context<AppEnv>) => new CleanupStore(c.var.deps.store);
const me = (c: Context<AppEnv>): number => {
  if (!c.var.user) throw new StoreError('FORBIDDEN', '请先登录');
  return c.var.user.id;
};



export function cleanupApiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  guardApi(api, {
    maxBytes: CLEANUP_MAX_BODY_BYTES,
    tooLarge: { code: 'TOO_LARGE', message: '上传内容超过 64 MB，请分批上传' },
    known: (e, c) => (e instanceof InventoryError ? c.json({ code: 'INVENTORY', message: e.message, errors: e.errors }, 422) : undefined),
  });
  const edit = requireRole(CLEANUP_ROLES.edit, 'api');

  api.get('/campaigns', zValidator('query', CampaignQuerySchema, hook), async (c) => {
    const cleanup = cleanupOf(c);
    const items = await Promise.all((await cleanup.listCampaigns(c.req.valid('query').voided)).map((x) => cleanup.progress(x.id)));
    return c.json({ items, total: items.length });
  });

  api.post('/campaigns/import', edit, async (c) => {
    const form = await readForm(c);
    const file = form.get('file');
    if (!file || typeof file === 'string') throw new BadRequest('缺少清单文件（表单字段 file）');
    const name = form.get('campaign');
    const deadline = form.get('deadline');
    const rows = await readInventory(new Uint8Array(await file.arrayBuffer()), file.name, c.var.deps.spreadsheets?.reader);
    const r = await cleanupOf(c).importInventory(
      { campaign: typeof name === 'string' ? name : '', deadline: typeof deadline === 'string' ? deadline : null, fileName: file.name, rows },
      me(c),
    );
    return c.json(r, 201);
  });

  api.get('/campaigns/:id', zValidator('param', IdParam, hook), async (c) => c.json(await cleanupOf(c).progress(c.req.valid('param').id)));

  api.patch('/campaigns/:id', requireRole(CLEANUP_ROLES.deadline, 'api'), zValidator('param', IdParam, hook), zValidator('json', DeadlineBodySchema, hook), async (c) =>
    c.json(await cleanupOf(c).setDeadline(c.req.valid('param').id, c.req.valid('json').deadline || null, me(c))),
  );

  api.put('/campaigns/:id/packs', requireRole(CLEANUP_ROLES.deadline, 'api'), zValidator('param', IdParam, hook), zValidator('json', PacksBodySchema, hook), async (c) =>
    c.json(await cleanupOf(c).setPacks(c.req.valid('param').id, c.req.valid('json').packs, c.var.deps.ruleSet, me(c))),
  );

  // 作废 with a reason (never deleted); the store checks who may
  api.post('/campaigns/:id/void', zValidator('param', IdParam, hook), zValidator('json', VoidSchema, hook), async (c) =>
    c.json(await cleanupOf(c).voidCampaign(c.req.valid('param').id, c.req.valid('json'), me(c))),
  );
  api.post('/campaigns/:id/restore', zValidator('param', IdParam, hook), async (c) => c.json(await cleanupOf(c).restoreCampaign(c.req.valid('param').id, me(c))));

  api.get('/campaigns/:id/items', zValidator('param', IdParam, hook), zValidator('query', ItemQuerySchema, hook), async (c) => {
    const cleanup = cleanupOf(c);
    const id = c.req.valid('param').id;
    await cleanup.requireCampaign(id);
    const q = c.req.valid('query');
    const items = await cleanup.listItems(id, { ...(q.department ? { department: q.department } : {}), ...(q.decision ? { decision: q.decision } : {}), voided: q.voided, expired: q.expired === '1' });
    return c.json({ items, total: items.length });
  });

  api.post('/campaigns/:id/attach', edit, zValidator('param', IdParam, hook), async (c) => {
    const form = await readForm(c);
    const files = await formFiles(form);
    if (files.length === 0) throw new BadRequest('没有收到文件（表单字段 file，可多选）');
    const itemField = form.get('itemId');
    const itemId = typeof itemField === 'string' && itemField ? Number(itemField) : undefined;
    if (itemId !== undefined && !Number.isInteger(itemId)) throw new BadRequest('itemId 无效');
    const r = await cleanupOf(c).attachTexts(c.req.valid('param').id, files, me(c), itemId !== undefined ? { itemId } : {});
    const background = r.jobId ? await kickPrecheck(c) : false;
    if (r.jobId) c.header('Location', `/api/cleanup/jobs/${r.jobId}`);
    return c.json({ ...r, background }, r.jobId ? 202 : 422);
  });

  api.get('/campaigns/:id/export', zValidator('param', IdParam, hook), zValidator('query', ExportQuerySchema, hook), async (c) => {
    const cleanup = cleanupOf(c);
    const campaign = await cleanup.requireCampaign(c.req.valid('param').id);
    const items = await cleanup.listItems(campaign.id);
    const format = c.req.valid('query').format;
    const name = resultFileName(campaign, cleanup.today(), format);
    if (format === 'csv') return c.body(resultCsv(items), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(name) });
    const writer = c.var.deps.spreadsheets?.writer;
    if (!writer) return c.json<ApiError>({ code: 'UNSUPPORTED', message: '此环境不能生成 .xlsx，请导出 CSV' }, 400);
    const bytes = await resultXlsx(writer, campaign, items);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': attachment(name) });
  });

  api.get('/jobs/:id', zValidator('param', JobParam, hook), async (c) => {
    const p = await cleanupOf(c).jobProgress(c.req.valid('param').id);
    if (!p) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个预审任务' }, 404);
    return c.json(p);
  });

  api.post('/jobs/:id/retry', edit, zValidator('param', JobParam, hook), async (c) => {
    const cleanup = cleanupOf(c);
    const id = c.req.valid('param').id;
    if (!(await cleanup.jobProgress(id))) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个预审任务' }, 404);
    const requeued = await cleanup.retryFailed(id, me(c));
    if (requeued) await kickPrecheck(c);
    return c.json({ requeued, progress: await cleanup.jobProgress(id) });
  });

  api.get('/items/:id', zValidator('param', IdParam, hook), async (c) => c.json(await cleanupOf(c).requireItem(c.req.valid('param').id)));

  api.put('/items/:id/decision', requireRole(CLEANUP_ROLES.decide, 'api'), zValidator('param', IdParam, hook), zValidator('json', DecisionBodySchema, hook), async (c) => {
    const body = c.req.valid('json');
    return c.json(await cleanupOf(c).decide(c.req.valid('param').id, { decision: body.decision, reason: body.reason ?? '', clauses: body.clauses ?? [], basis: body.basis ?? '' }, me(c)));
  });

  /** The attached text's 文号 or title differs from its row: a person confirms it is the same document. */
  api.post('/items/:id/confirm-text', edit, zValidator('param', IdParam, hook), async (c) => c.json(await cleanupOf(c).confirmText(c.req.valid('param').id, me(c))));
  api.post('/items/:id/void', zValidator('param', IdParam, hook), zValidator('json', VoidSchema, hook), async (c) =>
    c.json(await cleanupOf(c).voidItem(c.req.valid('param').id, c.req.valid('json'), me(c))),
  );
  api.post('/items/:id/restore', zValidator('param', IdParam, hook), async (c) => c.json(await cleanupOf(c).restoreItem(c.req.valid('param').id, me(c))));

  api.get('/progress', zValidator('query', PeriodQuerySchema, hook), async (c) => c.json(await campaignProgress(c.var.deps.store.db, c.req.valid('query'))));

  return api;
}
