/**
 * The decision library's JSON API under /api/decisions (any signed-in user; mounted before /api,
 * so it brings its own auth, CSRF, body limit and error handling). Without `deps.decisions`
 * (no segmenter on this runtime yet) it answers 503.
 */
import { zValidator } from '@hono/zod-validator';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Decision } from '../../decisions/types.js';
import type { Snippet } from '../../search/highlight.js';
import { DecisionSearchSchema, snippetHtml, type SimilarDecision } from '../../decisions/decision-search.js';
import { importDecisionFile, MAX_DECISION_IMPORT_BYTES } from '../../decisions/workbench.js';
import { attachment, BadRequest, guardApi, hook } from '../kit/api-kit.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';
import { toCsv, toJsonl } from '../../decisions/import-export.js';
import { NoticeSchema, setDecisionNotice } from '../../decisions/notice.js';

/** POST /api/decisions/similar: a clause's text, optionally its rule and category. */
export const SimilarRequestSchema = z.object({
  text: z.string({ error: '缺少字符串字段 text（条款原文）' }).trim().min(1, '条款原文不能为空').max(10_000, '条款原文不能超过 10000 个字符'),
  rule: z.string().trim().max(100).optional(),
  category: z.string().trim().max(50).optional(),
  limit: z.number({ error: 'limit 应为 1 到 20 的整数' }).int().min(1).max(20).optional(),
});

const IdParam = z.object({ id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效') });

const snippetJson = (s: Snippet) => ({ ...s, html: snippetHtml(s) });

function unavailable(c: Context<AppEnv>) {
  return c.json<ApiError>({ code: 'UNAVAILABLE', message: '审查意见库未启用（服务启动时没有加载分词器）' }, 503);
}

const similarJson = (items: SimilarDecision[]) => ({ items: items.map((s) => ({ ...s.decision, score: s.score, snippet: snippetJson(s.snippet) })), total: items.length });

export function decisionApiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  guardApi(api, { maxBytes: MAX_DECISION_IMPORT_BYTES + 64 * 1024, tooLarge: { code: 'TOO_LARGE', message: '请求内容超过 20 MB 的上限，请拆分后分别导入' } });

  api.get('/search', zValidator('query', DecisionSearchSchema, hook), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    const r = await search.search(c.req.valid('query'));
    return c.json({
      ...r,
      items: r.items.map((h) => ({ ...h.decision, score: h.score, snippets: { clauseText: snippetJson(h.snippets.clauseText), reasoning: snippetJson(h.snippets.reasoning) } })),
    });
  });

  api.post('/similar', zValidator('json', SimilarRequestSchema, hook), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    const body = c.req.valid('json');
    return c.json(similarJson(await search.similar({ text: body.text, rule: body.rule, category: body.category, limit: body.limit ?? 5 })));
  });

  /** A decision file, as `fahu decisions import` takes it: all rows or none (chief and admin). */
  api.post('/import', requireRole(['chief', 'admin'], 'api'), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new BadRequest('请以 multipart/form-data 上传文件（字段 file）');
    }
    const f = form.get('file');
    if (!f || typeof f === 'string') throw new BadRequest('缺少要导入的文件（表单字段 file）');
    const r = await importDecisionFile(c.var.deps.store, search.store, { bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name }, c.var.user!.id);
    if (!r.ok) return c.json({ code: 'IMPORT', message: r.message, errors: r.errors }, 422);
    return c.json({ inserted: r.inserted, updated: r.updated }, 201);
  });

  /** The whole library as a file (the same format as `fahu decisions export`), for a spreadsheet or another install. */
  api.get('/export', zValidator('query', z.object({ format: z.enum(['csv', 'jsonl'], { error: 'format 只能是 csv 或 jsonl' }).default('csv') }), hook), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    const format = c.req.valid('query').format;
    const all = await search.store.all();
    const name = `审查意见库-${new Date().toISOString().slice(0, 10)}.${format}`;
    return c.body(format === 'csv' ? toCsv(all) : toJsonl(all), 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': attachment(name),
    });
  });

  /** The published notice of a decision (科长, 管理员), the same as the page /decisions/:id/notice. */
  api.put('/:id/notice', requireRole(['chief', 'admin'], 'api'), zValidator('param', IdParam, hook), zValidator('json', NoticeSchema, hook), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    return c.json<Decision>(await setDecisionNotice(c.var.deps.store, search.store, c.req.valid('param').id, c.req.valid('json'), c.var.user!.id));
  });

  api.get('/:id', zValidator('param', IdParam, hook), async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return unavailable(c);
    const d = await search.store.get(c.req.valid('param').id);
    if (!d) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这条审查意见' }, 404);
    return c.json<Decision>(d);
  });

  return api;
}
