/**
 * The period report as files, from the pure builder's figures: the Word document (tables, the
 * charts as bar tables scaled to the largest value, the section's header) read back with mammoth,
 * the workbook read back with exceljs (one sheet per table, formula-like text kept as text), and
 * `fahu desk report --format docx|xlsx --out`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { deskCommand } from '../../src/cli/desk-commands.js';
import { UsageError } from '../../src/cli/io.js';
import { barRows, periodReportDocx, periodReportSheets } from '../../src/desk/period-report-files.js';
import type { PeriodReport } from '../../src/desk/period-report.js';
import { exceljsWriter } from '../../src/node/xlsx.js';
import { setHeaderTemplate } from '../../src/opinion/header-template.js';
import { deskFixture } from '../desk/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'fahu-period-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    { category: '商品要素流动', count: 2 },
  ],
  precheck: { reviews: 17, findings: 3288 },
  byKind: [
    { kind: 'normative', label: '行政规范性文件', received: 5, reviewed: 4, averageDays: 10.5, maxDays: 14 },
    { kind: 'policy', label: '政策措施', received: 2, reviewed: 2, averageDays: 8, maxDays: 9 },
    { kind: 'major', label: '重大行政决策', received: 1, reviewed: 1, averageDays: 12, maxDays: 12 },
    { kind: 'contract', label: '行政协议/合同', received: 1, reviewed: 0, averageDays: null, maxDays: null },
    { kind: 'other', label: '其他', received: 0, reviewed: 0, averageDays: null, maxDays: null },
  ],
  topDepartments: [
    { department: '区经信局', count: 9, reviews: 3 },
    { department: '@SUM(A1:A9)', count: 5, reviews: 2 },
  ],
  campaign: { name: '烦企扰民专项清理', total: 40, decided: 30, byDecision: { 继续有效: 20, 修改: 6, 废止: 4 } },
  warnings: [],
};

const TEMPLATE = { bureau: '湖州市吴兴区司法局', mark: '湖州市吴兴区司法局文件', signature: '湖州市吴兴区司法局', contact: '联系人：李伟', opening: 'x', closing: 'y' };

describe('the period report (.docx)', () => {
  it('has the tables, the bar tables and the header; the pre-check figures are labelled apart', async () => {
    const bytes = await periodReportDocx(REPORT, { template: TEMPLATE });
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(lines[0]).toBe('湖州市吴兴区司法局文件');
    expect(text).toContain('行政规范性文件审查工作2026年第三季度季度复盘');
    expect(text).toContain('报告期间：2026年7月1日至2026年9月30日。');
    expect(text).toContain('经审查人员确认的问题 14 个');
    expect(text).toContain('机器初筛参考数（未经人工确认）：本期建立预审记录 17 件，机器提示问题 3288 个');
    // the workload table: label then value
    expect(lines[lines.indexOf('优先审查占比') + 1]).toBe('33.3%');
    expect(lines[lines.indexOf('平均审查用时（工作日，收件至出具意见，不含补正期间）') + 1]).toBe('11.4');
    // the category chart: the largest gets the full bar, the others in proportion
    const at = lines.indexOf('图：按类别的确认问题数');
    expect(lines.slice(at + 1, at + 4)).toEqual(['市场准入', '■'.repeat(16), '8']);
    expect(lines.slice(at + 4, at + 7)).toEqual(['合法性', '■'.repeat(8), '4']);
    expect(text).toContain('烦企扰民专项清理：清理文件 40 件，已作出结论 30 件（75%）。');
    expect(text).toContain('联系人：李伟');
    expect(text).toContain('本期收到重大行政决策 1 件，已经合法性审查出具意见 1 件（100%），平均用时 12 个工作日（最长 12 个工作日）。');
    expect(text).toContain('本期收到政策措施 2 件，已经合法性审查出具意见 2 件（100%），平均用时 8 个工作日（最长 9 个工作日）。');
  });

  it('scales bars to the largest value, keeps a one-cell bar for small non-zero values and none for zero', () => {
    expect(barRows([{ label: 'a', value: 100 }, { label: 'b', value: 1 }, { label: 'c', value: 0 }]).map((r) => r.bar.length)).toEqual([16, 1, 0]);
    expect(barRows([]).length).toBe(0);
  });
});

describe('the period report (.xlsx)', () => {
  it('has one sheet per table, numbers as numbers, formula-like names as text', async () => {
    const bytes = await exceljsWriter.write(periodReportSheets(REPORT, { template: TEMPLATE }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '收件和办结', '按类别覆盖', '问题类别', '问题较多的部门', '清理进度']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    expect(rows('按类别覆盖')).toContainEqual(['行政协议/合同', 1, 0, '—', '—']);
    expect(rows('问题类别')).toEqual([['问题类别', '确认问题数'], ['市场准入', 8], ['合法性', 4], ['商品要素流动', 2]]);
    expect(rows('问题较多的部门')[2]).toEqual(["'@SUM(A1:A9)", 5, 2]);
    expect(wb.getWorksheet('问题较多的部门')!.getRow(3).getCell(1).formula).toBeUndefined();
    expect(rows('收件和办结')).toContainEqual(['其中超期', 1]);
    expect(rows('清理进度')).toContainEqual(['其中废止', 4]);
    expect(rows('概况')).toContainEqual(['编制单位', '湖州市吴兴区司法局']);
    expect(rows('概况')).toContainEqual(['机器初筛参考数（未经人工确认）：机器提示问题', 3288]);
  });
});

describe('fahu desk report --format docx|xlsx', () => {
  it('writes both files with the stored header, and refuses them without --out', async () => {
    const f = await deskFixture('2026-12-21');
    const access = { open: async () => ({ desk: f.desk, close: () => undefined, file: ':memory:' }) };
    await setHeaderTemplate(f.desk.store, { bureau: '南浔区司法局' }, null);
    await f.desk.createRequest({ department: '区商务局', title: '甲', reviewType: 'fair' }, null);
    const out: string[] = [];
    const docx = join(dir, '报告.docx');
    expect(await deskCommand(access).run(['report', '--kind', 'bimonthly', '--year', '2026', '--n', '6', '--format', 'docx', '--out', docx], (s) => out.push(s))).toBe(0);
    const text = (await mammoth.extractRawText({ path: docx })).value;
    expect(text).toContain('行政规范性文件审查工作2026年11—12月双月报告');
    expect(text).toContain('南浔区司法局');
    const xlsx = join(dir, '报表.xlsx');
    expect(await deskCommand(access).run(['report', '--kind', 'bimonthly', '--year', '2026', '--n', '6', '--format', 'xlsx', '--out', xlsx], (s) => out.push(s))).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.getWorksheet('收件和办结')!.getRow(2).values).toEqual([undefined, '收件', 1]);
    await expect(deskCommand(access).run(['report', '--format', 'docx'], () => {})).rejects.toThrow(UsageError);
    await expect(deskCommand(access).run(['report', '--format', 'pdf'], () => {})).rejects.toThrow('--format 只能是 md、json、docx 或 xlsx');
    f.close();
  });
});
