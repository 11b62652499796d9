import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchFile } from '../../src/cleanup/match.js';
import { PrecheckRunner } from '../../src/cleanup/runner.js';
import { createReview } from '../../src/review/create-review.js';
import { setDefaultPacks } from '../../src/review/packs.js';
import { readInventory } from '../../src/cleanup/inventory.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import { ruleSet } from '../server/helpers.js';
import { cleanupFixture, row, utf8 } from './helpers.js';

const TEXTS = new URL('../../fixtures/cleanup/texts/', import.meta.url);
const textFiles = () => readdirSync(TEXTS).sort().map((n) => ({ fileName: n, bytes: new Uint8Array(readFileSync(new URL(n, TEXTS))) }));

describe('matching file names to inventory items', () => {
  const items = [
    { id: 1, title: '关于支持童装企业做大做强的若干意见', docNumber: '湖吴政发〔2021〕15号' },
    { id: 2, title: '吴兴区招商引资项目奖励办法', docNumber: '湖吴政办发〔2020〕30号' },
    { id: 3, title: '关于加强建筑市场管理的若干规定', docNumber: '吴政办发〔2020〕3号' },
    { id: 4, title: '关于加强建筑市场管理的若干规定（修订）', docNumber: '' },
    { id: 5, title: '关于开展质量提升行动的实施方案', docNumber: '' },
  ];
  it.each([
    ['湖吴政发〔2021〕15号.docx', 1, 'docNumber'],
    ['湖吴政发[2021]15号.txt', 1, 'docNumber'],
    ['湖吴政发(2021)15号 关于支持童装企业.docx', 1, 'docNumber'],
    ['湖吴政发【2021】15号.docx', 1, 'docNumber'],
    ['湖吴政办发〔2020〕30号.docx', 2, 'docNumber'],
    ['C:\\清理\\附件\\湖吴政办发[2020]30号.docx', 2, 'docNumber'],
    ['吴政办发〔2020〕3号.txt', 3, 'docNumber'],
    ['关于开展质量提升行动的实施方案.docx', 5, 'title'],
    ['关于加强建筑市场管理的若干规定（修订）.docx', 4, 'title'],
  ])('%s → item %i by %s', (name, id, by) => {
    expect(matchFile(name, items)).toEqual({ itemId: id, by });
  });

  it.each([
    ['会议纪要.txt', /找不到/],
    ['关于加强建筑市场管理.docx', /多份文件的标题/],
    ['关于加强建筑市场管理的若干规定 草稿 v2.docx', null],
    ['.txt', /为空|找不到/],
  ])('%s stays unmatched (or, for a title found whole, goes to that item)', (name, reason) => {
    const m = matchFile(name, items);
    if (reason === null) return expect(m).toEqual({ itemId: 3, by: 'title' });
    expect(m.itemId).toBeNull();
    if (m.itemId === null) expect(m.reason).toMatch(reason);
  });
});

