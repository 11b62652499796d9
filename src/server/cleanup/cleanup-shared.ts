/** What the cleanup's API and pages share: the body limit of a batch upload and starting the pre-check queue. */
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';

/** A batch of texts for a whole inventory is larger than one draft. */
export const CLEANUP_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Starts the pre-check of queued items: where the runtime wakes it elsewhere (Workers: a queue
 * message), that; else the background runner (the Node server). False: nothing will drain it.
 */
export async function kickPrecheck(c: Context<AppEnv>): Promise<boolean> {
  const { precheck, wakePrecheck } = c.var.deps;
  if (wakePrecheck) {
    try {
      await wakePrecheck();
      return true;
    } catch (e) {
      // the items are stored: run them here; the cron would pick them up anyway
      console.error('专项清理预审：消息队列不可用，改在本请求中处理', e);
    }
  }
  precheck?.kick();
  return precheck !== undefined;
}
