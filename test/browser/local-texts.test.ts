/**
 * The section's own legal texts in a real browser (Chromium via playwright-core, against
 * bin/fahu.js serve on a fresh DATA_DIR): the admin imports a text on /admin/corpus (a test
 * fixture written for this, not the real regulation); a reviewer pastes a draft without 有效期 and
 * sees the validity finding cite the imported article, without the "不在本库收录" note; then adds
 * a finding by hand with a basis picked in the 依据 picker. Skipped without /usr/bin/chromium
 * (fails instead with FAHU_REQUIRE_BROWSER=1), like the other browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/fahu.js');
const SHOTS = join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ACCOUNTS = {
  admin: { flag: '--admin', password: 'admin-pass-123' },
  kezhang: { flag: '--chief', password: 'chief-pass-123' },
  keyuan: { flag: '', password: 'keyuan-pass-123' },
} as const;
type Account = keyof typeof ACCOUNTS;

let dataDir: string;
let server: ChildProcess;
let base: string;
let browser: Browser;

function addUser(name: Account): void {
  const { flag, password } = ACCOUNTS[name];
  const res = spawnSync(process.execPath, [BIN, 'user', 'add', ...(flag ? [flag] : []), name], {
    input: `${password}\n${password}\n`,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`fahu user add ${name}: ${res.stderr}`);
}

/** Starts `fahu serve --port 0` and reads the address it prints. */
function startServer(): Promise<string> {
  server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 90_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => {
    throw new Error(`script error on ${page.url()}: ${e.message}`);
  });
  page.on('dialog', (d) => void d.accept());
  return page;
}

async function signIn(page: Page, name: Account): Promise<void> {
  await page.goto(`${base}/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', ACCOUNTS[name].password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

/** A finding's card (ids hold '@', so by attribute, not #id). */
const card = (page: Page, id: string) => page.locator(`.finding[data-finding-id="${id}"]`);

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

const MISSING = existsSync(CHROMIUM) ? '' : `没有找到 ${CHROMIUM}：浏览器测试需要 Debian 的 Chromium（以 root 运行 apt-get install -y chromium fonts-wqy-microhei，或 npm test 以 root 运行时自动安装）`;
if (MISSING && process.env.FAHU_REQUIRE_BROWSER !== '1') console.warn(`跳过浏览器测试 · browser tests skipped: ${MISSING}`);

beforeAll(async () => {
  if (MISSING) {
    if (process.env.FAHU_REQUIRE_BROWSER === '1') throw new Error(MISSING);
    return;
  }
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'fahu-browser-corpus-'));
  for (const name of Object.keys(ACCOUNTS) as Account[]) addUser(name);
  base = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(MISSING !== '' && process.env.FAHU_REQUIRE_BROWSER !== '1')('local legal texts in Chromium', { timeout: 90_000 }, () => {
  let reviewUrl = '';

  it('the admin imports a local regulation on /admin/corpus and sees it listed with its source and importer', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${base}/admin/corpus`);
    await expect(page.locator('#corpus-empty').count()).resolves.toBe(1);
    await page.setInputFiles('#corpus-file', join(ROOT, 'test/fixtures/local-texts/validity-test-fixture.txt'));
    await Promise.all([page.waitForURL(/\/admin\/corpus\?ok=imported/), page.click('#corpus-submit')]);
    const table = await page.locator('#corpus-table').innerText();
    expect(table).toContain('浙江省行政规范性文件管理办法（测试样例）');
    expect(table).toContain('validity-test-fixture.txt');
    expect(table).toContain('admin');
    await shot(page, 'admin-corpus');
    await page.close();
  });

  it('a reviewer pastes a draft without 有效期 gets the validity finding citing the imported article', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    const draft = ['某某县关于加强建筑垃圾运输管理的通知', '一、运输企业应当使用密闭运输车辆。', '二、运输车辆须安装卫星定位装置。', '三、本通知自2026年5月1日起施行。', '某某县住房和城乡建设局', '2026年3月20日'].join('\n');
    await page.fill('#text-input', draft);
    await Promise.all([page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 30_000 }), page.click('#submit-review')]);
    reviewUrl = page.url();
    const findings = await page.locator('#findings').innerText();
    expect(findings).toContain('《浙江省行政规范性文件管理办法（测试样例）》第二条');
    expect(findings).toContain('【测试样例】行政规范性文件应当载明有效期');
    expect(findings).not.toContain('不在本库收录');
    await page.close();
  });

  it('the 依据 picker finds an article and the hand-added finding carries its text', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(reviewUrl);
    await page.locator('#hand-details summary').click();
    await page.fill('#basis-query', '公平竞争审查条例 第八条');
    await page.click('#basis-search');
    await page.locator('#basis-list input[type=checkbox]').first().waitFor();
    expect(new URL(page.url()).search).toBe(''); // the script searched; the page did not reload
    await page.locator('#basis-list input[type=checkbox]').first().check();
    await page.fill('#hand-quote', '密闭运输车辆');
    await page.fill('#hand-title', '手工添加的测试问题');
    await Promise.all([page.waitForURL(/#f-/), page.click('#hand-submit')]);
    const card = page.locator('.finding', { hasText: '手工添加的测试问题' });
    await expect(card.innerText()).resolves.toContain('《公平竞争审查条例》第八条');
    await shot(page, 'hand-finding-basis');
    await page.close();
  });
});
