/**
 * Every Word file fahu writes, opened by LibreOffice headless and rendered to PDF: the 审查意见书
 * (unsigned and signed), the 批注稿, the 公平竞争审查表, the period report and the version
 * comparison. Each PDF is A4 with the expected title and words on it; the 公文 pages keep their
 * text inside the 版心 of GB/T 9704 (156 mm × 225 mm, margins 37 mm top, 28 mm left), carry
 * page numbers “— n —” on every page, and an unsigned opinion says 草稿 on every page. One page
 * image is kept as a test artefact. Skipped only where LibreOffice or poppler is not installed.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/diff/compare.js';
import { comparisonDocx } from '../../src/diff/diff-docx.js';
import { documentJson } from '../../src/document/document-json.js';
import { periodReportDocx, periodTitle } from '../../src/desk/period-report-files.js';
import type { PeriodReport } from '../../src/desk/period-report.js';
import { ingestBytes, ingestText } from '../../src/ingest/ingest.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { commentedDraft } from '../../src/opinion/commented-draft.js';
import { fcrFormDocx } from '../../src/opinion/fcr-form-docx.js';
import { fcrStandards, proposedFcrForm } from '../../src/opinion/fcr-form.js';
import { opinionDocxWriter, opinionFindings } from '../../src/report/writers/docx-opinion.js';
import type { ExportFinding, ReviewExport } from '../../src/report/writers/types.js';
import { review } from '../../src/review/review.js';
import { hasOffice, MM, pageImage, pagesFlat, pdfInfo, toPdf, wordBoxes, type WordBox } from './office.js';

const ruleSet = loadRuleSet();
const laws = ruleSet.corpus.laws;
const segmenter = jiebaSegmenter();
const dir = mkdtempSync(join(tmpdir(), 'fahu-pdf-'));

const REPORT: PeriodReport = {
  period: { kind: 'quarterly', from: '2026-07-01', to: '2026-09-30', label: '2026年第三季度' },
  asOf: '2026-10-08',
  until: '2026-09-30',
  received: 9,
  priorityReceived: 3,
  priorityShare: 33.3,
  earlyReceived: 1,
  receivedByType: { legality: 4, fair: 2, both: 3 },
  closed: 7,
  closedOnTime: 6,
  closedLate: 1,
  urgent: 0,
  openOverdue: 1,
  openAtEnd: 2,
  overdue: 2,
  averageDaysToClose: 11.4,
  reviews: 6,
  confirmedFindings: 14,
  findingsByCategory: [
    { category: '市场准入', count: 8 },
    { category: '合法性', count: 4 },
  ],
  precheck: { reviews: 17, findings: 3288 },
  topDepartments: [{ department: '区经信局', count: 9, reviews: 3 }],
  campaign: { name: '烦企扰民专项清理', total: 40, decided: 30, byDecision: { 继续有效: 20, 修改: 6, 废止: 4 } },
  byKind: [
    { kind: 'normative', label: '行政规范性文件', received: 5, reviewed: 4, averageDays: 9.5, maxDays: 14 },
    { kind: 'policy', label: '政策措施', received: 3, reviewed: 2, averageDays: 6, maxDays: 8 },
    { kind: 'major', label: '重大行政决策', received: 1, reviewed: 1, averageDays: 12, maxDays: 12 },
    { kind: 'contract', label: '行政协议/合同', received: 0, reviewed: 0, averageDays: null, maxDays: null },
    { kind: 'other', label: '其他', received: 0, reviewed: 0, averageDays: null, maxDays: null },
  ],
  warnings: [],
};

/** GB/T 9704 版心 in points (A4: 210 × 297 mm; 28 mm left, 26 mm right, 37 mm top, 35 mm bottom). */
const TYPE_AREA = { left: 28 * MM, right: (210 - 26) * MM, top: 37 * MM, bottom: (297 - 35) * MM };
const A4 = { width: 210 * MM, height: 297 * MM };

/** Full-width punctuation that may hang past the line end. */
const HANGING = /[、，。；：？！）》”’]$/;

const flat = (s: string) => s.replace(/\s+/g, '');

