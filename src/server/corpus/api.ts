/**
 * The JSON API of the section's own legal texts (mounted by ../api.ts, which guards it):
 * /admin/corpus… for the administrator (import, list, 作废), /corpus/articles for every
 * signed-in user (the 依据 picker's search over the bundled and imported articles).
 */
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { importLocalText } from '../../local-texts/import.js';
import { pickArticles } from '../../local-texts/hand-basis.js';
import { LocalTextStore } from '../../local-texts/local-text-store.js';
import { VoidTextSchema } from '../../local-texts/types.js';
import { requireRole } from '../auth.js';
import type { AppEnv } from '../env.js';
import { BadRequest, hook, IntId, needJson, userId } from '../kit/api-kit.js';

export const ListQuerySchema = z.object({ all: z.enum(['0', '1'], { error: 'all 只能是 0 或 1' }).optional() });
export const ArticleQuerySchema = z.object({
  q: z.string({ error: '请提供检索词 q' }).trim().min(1, '请输入检索词（法规名称、条款或正文中的词）').max(100, '检索词不超过 100 个字'),
  limit: z.coerce.number({ error: 'limit 应为 1 到 50 的整数' }).int().min(1).max(50).optional(),
});
export const ImportJsonSchema = z.object({
  text: z.string({ error: 'JSON 中缺少字符串字段 text（文本全文）' }),
  fileName: z.string().max(255).optional(),
  title: z.string().optional(),
  docNumber: z.string().optional(),
  issuer: z.string().optional(),
  issued: z.string().optional(),
  effective: z.string().optional(),
});

const META = ['title', 'docNumber', 'issuer', 'issued', 'effective'] as const;

async function importInput(c: Context<AppEnv>): Promise<{ bytes: Uint8Array; fileName?: string; meta: Record<string, string> }> {
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new BadRequest('上传内容不是有效的 multipart/form-data 表单');
    }
    const file = form.get('file');
    if (!(file instanceof File)) throw new BadRequest('表单中缺少文件字段 file');
    const meta: Record<string, string> = {};
    for (const k of META) {
      const v = form.get(k);
      if (typeof v === 'string' && v.trim()) meta[k] = v;
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, meta };
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new BadRequest('请求体不是有效的 JSON（或请用 multipart/form-data 上传文件）');
  }
  const r = ImportJsonSchema.safeParse(body);
  if (!r.success) throw new BadRequest(r.error.issues.map((i) => i.message).join('；'), 'INVALID');
  const { text, fileName, ...rest } = r.data;
  const meta = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'string' && v.trim())) as Record<string, string>;
  return { bytes: new TextEncoder().encode(text), ...(fileName ? { fileName } : {}), meta };
}

export function corpusApiRoutes(api: Hono<AppEnv>): void {
  const admin = requireRole(['admin'], 'api');
  const texts = (c: Context<AppEnv>) => new LocalTextStore(c.var.deps.store);

  api.get('/admin/corpus', admin, zValidator('query', ListQuerySchema, hook), async (c) => {
    const items = await texts(c).list({ includeVoided: c.req.valid('query').all === '1' });
    return c.json({ items, total: items.length });
  });

  api.get('/admin/corpus/:id', admin, zValidator('param', IntId, hook), async (c) => {
    const t = await texts(c).get(c.req.valid('param').id);
    return t ? c.json(t) : c.json({ code: 'NOT_FOUND', message: '没有这件本地法规文本' }, 404);
  });

  api.post('/admin/corpus', admin, async (c) => {
    const input = await importInput(c);
    const t = await importLocalText({ store: c.var.deps.store, readDocx: c.var.deps.readDocx }, input, userId(c));
    return c.json(t, 201);
  });

  api.post('/admin/corpus/:id/void', admin, zValidator('param', IntId, hook), needJson, zValidator('json', VoidTextSchema, hook), async (c) =>
    c.json(await texts(c).void(c.req.valid('param').id, c.req.valid('json'), userId(c))),
  );

  api.get('/corpus/articles', zValidator('query', ArticleQuerySchema, hook), async (c) => {
    const { q, limit } = c.req.valid('query');
    const items = await pickArticles(c.var.deps.store, c.var.deps.ruleSet?.corpus.laws ?? [], q, limit ?? 20);
    return c.json({ items, total: items.length });
  });
}
