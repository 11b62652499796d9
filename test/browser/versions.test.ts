/**
 * A desk request's versions in Chromium (playwright-core, /usr/bin/chromium) against `fahu serve`
 * on a fresh DATA_DIR: a reviewer registers a request with 第1版, reviews it, dismisses one finding
 * with a reason and confirms the others; uploads 第2版, compares the two on the request page,
 * reviews 第2版 and finds the dismissal inherited (继承, same reason); chooses the conclusion on the
 * report page and downloads the 审查意见书, which lists the earlier 修改意见 as 已采纳 / 未采纳.
 * Screenshots go to test-results/. Skipped like workbench.test.ts when Chromium is missing.
 */
import { join } from 'node:path';
import mammoth from 'mammoth';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserServer, ROOT, SHOTS, SKIP_BROWSER, submit } from './harness.js';
const V1 = join(ROOT, 'test/fixtures/versions/v1.txt');
const V2 = join(ROOT, 'test/fixtures/versions/v2.txt');
const REASON = '奖励面向全部纳税主体，经研究不构成以本地注册为条件';
const h = browserServer({ prefix: 'fahu-versions-', accounts: { keyuan: { role: 'reviewer', password: 'keyuan-pass-123' } } });
const signedInPage = () => h.signedInPage('keyuan');

/** The card of the finding on 第二条 (对在本区注册的童装企业 …). */
const localCard = (page: Page) => page.locator('.finding[data-finding-id]', { hasText: '对在本区注册的童装企业' });

describe.skipIf(SKIP_BROWSER)('versions of a desk request in Chromium', { timeout: 120_000 }, () => {
  it('v1 reviewed and decided, v2 compared and reviewed with the inherited dismissal, the opinion saying 已采纳 / 未采纳', async () => {
    const page = await signedInPage();
    // 登记 with 第1版
    await page.goto(`${h.base}/desk/new`);
    await page.fill('#r-department', '区商务局');
    await page.fill('#r-title', '关于支持童装产业发展的若干措施');
    await page.selectOption('#r-type', 'both');
    await page.setInputFiles('#r-file', V1);
    await submit(page, '#new-request-submit');
    const requestUrl = page.url().replace(/\?.*$/, '');
    await expect(page.locator('#versions-table').innerText()).resolves.toContain('第1版');

    // 预审 of 第1版: dismiss the 第二条 finding with a reason, confirm the others
    await submit(page, '#prereview-form button');
    await Promise.all([page.waitForLoadState('load'), page.locator('#linked-reviews a').first().click()]);
    const v1Url = page.url();
    await localCard(page).locator('.btn-dismiss').click();
    await page.fill('#dismiss-reason', REASON);
    await Promise.all([page.waitForLoadState('load'), page.click('#dismiss-submit')]);
    await expect.poll(() => localCard(page).getAttribute('class')).toContain('status-dismissed');
    const cards = page.locator('.finding.status-open');
    while ((await cards.count()) > 0) {
      const id = (await cards.first().getAttribute('data-finding-id'))!;
      await Promise.all([page.waitForLoadState('load'), cards.first().locator('.btn-confirm').click()]);
      await expect.poll(() => page.locator(`.finding[data-finding-id="${id}"]`).getAttribute('class')).toContain('status-confirmed');
    }

    // 第2版 uploaded on the request page, then compared with 第1版
    await page.goto(requestUrl);
    await page.setInputFiles('#v-file', V2);
    await submit(page, '#version-form button[type=submit]');
    await expect(page.locator('#versions-table').innerText()).resolves.toContain('第2版');
    await page.selectOption('#compare-from', '1');
    await page.selectOption('#compare-to', '2');
    await submit(page, '#compare-button');
    await expect(page.locator('#compare-title').innerText()).resolves.toContain('第1版 → 第2版');
    const fates = await page.locator('#compare-fates').innerText();
    expect(fates).toContain('已解决');
    expect(fates).toContain('仍存在');
    await expect(page.locator('#compare-shifts').innerText()).resolves.toContain('应当→可以');
    await expect(page.locator('#compare-changes del', { hasText: '50' }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'versions-compare.png'), fullPage: true });

    // 预审 of 第2版 (the latest): the dismissal comes over with its reason, marked 继承
    await page.goto(requestUrl);
    await submit(page, '#prereview-form button');
    await expect(page.locator('.notice').first().innerText()).resolves.toContain('沿用了第1版预审记录的决定');
    const v2Link = page.locator('#linked-reviews li', { hasText: '第2版' }).locator('a').first();
    await Promise.all([page.waitForLoadState('load'), v2Link.click()]);
    expect(page.url()).not.toBe(v1Url);
    await expect(localCard(page).getAttribute('class')).resolves.toContain('status-dismissed');
    await expect(localCard(page).locator('.dismiss-reason').innerText()).resolves.toContain(REASON);
    await expect(localCard(page).locator('.inherited-badge').innerText()).resolves.toBe('继承');
    await page.screenshot({ path: join(SHOTS, 'versions-inherited.png') });
    // the report page says which earlier 修改意见 were adopted, as the opinion will
    await expect(page.locator('#adoption-list li[data-adopted="true"]', { hasText: '第五条' }).count()).resolves.toBe(1);
    await expect(page.locator('#adoption-list li[data-adopted="false"]', { hasText: '第三条' }).count()).resolves.toBe(1);
    await expect(page.locator('#adoption-list li', { hasText: '第二条' }).count()).resolves.toBe(0); // dismissed in 第1版
    await expect(page.locator('#adoption-list li[data-adopted="true"] .adoption-badge').first().innerText()).resolves.toBe('已采纳');
    const pageItems = await page.locator('#adoption-list li').allInnerTexts();

    // the conclusion chosen and stored on the report page; the opinion carries it and the adoption list
    await page.selectOption('#conclusion-select', '修改后可以出台');
    await Promise.all([page.waitForLoadState('load'), page.click('#conclusion-save')]);
    await expect(page.locator('#review-conclusion').getAttribute('data-conclusion')).resolves.toBe('修改后可以出台');
    await page.click('#export-tools > summary');
    await expect(page.locator('#opinion-conclusion').inputValue()).resolves.toBe('修改后可以出台');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-opinion')]);
    const file = join(SHOTS, '审查意见书-第2版.docx');
    await download.saveAs(file);
    const text = (await mammoth.extractRawText({ path: file })).value;
    expect(text).toContain('修改后可以出台。');
    expect(text).toContain('四、前次意见采纳情况');
    expect(text).toMatch(/第五条：[^\n]*——已采纳/);
    expect(text).toMatch(/第三条：[^\n]*——未采纳/);
    // item for item the list of the report page
    for (const item of pageItems) expect(text).toContain(item.replace(/\s*(已采纳|未采纳)$/, '——$1'));
    expect((text.match(/——(已|未)采纳/g) ?? []).length).toBe(pageItems.length);
    await page.close();
  });
});
