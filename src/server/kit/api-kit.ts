/**
 * What every JSON API module shares: the Chinese error bodies for what a route may throw,
 * the zod-validator hook, and the guard every /api sub-app installs first (signed in, not
 * cached, body size limit, CSRF on cookie writes, errors as JSON).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { isIngestError } from '../../review/core.js';
import { DEFAULT_LIMITS, formatBytes } from '../../review/core.js';
import { isStoreError, StoreError, type StoreErrorCode } from '../../store/types.js';
import { requireUser, verifyCsrf } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';

/** Largest request body: the largest upload plus room for the multipart envelope. */
export const MAX_BODY_BYTES = DEFAULT_LIMITS.maxInputBytes + 64 * 1024;

/** A refusal of the request itself (400). */
export class BadRequest extends Error {
  constructor(
    message: string,
    readonly code = 'BAD_REQUEST',
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

const STORE_STATUS: Record<StoreErrorCode, 400 | 403 | 404 | 409 | 507> = { INVALID: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, QUOTA: 507 };

type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 507;

/** The status and body for an error a route threw, or null for an unexpected one. */
export function apiErrorOf(e: unknown): { status: ErrorStatus; body: ApiError } | null {
  if (isIngestError(e)) return { status: e.code === 'TOO_LARGE' ? 413 : e.code === 'BUSY' ? 429 : 422, body: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
  if (isStoreError(e)) return { status: STORE_STATUS[e.code], body: { code: e.code, message: e.message } };
  if (e instanceof BadRequest) return { status: 400, body: { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
  if (e instanceof SyntaxError) return { status: 400, body: { code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' } };
  if (e instanceof HTTPException) {
    if (e.status === 413) return { status: 413, body: tooLarge() };
    if (e.status === 400) {
      return /json/i.test(e.message)
        ? { status: 400, body: { code: 'BAD_REQUEST', message: '请求体不是有效的 JSON' } }
        : { status: 400, body: { code: 'BAD_REQUEST', message: '请求内容无法解析' } };
    }
  }
  return null;
}

export const tooLarge = (): ApiError => ({ code: 'TOO_LARGE', message: `上传内容超过 ${formatBytes(DEFAULT_LIMITS.maxInputBytes)} 的上限`, hint: '请删除文中的大图片或拆分文件后重新提交' });

const HAS_CHINESE = /[\u4e00-\u9fff]/;

interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  options?: readonly unknown[];
}

/** zod issues as one Chinese sentence (the schemas' own messages are Chinese; zod's defaults are not). */
export function issuesMessage(issues: readonly IssueLike[]): string {
  const parts = issues.map((i) => {
    const path = i.path.map(String).join('.');
    if (HAS_CHINESE.test(i.message)) return i.message;
    if (i.code === 'invalid_type' && /undefined/.test(i.message)) return path ? `缺少字段 ${path}` : '缺少请求体';
    if (i.code === 'invalid_union' && i.options) return `${path || '字段'} 只能是 ${i.options.map(String).join('、')}`;
    if (i.code === 'unrecognized_keys') return '请求中有无法识别的字段';
    return path ? `字段 ${path} 无效` : '请求内容无效';
  });
  return [...new Set(parts)].join('；');
}

/** The zod-validator hook: a 400 with the Chinese message instead of zod's result. */
export const hook = (result: { success: true } | { success: false; error: { issues: readonly IssueLike[] } }, c: Context) => {
  if (!result.success) return c.json<ApiError>({ code: 'INVALID', message: issuesMessage(result.error.issues) }, 400);
  return undefined;
};

/**
 * Installs on an /api sub-app: a signed-in user or token, no caching, the body limit, CSRF
 * on writes made with the cookie, and errors as JSON (`known` answers module-specific errors first).
 */
export function guardApi(api: Hono<AppEnv>, options: { maxBytes?: number; tooLarge?: ApiError; known?: (e: unknown, c: Context<AppEnv>) => Response | undefined } = {}): void {
  api.use('*', requireUser('api'));
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.use('*', bodyLimit({ maxSize: options.maxBytes ?? MAX_BODY_BYTES, onError: (c) => c.json<ApiError>(options.tooLarge ?? tooLarge(), 413) }));
  api.use('*', verifyCsrf);
  api.onError((e, c) => {
    const special = options.known?.(e, c);
    if (special) return special;
    const known = apiErrorOf(e);
    if (known) return c.json(known.body, known.status);
    console.error(e);
    return c.json<ApiError>({ code: 'INTERNAL', message: '服务内部错误，请稍后重试或联系管理员' }, 500);
  });
}

/** Content-Disposition for a download with a Chinese file name (ASCII fallback, then RFC 5987). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** JSON bodies only (a form post to a JSON route would otherwise validate as `{}`). */
export const needJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    return c.json<ApiError>({ code: 'BAD_REQUEST', message: '请以 application/json 提交请求体' }, 400);
  }
  return next();
};

/** The signed-in user's id (requireUser has run). */
export function userId(c: Context<AppEnv>): number {
  const user = c.var.user;
  if (!user) throw new StoreError('FORBIDDEN', '请先登录');
  return user.id;
}

/** A positive integer id in the path. */
export const IntId = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }) });
