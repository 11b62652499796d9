import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPeriodReport, customPeriod, periodContaining, periodOf, periodReportMarkdown, type PeriodReport } from '../../src/desk/period-report.js';
import { sampleReview } from '../store/helpers.js';
import { deskFixture, type DeskFixture } from './helpers.js';

describe('periods', () => {
  it.each([
    ['bimonthly', 2026, 1, '2026-01-01', '2026-02-28', '2026年1—2月'],
    ['bimonthly', 2024, 1, '2024-01-01', '2024-02-29', '2024年1—2月'],
    ['bimonthly', 2026, 5, '2026-09-01', '2026-10-31', '2026年9—10月'],
    ['bimonthly', 2026, 6, '2026-11-01', '2026-12-31', '2026年11—12月'],
    ['quarterly', 2026, 2, '2026-04-01', '2026-06-30', '2026年第二季度'],
    ['annual', 2025, 1, '2025-01-01', '2025-12-31', '2025年'],
  ] as const)('%s %i/%i = %s … %s', (kind, year, n, from, to, label) => {
    expect(periodOf(kind, year, n)).toEqual({ kind, from, to, label });
  });

  it('finds the period of a day, and refuses bad ones', () => {
    expect(periodContaining('bimonthly', '2026-10-30').from).toBe('2026-09-01');
    expect(periodContaining('quarterly', '2026-10-30').from).toBe('2026-10-01');
    expect(() => periodOf('bimonthly', 2026, 7)).toThrow('期数应为 1 到 6');
    expect(() => customPeriod('2026-10-01', '2026-09-01')).toThrow('结束日期早于开始日期');
  });
});

