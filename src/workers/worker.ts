/**
 * The Worker entry (wrangler.toml main): only the handlers, as workerd wants of the main
 * module. The wiring is in ./start.ts, the districts in ./tenants.ts.
 *
 *   fetch      the workbench and the JSON API of the request's district (the app serves its own /assets)
 *   scheduled  cron: drains every district's cleanup pre-check queue and purges expired sessions
 *   queue      the consumer of PRECHECK_QUEUE: drains the districts its messages name
 */
import { booted, drain, type Env, type PrecheckMessage } from './start.js';
import { tenantFor, unknownDistrict } from './tenants.js';

interface ExecutionContextLike {
  waitUntil(p: Promise<unknown>): void;
}

export interface MessageBatchLike {
  messages: readonly { body: unknown }[];
  ackAll(): void;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    const url = new URL(request.url);
    const tenant = tenantFor(url, env);
    if (!tenant) return unknownDistrict(url);
    const b = await booted(env, tenant);
    const response = await b.app.fetch(request, env, ctx as never);
    if (b.precheck.busy) ctx.waitUntil(b.precheck.idle());
    return response;
  },
  async scheduled(_controller: unknown, env: Env, ctx: ExecutionContextLike): Promise<void> {
    ctx.waitUntil(drain(env));
  },
  async queue(batch: MessageBatchLike, env: Env): Promise<void> {
    const districts = [...new Set(batch.messages.map((m) => (m.body as Partial<PrecheckMessage> | null)?.district).filter((d): d is string => typeof d === 'string'))];
    // a drain that throws leaves the batch unacknowledged: the queue delivers it again
    await drain(env, districts);
    batch.ackAll();
  },
};
