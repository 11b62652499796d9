/**
 * Issue 14's daily work walked in Chromium as a user would (server as `npm start` runs it):
 * the same .docx uploaded twice is offered the earlier review; a signed-off review voided on its
 * report page takes its confirmed findings out of the period report's headline figure; and the
 * pages added last session (/admin/corpus, the kinds settings, the 我的待办 panel, the 送审材料
 * checklist) lay out at 1366×768 without overflow and without labels broken one character a line.
 * Skipped without /usr/bin/chromium unless FAHU_REQUIRE_BROWSER=1 (as the other browser tests).
 */
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserServer, ROOT, SKIP_BROWSER } from './harness.js';

const ACCOUNTS = {
  admin: { role: 'admin', password: 'admin-pass-123' },
  kezhang: { role: 'chief', password: 'chief-pass-123' },
  keyuan: { role: 'reviewer', password: 'keyuan-pass-123' },
} as const;
const h = browserServer({ prefix: 'fahu-browser-daily-', accounts: ACCOUNTS });
const { newPage, signIn, shot } = h;

/** The API as the page's own script calls it: session cookie plus the page's CSRF token. */
async function api(page: Page, method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown): Promise<unknown> {
  const csrf = (await page.locator('meta[name=csrf-token]').getAttribute('content')) ?? '';
  const res = await page.request.fetch(`${h.base}${path}`, { method, headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, data: JSON.stringify(data) });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return res.json();
}

/** Elements whose text is broken about one character a line, and whether the page scrolls sideways. */
async function layoutFaults(page: Page): Promise<{ narrow: string[]; overflow: number }> {
  return page.evaluate(() => {
    const narrow: string[] = [];
    for (const el of Array.from(document.querySelectorAll('main th, main label, main button, main .btn, main dt, main h1, main h2, main h3, main td, main li'))) {
      const text = (el.textContent ?? '').trim();
      if (text.length < 3 || (el as HTMLElement).offsetParent === null) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize) || 16;
      const line = parseFloat(style.lineHeight) || size * 1.5;
      const r = el.getBoundingClientRect();
      const lines = Math.round(r.height / line);
      if (lines >= 3 && r.width < size * 2.5) narrow.push(`${el.tagName.toLowerCase()}「${text.slice(0, 12)}」${Math.round(r.width)}px×${lines}行`);
    }
    return { narrow, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
}

describe.skipIf(SKIP_BROWSER)('daily work in Chromium', { timeout: 120_000 }, () => {
  let reviewUrl = '';

  it('the same .docx uploaded twice: the second upload offers the earlier review (该文件已于…审查过) and makes no record', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    const file = join(ROOT, 'fixtures/docx/article-typed.docx');
    await page.setInputFiles('#file-input', file);
    await page.click('#submit-review');
    await page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 60_000 });
    reviewUrl = page.url();
    const total = async () => ((await (await page.request.get(`${h.base}/api/reviews?voided=all`)).json()) as { total: number }).total;
    expect(await total()).toBe(1);

    await page.goto(`${h.base}/`);
    await page.setInputFiles('#file-input', file);
    await page.click('#submit-review');
    await page.locator('#upload-error-live').waitFor({ state: 'visible', timeout: 60_000 });
    const said = await page.locator('#upload-error-live').innerText();
    expect(said).toContain('该文件已于');
    expect(said).toContain('审查过');
    await shot(page, 'daily-duplicate-file');
    expect(page.url()).toBe(`${h.base}/`);
    expect(await total()).toBe(1);
    await page.close();
  });

  it('a signed-off review voided on its report page drops out of the period report’s headline figure', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(reviewUrl);
    const id = decodeURIComponent(new URL(reviewUrl).pathname.split('/').pop() ?? '');
    const detail = (await (await page.request.get(`${h.base}/api/reviews/${encodeURIComponent(id)}`)).json()) as { findings: { id: string }[] };
    expect(detail.findings.length).toBeGreaterThan(0);
    for (const f of detail.findings) await api(page, 'PATCH', `/api/reviews/${encodeURIComponent(id)}/findings/${encodeURIComponent(f.id)}`, { action: 'confirm' });
    await api(page, 'PUT', `/api/reviews/${encodeURIComponent(id)}/conclusion`, { conclusion: '修改后可以出台' });
    await page.close();

    const chief = await newPage();
    await signIn(chief, 'kezhang');
    await chief.goto(reviewUrl);
    await Promise.all([chief.waitForEvent('framenavigated'), chief.click('#signoff-button')]);
    await chief.waitForLoadState('load');
    await expect(chief.locator('#signoff-button').count()).resolves.toBe(0);
    await chief.goto(`${h.base}/reports`);
    const figure = async () => (await chief.locator('#fig-confirmed').innerText()).replace(/\s+/g, '');
    expect(await figure()).toContain(`本期签发1件`);
    expect(await figure()).toContain(`确认问题${detail.findings.length}个`);
    await shot(chief, 'daily-report-before-void');

    await chief.goto(reviewUrl);
    await chief.click('#void-panel summary');
    await chief.fill('#void-reason', '测试上传，误签');
    await Promise.all([chief.waitForEvent('framenavigated'), chief.click('#void-button')]);
    await chief.waitForLoadState('load');
    await expect(chief.locator('#voided-banner').innerText()).resolves.toContain('测试上传，误签');
    await chief.goto(`${h.base}/reports`);
    expect(await figure()).toContain('本期签发0件');
    expect(await figure()).toContain('确认问题0个');
    await shot(chief, 'daily-report-after-void');
    await chief.close();
  });

  it('lays out /admin/corpus, the kinds settings, 我的待办 and the 送审材料 checklist at 1366×768', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin');
    const faults: string[] = [];
    const check = async (page: Page, name: string) => {
      const f = await layoutFaults(page);
      if (f.overflow > 0) faults.push(`${name}: 横向溢出 ${f.overflow}px`);
      for (const n of f.narrow) faults.push(`${name}: ${n}`);
      await shot(page, `daily-layout-${name}`);
    };
    await admin.goto(`${h.base}/admin/corpus`);
    await check(admin, 'corpus');
    await admin.goto(`${h.base}/desk/calendar`);
    await admin.locator('#kinds-table').waitFor();
    await check(admin, 'kinds');
    await admin.close();

    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(`${h.base}/desk/new`);
    await page.fill('#r-department', '区发改局');
    await page.fill('#r-title', '城区停车收费调整方案（重大行政决策）');
    await page.selectOption('#r-kind', 'major');
    await Promise.all([page.waitForURL(/\/desk\/requests\/\d+/), page.click('#new-request-form button[type=submit]')]);
    const requestUrl = page.url().split('?')[0] ?? '';
    await expect(page.locator('body').innerText()).resolves.toContain('专家论证');
    await check(page, 'materials');
    // assigned to the reviewer, it is on her 我的待办
    const rid = Number(requestUrl.split('/').pop());
    const me = ((await (await page.request.get(`${h.base}/api/me`)).json()) as { user: { id: number } }).user;
    await api(page, 'PATCH', `/api/desk/requests/${rid}`, { assigneeId: me.id });
    await page.goto(`${h.base}/`);
    await expect(page.locator('body').innerText()).resolves.toContain('城区停车收费调整方案（重大行政决策）');
    await check(page, 'home-todo');
    await page.close();
    expect(faults).toEqual([]);
  });
});