describe('the bimonthly report from a seeded store', () => {
  let f: DeskFixture;
  let report: PeriodReport;

  beforeAll(async () => {
    f = await deskFixture('2026-09-01');
    const { desk, users } = f;
    const add = (title: string, receivedOn: string, over: Record<string, unknown> = {}) => desk.createRequest({ department: '区市场监管局', title, reviewType: 'legality', receivedOn, ...over }, users.reviewer.id);
    const step = async (id: number, day: string, action: string, extra: Record<string, unknown> = {}) => {
      f.setToday(day);
      return desk.transition(id, { action: action as never, day, ...extra }, action === 'opinion' ? users.chief.id : users.reviewer.id);
    };
    // received before the period, closed inside it on time: 08-20 + 15 = 09-10; opinion 09-08 → 13 working days
    f.setToday('2026-08-20');
    const before = await add('上期收件', '2026-08-20');
    await step(before.id, '2026-08-21', 'start');
    await step(before.id, '2026-09-08', 'opinion');
    // in the period, priority, closed late: 09-01 + 5 = 09-08; opinion 09-10 → 7 working days
    f.setToday('2026-09-01');
    const late = await add('优先件', '2026-09-01', { priority: true, department: '区商务局', reviewType: 'fair' });
    await step(late.id, '2026-09-02', 'start');
    await step(late.id, '2026-09-10', 'opinion');
    // in the period, paused 3 working days, closed: 09-14 … 09-15 return, 09-18 resubmit, opinion 10-12
    f.setToday('2026-09-14');
    const paused = await add('补正件', '2026-09-14', { early: true, reviewType: 'both' });
    await step(paused.id, '2026-09-14', 'start');
    await step(paused.id, '2026-09-15', 'return', { note: '缺材料' });
    await step(paused.id, '2026-09-18', 'resubmit');
    await step(paused.id, '2026-10-12', 'opinion');
    // open and overdue at the end of October: 09-30 + 15 = 10-27
    f.setToday('2026-09-30');
    await add('超期在办', '2026-09-30');
    // received after the period: ignored
    f.setToday('2026-11-02');
    await add('下期收件', '2026-11-02');
    // reviews created in the period, with findings (one dismissed) by department
    f.clock.t = Date.parse('2026-09-15T02:00:00Z');
    const r1 = await f.store.createReview(sampleReview(), { department: '区市场监管局' }, users.reviewer.id);
    const r2 = await f.store.createReview(sampleReview(), { department: '区商务局' }, users.reviewer.id);
    await f.store.updateFinding(r1.id, 'f2', { action: 'dismiss', reason: '合法' }, users.reviewer.id);
    for (const [id, fid] of [[r1.id, 'f1'], [r2.id, 'f1'], [r2.id, 'f2']] as const) await f.store.updateFinding(id, fid, { action: 'confirm' }, users.reviewer.id);
    for (const id of [r1.id, r2.id]) {
      await f.store.setConclusion(id, { conclusion: '修改后可以出台' }, users.reviewer.id);
      await f.store.signOff(id, users.chief.id);
    }
    f.clock.t = Date.parse('2026-11-05T02:00:00Z'); // a review outside the period
    await f.store.createReview(sampleReview(), { department: '区教育局' }, users.reviewer.id);

    f.setToday('2026-11-05');
    const period = periodOf('bimonthly', 2026, 5);
    report = buildPeriodReport({
      period,
      asOf: f.desk.today(),
      requests: await desk.requestsUpTo(period.to),
      findings: await desk.findingsBetween(period.from, period.to),
      calendar: await desk.calendar(),
      campaign: { name: '2026年烦企扰民专项清理', total: 40, decided: 10, byDecision: { 继续有效: 6, 修改: 3, 废止: 1 } },
    });
  });
  afterAll(() => f.close());

  it('counts received, closed, overdue and the priority share', () => {
    expect(report.received).toBe(3);
    expect(report.receivedByType).toEqual({ legality: 1, fair: 1, both: 1 });
    expect(report.priorityReceived).toBe(1);
    expect(report.priorityShare).toBe(33.3);
    expect(report.earlyReceived).toBe(1);
    expect(report.closed).toBe(3);
    expect(report.closedLate).toBe(1);
    expect(report.closedOnTime).toBe(2);
    expect(report.openAtEnd).toBe(1);
    expect(report.openOverdue).toBe(1);
    expect(report.overdue).toBe(2);
  });

  it('averages the working days to close, pauses left out', () => {
    // 13 (08-20→09-08), 7 (09-01→09-10), 13 (09-14→10-12: 09-16…18 paused; 中秋, 国庆 off; Sunday 09-20 and Saturday 10-10 worked)
    expect(report.averageDaysToClose).toBe(11);
  });

  it('takes confirmed findings by category and department from the reviews signed off in the period (dismissed left out)', () => {
    expect(report.reviews).toBe(2);
    expect(report.confirmedFindings).toBe(3);
    expect(report.precheck).toEqual({ reviews: 2, findings: 3 });
    expect(report.findingsByCategory).toEqual([{ category: '限制市场准入和退出', count: 3 }]);
    expect(report.topDepartments).toEqual([
      { department: '区商务局', count: 2, reviews: 1 },
      { department: '区市场监管局', count: 1, reviews: 1 },
    ]);
  });

  it('writes the Markdown document with the campaign figures', () => {
    const md = periodReportMarkdown(report);
    expect(md).toContain('# 行政规范性文件审查工作2026年9—10月双月报告');
    expect(md).toContain('| 收件 | 3 |');
    expect(md).toContain('| 其中优先审查 | 1（33.3%） |');
    expect(md).toContain('| 超期合计 | 2 |');
    expect(md).toContain('| 限制市场准入和退出 | 3 |');
    expect(md).toContain('本期经审查签发的文件 2 件（同一文件或同一送审件只计一次），经审查人员确认的问题 3 个。');
    expect(md).toContain('机器初筛参考数（未经人工确认）：本期建立预审记录 2 件，机器提示问题 3 个');
    expect(md).toContain('清理文件 40 件，已作出结论 10 件（25%）');
    expect(md).toContain('- 修改：3 件');
  });

  it('quarterly and annual summaries come from the same builder', async () => {
    const q = periodOf('quarterly', 2026, 3);
    const quarterly = buildPeriodReport({ period: q, asOf: '2026-11-05', requests: await f.desk.requestsUpTo(q.to), findings: await f.desk.findingsBetween(q.from, q.to), calendar: await f.desk.calendar() });
    expect(quarterly.received).toBe(4); // 08-20, 09-01, 09-14, 09-30
    expect(quarterly.campaign).toBeNull();
    expect(periodReportMarkdown(quarterly)).toContain('尚未建立专项清理清单');
  });
});

