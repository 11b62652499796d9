/**
 * The section's forms in a real browser (Debian's Chromium via playwright-core, the server as
 * `npm start` runs it): the admin sets the 文书版头; a reviewer confirms a finding, opens the
 * 公平竞争审查表 from the report page, sees the proposed box ticked, edits a box and saves it,
 * and downloads the form; the period report page gives the Word and Excel files. Every download
 * is read back (mammoth, exceljs) and, with LibreOffice installed, converted to PDF.
 * Skipped without /usr/bin/chromium unless FAHU_REQUIRE_BROWSER=1 (as the workbench test).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserServer, SHOTS, SKIP_BROWSER } from './harness.js';
const ACCOUNTS = { admin: { role: 'admin', password: 'admin-pass-123' }, keyuan: { role: 'reviewer', password: 'keyuan-pass-123' } } as const;
const hasOffice = spawnSync('soffice', ['--version']).status === 0;
const h = browserServer({ prefix: 'fahu-browser-forms-', accounts: ACCOUNTS, acceptDownloads: true, startTimeoutMs: 180_000 });
const { newPage, signIn } = h;

async function download(page: Page, selector: string, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = join(SHOTS, name);
  await d.saveAs(file);
  return file;
}

function toPdf(file: string): void {
  if (!hasOffice) return;
  const r = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', SHOTS, file], { timeout: 120_000 });
  expect(r.status, file).toBe(0);
}

describe.skipIf(SKIP_BROWSER)('the forms in Chromium', { timeout: 120_000 }, () => {
  let reviewUrl = '';

  it('the admin sets the section’s header on the 文书版头 page', async () => {
    const page = await newPage();
    await signIn(page, 'admin');
    await page.goto(`${h.base}/admin/template`);
    await page.fill('#tpl-bureau', '湖州市吴兴区司法局');
    await page.fill('#tpl-mark', '湖州市吴兴区司法局文件');
    await page.fill('#tpl-contact', '联系人：李伟，电话：0572-2222222');
    await Promise.all([page.waitForURL(/\/admin\/template\?ok=1$/), page.click('#template-save')]);
    await expect(page.locator('#template-notice').innerText()).resolves.toContain('已保存文书版头');
    await expect(page.locator('#tpl-bureau').inputValue()).resolves.toBe('湖州市吴兴区司法局');
    await page.screenshot({ path: join(SHOTS, 'template.png') });
    await page.close();
  });

  it('a reviewer fills the 公平竞争审查表 from the report page and downloads it', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.fill('#text-input', ['关于扶持本地企业发展的若干措施', '第一条 外地企业须在本地设立分支机构方可参加本区政府采购和招标投标。', '第二条 对在本区纳税的企业给予一次性奖励。'].join('\n'));
    await page.fill('[name=department]', '区经信局');
    await Promise.all([page.waitForURL(/\/reviews\/[^/]+$/, { timeout: 30_000 }), page.click('#submit-review')]);
    reviewUrl = page.url();
    const first = page.locator('.finding[data-finding-id]').first();
    const id = (await first.getAttribute('data-finding-id'))!;
    await Promise.all([page.waitForLoadState('load'), first.locator('.btn-confirm').click()]);
    await expect.poll(() => page.locator(`.finding[data-finding-id="${id}"]`).getAttribute('class')).toContain('status-confirmed');

    await page.click('#export-tools > summary');
    await Promise.all([page.waitForURL(/\/fcr-form$/), page.click('#fcr-form-link')]);
    // the confirmed finding's standard is proposed as 涉及
    const proposed = await page.locator('input[type=radio][value=yes]:checked').count();
    expect(proposed).toBeGreaterThan(0);
    await expect(page.locator('.fcr-hint').count()).resolves.toBe(proposed);
    await page.check('input[name="involved.第十条（二）"][value=yes]');
    await page.fill('textarea[name="note.第十条（二）"]', '第二条以纳税地给予奖励');
    await page.fill('#fcr-conclusion', '修改后可以出台');
    await Promise.all([page.waitForURL(/\/fcr-form\?ok=1$/), page.click('#fcr-save')]);
    await expect(page.locator('#fcr-notice').innerText()).resolves.toContain('已保存公平竞争审查表');
    await expect(page.locator('textarea[name="note.第十条（二）"]').inputValue()).resolves.toBe('第二条以纳税地给予奖励');
    await page.screenshot({ path: join(SHOTS, 'fcr-form.png'), fullPage: true });

    const file = await download(page, '#download-fcr-form', '公平竞争审查表.docx');
    const text = (await mammoth.extractRawText({ path: file })).value;
    expect(text).toContain('湖州市吴兴区司法局文件');
    expect(text).toContain('第二条以纳税地给予奖励');
    expect(text).toContain('修改后可以出台');
    expect((text.match(/☑是/g) ?? []).length).toBeGreaterThanOrEqual(proposed);
    toPdf(file);
    // the report page links the same download
    await page.goto(reviewUrl);
    await page.click('#export-tools > summary');
    const again = await download(page, '#export-tools #download-fcr-form', '公平竞争审查表-报告页.docx');
    expect((await mammoth.extractRawText({ path: again })).value).toContain('第二条以纳税地给予奖励');
    await page.close();
  });

  it('downloads the period report as Word and Excel from the report page', async () => {
    const page = await newPage();
    await signIn(page, 'keyuan');
    await page.goto(`${h.base}/reports`);
    const docx = await download(page, '#report-docx', '工作报告.docx');
    const text = (await mammoth.extractRawText({ path: docx })).value;
    expect(text).toMatch(/行政规范性文件审查工作\d{4}年\d+—\d+月双月报告/);
    expect(text).toContain('湖州市吴兴区司法局文件');
    expect(text).toContain('一、收件和办结');
    toPdf(docx);
    const xlsx = await download(page, '#report-xlsx', '工作报表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '收件和办结', '按类别覆盖', '问题类别', '问题较多的部门']);
    expect(wb.getWorksheet('收件和办结')!.getRow(1).getCell(1).value).toBe('项目');
    await page.close();
  });
});
