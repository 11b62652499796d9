/**
 * The cleanup campaign's pre-check runner in the Node server: boot() resumes the queue (items a
 * stopped process left 'running' go back to it) and hands the runner here; it drains in the
 * background, and a slow poll picks up texts attached by the command line meanwhile. The
 * server also gives the app the exceljs spreadsheet reader and writer.
 */
import type { PrecheckRunner } from '../cleanup/runner.js';
import { exceljsReader, exceljsWriter } from './xlsx.js';

export const CLEANUP_POLL_MS = 5000;

export const nodeSpreadsheets = { reader: exceljsReader, writer: exceljsWriter };

/** Drains the queue now and polls for work the command line added while the server runs. */
export function drainAndPoll(runner: PrecheckRunner, pending: number, resumed: number, log: (s: string) => void): void {
  if (pending > 0) log(`专项清理：继续预审队列中的 ${pending} 份文件${resumed ? `（其中 ${resumed} 份在上次停止时正在处理）` : ''}`);
  runner.kick();
  setInterval(() => {
    if (runner.busy) return;
    void runner.cleanup.countPending().then((n) => {
      if (n > 0) runner.kick();
    }, () => undefined);
  }, CLEANUP_POLL_MS).unref();
}
