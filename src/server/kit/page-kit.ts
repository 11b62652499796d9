/**
 * What every page route file needs: an uncached HTML answer, the posted form read once, its
 * fields as strings, lists or files, and a user-caused refusal turned into a status and a
 * Chinese message (anything else is rethrown, to become a 500).
 */
import type { Context } from 'hono';
import { isIngestError } from '../../review/core.js';
import { isStoreError, type StoreErrorCode } from '../../store/types.js';
import type { AppEnv } from '../env.js';

export type C = Context<AppEnv>;
export type Body = Record<string, string | File | (string | File)[]>;
export type PageStatus = 200 | 201 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export const STORE_STATUS: Record<StoreErrorCode, 403 | 404 | 409 | 422> = { INVALID: 422, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, QUOTA: 422 };

/** Pages carry the session's CSRF token: never cached. */
export function page(c: C, node: unknown, status: PageStatus = 200): Response | Promise<Response> {
  c.header('Cache-Control', 'no-store');
  return c.html(node as string | Promise<string>, status);
}

/** The posted form, repeated fields as arrays; an unreadable body reads as empty. */
export async function formBody(c: C): Promise<Body> {
  try {
    return (await c.req.parseBody({ all: true })) as Body;
  } catch {
    return {};
  }
}

/** A text field ('' when missing; the first when repeated). */
export const str = (b: Body, k: string): string => {
  const v = b[k];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

/** Every text value of a repeated field (checkboxes). */
export const strs = (b: Body, k: string): string[] => {
  const v = b[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

/** Like strs, trimmed and without empty values; undefined when the form has no such field. */
export const listField = (b: Body, k: string): string[] | undefined =>
  b[k] === undefined ? undefined : strs(b, k).map((x) => x.trim()).filter((x) => x !== '');

/** The uploaded, non-empty files of a field. */
export const files = (b: Body, k: string): File[] => {
  const v = b[k];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is File => x instanceof File && x.size > 0);
};

/** The first uploaded file of a field, or null. */
export const file = (b: Body, k: string): File | null => files(b, k)[0] ?? null;

/** A positive integer :id route parameter, or 0. */
export const idParam = (c: C): number => {
  const n = Number(c.req.param('id'));
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/** The status and Chinese message of a refusal the user caused (store or reader); rethrows anything else. */
export function refusal(e: unknown): { status: 403 | 404 | 409 | 422 | 429; message: string } {
  if (isStoreError(e)) return { status: STORE_STATUS[e.code], message: e.message };
  // a full worker pool is the server's state, not the file's: 429 服务器繁忙，请稍后重试
  if (isIngestError(e)) return { status: e.code === 'BUSY' ? 429 : 422, message: e.userMessage };
  throw e;
}
