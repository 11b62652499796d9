/**
 * A desk that moves, in Chromium against `fahu serve` on a fresh DATA_DIR (issue 14 items 6, 7a):
 * a chief registers a 重大行政决策 request, sees its 送审材料 checklist (公众参与 … 集体讨论决定),
 * ticks two items, starts the review (made the assignee), sends it back — the notice lists the
 * three missing items —, records 补正收到, puts it on a 集中会审 whose 退回 outcome sends it back
 * again with the missing items, and finds it under 我的待办 on the home page. A 同意 outcome with
 * a note saying 不同意 is refused in Chinese on the way. Skipped like the other browser tests
 * when Chromium is missing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserServer, SHOTS, SKIP_BROWSER, submit } from './harness.js';
const h = browserServer({ prefix: 'fahu-desk-moves-', accounts: { kezhang: { role: 'chief', password: 'kezhang-pass-123', displayName: '王科长' } } });
const signedInPage = () => h.signedInPage('kezhang');

/** A day two weeks back (Shanghai), so the minimum review time has passed. */
function daysAgo(n: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 - n * 86400_000);
  return d.toISOString().slice(0, 10);
}

describe.skipIf(SKIP_BROWSER)('a desk that moves, in Chromium', { timeout: 120_000 }, () => {
  it('重大行政决策: checklist, 退回补正 listing the missing items, a meeting outcome moving it, 我的待办', async () => {
    const page = await signedInPage();
    await page.goto(`${h.base}/desk/new`);
    await page.fill('#r-department', '区发改局');
    await page.fill('#r-title', '关于实施城区停车收费调整的重大行政决策');
    await page.selectOption('#r-kind', 'major');
    await page.selectOption('#r-type', 'legality');
    await page.fill('#r-received', daysAgo(14));
    await submit(page, '#new-request-submit');
    const requestUrl = page.url().replace(/\?.*$/, '');
    await expect(page.locator('#request-kind').innerText()).resolves.toBe('重大行政决策');

    // the checklist of its kind
    const items = await page.locator('#materials-form li').allInnerTexts();
    expect(items.map((s) => s.trim())).toEqual(['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定']);
    await page.check('#materials-form input[value="公众参与"]');
    await page.check('#materials-form input[value="专家论证"]');
    await submit(page, '#materials-form button[type=submit]');
    await expect(page.locator('#materials-missing').innerText()).resolves.toBe('尚缺：风险评估、合法性审查、集体讨论决定');

    // 开始审查 makes the chief the assignee; 退回补正 with no note of its own lists the missing items
    await submit(page, '.step-form[data-action=start] button[type=submit]');
    await expect(page.locator('#assignee option[selected]').innerText()).resolves.toBe('王科长');
    await expect(page.locator('.step-form[data-action=return] .return-missing').innerText()).resolves.toContain('风险评估、合法性审查、集体讨论决定');
    await submit(page, '.step-form[data-action=return] button[type=submit]');
    await expect(page.locator('.notice').first().innerText()).resolves.toBe('已退回补正。退回意见：需补正送审材料：风险评估、合法性审查、集体讨论决定');
    await expect(page.locator('#request-status').innerText()).resolves.toBe('退回补正');
    await page.screenshot({ path: join(SHOTS, 'desk-moves-returned.png'), fullPage: true });
    await page.check('#materials-form input[value="风险评估"]');
    await submit(page, '#materials-form button[type=submit]');
    await submit(page, '.step-form[data-action=resubmit] button[type=submit]');
    await expect(page.locator('#request-status').innerText()).resolves.toBe('补正收到');
    const id = requestUrl.split('/').pop() as string;

    // a 集中会审: 同意 against a note saying 不同意 is refused; 退回 moves the request back
    await page.goto(`${h.base}/meetings`);
    await page.fill('#m-title', '11月集中会审');
    await page.check(`#new-meeting-form input[name=requestIds][value="${id}"]`);
    await submit(page, '#new-meeting-form button[type=submit]');
    const item = page.locator(`section[data-request-id="${id}"]`);
    await item.locator('select[name=outcome]').selectOption('pass');
    await item.locator('input[name=note]').fill('与会人员不同意出台');
    await submit(page, `section[data-request-id="${id}"] button[type=submit]`);
    await expect(page.locator('#meeting-error').innerText()).resolves.toContain('两者矛盾');
    const again = page.locator(`section[data-request-id="${id}"]`);
    await again.locator('select[name=outcome]').selectOption('return');
    await again.locator('input[name=note]').fill('补充集体讨论决定材料后再报');
    await submit(page, `section[data-request-id="${id}"] button[type=submit]`);
    await expect(page.locator('.notice').first().innerText()).resolves.toBe('已记录会审结论。送审件已退回补正。');
    await page.goto(requestUrl);
    await expect(page.locator('#request-status').innerText()).resolves.toBe('退回补正');
    await expect(page.locator('#request-steps li').last().innerText()).resolves.toContain('需补正送审材料：合法性审查、集体讨论决定；集中会审“11月集中会审”');

    // 我的待办 on the home page links to it
    await page.goto(`${h.base}/`);
    const todo = page.locator('#todo-mine');
    await expect(todo.innerText()).resolves.toContain('关于实施城区停车收费调整的重大行政决策');
    await expect(todo.innerText()).resolves.toContain('重大行政决策 · 区发改局 · 退回补正');
    await page.screenshot({ path: join(SHOTS, 'desk-moves-todo.png') });
    await Promise.all([page.waitForLoadState('load'), todo.locator('a').first().click()]);
    expect(page.url()).toBe(requestUrl);
    await page.close();
  });
});
