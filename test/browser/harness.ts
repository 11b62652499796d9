/**
 * What every browser test sets up the same way: a fresh DATA_DIR with the accounts the test
 * needs (made by `fahu user add`, as an admin would), `fahu serve --port 0` on it, one Chromium
 * (Debian's, via playwright-core) and pages at 1366×768 that fail the test on a script error.
 *
 * Without /usr/bin/chromium the suites are skipped with one line saying what to install; with
 * FAHU_REQUIRE_BROWSER=1 (CI) a missing Chromium is a failure instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/fahu.js');
/** Screenshots and downloads a person can look at after the run. */
export const SHOTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REQUIRED = process.env.FAHU_REQUIRE_BROWSER === '1';

const MISSING = existsSync(CHROMIUM) ? '' : `没有找到 ${CHROMIUM}：浏览器测试需要 Debian 的 Chromium（以 root 运行 apt-get install -y chromium fonts-wqy-microhei，或 npm test 以 root 运行时自动安装）`;
/** For `describe.skipIf(SKIP_BROWSER)`: no Chromium here and CI did not require one. */
export const SKIP_BROWSER = MISSING !== '' && !REQUIRED;

export interface BrowserAccount {
  role: 'admin' | 'chief' | 'reviewer';
  password: string;
  displayName?: string;
}

export interface BrowserServerOptions<A extends string> {
  /** Prefix of the temporary DATA_DIR (tells whose directory a leftover is). */
  prefix: string;
  accounts: Record<A, BrowserAccount>;
  /** Pages accept downloads (the tests that save .docx/.xlsx). */
  acceptDownloads?: boolean;
  /** Confirm dialogs (确定) are accepted; otherwise Playwright dismisses them. Default true. */
  acceptDialogs?: boolean;
  /** Time allowed for start-up (user add, server, browser). */
  startTimeoutMs?: number;
}

export interface BrowserServer<A extends string> {
  readonly base: string;
  readonly dataDir: string;
  readonly browser: Browser;
  newPage(): Promise<Page>;
  signIn(page: Page, name: A): Promise<void>;
  /** A new page signed in as `name`. */
  signedInPage(name: A): Promise<Page>;
  shot(page: Page, name: string): Promise<Buffer>;
}

const ROLE_FLAG: Record<BrowserAccount['role'], string[]> = { admin: ['--admin'], chief: ['--chief'], reviewer: [] };

function addUser(dataDir: string, name: string, account: BrowserAccount): void {
  const args = [BIN, 'user', 'add', ...ROLE_FLAG[account.role], ...(account.displayName ? ['--display-name', account.displayName] : []), name];
  const res = spawnSync(process.execPath, args, { input: `${account.password}\n${account.password}\n`, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`fahu user add ${name}: ${res.stderr}`);
}

/** Starts `fahu serve --port 0` and reads the address it prints. */
function startServer(dataDir: string, timeoutMs: number): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ server, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Registers the suite's beforeAll/afterAll; the returned object is usable inside the tests. */
export function browserServer<A extends string>(options: BrowserServerOptions<A>): BrowserServer<A> {
  let dataDir = '';
  let base = '';
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const startTimeout = options.startTimeoutMs ?? 120_000;

  if (SKIP_BROWSER) console.warn(`跳过浏览器测试 · browser tests skipped: ${MISSING}`);

  beforeAll(async () => {
    if (SKIP_BROWSER) return;
    if (MISSING) throw new Error(MISSING);
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), options.prefix));
    for (const [name, account] of Object.entries(options.accounts) as [A, BrowserAccount][]) addUser(dataDir, name, account);
    ({ server, base } = await startServer(dataDir, startTimeout - 10_000));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, startTimeout);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const harness: BrowserServer<A> = {
    get base() {
      return base;
    },
    get dataDir() {
      return dataDir;
    },
    get browser() {
      if (!browser) throw new Error('browser not started');
      return browser;
    },
    async newPage() {
      const page = await harness.browser.newPage({ viewport: { width: 1366, height: 768 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
      page.on('pageerror', (e) => {
        throw new Error(`script error on ${page.url()}: ${e.message}`);
      });
      if (options.acceptDialogs !== false) page.on('dialog', (d) => void d.accept());
      return page;
    },
    async signIn(page, name) {
      await page.goto(`${base}/login`);
      await page.fill('input[name=name]', name);
      await page.fill('input[name=password]', options.accounts[name].password);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
    },
    async signedInPage(name) {
      const page = await harness.newPage();
      await harness.signIn(page, name);
      return page;
    },
    shot: (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`) }),
  };
  return harness;
}

/** Submits by clicking and waits for the page that answers. */
export const submit = (page: Page, selector: string) => Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.click(selector)]);

/** A finding's card (ids hold '@', so by attribute, not #id). */
export const findingCard = (page: Page, id: string) => page.locator(`.finding[data-finding-id="${id}"]`);
