/**
 * The web app (Hono, web-standard): the review workbench pages, the JSON API under /api,
 * sign-in, static assets and /health. Adapters (Node, Workers) hand it its dependencies.
 *
 *   assets/routes.ts   /assets/*            stylesheet and script, no CDN
 *   auth.ts            every request        who is asking (session cookie or API token), CSRF, /login, /logout
 *   api.ts             /api/*               JSON API (each feature's api.ts adds its routes), zod; /api/openapi.json
 *   pages/account-routes.tsx  /account  one's own password and API tokens
 *   pages/routes.tsx   everything else      server-rendered Chinese pages (hono/jsx)
 */
import { Hono } from 'hono';
import { apiRoutes } from './api.js';
import { assetRoutes } from './assets/routes.js';
import { authRoutes, loadUser } from './auth.js';
import { cleanupApiRoutes } from './cleanup/api.js';
import { cleanupPageRoutes } from './cleanup/routes.js';
import { deskApiRoutes } from './desk/api.js';
import { deskPageRoutes } from './desk/routes.js';
import { decisionApiRoutes } from './decisions/api.js';
import { decisionPageRoutes } from './decisions/routes.js';
import type { ApiError, AppDeps, AppEnv } from './env.js';
import { accountRoutes } from './account/routes.js';
import { errorPage } from './kit/error.js';
import { pageRoutes } from './reviews/routes.js';
import { adminPageRoutes } from './admin/routes.js';
import { corpusPageRoutes } from './corpus/routes.js';
import { formPageRoutes } from './forms/routes.js';
import { securityHeaders } from './kit/security-headers.js';
import { STYLE as DECISION_STYLE } from './decisions/pages.js';

export type { AppDeps } from './env.js';

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders([DECISION_STYLE]));
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });

  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/assets', assetRoutes());
  app.use('*', loadUser);
  app.route('/', authRoutes());
  // before /api: its own body limit (a batch of texts) and error handling
  app.route('/api/cleanup', cleanupApiRoutes());
  app.route('/api/desk', deskApiRoutes());
  app.route('/api/decisions', decisionApiRoutes());
  app.route('/api', apiRoutes());
  app.route('/', cleanupPageRoutes());
  app.route('/', deskPageRoutes());
  app.route('/', decisionPageRoutes());
  app.route('/account', accountRoutes());
  app.route('/', adminPageRoutes());
  app.route('/', corpusPageRoutes());
  app.route('/', formPageRoutes());
  app.route('/', pageRoutes());

  const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
  app.notFound((c) => (isApi(c.req.path) ? c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个地址' }, 404) : c.html(errorPage(c, 404, '没有这个页面'), 404)));
  app.onError((e, c) => {
    console.error(e);
    return isApi(c.req.path) ? c.json<ApiError>({ code: 'INTERNAL', message: '服务内部错误，请稍后重试或联系管理员' }, 500) : c.html(errorPage(c, 500, '服务内部错误，请稍后重试或联系管理员'), 500);
  });
  return app;
}

export type { ApiError };