describe('the headline figures of a period with test uploads, duplicates and pending pre-checks', () => {
  let f: DeskFixture;
  let report: PeriodReport;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await deskFixture('2026-09-10');
    const { store, desk, users } = f;
    /** A record of original `file` (stored by hash) with `confirm` findings confirmed (the rest dismissed), signed or not. */
    const make = async (name: string, file: string, department: string, confirm: number, sign: boolean) => {
      const { hash } = await store.putDocument({ bytes: new TextEncoder().encode(file), fileName: `${name}.txt` }, users.reviewer.id);
      const r = await store.createReview(sampleReview(), { department, documentHash: hash }, users.reviewer.id);
      if (sign) {
        for (const [i, fid] of ['f1', 'f2'].entries()) await store.updateFinding(r.id, fid, i < confirm ? { action: 'confirm' } : { action: 'dismiss', reason: '不构成问题' }, users.reviewer.id);
        await store.setConclusion(r.id, { conclusion: '修改后可以出台' }, users.reviewer.id);
        await store.signOff(r.id, users.chief.id);
      }
      f.clock.t += 3600_000;
      ids[name] = r.id;
      return r.id;
    };
    await make('x-first', '文件甲', '区教育局', 1, true); // same original as x-again: counted once, the later one
    await make('x-again', '文件甲', '区教育局', 2, true);
    await make('test', '测试稿', '（测试）', 2, true); // signed, then voided: left out
    await store.voidReview(ids['test'] as string, { reason: '测试数据' }, users.chief.id);
    await make('pending', '待审稿', '区商务局', 0, false); // a pre-check nobody handled: raw figures only
    const request = await desk.createRequest({ department: '区发改局', title: '同一送审件', reviewType: 'legality' }, users.reviewer.id);
    const v1 = await make('v1', '第一稿', '区发改局', 2, true); // two drafts of one request: counted once, the later one
    const v2 = await make('v2', '第二稿', '区发改局', 1, true);
    for (const id of [v1, v2]) await desk.linkReview(request.id, id, users.reviewer.id);
    const period = periodOf('bimonthly', 2026, 5);
    report = buildPeriodReport({ period, asOf: '2026-11-05', requests: await desk.requestsUpTo(period.to), findings: await desk.findingsBetween(period.from, period.to), calendar: await desk.calendar() });
  });
  afterAll(() => f.close());

  it('counts only confirmed findings of signed-off, non-voided reviews, one document once', () => {
    expect(report.reviews).toBe(2); // 文件甲 (x-again) and the request (v2)
    expect(report.confirmedFindings).toBe(3); // x-again 2 + v2 1
    expect(report.findingsByCategory).toEqual([{ category: '限制市场准入和退出', count: 3 }]);
    expect(report.topDepartments).toEqual([
      { department: '区教育局', count: 2, reviews: 1 },
      { department: '区发改局', count: 1, reviews: 1 },
    ]);
  });

  it('shows the raw pre-check figures apart, without the voided test upload', () => {
    // x-first, x-again, pending, v1, v2 (test voided): findings not dismissed 1 + 2 + 2 (open) + 2 + 1
    expect(report.precheck).toEqual({ reviews: 5, findings: 8 });
  });

  it('drops when a counted review is voided', async () => {
    await f.store.voidReview(ids['x-again'] as string, { reason: '误签' }, f.users.chief.id);
    const period = periodOf('bimonthly', 2026, 5);
    const after = buildPeriodReport({ period, asOf: '2026-11-05', requests: [], findings: await f.desk.findingsBetween(period.from, period.to), calendar: await f.desk.calendar() });
    expect(after.reviews).toBe(2); // 文件甲 now counted by x-first
    expect(after.confirmedFindings).toBe(2); // x-first 1 + v2 1
  });
});