describe('attaching texts and the pre-check runner', () => {
  let fx: Awaited<ReturnType<typeof cleanupFixture>>;
  let rules: RuleSet;
  let campaignId: number;
  beforeAll(() => {
    rules = ruleSet();
  });
  beforeEach(async () => {
    fx = await cleanupFixture();
    const rows = await readInventory(new Uint8Array(readFileSync(new URL('../../fixtures/cleanup/inventory-utf8.csv', import.meta.url))), 'inventory-utf8.csv');
    campaignId = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', deadline: '2026-12-31', rows }, fx.users.reviewer.id)).campaign.id;
  });
  afterEach(() => fx.close());
  const runner = (opts: { batchSize?: number } = {}) => new PrecheckRunner({ store: fx.store, ruleSet: rules }, { ...opts, pause: async () => undefined });

  it('matches the fixture texts, reports the unmatched one, and queues a job', async () => {
    const r = await fx.cleanup.attachTexts(campaignId, textFiles(), fx.users.reviewer.id);
    expect(r.matched.map((m) => m.title).sort()).toEqual(
      ['关于支持童装企业做大做强的若干意见', '关于进一步规范童装市场经营秩序的通知', '关于开展童装产品质量提升行动的实施方案', '关于加强建筑市场管理的若干规定', '吴兴区招商引资项目奖励办法'].sort(),
    );
    expect(r.unmatched).toEqual([{ fileName: '会议纪要（不在清单中）.txt', reason: '文件名中找不到清单里的文号或标题' }]);
    const job = await fx.cleanup.jobProgress(r.jobId as string);
    expect(job).toMatchObject({ total: 5, pending: 5, done: 0, failed: 0, finished: false });
  });

  it('pending → done: each text gets a review record with findings, opened like any review', async () => {
    const r = await fx.cleanup.attachTexts(campaignId, textFiles(), fx.users.reviewer.id);
    const result = await runner().drain();
    expect(result).toEqual({ done: 5, failed: 0 });
    expect(await fx.cleanup.jobProgress(r.jobId as string)).toMatchObject({ total: 5, done: 5, pending: 0, running: 0, finished: true });
    const items = await fx.cleanup.listItems(campaignId);
    const support = items.find((i) => i.docNumber === '湖吴政发〔2021〕15号');
    expect(support?.precheck?.state).toBe('done');
    const detail = await fx.store.getReview(support?.reviewId as string);
    expect(detail?.review).toMatchObject({ title: '关于支持童装企业做大做强的若干意见', docNumber: '湖吴政发〔2021〕15号', department: '区经信局', createdBy: fx.users.reviewer.id });
    expect(detail?.findings.some((f) => f.category === '影响生产经营成本')).toBe(true);
    expect(support?.findingCount).toBe(detail?.findings.length);
    // the .docx was read too
    const docx = items.find((i) => i.docNumber === '湖吴政办发〔2020〕30号');
    expect(docx?.reviewId).toBeTruthy();
    expect((await fx.store.getReview(docx?.reviewId as string))?.document.text).toContain('地方留成');
    // items without a text stay without a review
    expect(items.filter((i) => !i.reviewId)).toHaveLength(3);
  });

  it("runs the workbench's review: the admin's default industry packs apply (童装)", async () => {
    const reviewOfNotice = async () => {
      await fx.cleanup.attachTexts(campaignId, textFiles(), fx.users.reviewer.id);
      await runner().drain();
      const item = (await fx.cleanup.listItems(campaignId)).find((i) => i.docNumber === '吴市监〔2022〕21号');
      return fx.store.getReview(item?.reviewId as string);
    };
    const plain = await reviewOfNotice();
    expect(plain?.packs).toEqual([]);
    expect(plain?.findings.some((f) => f.rule.startsWith('tz-'))).toBe(false);

    fx.close();
    fx = await cleanupFixture();
    const rows = await readInventory(new Uint8Array(readFileSync(new URL('../../fixtures/cleanup/inventory-utf8.csv', import.meta.url))), 'inventory-utf8.csv');
    campaignId = (await fx.cleanup.importInventory({ campaign: '2026年专项清理', deadline: '2026-12-31', rows }, fx.users.reviewer.id)).campaign.id;
    await setDefaultPacks(fx.store, rules, ['tongzhuang'], fx.users.admin.id);
    const packed = await reviewOfNotice();
    expect(packed?.packs).toEqual(['tongzhuang']);
    expect(packed?.findings.filter((f) => f.rule.startsWith('tz-')).map((f) => f.rule)).toEqual(['tz-designated-testing']);
    // the same as an upload of that text on the workbench
    const same = await createReview({ ruleSet: rules }, { text: packed?.document.text ?? '', packs: ['tongzhuang'] });
    expect(same.review.findings.map((f) => f.rule)).toEqual(packed?.findings.map((f) => f.rule));
  });

  it('records a failure with the Chinese reason and goes on; retry puts it back', async () => {
    // a .txt of blank lines: accepted as text, refused by the reader for having nothing to review
    const blank = utf8('\n   \n\u3000\n');
    const r = await fx.cleanup.attachTexts(campaignId, [{ fileName: '湖吴建〔2019〕12号.txt', bytes: blank }, textFiles().find((f) => f.fileName.startsWith('湖吴政发')) as never], fx.users.reviewer.id);
    expect(r.matched).toHaveLength(2);
    const done = await runner().drain();
    expect(done).toEqual({ done: 1, failed: 1 });
    const job = await fx.cleanup.jobProgress(r.jobId as string);
    expect(job?.failures).toHaveLength(1);
    expect(job?.failures[0]).toMatchObject({ title: '关于加强建筑市场管理的若干规定', fileName: '湖吴建〔2019〕12号.txt' });
    expect(job?.failures[0]?.error).toMatch(/没有可审查的文字内容/);
    expect(await fx.cleanup.retryFailed(r.jobId as string, fx.users.reviewer.id)).toBe(1);
    expect(await fx.cleanup.jobProgress(r.jobId as string)).toMatchObject({ pending: 1, failed: 0 });
  });

  it('refuses files that cannot be texts at attach time, storing nothing for them', async () => {
    // (a PDF may be a text now: it is read by the pre-check's reader, or refused there if it is a scan)
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const r = await fx.cleanup.attachTexts(campaignId, [{ fileName: '湖吴建〔2019〕12号.png', bytes: png }, { fileName: '湖吴政发〔2021〕15号.txt', bytes: new Uint8Array() }], fx.users.reviewer.id);
    expect(r.jobId).toBeNull();
    expect(r.unmatched.map((u) => u.reason)).toEqual([expect.stringMatching(/图片/), '文件为空']);
    expect(await fx.cleanup.db.all('SELECT * FROM cleanup_jobs')).toEqual([]);
  });

  it('two files for the same document: the second is reported', async () => {
    const text = utf8('关于支持童装企业做大做强的若干意见\n一、支持。\n');
    const r = await fx.cleanup.attachTexts(campaignId, [{ fileName: '湖吴政发〔2021〕15号.txt', bytes: text }, { fileName: '湖吴政发[2021]15号 定稿.txt', bytes: text }], fx.users.reviewer.id);
    expect(r.matched).toHaveLength(1);
    expect(r.unmatched[0]?.reason).toMatch(/对应同一份文件/);
  });

  it("an item left 'running' by a stopped process resumes after a restart", async () => {
    const r = await fx.cleanup.attachTexts(campaignId, textFiles(), fx.users.reviewer.id);
    // the first process claims two items and dies before finishing them
    const first = await fx.cleanup.pendingWork(2);
    for (const w of first) expect(await fx.cleanup.claim(w)).toBe(true);
    expect(await fx.cleanup.jobProgress(r.jobId as string)).toMatchObject({ running: 2, pending: 3 });
    // nothing picks a running item up until the restart resets it
    expect((await fx.cleanup.pendingWork(10)).map((w) => w.itemId)).not.toContain(first[0]?.itemId);
    expect(await fx.cleanup.resetInterrupted()).toBe(2);
    expect(await runner().drain()).toEqual({ done: 5, failed: 0 });
    expect(await fx.cleanup.jobProgress(r.jobId as string)).toMatchObject({ done: 5, finished: true });
  });

  it('processes a 200-document batch completely, in small batches', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1, { docNumber: `吴批〔2025〕${i + 1}号`, department: `部门${i % 7}` }));
    const big = (await fx.cleanup.importInventory({ campaign: '二百件', rows }, fx.users.reviewer.id)).campaign.id;
    const files = rows.map((r, i) => ({
      fileName: `${r.docNumber}.txt`,
      bytes: utf8(`${r.title}\n${r.docNumber}\n一、${i % 3 === 0 ? '对新落户企业，按其区级地方综合贡献的80%给予奖励。' : '加强管理，依法办事。'}\n二、本通知自印发之日起施行，有效期5年。\n`),
    }));
    const r = await fx.cleanup.attachTexts(big, files, fx.users.reviewer.id);
    expect(r.matched).toHaveLength(200);
    const seen: number[] = [];
    const res = await runner({ batchSize: 5 }).drain((p) => seen.push(p.done + p.failed));
    expect(res).toEqual({ done: 200, failed: 0 });
    expect(seen.at(-1)).toBe(200);
    expect(await fx.cleanup.jobProgress(r.jobId as string)).toMatchObject({ total: 200, done: 200, finished: true });
    const items = await fx.cleanup.listItems(big);
    expect(items.every((i) => i.reviewId && i.precheck?.state === 'done')).toBe(true);
    expect(items.filter((i) => (i.findingCount ?? 0) > 0).length).toBeGreaterThanOrEqual(67);
  });

  it('kick() runs in the background and idle() waits for it', async () => {
    await fx.cleanup.attachTexts(campaignId, textFiles(), fx.users.reviewer.id);
    const bg = runner();
    bg.kick();
    bg.kick(); // a second kick while running only asks for another look
    expect(bg.busy).toBe(true);
    await bg.idle();
    expect(bg.busy).toBe(false);
    expect(await fx.cleanup.countPending()).toBe(0);
  });
});
