/**
 * The JSON API under /api. Every route needs a signed-in user (session cookie + CSRF header
 * on writes) or an API token (`Authorization: Bearer fahu_…`, no CSRF). Input is validated
 * with zod (@hono/zod-validator, the schemas of store/types.ts); errors are
 * `{code, message, hint?}` with a Chinese message. The routes are described in ./openapi.ts,
 * served at /api/openapi.json. Each feature adds its routes to the one guarded app:
 *
 *   reviews/api.ts   /parse /review /reviews… /rules /documents/:hash
 *   forms/api.ts     /reviews/:id/fcr-form… /settings/template
 *   admin/api.ts     /audit /users…
 *   account/api.ts   /tokens…
 *   corpus/api.ts    /admin/corpus… (本地法规文本) /corpus/articles (依据检索)
 */
import { Hono } from 'hono';
import { accountApiRoutes } from './account/api.js';
import { adminApiRoutes } from './admin/api.js';
import { corpusApiRoutes } from './corpus/api.js';
import type { AppEnv } from './env.js';
import { formApiRoutes } from './forms/api.js';
import { guardApi } from './kit/api-kit.js';
import { openApiDocument } from './openapi.js';
import { reviewApiRoutes } from './reviews/api.js';
import { addReviewExportRoutes } from './reviews/exports.js';

export function apiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();

  guardApi(api);

  api.get('/openapi.json', (c) => c.json(openApiDocument()));

  api.get('/me', (c) => c.json({ user: c.var.user, via: c.var.via }));

  reviewApiRoutes(api);
  addReviewExportRoutes(api);
  formApiRoutes(api);
  adminApiRoutes(api);
  accountApiRoutes(api);
  corpusApiRoutes(api);
  return api;
}
