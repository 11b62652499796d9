/** The caller's own API tokens under /api/tokens. */
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { z } from 'zod';
import { ApiTokenNameSchema } from '../../store/types.js';
import type { AppEnv } from '../env.js';
import { hook, IntId, needJson, userId } from '../kit/api-kit.js';

export const TokenRequestSchema = z.object({ name: ApiTokenNameSchema });

export function accountApiRoutes(api: Hono<AppEnv>): void {
  api.get('/tokens', async (c) => {
    const items = await c.var.deps.store.listApiTokens(userId(c));
    return c.json({ items, total: items.length });
  });

  api.post('/tokens', needJson, zValidator('json', TokenRequestSchema, hook), async (c) => {
    const me = userId(c);
    const name = c.req.valid('json').name;
    const { id, token } = await c.var.deps.store.createApiToken(me, name, me);
    return c.json({ id, name, token }, 201);
  });

  api.delete('/tokens/:id', zValidator('param', IntId, hook), async (c) => {
    const me = userId(c);
    await c.var.deps.store.revokeApiToken(me, c.req.valid('param').id, me);
    return c.body(null, 204);
  });
}
