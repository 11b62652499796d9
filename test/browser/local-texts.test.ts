/**
 * The section's own legal texts in a real browser (Chromium via playwright-core, against
 * bin/fahu.js serve on a fresh DATA_DIR): the admin imports a text on /admin/corpus (a test
 * fixture written for this, not the real regulation); a reviewer pastes a draft without 有效期 and
 * sees the validity finding cite the imported article, without the "不在本库收录" note; then adds
 * a finding by hand with a basis picked in the 依据 picker. Skipped without /usr/bin/chromium
 * (fails instead with FAHU_REQUIRE_BROWSER=1), like the other browser tests.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserServer, findingCard, ROOT, SKIP_BROWSER } from './harness.js';
const ACCOUNTS = {
  admin: { role: 'admin', password: 'admin-pass-123' },
  kezhang: { role: 'chief', password: 'chief-pass-123' },
  keyuan: { role: 'reviewer', password: 'keyuan-pass-123' },
} as const;
const h = browserServer({ prefix: 'fahu-browser-corpus-', accounts: ACCOUNTS });
const { newPage, signIn, shot } = h;
const card = findingCard;

describe.skipIf(SKIP_BROWSER)('local legal texts in Chromium', { timeout: 90_000 }, () => {
  let reviewUrl = '';

  it('the admin imports a local regulation on /admin/corpus and sees it listed with its source and importer', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${h.base}/admin/corpus`);
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
