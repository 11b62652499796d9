import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/tabular/csv.js';
import { RESULT_HEADER, resultCsv, resultXlsx } from '../../src/cleanup/export.js';
import { campaignProgress } from '../../src/cleanup/period-progress.js';
import { PrecheckRunner } from '../../src/cleanup/runner.js';
import { exceljsReader, exceljsWriter } from '../../src/node/xlsx.js';
import { ruleSet } from '../server/helpers.js';
import { cleanupFixture, row, utf8 } from './helpers.js';

const TEXT = `关于支持童装企业做大做强的若干意见
湖吴政发〔2021〕15号
一、支持企业做大做强
（一）对新落户企业，按其区级地方综合贡献的80%给予奖励。
（二）支持企业参加展会。
二、本意见自印发之日起施行，有效期5年。
`;

describe('decisions, progress per department, export', () => {
  let fx: Awaited<ReturnType<typeof cleanupFixture>>;
  let campaignId: number;
  let ids: number[];
  beforeEach(async () => {
    fx = await cleanupFixture();
    // three in 区经信局 (odd), two in 区商务局 (even)
    const rows = [1, 2, 3, 4, 5].map((n) => row(n));
    rows[0] = { ...rows[0]!, title: '关于支持童装企业做大做强的若干意见', docNumber: '湖吴政发〔2021〕15号' };
    campaignId = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', deadline: '2026-12-31', rows }, fx.users.reviewer.id)).campaign.id;
    ids = (await fx.cleanup.listItems(campaignId)).sort((a, b) => a.sourceRow - b.sourceRow).map((i) => i.id);
  });
  afterEach(() => fx.close());

  async function precheckFirst() {
    await fx.cleanup.attachTexts(campaignId, [{ fileName: '湖吴政发〔2021〕15号.txt', bytes: utf8(TEXT) }], fx.users.reviewer.id);
    await new PrecheckRunner({ store: fx.store, ruleSet: ruleSet() }, { pause: async () => undefined }).drain();
    return fx.cleanup.requireItem(ids[0] as number);
  }

  it('records a decision with reason and clauses from the review, audited', async () => {
    const item = await precheckFirst();
    const finding = (await fx.store.getReview(item.reviewId as string))?.findings.find((f) => f.quote.includes('地方综合贡献'));
    expect(finding).toBeDefined();
    const d = await fx.cleanup.decide(item.id, { decision: 'amend', reason: '奖励与地方综合贡献挂钩', clauses: [finding!.clauseId, '一、（二）'] }, fx.users.reviewer.id);
    expect(d).toMatchObject({ decision: 'amend', decisionReason: '奖励与地方综合贡献挂钩', decidedBy: fx.users.reviewer.id, decidedByName: '李伟' });
    expect(d.decisionClauses).toEqual([{ id: finding!.clauseId, path: '一、（一）' }, { id: expect.any(String), path: '一、（二）' }]);
    const audit = (await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.decide' })).items[0];
    expect(audit).toMatchObject({ userId: fx.users.reviewer.id, target: `cleanup-item:${item.id}`, detail: { decision: 'amend', previous: null, clauses: ['一、（一）', '一、（二）'] } });
    // deciding again replaces it and the audit keeps both
    await fx.cleanup.decide(item.id, { decision: 'repeal', reason: '已被新政策取代' }, fx.users.chief.id);
    expect((await fx.cleanup.requireItem(item.id)).decisionClauses).toEqual([]);
    expect((await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.decide' })).total).toBe(2);
  });

  it.each<[string, Parameters<typeof fx.cleanup.decide>[1], RegExp]>([
    ['修改 without a reason', { decision: 'amend', reason: '  ' }, /结论为“修改”时必须填写理由/],
    ['废止 without a reason', { decision: 'repeal' }, /“废止”时必须填写理由/],
    ['宣布失效 without a reason', { decision: 'invalid', reason: '' }, /“宣布失效”时必须填写理由/],
    ['clauses before any pre-check', { decision: 'keep', clauses: ['一、'] }, /还没有预审结果/],
    ['an unknown decision', { decision: 'maybe' as never, reason: 'x' }, /只能是/],
  ])('refuses %s and changes nothing', async (_name, input, message) => {
    await expect(fx.cleanup.decide(ids[1] as number, input, fx.users.reviewer.id)).rejects.toThrow(message);
    expect((await fx.cleanup.requireItem(ids[1] as number)).decision).toBeNull();
  });

  it('refuses a clause the review does not have', async () => {
    const item = await precheckFirst();
    await expect(fx.cleanup.decide(item.id, { decision: 'amend', reason: 'x', clauses: ['第九十九条'] }, fx.users.reviewer.id)).rejects.toThrow(/没有条款 第九十九条/);
  });

  it('keeps 继续有效 without a reason; only reviewers and chiefs decide', async () => {
    await expect(fx.cleanup.decide(ids[1] as number, { decision: 'keep' }, fx.users.reviewer.id)).resolves.toMatchObject({ decision: 'keep', decisionReason: null });
    await expect(fx.cleanup.decide(ids[2] as number, { decision: 'keep' }, fx.users.admin.id)).rejects.toThrow(/只有科员或科长/);
  });

  it('tracks progress per department against the deadline, overdue once it passes', async () => {
    await fx.cleanup.decide(ids[0] as number, { decision: 'keep' }, fx.users.reviewer.id); // 经信
    await fx.cleanup.decide(ids[2] as number, { decision: 'repeal', reason: '过时' }, fx.users.reviewer.id); // 经信
    await fx.cleanup.decide(ids[1] as number, { decision: 'invalid', reason: '失效' }, fx.users.reviewer.id); // 商务
    await fx.cleanup.decide(ids[3] as number, { decision: 'amend', reason: '改' }, fx.users.reviewer.id); // 商务
    let p = await fx.cleanup.progress(campaignId);
    // the store's clock: 2026-12-01 10:00 China time
    expect(p).toMatchObject({ daysLeft: 30, total: 5, decided: 4, undecided: 1, byDecision: { keep: 1, amend: 1, repeal: 1, invalid: 1 } });
    expect(p.departments).toEqual([
      { department: '区经信局', total: 3, prechecked: 0, decided: 2, undecided: 1, byDecision: { keep: 1, amend: 0, repeal: 1, invalid: 0 }, overdue: false },
      { department: '区商务局', total: 2, prechecked: 0, decided: 2, undecided: 0, byDecision: { keep: 0, amend: 1, repeal: 0, invalid: 1 }, overdue: false },
    ]);
    fx.clock.t = Date.parse('2027-01-02T02:00:00Z');
    p = await fx.cleanup.progress(campaignId);
    expect(p.daysLeft).toBe(-2);
    expect(p.departments.map((d) => [d.department, d.overdue])).toEqual([['区经信局', true], ['区商务局', false]]);
  });

  it('campaignProgress counts decisions within a period for the reports', async () => {
    fx.clock.t = Date.parse('2026-12-01T02:00:00Z');
    await fx.cleanup.decide(ids[0] as number, { decision: 'keep' }, fx.users.reviewer.id);
    fx.clock.t = Date.parse('2026-12-20T02:00:00Z');
    await fx.cleanup.decide(ids[1] as number, { decision: 'amend', reason: '改' }, fx.users.reviewer.id);
    fx.clock.t = Date.parse('2027-01-05T02:00:00Z');
    await fx.cleanup.decide(ids[2] as number, { decision: 'repeal', reason: '废' }, fx.users.reviewer.id);

    const all = await campaignProgress(fx.store.db);
    expect(all).toMatchObject({ total: 5, decided: 3, undecided: 2, byDecision: { keep: 1, amend: 1, repeal: 1, invalid: 0 } });
    expect(all.campaigns).toEqual([{ id: campaignId, name: '2026年专项清理', deadline: '2026-12-31', total: 5, decided: 3, undecided: 2 }]);

    const dec = await campaignProgress(fx.store.db, { from: '2026-12-10', to: '2026-12-31' });
    expect(dec).toMatchObject({ from: '2026-12-10', to: '2026-12-31', total: 5, decided: 1, byDecision: { keep: 0, amend: 1, repeal: 0, invalid: 0 }, undecided: 3 });
    expect(dec.departments.map((d) => [d.department, d.total, d.decided, d.undecided])).toEqual([['区经信局', 3, 0, 2], ['区商务局', 2, 1, 1]]);
    // China time: a decision at 2027-01-05 10:00 belongs to that local day
    expect((await campaignProgress(fx.store.db, { from: '2027-01-05', to: '2027-01-05' })).byDecision.repeal).toBe(1);
    await expect(campaignProgress(fx.store.db, { from: '2026/12/01' })).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('exports the result list as CSV (BOM, UTF-8) and .xlsx, both read back the same', async () => {
    const item = await precheckFirst();
    await fx.cleanup.decide(item.id, { decision: 'amend', reason: '奖励与"地方贡献"挂钩，须修改', clauses: ['一、（一）'] }, fx.users.reviewer.id);
    await fx.cleanup.decide(ids[1] as number, { decision: 'keep' }, null);
    const items = await fx.cleanup.listItems(campaignId);

    const csv = resultCsv(items);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const back = parseCsv(csv).map((r) => r.cells);
    expect(back[0]).toEqual([...RESULT_HEADER]);
    expect(back).toHaveLength(6);
    const amended = back.find((r) => r[2] === '湖吴政发〔2021〕15号');
    expect(amended).toEqual([
      expect.any(String), '关于支持童装企业做大做强的若干意见', '湖吴政发〔2021〕15号', '吴兴区人民政府', '2024-01-02', '', '5年', '2029-01-01', '未过', '区经信局', '已预审', String(item.findingCount),
      '一致', '修改', '奖励与"地方贡献"挂钩，须修改', '一、（一）', '', '李伟', '2026-12-01 10:00',
    ]);
    expect(back.find((r) => r[2] === row(2).docNumber)?.slice(10, 18)).toEqual(['未上传正文', '', '', '继续有效', '', '', '', '命令行']);

    const campaign = await fx.cleanup.requireCampaign(campaignId);
    const xlsx = await resultXlsx(exceljsWriter, campaign, items);
    const sheet = await exceljsReader.readFirstSheet(xlsx);
    const cells = sheet.map((r) => r.cells.map((c) => (c === null ? '' : String(c))));
    // CSV and .xlsx carry the same table (trailing empty cells aside)
    expect(cells.map((r) => r.join('|').replace(/\|+$/, ''))).toEqual(back.map((r) => r.join('|').replace(/\|+$/, '')));
  });
});
