/** The campaign's progress reaches the desk's period report (双月报告) through campaignProgressInPeriod. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaignProgressInPeriod } from '../../src/cleanup/report-input.js';
import { DeskStore } from '../../src/desk/desk-store.js';
import { periodOf, periodReportMarkdown } from '../../src/desk/period-report.js';
import { periodReportFor } from '../../src/server/desk/desk-shared.js';
import { cleanupFixture, row } from './helpers.js';

describe('the campaign in the period report', () => {
  let fx: Awaited<ReturnType<typeof cleanupFixture>>;
  beforeEach(async () => {
    fx = await cleanupFixture();
  });
  afterEach(() => fx.close());

  it('is absent until there is an inventory, then counts the decisions of the period', async () => {
    const period = periodOf('bimonthly', 2026, 6); // 2026年11—12月
    expect(await campaignProgressInPeriod(fx.store.db, period)).toBeUndefined();

    fx.clock.t = Date.parse('2026-11-02T02:00:00Z');
    const { campaign } = await fx.cleanup.importInventory({ campaign: '2026年烦企扰民专项清理', deadline: '2026-12-31', rows: [1, 2, 3, 4].map((n) => row(n)) }, fx.users.reviewer.id);
    const ids = (await fx.cleanup.listItems(campaign.id)).map((i) => i.id);
    fx.clock.t = Date.parse('2026-10-20T02:00:00Z'); // before the period: not counted as decided in it
    await fx.cleanup.decide(ids[0] as number, { decision: 'keep' }, fx.users.reviewer.id);
    fx.clock.t = Date.parse('2026-11-20T02:00:00Z');
    await fx.cleanup.decide(ids[1] as number, { decision: 'repeal', reason: '上位法已废止' }, fx.users.reviewer.id);
    await fx.cleanup.decide(ids[2] as number, { decision: 'amend', reason: '删除指定检测机构' }, fx.users.reviewer.id);

    const progress = await campaignProgressInPeriod(fx.store.db, period);
    expect(progress).toEqual({ name: '2026年烦企扰民专项清理', total: 4, decided: 2, byDecision: { 继续有效: 0, 修改: 1, 废止: 1, 宣布失效: 0 } });

    fx.clock.t = Date.parse('2026-12-31T02:00:00Z');
    const markdown = periodReportMarkdown(await periodReportFor(new DeskStore(fx.store), period));
    expect(markdown).toContain('2026年烦企扰民专项清理：清理文件 4 件，已作出结论 2 件（50%）');
    expect(markdown).toContain('- 废止：1 件');
  });
});
