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
