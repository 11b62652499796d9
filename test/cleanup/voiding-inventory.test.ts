/**
 * Issue 14, items 2 and 4 in the cleanup: 作废 of campaigns and items (hidden from lists,
 * progress and period figures, audited, purged only by the admin), the inventory read in full
 * (expiry from 发布日期/施行日期 + 有效期, 序号 and other columns kept in the export), the
 * attached text compared with its row (a decision waits for confirmation), packs per campaign.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resultTable } from '../../src/cleanup/export.js';
import { rowExpiry, textMismatches } from '../../src/cleanup/expiry.js';
import { readInventory } from '../../src/cleanup/inventory.js';
import { campaignProgress } from '../../src/cleanup/period-progress.js';
import { PrecheckRunner } from '../../src/cleanup/runner.js';
import { ruleSet } from '../server/helpers.js';
import { cleanupFixture, row, utf8 } from './helpers.js';

describe('expiry from the inventory row', () => {
  it.each<[string, { issueDate: string | null; effectiveDate?: string | null; validity: string }, string | null]>([
    ['发布日期 + 2年', { issueDate: '2021-08-01', validity: '2年' }, '2023-07-31'],
    ['施行日期 wins over 发布日期', { issueDate: '2021-08-01', effectiveDate: '2021-09-01', validity: '有效期3年' }, '2024-08-31'],
    ['两年 in words', { issueDate: '2022-01-01', validity: '两年' }, '2023-12-31'],
    ['6个月', { issueDate: '2024-03-01', validity: '6个月' }, '2024-08-31'],
    ['有效期至 a date', { issueDate: null, validity: '有效期至2026年12月31日' }, '2026-12-31'],
    ['a plain date', { issueDate: '2020-01-01', validity: '2025/6/30' }, '2025-06-30'],
    ['长期', { issueDate: '2020-01-01', validity: '长期' }, null],
    ['a duration without a start date', { issueDate: null, validity: '5年' }, null],
    ['empty', { issueDate: '2020-01-01', validity: '' }, null],
  ])('%s', (_name, r, until) => {
    expect(rowExpiry(r)?.until ?? null).toBe(until);
  });

  it('says how it was computed', () => {
    expect(rowExpiry({ issueDate: '2021-08-01', validity: '2年' })?.basis).toBe('发布日期 2021-08-01 起 2年');
  });
});

describe('the attached text against its row', () => {
  it('ignores bracket styles and draft markers, reports what differs', () => {
    expect(textMismatches({ docNumber: '吴政〔2021〕3号', title: '关于甲的通知' }, { docNumber: '吴政[2021]3号', title: '关于甲的通知（征求意见稿）' })).toEqual([]);
    expect(textMismatches({ docNumber: '吴政〔2021〕3号', title: '关于甲的通知' }, { docNumber: '吴政〔2021〕8号', title: '关于乙的通知' })).toEqual([
      { field: 'docNumber', row: '吴政〔2021〕3号', text: '吴政〔2021〕8号' },
      { field: 'title', row: '关于甲的通知', text: '关于乙的通知' },
    ]);
    // nothing read from the text: nothing to compare
    expect(textMismatches({ docNumber: '吴政〔2021〕3号', title: '关于甲的通知' }, { docNumber: null, title: null })).toEqual([]);
  });
});

describe('voiding, the inventory read in full, the text check', () => {
  let fx: Awaited<ReturnType<typeof cleanupFixture>>;
  beforeEach(async () => {
    fx = await cleanupFixture();
  });
  afterEach(() => fx.close());

  const runner = () => new PrecheckRunner({ store: fx.store, ruleSet: ruleSet() }, { pause: async () => undefined, now: () => new Date(fx.clock.t) });

  it('a voided campaign leaves the list and the period figures, is audited, comes back on restore, and only the admin purges it', async () => {
    const test = (await fx.cleanup.importInventory({ campaign: '测试清单', rows: [row(1), row(2)] }, fx.users.reviewer.id)).campaign;
    const real = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', rows: [row(3)] }, fx.users.reviewer.id)).campaign;
    await fx.cleanup.decide((await fx.cleanup.listItems(test.id))[0]!.id, { decision: 'keep' }, fx.users.reviewer.id);
    expect((await campaignProgress(fx.store.db)).total).toBe(3);

    await expect(fx.cleanup.voidCampaign(test.id, { reason: '  ' }, fx.users.chief.id)).rejects.toThrow(/作废须填写理由/);
    await expect(fx.cleanup.voidCampaign(test.id, { reason: '测试数据' }, fx.users.admin.id)).resolves.toMatchObject({ voidReason: '测试数据', voidedBy: fx.users.admin.id });
    expect((await fx.cleanup.listCampaigns()).map((c) => c.name)).toEqual(['2026年专项清理']);
    expect((await fx.cleanup.listCampaigns('only')).map((c) => c.name)).toEqual(['测试清单']);
    expect((await fx.cleanup.listCampaigns('all'))).toHaveLength(2);
    const period = await campaignProgress(fx.store.db);
    expect(period).toMatchObject({ total: 1, decided: 0 });
    expect(period.campaigns.map((c) => c.id)).toEqual([real.id]);
    // a voided campaign takes no new work and no second 作废
    await expect(fx.cleanup.importInventory({ campaign: '测试清单', rows: [row(4)] }, fx.users.reviewer.id)).rejects.toThrow(/已作废/);
    await expect(fx.cleanup.attachTexts(test.id, [{ fileName: `${row(1).docNumber}.txt`, bytes: utf8('关于测试事项1的通知\n一、正文。') }], fx.users.reviewer.id)).rejects.toThrow(/已作废/);
    await expect(fx.cleanup.voidCampaign(test.id, { reason: '再来' }, fx.users.admin.id)).rejects.toThrow(/已于/);
    const audit = (await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.void' })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: fx.users.admin.id, target: `cleanup:${test.id}`, detail: { reason: '测试数据' } });

    await fx.cleanup.restoreCampaign(test.id, fx.users.chief.id);
    expect((await campaignProgress(fx.store.db)).total).toBe(3);
    await fx.cleanup.voidCampaign(test.id, { reason: '测试数据' }, fx.users.chief.id);

    // the purge: admin only, typed phrase, only what was voided long enough ago
    await expect(fx.cleanup.purgeVoided({ olderThanDays: 1, confirm: '永久删除' }, fx.users.chief.id)).rejects.toThrow(/只有/);
    expect(await fx.cleanup.purgeVoided({ olderThanDays: 1, confirm: '永久删除' }, fx.users.admin.id)).toMatchObject({ campaigns: 0, items: 0 });
    await expect(fx.cleanup.purgeVoided({ olderThanDays: 1, confirm: '删除' }, fx.users.admin.id)).rejects.toThrow(/永久删除/);
    fx.clock.t += 2 * 86_400_000;
    expect(await fx.cleanup.purgeVoided({ olderThanDays: 1, confirm: '永久删除' }, fx.users.admin.id)).toMatchObject({ campaigns: 1, items: 2 });
    expect(await fx.cleanup.listCampaigns('all')).toHaveLength(1);
    expect((await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.purge' })).total).toBe(2);
  });

  it('a reviewer cannot void a campaign someone else imported; a voided item leaves the list, the progress and the export', async () => {
    const c = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', rows: [row(1), row(2), row(3)] }, fx.users.chief.id)).campaign;
    await expect(fx.cleanup.voidCampaign(c.id, { reason: '测试' }, fx.users.reviewer.id)).rejects.toThrow(/只有导入该清单的人员/);
    const [first] = await fx.cleanup.listItems(c.id);
    await fx.cleanup.voidItem(first!.id, { reason: '重复导入' }, fx.users.reviewer.id);
    expect((await fx.cleanup.listItems(c.id)).map((i) => i.id)).not.toContain(first!.id);
    expect((await fx.cleanup.listItems(c.id, { voided: 'only' })).map((i) => i.voidReason)).toEqual(['重复导入']);
    expect((await fx.cleanup.progress(c.id)).total).toBe(2);
    await expect(fx.cleanup.decide(first!.id, { decision: 'keep' }, fx.users.reviewer.id)).rejects.toThrow(/已作废/);
    expect((await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.void.item' })).items[0]).toMatchObject({ target: `cleanup-item:${first!.id}`, detail: { reason: '重复导入' } });
    await fx.cleanup.restoreItem(first!.id, fx.users.reviewer.id);
    expect((await fx.cleanup.progress(c.id)).total).toBe(3);
  });

  it('reads 施行日期 and keeps 序号 and the other columns for the export; flags the expired row with its date', async () => {
    const csv = '序号,标题,文号,发布日期,施行日期,有效期,责任单位,备注\r\n'
      + '7,关于甲的通知,吴政〔2021〕3号,2021-08-01,,2年,区经信局,已报备\r\n'
      + '8,关于乙的通知,吴政〔2025〕4号,2025-01-02,2025-02-01,3年,区商务局,\r\n';
    const rows = await readInventory(utf8(csv), '清单.csv');
    expect(rows[1]).toMatchObject({ effectiveDate: '2025-02-01', extras: [['序号', '8'], ['备注', '']] });
    const c = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', rows }, fx.users.reviewer.id)).campaign;
    const items = await fx.cleanup.listItems(c.id);
    // the fixture clock is 2026-12-01
    expect(items.map((i) => [i.title, i.expiry?.until, i.expired])).toEqual([
      ['关于乙的通知', '2028-01-31', false],
      ['关于甲的通知', '2023-07-31', true],
    ]);
    expect((await fx.cleanup.listItems(c.id, { expired: true })).map((i) => i.title)).toEqual(['关于甲的通知']);
    const t = resultTable(items);
    expect(t.header.slice(0, 11)).toEqual(['序号', '标题', '文号', '制定机关', '发布日期', '施行日期', '有效期', '有效期至', '是否已过有效期', '责任单位', '备注']);
    expect(t.rows.map((r) => [r[0], r[7], r[8], r[10]])).toEqual([
      ['8', '2028-01-31', '未过', ''],
      ['7', '2023-07-31', '已过有效期', '已报备'],
    ]);
  });

  it('an attached text whose 文号 and title differ from the row waits for a person to confirm before a decision', async () => {
    const c = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', rows: [row(1, { title: '关于甲的通知', docNumber: '吴政〔2021〕3号' })] }, fx.users.reviewer.id)).campaign;
    const [item] = await fx.cleanup.listItems(c.id);
    const text = '关于乙的通知\n吴政〔2021〕8号\n一、本通知自印发之日起施行。\n';
    await fx.cleanup.attachTexts(c.id, [{ fileName: '正文.txt', bytes: utf8(text) }], fx.users.reviewer.id, { itemId: item!.id });
    await runner().drain();
    const checked = await fx.cleanup.requireItem(item!.id);
    expect(checked.text).toMatchObject({ docNumber: '吴政〔2021〕8号', title: '关于乙的通知' });
    expect(checked.mismatches.map((m) => m.field)).toEqual(['docNumber', 'title']);
    await expect(fx.cleanup.decide(item!.id, { decision: 'keep' }, fx.users.reviewer.id)).rejects.toThrow(/正文文号“吴政〔2021〕8号”与清单“吴政〔2021〕3号”不一致.*请先核对并确认/);
    expect((await fx.cleanup.requireItem(item!.id)).decision).toBeNull();
    expect(resultTable([checked]).rows[0]).toContain('正文文号“吴政〔2021〕8号”与清单“吴政〔2021〕3号”不一致；正文标题“关于乙的通知”与清单“关于甲的通知”不一致（待确认）');

    await fx.cleanup.confirmText(item!.id, fx.users.reviewer.id);
    const d = await fx.cleanup.decide(item!.id, { decision: 'repeal', reason: '已被新文件取代', basis: '《优化营商环境条例》第六十四条' }, fx.users.reviewer.id);
    expect(d).toMatchObject({ decision: 'repeal', decisionBasis: '《优化营商环境条例》第六十四条', textConfirmedByName: '李伟' });
    expect((await fx.store.listAudit(fx.users.admin.id, { action: 'cleanup.confirm' })).total).toBe(1);
    // a text that matches needs nothing
    await expect(fx.cleanup.confirmText(item!.id, fx.users.reviewer.id)).resolves.toBeDefined();
  });

  it('runs the campaign\'s own packs, else the admin\'s default, and refuses an unknown pack', async () => {
    const rs = ruleSet();
    const pack = rs.packs[0];
    expect(pack).toBeDefined();
    const c = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', rows: [row(1)] }, fx.users.reviewer.id)).campaign;
    expect(c.packs).toBeNull();
    await expect(fx.cleanup.setPacks(c.id, ['no-such-pack'], rs, fx.users.chief.id)).rejects.toThrow(/没有这个规则包/);
    await expect(fx.cleanup.setPacks(c.id, [pack!.name], rs, fx.users.reviewer.id)).rejects.toThrow(/只有/);
    expect((await fx.cleanup.setPacks(c.id, [pack!.name], rs, fx.users.chief.id)).packs).toEqual([pack!.name]);
    const [item] = await fx.cleanup.listItems(c.id);
    await fx.cleanup.attachTexts(c.id, [{ fileName: '正文.txt', bytes: utf8('关于测试事项1的通知\n一、本通知自印发之日起施行。\n') }], fx.users.reviewer.id, { itemId: item!.id });
    await runner().drain();
    const review = await fx.store.getReview((await fx.cleanup.requireItem(item!.id)).reviewId!);
    expect(review?.packs).toEqual([pack!.name]);
    expect((await fx.cleanup.setPacks(c.id, null, rs, fx.users.admin.id)).packs).toBeNull();
  });
});
