/**
 * A full garbage collection of this thread, for the moment the server has gone idle (the pool's
 * last worker ended after FAHU_WORKER_IDLE_MS). V8 grows the main thread's heap under load (the
 * reviews' results pass through it: 30 → 160 MB over a soak) and, with no allocation afterwards,
 * never collects it again, so the idle server kept that memory. A full collection compacts the
 * heap and gives the empty pages back. `gc` is not exposed without --expose-gc: the flag is set at
 * run time and the function taken from a fresh context (the documented way for V8 flags).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  try {
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    // not available in this runtime: the heap shrinks when V8 decides
  }
}
