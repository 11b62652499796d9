/**
 * The HTTP app (Hono, web-standard): health, a landing page, and the parse/review API.
 * The web workbench grows here; adapters (Node, Workers) only hand it a document reader.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isIngestError } from '../ingest/errors.js';
import { ingestBytes, ingestText, type DocxReader } from '../ingest/ingest.js';
import { DEFAULT_LIMITS, formatBytes } from '../ingest/limits.js';
import { documentJson, reviewJson } from '../report/document-json.js';
import { review } from '../review/review.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Segmenter } from '../segment/segmenter.js';
import type { DocumentModel } from '../document/model.js';

export interface AppDeps {
  readDocx?: DocxReader;
  /** The compiled rules; without them a review returns no findings. */
  ruleSet?: RuleSet;
  segmenter?: Segmenter;
}

type ApiError = { code: string; message: string; hint?: string };

const LANDING = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>法护 fahu</title>
<style>body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem;line-height:1.7}code{background:#f2f2f2;padding:.1rem .3rem}</style></head>
<body><h1>法护 fahu 预审助手</h1><p>服务已启动。审查工作台正在建设中，目前可通过接口解析和预审文件：</p>
<ul><li><code>POST /api/parse</code>：上传 .docx（表单字段 file）或提交 JSON <code>{"text": "……"}</code>，返回元数据和条款结构；</li>
<li><code>POST /api/review</code>：同上，返回条款结构和发现的问题；</li><li><code>GET /health</code>：运行状态。</li></ul></body></html>`;

export function createApp(deps: AppDeps = {}): Hono {
  const app = new Hono();

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/', (c) => c.html(LANDING));

  const limit = bodyLimit({
    maxSize: DEFAULT_LIMITS.maxInputBytes + 64 * 1024,
    onError: (c) => c.json<ApiError>({ code: 'TOO_LARGE', message: `上传内容超过 ${formatBytes(DEFAULT_LIMITS.maxInputBytes)} 的上限`, hint: '请拆分文件后重新提交' }, 413),
  });

  const readDocument = async (req: Request): Promise<DocumentModel> => {
    const type = req.headers.get('content-type') ?? '';
    if (type.includes('multipart/form-data')) {
      const form = await req.formData();
      const file = form.get('file');
      if (!file || typeof file === 'string') throw new BadRequest('缺少上传文件（表单字段 file）');
      return ingestBytes(new Uint8Array(await file.arrayBuffer()), { fileName: file.name, ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) });
    }
    if (type.includes('application/json')) {
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        throw new BadRequest('请求体不是有效的 JSON');
      }
      const text = (body as { text?: unknown } | null)?.text;
      if (typeof text !== 'string') throw new BadRequest('JSON 中缺少字符串字段 text');
      return ingestText(text, { markdown: (body as { markdown?: unknown }).markdown === true });
    }
    throw new BadRequest('请以 multipart/form-data 上传文件，或以 application/json 提交 {"text": "……"}');
  };

  const handle = (shape: (d: DocumentModel) => unknown) => async (c: { req: { raw: Request }; json: (v: unknown, s?: 200 | 400 | 422) => Response }) => {
    try {
      return c.json(shape(await readDocument(c.req.raw)));
    } catch (e) {
      if (e instanceof BadRequest) return c.json({ code: 'BAD_REQUEST', message: e.message } satisfies ApiError, 400);
      if (isIngestError(e)) return c.json({ code: e.code, message: e.message, hint: e.hint } satisfies ApiError, 422);
      throw e;
    }
  };

  app.post('/api/parse', limit, handle(documentJson));
  const reviewShape = (d: DocumentModel) => (deps.ruleSet ? review(d, deps.ruleSet, deps.segmenter ? { segmenter: deps.segmenter } : {}) : reviewJson(d));
  app.post('/api/review', limit, handle(reviewShape));

  app.onError((e, c) => c.json<ApiError>({ code: 'INTERNAL', message: `服务内部错误：${e.message}` }, 500));
  app.notFound((c) => c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个地址' }, 404));
  return app;
}

class BadRequest extends Error {}
