/**
 * What every part of /api/openapi.json is built from: JSON Schema of a zod input schema (the
 * schema the route validates with), query parameters from it, and error responses that point
 * at the shared Error schema with each part's own descriptions.
 */
import { z } from 'zod';

export type Json = Record<string, unknown>;

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends. */
export function inputSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Json;
  return rest;
}

/** The object schema's properties as optional query parameters. */
export function queryParams(schema: z.ZodType): Json[] {
  const s = inputSchema(schema) as { properties?: Record<string, Json> };
  return Object.entries(s.properties ?? {}).map(([name, sch]) => ({ name, in: 'query', required: false, schema: sch }));
}

/** Error responses for the given status codes, described from `descriptions` ('错误' otherwise). */
export function errorResponses(descriptions: Record<string, string>, codes: readonly string[]): Record<string, Json> {
  return Object.fromEntries(codes.map((c) => [c, { description: descriptions[c] ?? '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
}

/** The refusal of a full worker pool (node/worker-pool.ts), on every route whose work runs in it: the analysis, the Word reader. */
export const BUSY_MESSAGE = '服务器繁忙，请稍后重试';
export const BUSY_RESPONSE: Record<string, Json> = {
  '429': {
    description: `${BUSY_MESSAGE}（code 为 BUSY：同时处理的文件已达 FAHU_WORKERS 份、排队已达 FAHU_WORKER_QUEUE 份，或排队超时；稍后重新提交即可，hint 说明上限）`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { code: 'BUSY', message: BUSY_MESSAGE, hint: '正在处理的文件已达上限（2 个处理中、24 个排队），请稍后重新提交' } } },
  },
};
