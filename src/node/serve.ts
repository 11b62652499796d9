/**
 * Starts the Hono app on Node: wiring only. The start-up sequence (migrations, session secret,
 * decision library, pre-check resume, purge) is the core's boot(); Node hands it the SQLite
 * store under DATA_DIR, scrypt, the .docx reader and the analysis in the worker pool, the rules, nodejieba, the
 * index snapshot on disk, and timers.
 */
import { resolve as resolvePath } from 'node:path';
import { serve } from '@hono/node-server';
import { boot } from '../boot/boot.js';
import { drainAndPoll, nodeSpreadsheets } from './cleanup-runner.js';
import { nodeDecisionIndex } from './decision-index.js';
import { limitHeapGrowth } from './heap-growth.js';
import { isolatedDocxReader } from './isolated-docx-reader.js';
import { jiebaSegmenter } from './jieba-segmenter.js';
import { storageQuota } from './open-store.js';
import { pooledAnalyzer } from './pooled-analyzer.js';
import { loadRuleSet } from './rule-files.js';
import { scryptHasher } from './scrypt-hasher.js';
import { dataDir, openDataDatabase } from './sqlite-driver.js';

export { SESSION_SECRET_SETTING, sessionSecret } from '../boot/boot.js';

export interface ServeOptions {
  port: number;
  host: string;
  log: (s: string) => void;
  /** Default: DATA_DIR or ./data. */
  dataDir?: string;
  /** Set the Secure flag on cookies (behind HTTPS); default: SECURE_COOKIES=1 in the environment. */
  secureCookies?: boolean;
}

export async function startServer(options: ServeOptions): Promise<void> {
  // V8's heaps grow to 1.5× their live size instead of up to 4× (FAHU_HEAP_GROWING_PERCENT; node/heap-growth.ts)
  limitHeapGrowth();
  const dir = options.dataDir ?? dataDir();
  const driver = openDataDatabase(dir);
  const booted = await boot({
    driver,
    hasher: scryptHasher(),
    ...storageQuota(),
    ruleSet: loadRuleSet(),
    segmenter: jiebaSegmenter(),
    readDocx: isolatedDocxReader,
    // reviews, parses and the cleanup pre-check run in the worker pool, not on this event loop
    analyze: pooledAnalyzer(),
    spreadsheets: nodeSpreadsheets,
    ...nodeDecisionIndex({ dir }),
    // the cleanup pre-check queue resumes where a stopped server left it, then a slow poll picks up CLI attachments
    startPrecheck: (runner, pending, resumed) => drainAndPoll(runner, pending, resumed, options.log),
    every: (ms, fn) => void setInterval(fn, ms).unref(),
    secureCookies: options.secureCookies ?? process.env.SECURE_COOKIES === '1',
    trustProxy: process.env.TRUST_PROXY === '1',
  }).catch((e: unknown) => {
    driver.close();
    throw e;
  });
  const { app, migration, users } = booted;
  const decisions = booted.decisions;
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
      options.log(`法护 fahu 已启动：http://${shown}:${info.port}  （Ctrl+C 停止）`);
      options.log(`数据目录：${dir}${migration.applied.length ? `（已更新数据库结构：${migration.applied.length} 项）` : ''}`);
      if (decisions) options.log(`审查意见库：${decisions.search.size} 条${decisions.seeded ? `（首次启动，已载入公开案例 ${decisions.seeded} 条）` : ''}，索引${decisions.loadedFrom === 'snapshot' ? '从快照载入' : '已建立'}，用时 ${(decisions.ms / 1000).toFixed(1)} 秒`);
      if (users === 0) {
        options.log('还没有任何账号。请先在另一个终端创建管理员（用同一个数据目录，否则账号会建在另一个数据库里），然后用浏览器登录：');
        options.log(`  DATA_DIR=${shellQuote(resolvePath(dir))} npx fahu user add --admin --display-name 姓名 用户名`);
        options.log('  （--display-name 是打印件和意见书上署的姓名，不填则用用户名）');
      }
      resolve();
    });
  });
}

/** A path as a POSIX shell reads it back (quoted when it holds anything but safe characters). */
function shellQuote(s: string): string {
  return /^[\w./:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
