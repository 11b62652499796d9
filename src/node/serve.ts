/**
 * Starts the Hono app on Node: the SQLite store under DATA_DIR (created and migrated on first
 * start), the session secret kept in the store's settings (32 random bytes made on first
 * start), the .docx reader in a worker, the rules and the segmenter.
 */
import { resolve as resolvePath } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.js';
import type { Store } from '../store/store.js';
import { randomToken } from '../store/tokens.js';
import { nodeSpreadsheets, startCleanupRunner } from './cleanup-runner.js';
import { isolatedDocxReader } from './isolated-docx-reader.js';
import { jiebaSegmenter } from './jieba-segmenter.js';
import { openStore } from './open-store.js';
import { openDecisionSearch } from './decision-index.js';
import { loadRuleSet } from './rule-files.js';
import { dataDir } from './sqlite-driver.js';

export const SESSION_SECRET_SETTING = 'session.secret';

/**
 * The secret that signs session cookies: made once and kept, so sessions survive a restart.
 * Written directly rather than with Store.setSetting, which records the value in the audit log.
 */
export async function sessionSecret(store: Store): Promise<string> {
  const existing = await store.getSetting<string>(SESSION_SECRET_SETTING);
  if (typeof existing === 'string' && existing.length >= 32) return existing;
  const secret = randomToken(32);
  await store.db.run(
    'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    [SESSION_SECRET_SETTING, JSON.stringify(secret), new Date().toISOString()],
  );
  return secret;
}

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
  const dir = options.dataDir ?? dataDir();
  const { store, migration } = await openStore({ dir });
  // the decision library: seed on a new install, then the index from its snapshot or the rows
  const decisions = await openDecisionSearch(store, { dir });
  const ruleSet = loadRuleSet();
  const segmenter = jiebaSegmenter();
  // the cleanup pre-check queue resumes where a stopped server left it
  const precheck = await startCleanupRunner({ store, readDocx: isolatedDocxReader, ruleSet, segmenter }, options.log);
  const app = createApp({
    store,
    sessionSecret: await sessionSecret(store),
    secureCookies: options.secureCookies ?? process.env.SECURE_COOKIES === '1',
    trustProxy: process.env.TRUST_PROXY === '1',
    readDocx: isolatedDocxReader,
    ruleSet,
    segmenter,
    decisions: decisions.search,
    spreadsheets: nodeSpreadsheets,
    precheck,
  });
  await store.purgeExpired();
  setInterval(() => void store.purgeExpired().catch(() => undefined), 3600_000).unref();
  const users = await store.countUsers();
  return new Promise((resolve) => {
    serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
      const shown = options.host.includes(':') ? `[${options.host}]` : options.host;
      options.log(`法护 fahu 已启动：http://${shown}:${info.port}  （Ctrl+C 停止）`);
      options.log(`数据目录：${dir}${migration.applied.length ? `（已更新数据库结构：${migration.applied.length} 项）` : ''}`);
      options.log(`审查意见库：${decisions.search.size} 条${decisions.seeded ? `（首次启动，已载入公开案例 ${decisions.seeded} 条）` : ''}，索引${decisions.loadedFrom === 'snapshot' ? '从快照载入' : '已建立'}，用时 ${(decisions.ms / 1000).toFixed(1)} 秒`);
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
