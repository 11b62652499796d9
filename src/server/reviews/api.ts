/**
 * The review routes of the JSON API (mounted by ../api.ts, which guards them): an upload or
 * JSON text goes to the review pipeline (review/create-review.ts) and nowhere else.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { documentJson } from '../../review/core.js';
import type { Finding } from '../../rules/findings.js';
import { ConclusionSchema, FindingUpdateSchema, HandFindingSchema, ReviewQuerySchema, VoidSchema, type ReviewFinding } from '../../store/types.js';
import { attachment, BadRequest, hook, issuesMessage, needJson, userId } from '../kit/api-kit.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';

import { createReviewOnce, DuplicateUploadError, parseDocument, runReview, type ReviewInput } from '../../review/create-review.js';
import { defaultPacks, setDefaultPacks } from '../../review/packs.js';
import { setDefaultJurisdiction } from '../../review/jurisdiction.js';
import { servedType } from '../../review/core.js';
import { recordSignOff } from '../../decisions/workbench.js';
import { addHandFindingWithBasis } from '../../local-texts/hand-basis.js';

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
  /** The division named places are read against; absent: the issuer, the title, then the admin's default. */
  jurisdiction: z.string({ error: 'jurisdiction 应为行政区划名称' }).max(40, '行政区划不超过 40 个字').optional(),
});

export const PackSettingSchema = z.object({ enabled: PacksSchema });
export const JurisdictionSettingSchema = z.object({ jurisdiction: z.string({ error: 'jurisdiction 应为行政区划名称（空字符串清除）' }).max(40, '行政区划不超过 40 个字') });

export const CreateReviewJsonSchema = TextInputSchema.extend({
  department: z.string().optional(),
  title: z.string().optional(),
  docNumber: z.string().optional(),
  /** 仍要重新预审: review an original that was reviewed before (otherwise 409 DUPLICATE names the earlier records). */
  again: z.boolean().optional(),
  /** The rendered form's token: the same form sent again gets the record the first send made. */
  submitToken: z.string().max(100).optional(),
});

const ParamId = z.object({ id: z.string().min(1).max(100) });
const HashParam = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '文件摘要应为 64 位十六进制') });

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

/** The input of the review endpoints: an uploaded file or JSON text, the metadata and the packs asked for. */
async function readReviewInput<S extends typeof TextInputSchema>(c: Context<AppEnv>, schema: S): Promise<ReviewInput & { submitToken?: string }> {
  if (isMultipart(c)) {
    const form = await readForm(c);
    const file = await formFile(form);
    const packs = formPacks(form);
    const text = formText(form, 'text');
    const jurisdiction = formText(form, 'jurisdiction');
    return {
      ...file, department: formText(form, 'department') ?? '', title: formText(form, 'title'), docNumber: formText(form, 'docNumber'), ...(packs ? { packs } : {}),
      ...(jurisdiction ? { jurisdiction } : {}),
      ...(text ? { text } : {}), ...creationFields(formText(form, 'again') === '1', formText(form, 'submitToken')),
    };
  }
  if (isJson(c)) {
    const body = parseWith(schema, await readJson(c)) as z.output<typeof CreateReviewJsonSchema>;
    return {
      text: body.text, markdown: body.markdown === true, department: body.department ?? '', title: body.title, docNumber: body.docNumber, ...(body.packs ? { packs: body.packs } : {}),
      ...(body.jurisdiction ? { jurisdiction: body.jurisdiction } : {}),
      ...creationFields(body.again === true, body.submitToken),
    };
  }
  throw WRONG_BODY;
}

/** 仍要重新预审 and the form's submit token, for the creating endpoint (the stateless ones ignore them). */
function creationFields(again: boolean, submitToken: string | undefined): Pick<ReviewInput, 'duplicates'> & { submitToken?: string } {
  return { duplicates: again ? 'allow' : 'offer', ...(submitToken ? { submitToken } : {}) };
}

/** The rule's finding without the reviewer's decisions. */
function ruleFinding(f: ReviewFinding): Finding {
  const { status: _s, dismissReason: _d, suggestionOverride: _o, addedByHand: _h, updatedBy: _b, updatedAt: _a, ...finding } = f;
  return finding;
}

/** The review routes of /api: parse or review without storing, review records, rules and originals. */
export function reviewApiRoutes(api: Hono<AppEnv>): void {
  // ---- stateless: parse or review without storing anything
  api.post('/parse', async (c) => c.json(documentJson(await parseDocument(c.var.deps, await readReviewInput(c, TextInputSchema)))));
  api.post('/review', async (c) => c.json((await runReview(c.var.deps, await readReviewInput(c, TextInputSchema))).review));

  // ---- review records
  api.post('/reviews', async (c) => {
    const { submitToken, ...input } = await readReviewInput(c, CreateReviewJsonSchema);
    try {
      const landed = await createReviewOnce(c.var.deps, { ...input, actorId: c.var.user?.id ?? null }, submitToken);
      c.header('Location', `/api/reviews/${landed.record.id}`);
      // a form sent again lands on the record its first send made
      if (landed.resubmitted) return c.json({ ...landed.record, resubmitted: true }, 200);
      return c.json({ ...landed.record, findingCount: landed.review.findings.length }, 201);
    } catch (e) {
      if (!(e instanceof DuplicateUploadError)) throw e;
      const earlier = e.earlier.map((r) => ({ id: r.id, title: r.title, createdAt: r.createdAt, createdByName: r.createdByName, status: r.status }));
      return c.json({ code: 'DUPLICATE', message: e.message, hash: e.hash, earlier }, 409);
    }
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

  // with the basis picked in the 依据 picker (local-texts/hand-basis.ts looks up each article's text)
  api.post('/reviews/:id/findings', needJson, zValidator('json', HandFindingSchema, hook), async (c) => {
    const picked = ((await c.req.json()) as { basis?: unknown }).basis;
    const finding = await addHandFindingWithBasis(c.var.deps.store, c.var.deps.ruleSet?.corpus.laws ?? [], c.req.param('id'), c.req.valid('json'), picked, userId(c));
    return c.json(finding, 201);
  });

  // 作废 with a reason (the store checks who may), and 撤销作废
  api.post('/reviews/:id/void', needJson, zValidator('json', VoidSchema, hook), async (c) => c.json(await c.var.deps.store.voidReview(c.req.param('id'), c.req.valid('json'), userId(c))));
  api.post('/reviews/:id/restore', async (c) => c.json(await c.var.deps.store.restoreReview(c.req.param('id'), userId(c))));

  // the reviewer's conclusion (null clears it); sign-off requires one
  api.put('/reviews/:id/conclusion', needJson, zValidator('json', ConclusionSchema, hook), async (c) => {
    await c.var.deps.store.setConclusion(c.req.param('id'), c.req.valid('json'), userId(c));
    return c.json(await c.var.deps.store.getReviewRecord(c.req.param('id')));
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

  api.put('/rules/jurisdiction', requireRole(['admin'], 'api'), needJson, zValidator('json', JurisdictionSettingSchema, hook), async (c) => {
    const jurisdiction = await setDefaultJurisdiction(c.var.deps.store, c.var.deps.ruleSet, c.req.valid('json').jurisdiction, userId(c));
    return c.json({ jurisdiction: jurisdiction ?? null });
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
}
