/**
 * How far V8 lets the server's heaps grow past their live size (issue 12 soak, session 8). After a
 * full collection V8 sets the next limit at the live size times a growing factor; on a machine
 * with a large default heap limit (≥ 2 GB old space here) the factor goes up to 4. The server's
 * main thread holds ~42 MB live, but every review's result passes through it (worker message,
 * store, response), so under the load bench its heap grew 97 → 180 MB over the first minutes and
 * only then levelled off — the slow rise the soak's RSS verdict saw as growth, and ~90 MB the
 * server never needs. With --heap-growing-percent=50 (factor 1.5) the main thread's heap stayed at
 * 90–95 MB through a 5-minute soak from the first 30 s, RSS 354 → 368 MB, /health p95 unchanged
 * within the machine's noise.
 *
 * V8 reads the flag each time it sets a limit, so setting it at run time works (a V8 flag is
 * per process: the pool's workers, started later, get it too, where their own 384 MB limit made
 * V8 pick ~1.4 anyway). FAHU_HEAP_GROWING_PERCENT: the percent (default 50; 0: V8's own factor); a
 * --heap-growing-percent given to node itself is left as it is.
 */
import { setFlagsFromString } from 'node:v8';

export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** The percent from FAHU_HEAP_GROWING_PERCENT: an integer 0–400; anything else gives the default. */
export function heapGrowingPercentFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FAHU_HEAP_GROWING_PERCENT;
  if (raw === undefined || raw.trim() === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 400 ? n : DEFAULT_HEAP_GROWING_PERCENT;
}

/**
 * Sets V8's heap growing factor for this process to 1 + percent/100. Returns the percent set, or
 * null when nothing was set (0, or node was started with its own --heap-growing-percent).
 */
export function limitHeapGrowth(percent = heapGrowingPercentFromEnv(), execArgv: readonly string[] = process.execArgv): number | null {
  if (percent <= 0) return null;
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a))) return null;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}
