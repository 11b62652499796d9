/**
 * The reviewer's conclusion and inherited decisions in the store: a conclusion only from the
 * list, audited, kept once signed, required for sign-off; decisions carried over from an earlier
 * review land on open findings only, keep a dismissal's reason, are marked 继承 and audited, and
 * the mark goes when the reviewer decides again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/types.js';
import { memoryStore, sampleReview, withUsers, type Fixture } from './helpers.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await memoryStore();
});
afterEach(() => fx.close());

async function refusal(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the conclusion of a review', () => {
  it('is one of the list, chosen by the reviewer, audited, cleared with null, and required before sign-off', async () => {
    const { reviewer, chief, admin } = await withUsers(fx.store);
    const rec = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);
    expect(rec.conclusion).toBeNull();
    expect((await refusal(fx.store.setConclusion(rec.id, { conclusion: '大概合法' }, reviewer.id))).message).toContain('审查结论只能是');
    await fx.store.setConclusion(rec.id, { conclusion: '不合法，不得出台' }, reviewer.id);
    expect(await fx.store.getReviewRecord(rec.id)).toMatchObject({ conclusion: '不合法，不得出台', conclusionByName: '李伟', conclusionAt: new Date(fx.clock.t).toISOString() });
    await fx.store.setConclusion(rec.id, { conclusion: '' }, reviewer.id);
    expect(await fx.store.getReviewRecord(rec.id)).toMatchObject({ conclusion: null, conclusionByName: null });
    for (const f of ['f1', 'f2']) await fx.store.updateFinding(rec.id, f, { action: 'confirm' }, reviewer.id);
    expect((await refusal(fx.store.signOff(rec.id, chief.id))).message).toContain('尚未选定审查结论');
    await fx.store.setConclusion(rec.id, { conclusion: '修改后可以出台' }, reviewer.id);
    expect((await fx.store.signOff(rec.id, chief.id)).conclusion).toBe('修改后可以出台');
    // signed: the conclusion stays as signed
    expect((await refusal(fx.store.setConclusion(rec.id, { conclusion: '合法，可以出台' }, chief.id))).code).toBe('CONFLICT');
    expect((await refusal(fx.store.setConclusion('missing', { conclusion: '合法，可以出台' }, chief.id))).code).toBe('NOT_FOUND');
    const audit = (await fx.store.listAudit(admin.id, { action: 'review.conclusion' })).items.map((e) => e.detail['conclusion']);
    expect(audit.sort()).toEqual(['不合法，不得出台', '修改后可以出台', null].sort());
  });
});

describe('inherited decisions', () => {
  it('land on open findings only, keep the reason, are marked and audited; deciding again clears the mark', async () => {
    const { reviewer, admin } = await withUsers(fx.store);
    const before = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);
    await fx.store.updateFinding(before.id, 'f1', { action: 'dismiss', reason: '依法设定的条件' }, reviewer.id);
    await fx.store.updateFinding(before.id, 'f2', { action: 'confirm' }, reviewer.id);
    const later = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);
    await fx.store.updateFinding(later.id, 'f2', { action: 'dismiss', reason: '本版已另行处理' }, reviewer.id);

    await expect(fx.store.inheritDecisions(later.id, before.id, [{ findingId: 'f1', status: 'dismissed', dismissReason: ' ', fromFindingId: 'f1' }], reviewer.id)).rejects.toThrow('缺少理由');
    await expect(fx.store.inheritDecisions(later.id, later.id, [], reviewer.id)).rejects.toThrow('同一审查记录');
    await expect(fx.store.inheritDecisions(later.id, 'missing', [], reviewer.id)).rejects.toThrow('没有编号为 missing');

    const n = await fx.store.inheritDecisions(
      later.id,
      before.id,
      [
        { findingId: 'f1', status: 'dismissed', dismissReason: '依法设定的条件', fromFindingId: 'f1' },
        { findingId: 'f2', status: 'confirmed', dismissReason: null, fromFindingId: 'f2' },
      ],
      reviewer.id,
    );
    expect(n).toBe(1); // f2 was decided on this version already: kept
    const detail = await fx.store.getReview(later.id);
    expect(detail?.review.previousReviewId).toBe(before.id);
    expect(detail?.findings.map((f) => [f.id, f.status, f.dismissReason, f.inheritedFrom])).toEqual([
      ['f1', 'dismissed', '依法设定的条件', `${before.id}#f1`],
      ['f2', 'dismissed', '本版已另行处理', null],
    ]);
    const audit = (await fx.store.listAudit(admin.id, { action: 'review.inherit' })).items;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ from: before.id });

    await fx.store.updateFinding(later.id, 'f1', { action: 'suggest', suggestion: '改写' }, reviewer.id);
    expect((await fx.store.getReview(later.id))?.findings[0]?.inheritedFrom).toBe(`${before.id}#f1`);
    await fx.store.updateFinding(later.id, 'f1', { action: 'confirm' }, reviewer.id);
    expect((await fx.store.getReview(later.id))?.findings[0]).toMatchObject({ status: 'confirmed', inheritedFrom: null });
  });

  it('copy the earlier review’s decided hand findings to the given words, once, audited; refuse other words or open ones', async () => {
    const { reviewer, admin } = await withUsers(fx.store);
    const before = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);
    const text = sampleReview().document.text;
    const quote = '在本镇注册的';
    const at = text.indexOf(quote);
    const mine = await fx.store.addHandFinding(before.id, { start: at, end: at + quote.length, category: '影响生产经营成本', title: '变相设定注册地条件', explanation: '以注册地为条件', suggestion: '删除注册地要求' }, reviewer.id);
    await fx.store.updateFinding(before.id, mine.id, { action: 'dismiss', reason: '上位法已有规定' }, reviewer.id);
    const second = await fx.store.addHandFinding(before.id, { start: at, end: at + 2, category: '程序与形式', title: '待定', explanation: '', suggestion: '' }, reviewer.id);
    await fx.store.updateFinding(before.id, second.id, { action: 'reopen' }, reviewer.id);
    const later = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);

    await expect(fx.store.inheritDecisions(later.id, before.id, [], reviewer.id, [{ fromFindingId: mine.id, start: at + 1, end: at + 1 + quote.length }])).rejects.toThrow('不在新版本的指定位置');
    await expect(fx.store.inheritDecisions(later.id, before.id, [], reviewer.id, [{ fromFindingId: second.id, start: at, end: at + 2 }])).rejects.toThrow('尚未处理');
    await expect(fx.store.inheritDecisions(later.id, before.id, [], reviewer.id, [{ fromFindingId: 'f1', start: at, end: at + quote.length }])).rejects.toThrow('没有手工添加的问题');
    expect((await fx.store.getReview(later.id))?.findings).toHaveLength(2); // refusals wrote nothing

    const hand = [{ fromFindingId: mine.id, start: at, end: at + quote.length }];
    expect(await fx.store.inheritDecisions(later.id, before.id, [], reviewer.id, hand)).toBe(1);
    expect(await fx.store.inheritDecisions(later.id, before.id, [], reviewer.id, hand)).toBe(0); // once only
    const copies = (await fx.store.getReview(later.id))?.findings.filter((f) => f.addedByHand) ?? [];
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ quote, start: at, status: 'dismissed', dismissReason: '上位法已有规定', title: '变相设定注册地条件', suggestion: '删除注册地要求', category: '影响生产经营成本', inheritedFrom: `${before.id}#${mine.id}` });
    expect(copies[0]?.id).not.toBe(mine.id);
    const audit = (await fx.store.listAudit(admin.id, { action: 'review.inherit' })).items;
    expect(audit.some((e) => JSON.stringify(e.detail['handFindings']) === JSON.stringify([mine.id]))).toBe(true);
  });

  it('are refused on a voided or signed review', async () => {
    const { reviewer } = await withUsers(fx.store);
    const before = await fx.store.createReview(sampleReview(), {}, reviewer.id);
    const later = await fx.store.createReview(sampleReview(), {}, reviewer.id);
    await fx.store.voidReview(later.id, { reason: '重复上传' }, reviewer.id);
    expect((await refusal(fx.store.inheritDecisions(later.id, before.id, [], reviewer.id))).message).toContain('已作废');
    expect((await fx.store.getReviewRecord(later.id))?.previousReviewId).toBeNull();
  });
});

describe('purging a voided review that a later one inherited from', () => {
  it('keeps the later review and its inherited decisions, dropping only the link', async () => {
    const { DeskStore } = await import('../../src/desk/desk-store.js');
    const { reviewer, admin } = await withUsers(fx.store);
    const before = await fx.store.createReview(sampleReview(), {}, reviewer.id);
    await fx.store.updateFinding(before.id, 'f1', { action: 'dismiss', reason: '依法设定' }, reviewer.id);
    const later = await fx.store.createReview(sampleReview(), {}, reviewer.id);
    await fx.store.inheritDecisions(later.id, before.id, [{ findingId: 'f1', status: 'dismissed', dismissReason: '依法设定', fromFindingId: 'f1' }], reviewer.id);
    await fx.store.voidReview(before.id, { reason: '测试数据' }, reviewer.id);
    fx.clock.t += 31 * 86_400_000;
    const done = await new DeskStore(fx.store, { now: () => new Date(fx.clock.t) }).purgeVoided({ olderThanDays: 30, confirm: '永久删除' }, admin.id);
    expect(done.reviews).toBe(1);
    expect(await fx.store.getReviewRecord(before.id)).toBeNull();
    const kept = await fx.store.getReview(later.id);
    expect(kept?.review.previousReviewId).toBeNull();
    expect(kept?.findings[0]).toMatchObject({ status: 'dismissed', dismissReason: '依法设定' });
  });
});