let demo: ReviewExport;
let pdfs: Record<string, string> = {};
let confirmed: ExportFinding[] = [];
let annotatedQuotes: string[] = [];

beforeAll(async () => {
  if (!hasOffice) return;
  const doc = await ingestBytes(new Uint8Array(readFileSync('fixtures/text/demo-review.txt')), { fileName: 'demo-review.txt' });
  const r = review(doc, ruleSet);
  // the reviewer confirmed all but the last finding
  const last = r.findings[r.findings.length - 1];
  demo = { ...r, findings: r.findings.map((f) => (f === last ? { ...f, status: 'dismissed', dismissReason: '属于国家统一政策的落实' } : { ...f, status: 'confirmed' })), record: { department: '区市场监管局', reviewer: '张三', receivedAt: '2026-12-01' } };
  confirmed = opinionFindings(demo);
  const adoption = [{ title: '未写明有效期', path: '全文', adopted: true }];
  const opinion = await opinionDocxWriter.write(demo, { laws, conclusion: '修改后可以出台', adoption, date: '2026-12-03' });
  const signed = await opinionDocxWriter.write({ ...demo, record: { ...demo.record, signedAt: '2026-12-03T02:00:00Z', chief: '李四' } }, { laws, conclusion: '修改后可以出台' });

  const draftBytes = new Uint8Array(readFileSync('fixtures/docx/article-typed.docx'));
  const draft = await ingestBytes(draftBytes, { fileName: 'article-typed.docx' });
  const draftFindings = review(draft, ruleSet).findings;
  const annotated = await commentedDraft(draft, draftBytes, draftFindings, { author: '张三', laws, tracked: false });
  annotatedQuotes = draftFindings.filter((f) => annotated.placed.includes(f.id)).map((f) => f.quote);

  const standards = fcrStandards(laws);
  const fcr = await fcrFormDocx({ ...demo, record: { title: '关于促进产业发展的若干措施', department: '区经信局' } }, standards, proposedFcrForm(demo, standards));

  const period = await periodReportDocx(REPORT);

  const side = (file: string) => {
    const d = ingestText(readFileSync(file, 'utf8'));
    return { document: documentJson(d), findings: review(d, ruleSet).findings };
  };
  const comparison = compareVersions(side('fixtures/diff/v1-送审稿.txt'), side('fixtures/diff/v2-修改稿.txt'), { segmenter });
  const diff = await comparisonDocx(comparison, { old: 'v1-送审稿.txt', new: 'v2-修改稿.txt' });

  pdfs = toPdf(dir, { opinion, signed, annotated: annotated.bytes, fcr, period, diff });
}, 300_000);

/** Words of the page body: not the header (草稿) above the 版心, not the page number under it. */
const bodyWords = (boxes: WordBox[]) => boxes.filter((w) => w.text.trim() && !/^(草稿（未签发）|—|\d+)$/.test(w.text));

function expectGongwenPages(pdf: string) {
  const info = pdfInfo(pdf);
  expect(info.width).toBeCloseTo(A4.width, 0);
  expect(info.height).toBeCloseTo(A4.height, 0);
  const pages = pagesFlat(pdf);
  expect(pages.length).toBe(info.pages);
  // page numbers — n — on every page, counting up to the page count
  pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`—${i + 1}—`));
  // body text within the 版心 (1 pt of slack for glyph boxes); a line of text never starts left of it
  const words = bodyWords(wordBoxes(pdf));
  expect(words.length).toBeGreaterThan(20);
  // a line may end in one hanging punctuation mark past the right edge (允许标点溢出边界, on by default in Word and LibreOffice)
  const hanging = (w: WordBox) => HANGING.test(w.text) && w.xMax <= TYPE_AREA.right + 17;
  const outside = words.filter((w) => w.xMin < TYPE_AREA.left - 1 || (w.xMax > TYPE_AREA.right + 1 && !hanging(w)) || w.yMin < TYPE_AREA.top - 1 || w.yMax > TYPE_AREA.bottom + 1);
  expect(outside.map((w) => `${w.page}:${w.text}@${w.xMin.toFixed(0)},${w.yMin.toFixed(0)}`)).toEqual([]);
  // the page number sits under the 版心, centred
  const numbers = wordBoxes(pdf).filter((w) => /^\d+$/.test(w.text) && w.yMin > TYPE_AREA.bottom);
  expect(numbers.length).toBe(info.pages);
  for (const n of numbers) expect(Math.abs((n.xMin + n.xMax) / 2 - (TYPE_AREA.left + TYPE_AREA.right) / 2)).toBeLessThan(20 * MM);
  return pages;
}

