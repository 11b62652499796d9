/**
 * The JSON API under /api. Every route needs a signed-in user (session cookie + CSRF header
 * on writes) or an API token (`Authorization: Bearer fahu_…`, no CSRF). Input is validated
 * with zod (@hono/zod-validator, the schemas of store/types.ts); errors are
 * `{code, message, hint?}` with a Chinese message. The routes are described in
 * ./openapi.ts, served at /api/openapi.json.
 */
import { servedType } from '../ingest/stored-type.js';
import { zValidator } from '@hono/zod-validator';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DocumentModel } from '../document/model.js';
import { ingestBytes, ingestText } from '../ingest/ingest.js';
import { documentJson } from '../report/document-json.js';
import type { Finding } from '../rules/findings.js';
import { PasswordSchema } from '../store/password.js';
import {
  ApiTokenNameSchema, AuditQuerySchema, FindingUpdateSchema, HandFindingSchema, NewUserSchema, ReviewQuerySchema, RoleSchema,
  StoreError, type ReviewFinding,
} from '../store/types.js';
import { apiErrorOf, attachment, BadRequest, guardApi, hook, issuesMessage, MAX_BODY_BYTES } from './api-kit.js';
import { requireRole } from './auth.js';
import type { ApiError, AppEnv } from './env.js';

export { apiErrorOf, BadRequest, issuesMessage, MAX_BODY_BYTES };
import { openApiDocument } from './openapi.js';
import { createReviewFromInput, packsFor, runReview } from './reviews.js';
import { defaultPacks, setDefaultPacks } from './rule-packs.js';
import { recordSignOff } from '../decisions/workbench.js';

/** JSON bodies only (a form post to a JSON route would otherwise validate as `{}`). */
const needJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    return c.json<ApiError>({ code: 'BAD_REQUEST', message: '请以 application/json 提交请求体' }, 400);
  }
  return next();
};

/** Dismissing without a reason gets the schema's own message (“排除问题必须填写理由”). */
const FindingActionSchema = z.preprocess((v) => {
  if (v && typeof v === 'object' && (v as { action?: unknown }).action === 'dismiss' && (v as { reason?: unknown }).reason == null) return { ...v, reason: '' };
  return v;
}, FindingUpdateSchema);

const PacksSchema = z.array(z.string().min(1).max(50), { error: 'packs 应为规则包名称的数组' }).max(20);

export const TextInputSchema = z.object({
  text: z.string({ error: 'JSON 中缺少字符串字段 text' }),
  markdown: z.boolean().optional(),
  /** Industry packs to run; absent: the admin's default packs. */
  packs: PacksSchema.optional(),
});

export const PackSettingSchema = z.object({ enabled: PacksSchema });

export const CreateReviewJsonSchema = TextInputSchema.extend({
  department: z.string().optional(),
  title: z.string().optional(),
  docNumber: z.string().optional(),
});

export const UserUpdateSchema = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean({ error: 'disabled 只能是 true 或 false' }).optional(), password: PasswordSchema.optional() })
  .refine((u) => u.role !== undefined || u.disabled !== undefined || u.password !== undefined, '请提供 role、disabled 或 password 之一');

export const TokenRequestSchema = z.object({ name: ApiTokenNameSchema });

const ParamId = z.object({ id: z.string().min(1).max(100) });
const HashParam = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位十六进制') });
const IntId = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }) });

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new BadRequest('请求体不是有效的 JSON');
  }
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new BadRequest(issuesMessage(r.error.issues), 'INVALID');
  return r.data;
}

const isMultipart = (c: Context<AppEnv>) => /^multipart\/form-data/i.test(c.req.header('content-type') ?? '');
const isJson = (c: Context<AppEnv>) => /^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '');

async function readForm(c: Context<AppEnv>): Promise<FormData> {
  try {
    return await c.req.formData();
  } catch {
    throw new BadRequest('上传内容不是有效的 multipart/form-data 表单');
  }
}

async function formFile(form: FormData): Promise<{ bytes: Uint8Array; fileName: string }> {
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new BadRequest('缺少上传文件（表单字段 file）');
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name };
}

