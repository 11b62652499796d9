/**
 * The workbench in a real browser: Debian's Chromium driven by playwright-core against the
 * server as `npm start` runs it (bin/fahu.js serve on a fresh DATA_DIR, accounts made with
 * `fahu user add`). A reviewer uploads a fixture .docx, sees the highlights, dismisses a
 * finding with a reason and confirms the other, reloads and finds both kept; the chief signs
 * off; a draft containing <script> shows as text. Screenshots of each main page go to
 * test-results/ (git-ignored) at 1366×768.
 *
 * Needs /usr/bin/chromium: `npm test` installs it first where it may (scripts/provision-test-env.mjs,
 * as root); without it these tests are skipped with the reason printed, and fail instead when
 * FAHU_REQUIRE_BROWSER=1 (.ci/run sets it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { commentAnchors, htmlEscaped, mammothComments } from '../opinion/docx-read.js';
import { pageImage, pagesFlat, pdfInfo, toPdf } from '../opinion/office.js';
import { browserServer, findingCard, ROOT, SHOTS, SKIP_BROWSER } from './harness.js';
const ACCOUNTS = {
  admin: { role: 'admin', password: 'admin-pass-123' },
  kezhang: { role: 'chief', password: 'chief-pass-123' },
  keyuan: { role: 'reviewer', password: 'keyuan-pass-123' },
} as const;
const h = browserServer({ prefix: 'fahu-browser-', accounts: ACCOUNTS });
const { newPage, signIn, shot } = h;
const card = findingCard;

describe.skipIf(SKIP_BROWSER)('the workbench in Chromium', { timeout: 120_000 }, () => {
  let reviewUrl = '';
  let pastedUrl = '';

  it('sends a visitor to the login page and answers a wrong password in Chinese', async () => {
    const page = await newPage();
    await page.goto(`${h.base}/reviews`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await shot(page, 'login');
    await page.fill('input[name=name]', 'keyuan');
    await page.fill('input[name=password]', 'wrong-password');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
    await expect(page.locator('body').innerText()).resolves.toContain('用户名或密码错误');
    await page.close();
  });

  it('a reviewer uploads a .docx, sees progress and then the highlighted report', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('#upload-form').count()).resolves.toBe(1);
    await shot(page, 'upload');
    // a draft with several distinct problems (one finding per clause per problem since the rules fold repeats)
    await page.setInputFiles('#file-input', join(ROOT, 'fixtures/docx/long-draft-60k.docx'));
    await expect(page.locator('#file-name').innerText()).resolves.toContain('long-draft-60k.docx');
    await page.fill('[name=department]', '区市场监管局');
    // a slow line (8 KB/s up) so that the progress shown during the upload can be seen
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: -1, uploadThroughput: 8 * 1024 });
    await page.click('#submit-review');
    await page.locator('#upload-progress-block').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#upload-status').innerText()).toMatch(/正在上传… \d+%|正在分析/);
    await expect(page.locator('#submit-review').isDisabled()).resolves.toBe(true);
    await shot(page, 'upload-progress');
    await page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 30_000 });
    reviewUrl = page.url();

    await expect(page.locator('#report-title').innerText()).resolves.toContain('童装');
    const highlights = page.locator('.hl[data-finding-id]');
    expect(await highlights.count()).toBeGreaterThanOrEqual(2);
    const severities = await highlights.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    expect(severities.every((s) => s === 'high' || s === 'medium' || s === 'low')).toBe(true);
    // a highlight is drawn around words of the draft, not an empty mark
    expect((await highlights.first().innerText()).trim().length).toBeGreaterThan(1);
    // every finding of the stored record has its card, and there are at least two to work with
    const stored = (await (await page.request.get(`${reviewUrl.replace('/reviews/', '/api/reviews/')}`)).json()) as { findings: unknown[] };
    expect(stored.findings.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.finding[data-finding-id]').count()).toBe(stored.findings.length);
    await expect(page.locator('#review-status').getAttribute('data-status')).resolves.toBe('draft');
    await shot(page, 'report');
    await page.close();
  });

  it('clicking a finding scrolls to its clause and highlights it, and back', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(reviewUrl);
    const last = page.locator('.finding[data-finding-id]').last();
    const id = await last.getAttribute('data-finding-id');
    await page.locator('#doc-pane').evaluate((el) => el.scrollTo(0, 0));
    await last.locator('a.goto-span').click();
    const span = page.locator(`.hl[data-finding-id="${id}"]`).first();
    await expect.poll(() => span.evaluate((el) => el.classList.contains('active'))).toBe(true);
    await expect.poll(() => span.isVisible()).toBe(true);
    // and back: clicking the highlighted words brings their finding forward
    await page.locator('#findings-pane').evaluate((el) => el.scrollTo(0, 0));
    const firstId = (await page.locator('.finding[data-finding-id]').first().getAttribute('data-finding-id'))!;
    await page.locator(`.hl[data-finding-id="${firstId}"]`).first().click();
    await expect.poll(() => card(page, firstId).evaluate((el) => el.classList.contains('active'))).toBe(true);
    await expect.poll(() => card(page, firstId).isVisible()).toBe(true);
    await page.close();
  });

  it('dismisses one finding with a reason and confirms the other; both survive a reload', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(reviewUrl);
    const cards = page.locator('.finding[data-finding-id]');
    const first = (await cards.nth(0).getAttribute('data-finding-id'))!;
    const second = (await cards.nth(1).getAttribute('data-finding-id'))!;

    // an empty reason is refused in Chinese
    await cards.nth(0).locator('.btn-dismiss').click();
    await expect(page.locator('#dismiss-dialog').isVisible()).resolves.toBe(true);
    await page.click('#dismiss-submit');
    await expect(page.locator('#dismiss-reason').evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing || !el.checkValidity())).resolves.toBe(true);
    await shot(page, 'dismiss-dialog');

    const reason = '该奖励面向所有规上企业，统计口径系核验手段，经研究不构成以本地纳统为条件';
    await page.fill('#dismiss-reason', reason);
    await Promise.all([page.waitForLoadState('load'), page.click('#dismiss-submit')]);
    await expect.poll(() => card(page, first).getAttribute('class')).toContain('status-dismissed');

    await Promise.all([page.waitForLoadState('load'), card(page, second).locator('.btn-confirm').click()]);
    await expect.poll(() => card(page, second).getAttribute('class')).toContain('status-confirmed');

    await page.reload();
    await expect(card(page, first).getAttribute('class')).resolves.toContain('status-dismissed');
    await expect(card(page, first).locator('.dismiss-reason').innerText()).resolves.toContain(reason);
    await expect(card(page, second).getAttribute('class')).resolves.toContain('status-confirmed');
    // the others confirmed too, so that the chief may sign (sign-off refuses open findings)
    for (let i = 2; i < (await cards.count()); i++) {
      const id = (await cards.nth(i).getAttribute('data-finding-id'))!;
      await Promise.all([page.waitForLoadState('load'), card(page, id).locator('.btn-confirm').click()]);
      await expect.poll(() => card(page, id).getAttribute('class')).toContain('status-confirmed');
    }
    // a reviewer cannot sign off
    await expect(page.locator('#signoff-button').count()).resolves.toBe(0);
    await page.close();
  });

  it('the chief signs the record off', async () => {
    const page = await newPage();
    await signIn(page, 'kezhang');
    await page.goto(reviewUrl);
    // sign-off waits for the reviewer's conclusion, chosen on the page
    await expect(page.locator('#signoff-blocked').innerText()).resolves.toContain('尚未选定审查结论');
    await page.selectOption('#conclusion-select', '修改后可以出台');
    await Promise.all([page.waitForLoadState('load'), page.click('#conclusion-save')]);
    await expect(page.locator('#review-conclusion').getAttribute('data-conclusion')).resolves.toBe('修改后可以出台');
    await Promise.all([page.waitForLoadState('load'), page.click('#signoff-button')]);
    await expect.poll(() => page.locator('#review-status').getAttribute('data-status')).toBe('signed');
    await page.reload();
    await expect(page.locator('#review-status').getAttribute('data-status')).resolves.toBe('signed');
    await expect(page.locator('#signed-info').innerText()).resolves.toContain('kezhang');
    await shot(page, 'report-signed');
    await page.goto(`${reviewUrl}/print`);
    await shot(page, 'print');
    await page.close();
  });

  it('downloads the 审查意见书 and the commented draft from the report page; both read back and open in LibreOffice', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(reviewUrl);
    const listed = (await page.locator('.finding[data-finding-id]').count()) - (await page.locator('.finding.status-dismissed').count());
    await page.click('#export-tools > summary');
    await page.selectOption('#opinion-conclusion', '修改后可以出台');
    const [opinion] = await Promise.all([page.waitForEvent('download'), page.click('#download-opinion')]);
    const opinionFile = join(SHOTS, '审查意见书.docx');
    await opinion.saveAs(opinionFile);
    const text = (await mammoth.extractRawText({ path: opinionFile })).value;
    expect(text).toContain('修改后可以出台。');
    expect(text).toContain('三、修改意见');
    // the confirmed findings only: all but the one dismissed above
    const confirmed = await page.locator('.finding.status-confirmed').count();
    expect(confirmed).toBeGreaterThan(0);
    expect(text).toContain(`文件有${confirmed}处需要修改`);
    await page.goto(reviewUrl);
    // the words of every finding not dismissed, as the cards quote them
    const quotes = await page.locator('.finding[data-finding-id]:not(.status-dismissed) blockquote.quote').allInnerTexts();
    expect(quotes.length).toBe(listed);
    await page.click('#export-tools > summary');
    const [annotated] = await Promise.all([page.waitForEvent('download'), page.click('#download-annotated')]);
    const annotatedFile = join(SHOTS, '批注稿.docx');
    await annotated.saveAs(annotatedFile);
    const bytes = new Uint8Array(readFileSync(annotatedFile));
    // every comment anchored on its quote: the anchored texts are exactly the cards' quotes
    const anchored = [...(await commentAnchors(bytes)).values()];
    expect(anchored.sort()).toEqual([...quotes].sort());
    // mammoth reads each comment reference right after its quoted words
    const { html, refs } = await mammothComments(bytes);
    expect(refs.length).toBe(listed); // the dismissed finding gets no comment
    for (const q of quotes) expect(html).toContain(`${htmlEscaped(q)}<sup>`);
    const pdfs = toPdf(SHOTS, { 审查意见书: new Uint8Array(readFileSync(opinionFile)), 批注稿: bytes });
    for (const pdf of Object.values(pdfs)) expect(pdfInfo(pdf).pages, pdf).toBeGreaterThanOrEqual(1);
    const opinionPages = pagesFlat(pdfs['审查意见书'] as string);
    // 草稿 on every page until signed (the chief signed it off above); none after
    const signed = (await page.locator('#review-status').getAttribute('data-status')) === 'signed';
    opinionPages.forEach((p, i) => (signed ? expect(p, `page ${i + 1}`).not.toContain('草稿') : expect(p, `page ${i + 1}`).toContain('草稿（未签发）')));
    expect(opinionPages.join('')).toContain('修改后可以出台。');
    const image = pageImage(pdfs['批注稿'] as string, 1, SHOTS, 'annotated-page');
    if (image) expect(existsSync(image)).toBe(true);
    await page.close();
  }, 240_000);

  it('shows a draft containing <script> as text and runs none of it', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    const draft = [
      '关于扶持本地企业发展的通知',
      '一、<script>window.__fahuPwned = 1</script>本地企业优先采购。',
      '二、外地企业须在本地设立分支机构方可参加投标。<img src=x onerror="window.__fahuPwned = 2">',
    ].join('\n');
    await page.fill('#text-input', draft);
    await page.fill('[name=department]', '区经信局');
    await Promise.all([page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 30_000 }), page.click('#submit-review')]);
    pastedUrl = page.url();
    const docText = await page.locator('#doc-text').innerText();
    expect(docText).toContain('<script>window.__fahuPwned = 1</script>');
    expect(docText).toContain('<img src=x onerror="window.__fahuPwned = 2">');
    await expect(page.evaluate(() => (window as unknown as { __fahuPwned?: number }).__fahuPwned)).resolves.toBeUndefined();
    await expect(page.locator('#doc-text script, #doc-text img').count()).resolves.toBe(0);
    await page.close();
  });

  it('adds a finding by hand on words selected in the draft', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(pastedUrl);
    const before = await page.locator('.finding[data-finding-id]').count();
    // select the words 本地企业优先采购 inside the line that holds them
    const selected = await page.evaluate(() => {
      const words = '本地企业优先采购';
      const walker = document.createTreeWalker(document.getElementById('doc-text')!, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(words);
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + words.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(r);
        n.parentElement!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return true;
      }
      return false;
    });
    expect(selected).toBe(true);
    await page.locator('#add-finding-button').waitFor({ state: 'visible' });
    await page.click('#add-finding-button');
    await expect(page.locator('#hand-quote').inputValue()).resolves.toBe('本地企业优先采购');
    await page.fill('#hand-title', '对本地企业给予采购优先');
    await page.fill('#hand-explanation', '在政府采购中给予本地企业优先，排斥外地经营者。');
    await Promise.all([page.waitForLoadState('load'), page.click('#hand-submit')]);
    await expect.poll(() => page.locator('.finding[data-finding-id]').count()).toBe(before + 1);
    const added = page.locator('.finding', { hasText: '对本地企业给予采购优先' });
    await expect(added.locator('.quote').innerText()).resolves.toBe('本地企业优先采购');
    await expect(added.innerText()).resolves.toContain('手工添加');
    await page.close();
  });

  it('refuses a .pdf with a Chinese message and keeps the history intact', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.setInputFiles('#file-input', join(ROOT, 'fixtures/bad/scan.pdf'));
    await page.fill('[name=department]', '区市场监管局');
    await page.click('#submit-review');
    const error = page.locator('#upload-error-live');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toMatch(/PDF|pdf/);
    expect(await error.innerText()).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'upload-error');
    await page.goto(`${h.base}/reviews`);
    expect(await page.locator('a[href^="/reviews/"]:not([href$="/print"])').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'history');
    await page.goto(`${h.base}/reviews?department=${encodeURIComponent('区经信局')}`);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBe(1);
    expect(rows[0]).toContain('区经信局');
    await page.close();
  });

  it('is usable by keyboard: skip link first, then the navigation', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('跳到正文');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#main');
    // every finding action on the report is a focusable control
    await page.goto(pastedUrl);
    const controls = await page.locator('.finding .btn').evaluateAll((els) => els.map((e) => (e as HTMLElement).tabIndex >= 0 || ['BUTTON', 'SUMMARY', 'A'].includes(e.tagName)));
    expect(controls.length).toBeGreaterThan(0);
    expect(controls.every(Boolean)).toBe(true);
    // Enter on a focused "定位原文" link goes to the clause
    const link = page.locator('a.goto-span').first();
    const id = (await link.getAttribute('data-finding-id'))!;
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`.hl[data-finding-id="${id}"]`).first().evaluate((el) => el.classList.contains('active'))).toBe(true);
    await page.close();
  });

  it('lists prior decisions under a finding, one click from the full decision', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(pastedUrl);
    // the pasted draft's 本地企业优先采购 clause has published precedents in the seed library
    const lists = page.locator('details.precedents li[data-decision-id]');
    expect(await lists.count()).toBeGreaterThan(0);
    const first = lists.first();
    const title = (await first.locator('a').innerText()).trim();
    await Promise.all([page.waitForURL(/\/decisions\/\d+$/), first.locator('a').click()]);
    expect(await page.locator('h1').innerText()).toContain(title.slice(0, 10));
    await shot(page, 'decision');
    await page.goto(`${h.base}/decisions?q=${encodeURIComponent('"不得迁出"')}`);
    expect(await page.locator('mark').count()).toBeGreaterThan(0);
    await shot(page, 'decisions');
    await page.close();
  });

  it('opens the desk, meetings, reports and cleanup pages in Chinese without script errors', async () => {
    const page = await newPage();
    await signIn(page, 'kezhang');
    for (const [path, heading, name] of [
      ['/desk', '审查台', 'desk'],
      ['/desk/new', '登记送审件', 'desk-new'],
      ['/meetings', '集中会审', 'meetings'],
      ['/reports', '工作报告', 'reports'],
      ['/cleanup', '专项清理', 'cleanup'],
    ] as const) {
      const res = await page.goto(`${h.base}${path}`);
      expect(res?.status(), path).toBe(200);
      expect(await page.locator('h1').innerText(), path).toContain(heading);
      await shot(page, name);
    }
    await page.close();
  });

  it('the admin sees users and the audit log; a reviewer may not', async () => {
    const reviewer = await newPage();
    await signIn(reviewer, 'keyuan');
    const res = await reviewer.goto(`${h.base}/admin/audit`);
    expect(res?.status()).toBe(403);
    expect(await reviewer.locator('body').innerText()).toContain('管理员');
    await reviewer.close();

    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${h.base}/admin/users`);
    expect(await page.locator('body').innerText()).toContain('kezhang');
    await shot(page, 'users');
    await page.goto(`${h.base}/admin/audit`);
    const audit = await page.locator('body').innerText();
    expect(audit).toMatch(/签发/);
    expect(audit).toMatch(/排除/);
    await shot(page, 'audit');
    await page.goto(`${h.base}/rules`);
    await shot(page, 'rules');
    await page.close();
  });
  it('Back + 开始预审 lands once, the same text again offers the earlier review, and 作废 hides a record', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    const title = '关于重复提交测试的通知';
    const text = `${title}\n一、各单位应当使用指定品牌的办公设备。\n`;
    const count = async () => ((await (await page.request.get(`${h.base}/api/reviews?q=${encodeURIComponent(title)}&voided=all`)).json()) as { total: number }).total;
    await page.fill('#text-input', text);
    await page.click('#submit-review');
    await page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 30_000 });
    const first = page.url();

    await page.goBack();
    await page.locator('#upload-form').waitFor();
    if (!(await page.inputValue('#text-input'))) await page.fill('#text-input', text); // no form state kept: the user pastes again
    await page.click('#submit-review');
    // either the same form lands on the first record, or the same text is offered the earlier one
    await expect.poll(async () => page.url() === first || (await page.locator('#upload-error-live').isVisible()), { timeout: 30_000 }).toBe(true);
    // lands once: whichever way the browser restored the form, no second record was made
    expect(await count()).toBe(1);
    if (page.url() !== first) {
      await expect(page.locator('#upload-error-live').innerText()).resolves.toContain('该文件已于');
      await shot(page, 'upload-duplicate');
      // 仍要重新预审 makes a second record on purpose
      await page.click('#again-button');
      await page.waitForURL((u) => /\/reviews\/[^/]+$/.test(u.pathname) && u.href !== first, { timeout: 30_000 });
      expect(await count()).toBe(2);
      // and 作废 takes it out of the history again
      await page.click('#void-panel summary');
      await page.fill('#void-reason', '重复上传');
      await Promise.all([page.waitForLoadState('load'), page.click('#void-button')]);
      await expect(page.locator('#voided-banner').innerText()).resolves.toContain('重复上传');
    } else {
      expect(await count()).toBe(1);
    }
    await page.goto(`${h.base}/reviews?q=${encodeURIComponent(title)}`);
    await expect(page.locator('#history-table tbody tr').count()).resolves.toBe(1);
    await page.close();
  });
});
