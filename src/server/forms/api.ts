/**
 * The forms' routes of /api: the 公平竞争审查表 of a review (read, save, download) and the
 * section's header template (read by everyone, written by administrators; the store checks the
 * role again and audits the change).
 */
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { headerTemplate, HeaderTemplateSchema, setHeaderTemplate } from '../../review/core.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';
import { hook, needJson, userId } from '../kit/api-kit.js';
import { fcrDocxResponse, fcrStore, fcrView } from './fcr-shared.js';

const NO_REVIEW: ApiError = { code: 'NOT_FOUND', message: '没有这条审查记录' };

export function formApiRoutes(api: Hono<AppEnv>): void {
  api.get('/reviews/:id/fcr-form', async (c) => {
    const view = await fcrView(c, c.req.param('id'));
    if (!view) return c.json(NO_REVIEW, 404);
    return c.json({ standards: view.standards, form: view.values, saved: view.stored ? { updatedAt: view.stored.updatedAt, updatedByName: view.stored.updatedByName } : null, confirmedFindings: view.hints });
  });

  api.put('/reviews/:id/fcr-form', needJson, async (c) => {
    const view = await fcrView(c, c.req.param('id'));
    if (!view) return c.json(NO_REVIEW, 404);
    const saved = await fcrStore(c).save(c.req.param('id'), await c.req.json(), view.standards, userId(c));
    return c.json({ form: saved.values, saved: { updatedAt: saved.updatedAt, updatedByName: saved.updatedByName } });
  });

  api.get('/reviews/:id/fcr-form/docx', async (c) => {
    const view = await fcrView(c, c.req.param('id'));
    if (!view) return c.json(NO_REVIEW, 404);
    return fcrDocxResponse(c, view);
  });

  api.get('/settings/template', async (c) => c.json(await headerTemplate(c.var.deps.store)));

  api.put('/settings/template', requireRole(['admin'], 'api'), needJson, zValidator('json', HeaderTemplateSchema, hook), async (c) =>
    c.json(await setHeaderTemplate(c.var.deps.store, c.req.valid('json'), userId(c))),
  );
}
