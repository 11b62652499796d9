/**
 * The 专项清理 in a real browser (Debian's Chromium, playwright-core) against `fahu serve` on a
 * fresh DATA_DIR, as a 科长 and a 科员 would use it: an inventory whose row has run past its
 * 有效期 is flagged with the date; a text whose 文号 and title differ from its row asks for
 * confirmation before a decision; a voided campaign leaves the list and shows under the filter.
 * Skipped without /usr/bin/chromium (fails instead with FAHU_REQUIRE_BROWSER=1), as workbench.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { browserServer, SKIP_BROWSER } from './harness.js';
const ACCOUNTS = { kezhang: { role: 'chief', password: 'chief-pass-123' }, keyuan: { role: 'reviewer', password: 'keyuan-pass-123' } } as const;
const h = browserServer({ prefix: 'fahu-browser-cleanup-', accounts: ACCOUNTS, acceptDialogs: false });
const { newPage, signIn } = h;

const file = (name: string, text: string, mimeType = 'text/plain') => ({ name, mimeType, buffer: Buffer.from(text, 'utf8') });

describe.skipIf(SKIP_BROWSER)('the 专项清理 in Chromium', { timeout: 90_000 }, () => {
  let campaignUrl = '';

  it('imports an inventory and flags the row past its 有效期 with the date', async () => {
    const page = await newPage();
    await signIn(page, 'kezhang');
    await page.goto(`${h.base}/cleanup`);
    await page.fill('#campaign-input', '浏览器测试清理');
    // 发布日期 2021-08-01 + 有效期 2年: valid to 2023-07-31, long past
    const csv = '序号,标题,文号,发布日期,有效期,责任单位\r\n1,关于过期事项的通知,吴测〔2021〕3号,2021-08-01,2年,区经信局\r\n2,关于长期事项的通知,吴测〔2024〕5号,2024-01-02,长期,区商务局\r\n';
    await page.setInputFiles('#inventory-file', file('清单.csv', csv, 'text/csv'));
    await Promise.all([page.waitForURL(/\/cleanup\/\d+\?ok=imported/), page.click('#import-submit')]);
    campaignUrl = page.url().replace(/\?.*$/, '');
    const expiredRow = page.locator('#item-table tr', { hasText: '关于过期事项的通知' });
    await expect(expiredRow.locator('.expired-tag').innerText()).resolves.toContain('已过有效期');
    await expect(expiredRow.innerText()).resolves.toContain('2023-07-31');
    await expect(page.locator('#item-table tr', { hasText: '关于长期事项的通知' }).locator('.expired-tag').count()).resolves.toBe(0);
    await expiredRow.locator('a', { hasText: '关于过期事项的通知' }).click();
    await expect(page.locator('#expiry-finding').innerText()).resolves.toMatch(/已过有效期[\s\S]*2023-07-31[\s\S]*发布日期 2021-08-01 起 2年/);
    await page.close();
  });

  it('a text whose 文号 and title differ from its row asks for confirmation before a decision', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(campaignUrl);
    await page.locator('#item-table a', { hasText: '关于长期事项的通知' }).click();
    const itemUrl = page.url();
    await page.setInputFiles('#item-file', file('正文.txt', '关于另一事项的通知\n吴测〔2024〕9号\n一、本通知自印发之日起施行。\n'));
    await Promise.all([page.waitForURL(/ok=attached/), page.click('#item-attach-form button[type=submit]')]);
    // the pre-check runs in the background: reload until it is done
    await expect.poll(async () => (await page.reload(), page.locator('#text-mismatch').count()), { timeout: 60_000, interval: 1000 }).toBe(1);
    await expect(page.locator('#text-mismatch').innerText()).resolves.toMatch(/文号：清单为“吴测〔2024〕5号”，上传的正文为“吴测〔2024〕9号”/);
    // deciding first is refused with the reason
    await page.check('input[name=decision][value=keep]');
    await Promise.all([page.waitForLoadState('load'), page.click('#decision-submit')]);
    await expect(page.locator('#item-error').innerText()).resolves.toContain('请先核对并确认');
    await expect(page.locator('#current-decision').count()).resolves.toBe(0);
    await Promise.all([page.waitForURL(/ok=confirmed/), page.click('#confirm-text')]);
    await expect(page.locator('#text-mismatch').innerText()).resolves.toContain('确认上传的正文就是清单中的这份文件');
    await page.check('input[name=decision][value=keep]');
    await page.fill('#decision-basis', '经核对，文件仍在执行');
    await Promise.all([page.waitForURL(/ok=decided/), page.click('#decision-submit')]);
    await expect(page.locator('#current-decision').innerText()).resolves.toContain('法律依据：经核对，文件仍在执行');
    expect(page.url().startsWith(itemUrl.replace(/\?.*$/, ''))).toBe(true);
    await page.close();
  });

  it('voids the campaign with a reason: it leaves the list and shows under 仅已作废', async () => {
    const page = await newPage();
    await signIn(page, 'kezhang');
    await page.goto(campaignUrl);
    await page.click('#void-panel summary');
    await page.fill('#void-reason', '浏览器测试数据');
    await Promise.all([page.waitForURL(/\/cleanup\?ok=voided/), page.click('#void-button')]);
    await expect(page.locator('#cleanup-notice').innerText()).resolves.toContain('已作废');
    await expect(page.locator('body').innerText()).resolves.not.toContain('浏览器测试清理');
    await page.selectOption('#f-voided', 'only');
    await Promise.all([page.waitForURL(/voided=only/), page.click('#campaign-filters button[type=submit]')]);
    await expect(page.locator('#campaign-table').innerText()).resolves.toMatch(/浏览器测试清理\s*已作废/);
    await page.goto(campaignUrl);
    await expect(page.locator('#voided-banner').innerText()).resolves.toContain('浏览器测试数据');
    await page.close();
  });
});