const formText = (form: FormData, name: string): string | undefined => {
  const v = form.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** Packs from a form: repeated `packs` fields; a lone empty `packs` field means "none". */
function formPacks(form: FormData): string[] | undefined {
  if (!form.has('packs')) return undefined;
  return form.getAll('packs').filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

const WRONG_BODY = new BadRequest('请以 multipart/form-data 上传文件（字段 file），或以 application/json 提交 {"text": "……"}');

/** The stateless endpoints' input: an uploaded file or JSON text, and the packs asked for. */
async function readDocument(c: Context<AppEnv>): Promise<{ doc: DocumentModel; packs: string[] | undefined }> {
  const readDocx = c.var.deps.readDocx;
  if (isMultipart(c)) {
    const form = await readForm(c);
    const { bytes, fileName } = await formFile(form);
    return { doc: await ingestBytes(bytes, { fileName, ...(readDocx ? { readDocx } : {}) }), packs: formPacks(form) };
  }
  if (isJson(c)) {
    const body = parseWith(TextInputSchema, await readJson(c));
    return { doc: ingestText(body.text, { markdown: body.markdown === true }), packs: body.packs };
  }
  throw WRONG_BODY;
}

/** The signed-in user's id (requireUser has run). */
function userId(c: Context<AppEnv>): number {
  const user = c.var.user;
  if (!user) throw new StoreError('FORBIDDEN', '请先登录');
  return user.id;
}

/** The rule's finding without the reviewer's decisions. */
function ruleFinding(f: ReviewFinding): Finding {
  const { status: _s, dismissReason: _d, suggestionOverride: _o, addedByHand: _h, updatedBy: _b, updatedAt: _a, ...finding } = f;
  return finding;
}

export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  guardApi(api);

  api.get('/openapi.json', (c) => c.json(openApiDocument()));

  api.get('/me', (c) => c.json({ user: c.var.user, via: c.var.via }));

  // ---- stateless: parse or review without storing anything
  api.post('/parse', async (c) => c.json(documentJson((await readDocument(c)).doc)));
  api.post('/review', async (c) => {
    const { doc, packs } = await readDocument(c);
    return c.json(runReview(c.var.deps, doc, await packsFor(c.var.deps, packs)));
  });

  // ---- review records
  api.post('/reviews', async (c) => {
    let record;
    if (isMultipart(c)) {
      const form = await readForm(c);
      const file = await formFile(form);
      record = await createReviewFromInput(c, {
        ...file,
        department: formText(form, 'department') ?? '',
        ...(formText(form, 'title') ? { title: formText(form, 'title') as string } : {}),
        ...(formText(form, 'docNumber') ? { docNumber: formText(form, 'docNumber') as string } : {}),
        ...(formPacks(form) ? { packs: formPacks(form) as string[] } : {}),
      });
    } else if (isJson(c)) {
      const body = parseWith(CreateReviewJsonSchema, await readJson(c));
      record = await createReviewFromInput(c, {
        text: body.text,
        markdown: body.markdown === true,
        department: body.department ?? '',
        ...(body.title ? { title: body.title } : {}),
        ...(body.docNumber ? { docNumber: body.docNumber } : {}),
        ...(body.packs ? { packs: body.packs } : {}),
      });
    } else throw WRONG_BODY;
    const detail = await c.var.deps.store.getReview(record.id);
    c.header('Location', `/api/reviews/${record.id}`);
    return c.json({ ...record, findingCount: detail?.findings.length ?? 0 }, 201);
  });

  api.get('/reviews', zValidator('query', ReviewQuerySchema, hook), async (c) => c.json(await c.var.deps.store.listReviews(c.req.valid('query'))));

  api.get('/reviews/:id', zValidator('param', ParamId, hook), async (c) => {
    const detail = await c.var.deps.store.getReview(c.req.valid('param').id);
    if (!detail) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这条审查记录' }, 404);
    const ruleFindings = detail.findings.filter((f) => !f.addedByHand).map(ruleFinding);
    return c.json({ record: detail.review, review: { document: detail.document, findings: ruleFindings }, findings: detail.findings });
  });

  api.patch('/reviews/:id/findings/:findingId', needJson, zValidator('json', FindingActionSchema, hook), async (c) => {
    const { id, findingId } = c.req.param();
    return c.json(await c.var.deps.store.updateFinding(id, findingId, c.req.valid('json'), userId(c)));
  });

  api.post('/reviews/:id/findings', needJson, zValidator('json', HandFindingSchema, hook), async (c) => {
    const finding = await c.var.deps.store.addHandFinding(c.req.param('id'), c.req.valid('json'), userId(c));
    return c.json(finding, 201);
  });

  api.post('/reviews/:id/signoff', requireRole(['chief'], 'api'), async (c) => {
    const signed = await c.var.deps.store.signOff(c.req.param('id'), userId(c));
    await recordSignOff(c.var.deps, signed.id);
    return c.json(signed);
  });

  // ---- rules and originals
  api.get('/rules', async (c) => {
    const rules = (c.var.deps.ruleSet?.rules ?? []).map(({ rule, pack, basis }) => ({
      id: rule.id,
      title: rule.title,
      category: rule.category,
      severity: rule.severity,
      kind: rule.check ? 'document' : 'clause',
      pack: pack ?? null,
      basis,
      examples: { flag: rule.examples.flag.length, pass: rule.examples.pass.length },
    }));
    const enabled = await defaultPacks(c.var.deps.store, c.var.deps.ruleSet);
    const packs = (c.var.deps.ruleSet?.packs ?? []).map((p) => ({ ...p, enabled: enabled.includes(p.name) }));
    return c.json({ items: rules, total: rules.length, packs });
  });

  api.put('/rules/packs', requireRole(['admin'], 'api'), needJson, zValidator('json', PackSettingSchema, hook), async (c) => {
    const enabled = await setDefaultPacks(c.var.deps.store, c.var.deps.ruleSet, c.req.valid('json').enabled, userId(c));
    return c.json({ enabled });
  });

  api.get('/documents/:hash', zValidator('param', HashParam, hook), async (c) => {
    const { store } = c.var.deps;
    const doc = await store.getDocument(c.req.valid('param').hash);
    if (!doc) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个原始文件' }, 404);
    // the type its bytes show, and the requester's own name for it (store/storage-quota.ts), never the first uploader's
    const type = servedType(doc.bytes);
    const name = await store.documentDownloadName(doc.hash, c.var.user?.id ?? null, c.req.query('name'), type.ext);
    return c.body(doc.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type.mime,
      'Content-Length': String(doc.bytes.length),
      'Content-Disposition': attachment(name),
      'X-Content-Type-Options': 'nosniff',
      ETag: `"${doc.hash}"`,
    });
  });

  // ---- administration
  api.get('/audit', requireRole(['admin'], 'api'), zValidator('query', AuditQuerySchema, hook), async (c) =>
    c.json(await c.var.deps.store.listAudit(userId(c), c.req.valid('query'))),
  );

  api.get('/users', requireRole(['admin'], 'api'), async (c) => {
    const items = await c.var.deps.store.listUsers();
    return c.json({ items, total: items.length });
  });

  api.post('/users', requireRole(['admin'], 'api'), needJson, zValidator('json', NewUserSchema, hook), async (c) =>
    c.json(await c.var.deps.store.createUser(c.req.valid('json'), userId(c)), 201),
  );

  api.patch('/users/:id', requireRole(['admin'], 'api'), zValidator('param', IntId, hook), needJson, zValidator('json', UserUpdateSchema, hook), async (c) => {
    const { store } = c.var.deps;
    const actor = userId(c);
    const id = c.req.valid('param').id;
    const u = c.req.valid('json');
    if (!(await store.getUser(id))) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个用户' }, 404);
    if (u.role !== undefined) await store.setRole(id, u.role, actor);
    if (u.disabled !== undefined) await store.setDisabled(id, u.disabled, actor);
    if (u.password !== undefined) await store.setPassword(id, u.password, actor);
    return c.json(await store.getUser(id));
  });

  // ---- the caller's own API tokens
  api.get('/tokens', async (c) => {
    const items = await c.var.deps.store.listApiTokens(userId(c));
    return c.json({ items, total: items.length });
  });

  api.post('/tokens', needJson, zValidator('json', TokenRequestSchema, hook), async (c) => {
    const me = userId(c);
    const name = c.req.valid('json').name;
    const { id, token } = await c.var.deps.store.createApiToken(me, name, me);
    return c.json({ id, name, token }, 201);
  });

  api.delete('/tokens/:id', zValidator('param', IntId, hook), async (c) => {
    const me = userId(c);
    await c.var.deps.store.revokeApiToken(me, c.req.valid('param').id, me);
    return c.body(null, 204);
  });

  return api;
}
