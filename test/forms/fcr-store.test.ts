/** The 公平竞争审查表's storage (migration 64): one form per review, a disabled account refused, a voided review locked, the admin's purge takes the form with the review. */
import { describe, expect, it } from 'vitest';
import { DeskStore } from '../../src/desk/desk-store.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { fcrStandards } from '../../src/opinion/fcr-form.js';
import { FcrFormStore } from '../../src/opinion/fcr-form-store.js';
import { memoryStore, sampleReview, withUsers } from '../store/helpers.js';

const standards = fcrStandards(loadRuleSet().corpus.laws);
const form = (note: string) => ({ boxes: { '第八条（三）': { involved: true, note } }, conclusion: '' });

describe('FcrFormStore', () => {
  it('keeps one form per review, overwritten by the next save, each save audited', async () => {
    const fx = await memoryStore();
    const users = await withUsers(fx.store);
    const rec = await fx.store.createReview(sampleReview(), { title: '测试', department: '区经信局' }, users.reviewer.id);
    const forms = new FcrFormStore(fx.store);
    expect(await forms.get(rec.id)).toBeNull();
    await forms.save(rec.id, form('第一次'), standards, users.reviewer.id);
    const second = await forms.save(rec.id, form('第二次'), standards, users.chief.id);
    expect(second.values.boxes['第八条（三）']).toEqual({ involved: true, note: '第二次' });
    expect(second.updatedByName).toBe('王芳');
    expect((await fx.store.db.first<{ n: number }>('SELECT count(*) AS n FROM fcr_forms'))?.n).toBe(1);
    const audit = await fx.store.listAudit(users.admin.id, { action: 'review.fcr_form' });
    expect(audit.items.map((a) => a.detail['involved'])).toEqual([['第八条（三）'], ['第八条（三）']]);
    // a command-line save is marked so
    await forms.save(rec.id, form('命令行'), standards, null);
    expect((await fx.store.listAudit(users.admin.id, { action: 'review.fcr_form' })).items[0]?.detail['via']).toBe('cli');
    fx.close();
  });

  it('refuses a disabled account, an unknown review and a voided one, keeping the stored form', async () => {
    const fx = await memoryStore();
    const users = await withUsers(fx.store);
    const rec = await fx.store.createReview(sampleReview(), { title: '测试', department: '区经信局' }, users.reviewer.id);
    const forms = new FcrFormStore(fx.store);
    await forms.save(rec.id, form('保留'), standards, users.reviewer.id);
    await expect(forms.save('nope', form('x'), standards, users.reviewer.id)).rejects.toThrow('没有这条审查记录');
    await fx.store.setDisabled(users.chief.id, true, users.admin.id);
    await expect(forms.save(rec.id, form('x'), standards, users.chief.id)).rejects.toThrow('账号不存在或已停用');
    await fx.store.voidReview(rec.id, { reason: '测试数据' }, users.reviewer.id);
    await expect(forms.save(rec.id, form('x'), standards, users.reviewer.id)).rejects.toThrow('已作废');
    expect((await forms.get(rec.id))?.values.boxes['第八条（三）']?.note).toBe('保留');
    fx.close();
  });

  it('goes with its review when the admin purges voided test data', async () => {
    const fx = await memoryStore();
    const users = await withUsers(fx.store);
    const rec = await fx.store.createReview(sampleReview(), { title: '测试', department: '区经信局' }, users.reviewer.id);
    await new FcrFormStore(fx.store).save(rec.id, form('测试'), standards, users.reviewer.id);
    await fx.store.voidReview(rec.id, { reason: '测试数据' }, users.reviewer.id);
    fx.clock.t += 40 * 86_400_000;
    const done = await new DeskStore(fx.store).purgeVoided({ olderThanDays: 30, confirm: '永久删除' }, users.admin.id);
    expect(done.reviews).toBe(1);
    expect((await fx.store.db.first<{ n: number }>('SELECT count(*) AS n FROM fcr_forms'))?.n).toBe(0);
    fx.close();
  });
});
