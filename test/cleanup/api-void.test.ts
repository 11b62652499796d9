/**
 * The same rules over the JSON API as on the pages: 作废 of a campaign and an item with a reason
 * (refused without one), the voided filter, a mismatched text confirmed before a decision, the
 * legal basis saved, packs chosen per campaign, and the admin's purge counting cleanup data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CleanupStore } from '../../src/cleanup/cleanup-store.js';
import { PrecheckRunner } from '../../src/cleanup/runner.js';
import { jiebaSegmenter } from '../../src/node/jieba-segmenter.js';
import { asBrowser, JSON_TYPE, ruleSet, signIn, testApp, type Browser, type TestApp } from '../server/helpers.js';
import { row, utf8 } from './helpers.js';

describe('cleanup 作废 and the text check over the API', () => {
  let t: TestApp;
  let reviewer: Browser;
  let chief: Browser;
  let admin: Browser;
  let campaignId: number;
  let itemId: number;
  const json = (b: Browser, method: string, body?: unknown) => ({ method, headers: asBrowser(b, JSON_TYPE), ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    t = await testApp({ ruleSet: ruleSet(), segmenter: jiebaSegmenter() });
    [reviewer, chief, admin] = [await signIn(t, 'liwei'), await signIn(t, 'wangfang'), await signIn(t, 'admin')];
    const cleanup = new CleanupStore(t.store);
    campaignId = (await cleanup.importInventory({ campaign: 'API 测试', rows: [row(1, { title: '关于甲的通知', docNumber: '吴政〔2021〕3号' }), row(2)] }, t.users.reviewer.id)).campaign.id;
    itemId = (await cleanup.listItems(campaignId)).find((i) => i.docNumber === '吴政〔2021〕3号')!.id;
    await cleanup.attachTexts(campaignId, [{ fileName: '正文.txt', bytes: utf8('关于乙的通知\n吴政〔2021〕8号\n一、本通知自印发之日起施行。\n') }], t.users.reviewer.id, { itemId });
    await new PrecheckRunner({ store: t.store, ruleSet: ruleSet() }, { pause: async () => undefined }).drain();
  }, 60_000);
  afterAll(() => t.close());

  it('a mismatched text answers 409 to a decision until confirmed; the basis is kept', async () => {
    const item = (await (await t.app.request(`/api/cleanup/items/${itemId}`, { headers: asBrowser(reviewer) })).json()) as { mismatches: { field: string }[]; textConfirmedAt: string | null };
    expect(item.mismatches.map((m) => m.field)).toEqual(['docNumber', 'title']);
    const refused = await t.app.request(`/api/cleanup/items/${itemId}/decision`, json(reviewer, 'PUT', { decision: 'keep' }));
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/请先核对并确认/);
    expect((await t.app.request(`/api/cleanup/items/${itemId}/confirm-text`, json(reviewer, 'POST', {}))).status).toBe(200);
    const decided = await t.app.request(`/api/cleanup/items/${itemId}/decision`, json(reviewer, 'PUT', { decision: 'repeal', reason: '已被取代', basis: '《优化营商环境条例》第六十四条' }));
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ decision: 'repeal', decisionBasis: '《优化营商环境条例》第六十四条' });
  });

  it('chooses packs per campaign (chief or admin), refusing unknown names', async () => {
    const pack = ruleSet().packs[0]!.name;
    expect((await t.app.request(`/api/cleanup/campaigns/${campaignId}/packs`, json(reviewer, 'PUT', { packs: [pack] }))).status).toBe(403);
    expect((await t.app.request(`/api/cleanup/campaigns/${campaignId}/packs`, json(chief, 'PUT', { packs: ['nope'] }))).status).toBe(400);
    const ok = await t.app.request(`/api/cleanup/campaigns/${campaignId}/packs`, json(chief, 'PUT', { packs: [pack] }));
    expect(await ok.json()).toMatchObject({ packs: [pack] });
  });

  it('voids an item and the campaign with a reason; the voided filter shows them; the admin purge counts them', async () => {
    const other = ((await (await t.app.request(`/api/cleanup/campaigns/${campaignId}/items`, { headers: asBrowser(reviewer) })).json()) as { items: { id: number }[] }).items.find((i) => i.id !== itemId)!;
    expect((await t.app.request(`/api/cleanup/items/${other.id}/void`, json(reviewer, 'POST', {}))).status).toBe(400);
    expect((await t.app.request(`/api/cleanup/items/${other.id}/void`, json(reviewer, 'POST', { reason: '重复导入' }))).status).toBe(200);
    const list = async (q: string) => ((await (await t.app.request(`/api/cleanup/campaigns/${campaignId}/items${q}`, { headers: asBrowser(reviewer) })).json()) as { total: number }).total;
    expect([await list(''), await list('?voided=only'), await list('?voided=all')]).toEqual([1, 1, 2]);

    expect((await t.app.request(`/api/cleanup/campaigns/${campaignId}/void`, json(reviewer, 'POST', { reason: '测试数据' }))).status).toBe(200); // the reviewer imported it
    const campaigns = async (q: string) => ((await (await t.app.request(`/api/cleanup/campaigns${q}`, { headers: asBrowser(chief) })).json()) as { total: number }).total;
    expect([await campaigns(''), await campaigns('?voided=only')]).toEqual([0, 1]);
    expect((await t.app.request(`/api/cleanup/campaigns${'?voided=maybe'}`, { headers: asBrowser(chief) })).status).toBe(400);

    t.clock.t += 3 * 86_400_000;
    // sessions do not last three days: sign in again
    [admin, chief] = [await signIn(t, 'admin'), await signIn(t, 'wangfang')];
    const purge = await t.app.request('/api/admin/purge', json(admin, 'POST', { olderThanDays: 1, confirm: '永久删除' }));
    expect(purge.status).toBe(200);
    expect(await purge.json()).toMatchObject({ campaigns: 1, cleanupItems: 2 });
    expect(await campaigns('?voided=all')).toBe(0);
  });
});
