/** The admin's routes of /api: the audit log and the users. The store checks the actor again. */
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { z } from 'zod';
import { PasswordSchema } from '../../store/password.js';
import { DeskStore } from '../../desk/desk-store.js';
import { CleanupStore } from '../../cleanup/cleanup-store.js';
import { AuditQuerySchema, NewUserSchema, PurgeSchema, RoleSchema } from '../../store/types.js';
import { requireRole } from '../auth.js';
import type { ApiError, AppEnv } from '../env.js';
import { hook, IntId, needJson, userId } from '../kit/api-kit.js';

export const UserUpdateSchema = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean({ error: 'disabled 只能是 true 或 false' }).optional(), password: PasswordSchema.optional() })
  .refine((u) => u.role !== undefined || u.disabled !== undefined || u.password !== undefined, '请提供 role、disabled 或 password 之一');

export function adminApiRoutes(api: Hono<AppEnv>): void {
  api.get('/audit', requireRole(['admin'], 'api'), zValidator('query', AuditQuerySchema, hook), async (c) =>
    c.json(await c.var.deps.store.listAudit(userId(c), c.req.valid('query'))),
  );

  // permanent removal of voided test data: records voided at least N days ago, with the typed phrase
  // the cleanup's voided campaigns and items first: their pre-check reviews are then free for the desk's purge
  api.post('/admin/purge', requireRole(['admin'], 'api'), needJson, zValidator('json', PurgeSchema, hook), async (c) => {
    const cleanup = await new CleanupStore(c.var.deps.store).purgeVoided(c.req.valid('json'), userId(c));
    const desk = await new DeskStore(c.var.deps.store).purgeVoided(c.req.valid('json'), userId(c));
    return c.json({ ...desk, campaigns: cleanup.campaigns, cleanupItems: cleanup.items });
  });

  api.get('/users', requireRole(['admin'], 'api'), async (c) => {
    const items = await c.var.deps.store.listUsers();
    return c.json({ items, total: items.length });
  });

  api.post('/users', requireRole(['admin'], 'api'), needJson, zValidator('json', NewUserSchema, hook), async (c) =>
    c.json(await c.var.deps.store.createUser(c.req.valid('json'), userId(c)), 201),
  );

  api.patch('/users/:id', requireRole(['admin'], 'api'), zValidator('param', IntId, hook), needJson, zValidator('json', UserUpdateSchema, hook), async (c) => {
    const { store } = c.var.deps;
    const actor = userId(c);
    const id = c.req.valid('param').id;
    const u = c.req.valid('json');
    if (!(await store.getUser(id))) return c.json<ApiError>({ code: 'NOT_FOUND', message: '没有这个用户' }, 404);
    if (u.role !== undefined) await store.setRole(id, u.role, actor);
    if (u.disabled !== undefined) await store.setDisabled(id, u.disabled, actor);
    if (u.password !== undefined) await store.setPassword(id, u.password, actor);
    return c.json(await store.getUser(id));
  });
}
