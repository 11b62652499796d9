/**
 * Starts the cleanup campaign in the Node server: .xlsx through exceljs, and the pre-check
 * runner — items a stopped process left 'running' go back to the queue, the queue drains in
 * the background, and a slow poll picks up texts attached by the command line meanwhile.
 */
import { provideCleanupAdapters } from '../cleanup/adapters.js';
import { backgroundRunner, startBackgroundRunner, type PrecheckDeps } from '../cleanup/runner.js';
import { exceljsReader, exceljsWriter } from './xlsx.js';

export const CLEANUP_POLL_MS = 5000;

export async function startCleanupRunner(deps: PrecheckDeps, log: (s: string) => void = () => undefined): Promise<void> {
  provideCleanupAdapters(deps.store, { spreadsheetReader: exceljsReader, spreadsheetWriter: exceljsWriter });
  const { runner, resumed, pending } = await startBackgroundRunner(deps);
  if (pending > 0) log(`专项清理：继续预审队列中的 ${pending} 份文件${resumed ? `（其中 ${resumed} 份在上次停止时正在处理）` : ''}`);
  setInterval(() => {
    if (runner.busy || backgroundRunner(deps.store) !== runner) return;
    void runner.cleanup.countPending().then((n) => {
      if (n > 0) runner.kick();
    }, () => undefined);
  }, CLEANUP_POLL_MS).unref();
}
