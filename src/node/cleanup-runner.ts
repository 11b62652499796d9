/**
 * Starts the cleanup campaign's pre-check runner in the Node server: items a stopped process
 * left 'running' go back to the queue, the queue drains in the background, and a slow poll
 * picks up texts attached by the command line meanwhile. The server hands the runner to the
 * app (AppDeps.precheck) with the exceljs spreadsheet reader and writer.
 */
import { startBackgroundRunner, type PrecheckDeps, type PrecheckRunner } from '../cleanup/runner.js';
import { exceljsReader, exceljsWriter } from './xlsx.js';

export const CLEANUP_POLL_MS = 5000;

export const nodeSpreadsheets = { reader: exceljsReader, writer: exceljsWriter };

export async function startCleanupRunner(deps: PrecheckDeps, log: (s: string) => void = () => undefined): Promise<PrecheckRunner> {
  const { runner, resumed, pending } = await startBackgroundRunner(deps);
  if (pending > 0) log(`专项清理：继续预审队列中的 ${pending} 份文件${resumed ? `（其中 ${resumed} 份在上次停止时正在处理）` : ''}`);
  setInterval(() => {
    if (runner.busy) return;
    void runner.cleanup.countPending().then((n) => {
      if (n > 0) runner.kick();
    }, () => undefined);
  }, CLEANUP_POLL_MS).unref();
  return runner;
}
