/**
 * The Worker entry (wrangler.toml main): only the handlers, as workerd wants of the main
 * module. The wiring is in ./start.ts.
 *
 *   fetch      the workbench and the JSON API (the app serves its own /assets)
 *   scheduled  cron: drains the cleanup pre-check queue and purges expired sessions
 *   queue      a Cloudflare Queue consumer doing the same drain (any message wakes it)
 */
import { booted, drain, type Env } from './start.js';

interface ExecutionContextLike {
  waitUntil(p: Promise<unknown>): void;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    const b = await booted(env);
    const response = await b.app.fetch(request, env, ctx as never);
    if (b.precheck.busy) ctx.waitUntil(b.precheck.idle());
    return response;
  },
  async scheduled(_controller: unknown, env: Env, ctx: ExecutionContextLike): Promise<void> {
    ctx.waitUntil(drain(env));
  },
  async queue(batch: { ackAll(): void }, env: Env): Promise<void> {
    await drain(env);
    batch.ackAll();
  },
};
