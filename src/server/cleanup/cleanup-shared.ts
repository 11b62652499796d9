/** What the cleanup's API and pages share: the body limit of a batch upload and starting the pre-check queue. */
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** A batch of texts for a whole inventory is larger than one draft. */
export const CLEANUP_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Starts the background pre-check, where the runtime runs one (the Node server). */
export function kickPrecheck(c: Context<AppEnv>): boolean {
  const runner = c.var.deps.precheck;
  runner?.kick();
  return runner !== undefined;
}