describe.skipIf(!hasOffice)('Word files opened in LibreOffice (PDF rendered)', { timeout: 120_000 }, () => {
  it('审查意见书: A4 公文 pages, 草稿 on every page until signed, the title, the conclusion and every quote', () => {
    const pages = expectGongwenPages(pdfs['opinion'] as string);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('草稿（未签发）'));
    const all = pages.join('');
    expect(all).toContain(flat(`关于《${demo.document.meta.title}》的合法性审核和公平竞争审查意见`));
    expect(all).toContain('区市场监管局：');
    expect(all).toContain('修改后可以出台。');
    for (const f of confirmed) expect(all, f.title).toContain(flat(f.quote));
    expect(all).toContain('四、前次意见采纳情况');
    expect(all).toContain('——已采纳');
    // the 落款 and date close the last page, not a page of their own with nothing else
    const last = pages[pages.length - 1] as string;
    expect(last).toContain('2026年12月3日');
    expect(last.replace(/草稿（未签发）|—\d+—|区司法局|2026年12月3日|审查人：张三/g, '').length).toBeGreaterThan(20);

    const signed = expectGongwenPages(pdfs['signed'] as string);
    signed.forEach((p, i) => expect(p, `signed page ${i + 1}`).not.toContain('草稿'));
    expect(signed.join('')).toContain('签发人：李四');

    const image = pageImage(pdfs['opinion'] as string, 1, dir, 'opinion-page-1');
    if (image) {
      expect(statSync(image).size).toBeGreaterThan(5000);
      console.log(`审查意见书 page image: ${image}`);
    }
  });

  it('批注稿: the department’s text with every flagged quote, pages counted', () => {
    const pdf = pdfs['annotated'] as string;
    const info = pdfInfo(pdf);
    expect(info.pages).toBeGreaterThanOrEqual(1);
    const all = pagesFlat(pdf).join('');
    expect(all).toContain('专项资金');
    expect(annotatedQuotes.length).toBeGreaterThan(0);
    for (const q of annotatedQuotes) expect(all).toContain(flat(q));
    const image = pageImage(pdf, 1, dir, 'annotated-page-1');
    if (image) expect(statSync(image).size).toBeGreaterThan(5000);
  });

  it('公平竞争审查表: A4 公文 pages with 草稿, the title and the standards of 第八条至第十一条', () => {
    const pages = expectGongwenPages(pdfs['fcr'] as string);
    pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain('草稿（未签发）'));
    const all = pages.join('');
    expect(all).toContain('公平竞争审查表');
    expect(all).toContain('《关于促进产业发展的若干措施》');
    expect(all).toContain('（三）限定经营、购买或者使用特定经营者'); // the cell wraps: the rest of the line follows the next columns
    expect((all.match(/☑/g) ?? []).length).toBe(19);
  });

  it('period report: A4 公文 pages, its title and its tables', () => {
    const pages = expectGongwenPages(pdfs['period'] as string);
    const all = pages.join('');
    expect(all).toContain(flat(periodTitle(REPORT)));
    expect(all).toContain('一、收件和办结');
    expect(all).toContain('市场准入');
    expect(all).toContain('烦企扰民专项清理');
    expect(all).not.toContain('草稿');
  });

  it('version comparison: A4 公文 pages with the shifts and the word changes', () => {
    const pages = expectGongwenPages(pdfs['diff'] as string);
    const all = pages.join('');
    expect(all).toContain('版本比较');
    expect(all).toContain('v1-送审稿.txt→v2-修改稿.txt');
    expect(all).toContain('应当→可以');
    expect(all).toContain('单个项目最高不超过5080万元'); // 50 struck through, 80 underlined: both drawn
  });
});
