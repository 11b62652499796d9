import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError, StoreError } from '../../src/store/types.js';
import { sha256Hex } from '../../src/store/tokens.js';
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
    if (isStoreError(e)) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('users', () => {
  it('creates, finds, lists; names are unique regardless of case', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    expect(admin).toMatchObject({ name: 'admin', displayName: 'admin', role: 'admin', disabled: false });
    expect(await fx.store.findUserByName('LIWEI')).toEqual(reviewer);
    expect((await fx.store.listUsers()).map((u) => u.name)).toEqual(['admin', 'liwei', 'wangfang']);
    const dup = await refusal(fx.store.createUser({ name: 'LiWei', password: 'another-pass' }, admin.id));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('已存在');
  });

  it('validates names and passwords, and never returns the hash', async () => {
    expect((await refusal(fx.store.createUser({ name: 'a b', password: 'long-enough' }, null))).code).toBe('INVALID');
    expect((await refusal(fx.store.createUser({ name: 'ab', password: 'short' }, null))).message).toContain('至少 10 个字符');
    const u = await fx.store.createUser({ name: '张三', password: '合法性审核口令二〇二六' }, null);
    expect(Object.keys(u)).not.toContain('password_hash');
    expect(JSON.stringify(u)).not.toContain('scrypt');
  });

  it('only admins (or the command line) manage users; the last admin stays', async () => {
    const { admin, reviewer, chief } = await withUsers(fx.store);
    expect((await refusal(fx.store.createUser({ name: 'x1', password: 'password-1' }, reviewer.id))).code).toBe('FORBIDDEN');
    expect((await refusal(fx.store.setRole(reviewer.id, 'chief', chief.id))).code).toBe('FORBIDDEN');
    expect((await fx.store.setRole(reviewer.id, 'chief', admin.id)).role).toBe('chief');
    expect((await refusal(fx.store.setRole(admin.id, 'reviewer', admin.id))).code).toBe('CONFLICT');
    expect((await refusal(fx.store.setDisabled(admin.id, true, null))).message).toContain('唯一可用的管理员');
    expect((await refusal(fx.store.setRole(reviewer.id, 'boss' as never, admin.id))).code).toBe('INVALID');
  });

  it('authenticates right passwords only, and not disabled users', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    expect((await fx.store.authenticate('liwei', 'reviewer-pass'))?.id).toBe(reviewer.id);
    expect(await fx.store.authenticate('liwei', 'wrong-pass')).toBeNull();
    expect(await fx.store.authenticate('nobody', 'reviewer-pass')).toBeNull();
    expect(await fx.store.authenticate('', '')).toBeNull();
    await fx.store.setDisabled(reviewer.id, true, admin.id);
    expect(await fx.store.authenticate('liwei', 'reviewer-pass')).toBeNull();
    await fx.store.setDisabled(reviewer.id, false, admin.id);
    expect(await fx.store.authenticate('liwei', 'reviewer-pass')).not.toBeNull();
  });

  it('sets passwords (self, admin or command line) and ends sessions', async () => {
    const { admin, reviewer, chief } = await withUsers(fx.store);
    const s = await fx.store.createSession(reviewer.id);
    expect((await refusal(fx.store.setPassword(reviewer.id, 'new-password', chief.id))).code).toBe('FORBIDDEN');
    await fx.store.setPassword(reviewer.id, 'new-password', reviewer.id);
    expect(await fx.store.getSession(s.token)).toBeNull();
    expect(await fx.store.authenticate('liwei', 'new-password')).not.toBeNull();
    await fx.store.setPassword(reviewer.id, 'newer-password', admin.id);
    await fx.store.setPassword(reviewer.id, 'newest-password', null);
    expect(await fx.store.authenticate('liwei', 'newest-password')).not.toBeNull();
    expect((await refusal(fx.store.setPassword(reviewer.id, '1234567', null))).code).toBe('INVALID');
  });
});

describe('sessions and login attempts', () => {
  it('stores only the token hash; valid until expiry; deleted on logout and purge', async () => {
    const { reviewer } = await withUsers(fx.store);
    const s = await fx.store.createSession(reviewer.id, 3600_000);
    expect(s.token.length).toBeGreaterThanOrEqual(43);
    expect(await fx.store.db.first('SELECT 1 AS x FROM sessions WHERE id = ?', [s.token])).toBeNull();
    expect(await fx.store.db.first('SELECT 1 AS x FROM sessions WHERE id = ?', [await sha256Hex(s.token)])).not.toBeNull();
    const got = await fx.store.getSession(s.token);
    expect(got).toMatchObject({ user: { id: reviewer.id, role: 'reviewer' }, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
    expect(await fx.store.getSession('forged')).toBeNull();
    expect(await fx.store.getSession('')).toBeNull();

    fx.clock.t += 3600_001;
    expect(await fx.store.getSession(s.token)).toBeNull();
    expect((await fx.store.purgeExpired()).sessions).toBe(1);

    const s2 = await fx.store.createSession(reviewer.id);
    await fx.store.deleteSession(s2.token);
    expect(await fx.store.getSession(s2.token)).toBeNull();
  });

  it('a disabled user has no sessions and cannot get one', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    const s = await fx.store.createSession(reviewer.id);
    await fx.store.setDisabled(reviewer.id, true, admin.id);
    expect(await fx.store.getSession(s.token)).toBeNull();
    expect((await refusal(fx.store.createSession(reviewer.id))).code).toBe('FORBIDDEN');
  });

  it('counts recent failures since the last success', async () => {
    const key = 'name:liwei';
    for (let i = 0; i < 3; i++) await fx.store.recordLoginAttempt(key, false);
    expect(await fx.store.recentLoginFailures(key, 15 * 60_000)).toBe(3);
    expect(await fx.store.recentLoginFailures('name:other', 15 * 60_000)).toBe(0);
    fx.clock.t += 1000;
    await fx.store.recordLoginAttempt(key, true);
    fx.clock.t += 1000;
    await fx.store.recordLoginAttempt(key, false);
    expect(await fx.store.recentLoginFailures(key, 15 * 60_000)).toBe(1);
    fx.clock.t += 16 * 60_000;
    expect(await fx.store.recentLoginFailures(key, 15 * 60_000)).toBe(0);
    fx.clock.t += 24 * 3600_000;
    expect((await fx.store.purgeExpired()).loginAttempts).toBe(5);
  });
});

describe('API tokens', () => {
  it('returns the plain token once, verifies by hash, records use, revokes', async () => {
    const { admin, reviewer, chief } = await withUsers(fx.store);
    const { id, token } = await fx.store.createApiToken(reviewer.id, '命令行', reviewer.id);
    expect(token).toMatch(/^fahu_[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await fx.store.db.all('SELECT * FROM api_tokens'))).not.toContain(token);
    expect((await fx.store.verifyApiToken(token))?.id).toBe(reviewer.id);
    expect(await fx.store.verifyApiToken(`${token}x`)).toBeNull();
    expect(await fx.store.verifyApiToken('not-a-token')).toBeNull();
    const [info] = await fx.store.listApiTokens(reviewer.id);
    expect(info).toMatchObject({ id, name: '命令行', lastUsedAt: new Date(fx.clock.t).toISOString() });
    expect((await refusal(fx.store.createApiToken(reviewer.id, 'x', chief.id))).code).toBe('FORBIDDEN');
    expect((await refusal(fx.store.createApiToken(reviewer.id, '  ', reviewer.id))).code).toBe('INVALID');

    await fx.store.revokeApiToken(reviewer.id, id, reviewer.id);
    expect(await fx.store.verifyApiToken(token)).toBeNull();
    expect((await refusal(fx.store.revokeApiToken(reviewer.id, id, reviewer.id))).code).toBe('NOT_FOUND');

    // disabling revokes every token: enabling the account again does not bring them back
    const second = await fx.store.createApiToken(reviewer.id, '第二个', reviewer.id);
    await fx.store.setDisabled(reviewer.id, true, admin.id);
    expect(await fx.store.verifyApiToken(second.token)).toBeNull();
    await fx.store.setDisabled(reviewer.id, false, admin.id);
    expect(await fx.store.verifyApiToken(second.token)).toBeNull();
    expect(await fx.store.listApiTokens(reviewer.id)).toEqual([]);
  });
});

describe('documents', () => {
  it('are stored by SHA-256, idempotently, and come back byte for byte', async () => {
    const { reviewer } = await withUsers(fx.store);
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 1, 2]);
    const first = await fx.store.putDocument({ bytes, fileName: '措施.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, reviewer.id);
    expect(first).toEqual({ hash: await sha256Hex(bytes), created: true });
    const again = await fx.store.putDocument({ bytes: bytes.slice(), fileName: '另存.docx' }, reviewer.id);
    expect(again).toEqual({ hash: first.hash, created: false });
    expect((await fx.store.db.first<{ n: number }>('SELECT count(*) AS n FROM documents'))?.n).toBe(1);
    const doc = await fx.store.getDocument(first.hash);
    expect(doc).toMatchObject({ fileName: '措施.docx', size: 8 });
    expect([...(doc?.bytes ?? [])]).toEqual([...bytes]);
    expect(await fx.store.getDocument('0'.repeat(64))).toBeNull();
    expect((await refusal(fx.store.putDocument({ bytes: new Uint8Array(), fileName: 'a.txt' }, reviewer.id))).code).toBe('INVALID');
    const uploads = await fx.store.db.all<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'document.upload'`);
    expect(uploads).toEqual([{ target: `document:${first.hash}` }, { target: `document:${first.hash}` }]);
  });
});

describe('reviews', () => {
  async function created() {
    const users = await withUsers(fx.store);
    const { hash } = await fx.store.putDocument({ bytes: new TextEncoder().encode('draft'), fileName: '措施.txt' }, users.reviewer.id);
    const rec = await fx.store.createReview(sampleReview(), { department: '区商务局', documentHash: hash }, users.reviewer.id);
    return { ...users, rec, hash };
  }

  it('are created from a review result with title and 文号 from the document', async () => {
    const { rec, reviewer, hash } = await created();
    expect(rec).toMatchObject({ title: '关于支持童装企业发展的若干措施', docNumber: '湖吴政办发〔2026〕8号', department: '区商务局', status: 'draft', createdBy: reviewer.id, createdByName: '李伟', documentHash: hash, signedAt: null });
    const detail = await fx.store.getReview(rec.id);
    expect(detail?.document.meta.title).toBe(rec.title);
    expect(detail?.findings.map((f) => [f.id, f.status, f.severity, f.basis.length, f.addedByHand])).toEqual([
      ['f1', 'open', 'high', 1, false],
      ['f2', 'open', 'medium', 1, false],
    ]);
    expect(await fx.store.getReview('missing')).toBeNull();
    expect((await refusal(fx.store.createReview(sampleReview(), { documentHash: 'f'.repeat(64) }, reviewer.id))).code).toBe('NOT_FOUND');
  });

  it('confirm, dismiss with a reason, reopen, edit the suggestion', async () => {
    const { rec, reviewer } = await created();
    const c = await fx.store.updateFinding(rec.id, 'f1', { action: 'confirm' }, reviewer.id);
    expect(c).toMatchObject({ status: 'confirmed', updatedBy: reviewer.id, dismissReason: null });
    expect((await fx.store.getReviewRecord(rec.id))?.status).toBe('reviewing');

    const noReason = await refusal(fx.store.updateFinding(rec.id, 'f2', { action: 'dismiss', reason: '   ' } as never, reviewer.id));
    expect(noReason).toMatchObject({ code: 'INVALID', message: '排除问题必须填写理由' });
    expect((await refusal(fx.store.updateFinding(rec.id, 'f2', { action: 'dismiss' } as never, reviewer.id))).code).toBe('INVALID');
    const d = await fx.store.updateFinding(rec.id, 'f2', { action: 'dismiss', reason: '补助面向全部经营者，不构成限定' }, reviewer.id);
    expect(d).toMatchObject({ status: 'dismissed', dismissReason: '补助面向全部经营者，不构成限定' });
    expect((await fx.store.updateFinding(rec.id, 'f2', { action: 'reopen' }, reviewer.id))).toMatchObject({ status: 'open', dismissReason: null });

    const s = await fx.store.updateFinding(rec.id, 'f1', { action: 'suggest', suggestion: '删除“在本镇注册的”' }, reviewer.id);
    expect(s).toMatchObject({ suggestion: '删除', suggestionOverride: '删除“在本镇注册的”', status: 'confirmed' });
    expect((await fx.store.updateFinding(rec.id, 'f1', { action: 'suggest', suggestion: '' }, reviewer.id)).suggestionOverride).toBeNull();

    expect((await refusal(fx.store.updateFinding(rec.id, 'nope', { action: 'confirm' }, reviewer.id))).code).toBe('NOT_FOUND');
    expect((await refusal(fx.store.updateFinding('nope', 'f1', { action: 'confirm' }, reviewer.id))).code).toBe('NOT_FOUND');
    expect((await refusal(fx.store.updateFinding(rec.id, 'f1', { action: 'delete' } as never, reviewer.id))).code).toBe('INVALID');
  });

  it('the database itself refuses a dismissal without a reason', async () => {
    const { rec } = await created();
    await expect(fx.store.db.run(`UPDATE review_findings SET status = 'dismissed', dismiss_reason = ' ' WHERE review_id = ?`, [rec.id])).rejects.toThrow(/CHECK/);
  });

  it('a finding added by hand takes its quote and clause from the document', async () => {
    const { rec, reviewer } = await created();
    const detail = await fx.store.getReview(rec.id);
    const text = detail?.document.text ?? '';
    const start = text.indexOf('支持企业参加展会');
    const f = await fx.store.addHandFinding(rec.id, { start, end: start + 8, category: '影响生产经营行为', title: '展会范围', explanation: '应说明参展条件', suggestion: '明确条件' }, reviewer.id);
    expect(f).toMatchObject({ quote: '支持企业参加展会', addedByHand: true, rule: 'manual', status: 'confirmed', path: '一、（二）', title: '展会范围', suggestion: '明确条件', severity: 'medium' });
    expect(f.id).toMatch(/^hand-/);
    const again = await fx.store.getReview(rec.id);
    expect(again?.findings.map((x) => x.id)).toEqual(['f1', f.id, 'f2']);
    expect((await refusal(fx.store.addHandFinding(rec.id, { start: 5, end: 5, category: '违法收费', title: 'x' }, reviewer.id))).code).toBe('INVALID');
    expect((await refusal(fx.store.addHandFinding(rec.id, { start: 0, end: 10 ** 6, category: '违法收费', title: 'x' }, reviewer.id))).code).toBe('INVALID');
    expect((await refusal(fx.store.addHandFinding(rec.id, { start: 0, end: 3, category: '别的' as never, title: 'x' }, reviewer.id))).code).toBe('INVALID');
  });

  it('only a chief signs off, only once; afterwards nothing changes', async () => {
    const { rec, reviewer, admin, chief } = await created();
    const byReviewer = await refusal(fx.store.signOff(rec.id, reviewer.id));
    expect(byReviewer).toMatchObject({ code: 'FORBIDDEN', message: '只有科长可以签发审查记录' });
    expect((await refusal(fx.store.signOff(rec.id, admin.id))).code).toBe('FORBIDDEN');
    expect(await refusal(fx.store.signOff(rec.id, chief.id))).toMatchObject({ code: 'CONFLICT', message: '尚有 2 个问题待处理，全部确认或排除后方可签发' });
    await fx.store.updateFinding(rec.id, 'f1', { action: 'confirm' }, reviewer.id);
    expect((await refusal(fx.store.signOff(rec.id, chief.id))).message).toContain('尚有 1 个问题待处理');
    await fx.store.updateFinding(rec.id, 'f2', { action: 'dismiss', reason: '依法设定' }, reviewer.id);
    expect((await fx.store.getReviewRecord(rec.id))?.status).toBe('reviewing');
    expect(await refusal(fx.store.signOff(rec.id, chief.id))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('尚未选定审查结论') });
    await fx.store.setConclusion(rec.id, { conclusion: '修改后可以出台' }, reviewer.id);
    fx.clock.t += 60_000;
    const signed = await fx.store.signOff(rec.id, chief.id);
    expect(signed).toMatchObject({ status: 'signed', signedBy: chief.id, signedByName: '王芳', signedAt: new Date(fx.clock.t).toISOString() });
    const twice = await refusal(fx.store.signOff(rec.id, chief.id));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('不能重复签发');
    expect((await refusal(fx.store.updateFinding(rec.id, 'f1', { action: 'confirm' }, reviewer.id))).code).toBe('CONFLICT');
    expect((await refusal(fx.store.addHandFinding(rec.id, { start: 0, end: 3, category: '违法收费', title: 'x' }, reviewer.id))).code).toBe('CONFLICT');
    expect((await fx.store.getReview(rec.id))?.findings.map((f) => f.status)).toEqual(['confirmed', 'dismissed']);
    expect((await refusal(fx.store.signOff('missing', chief.id))).code).toBe('NOT_FOUND');
    const signs = (await fx.store.listAudit(admin.id, { action: 'review.sign' })).items;
    expect(signs).toHaveLength(1);
  });

  it('a disabled user cannot act', async () => {
    const { rec, admin, chief } = await created();
    await fx.store.setDisabled(chief.id, true, admin.id);
    expect((await refusal(fx.store.signOff(rec.id, chief.id))).code).toBe('FORBIDDEN');
  });

  it('are listed newest first, filtered by department, local date, status and words, with paging', async () => {
    const { reviewer, chief } = await withUsers(fx.store);
    const ids: string[] = [];
    const days = ['2026-11-30T15:30:00Z', '2026-12-01T01:00:00Z', '2026-12-02T10:00:00Z', '2026-12-03T16:30:00Z'];
    for (const [i, at] of days.entries()) {
      fx.clock.t = Date.parse(at);
      const r = await fx.store.createReview(sampleReview(), { department: i % 2 ? '区市场监管局' : '区商务局', title: `措施${i}` }, reviewer.id);
      ids.push(r.id);
    }
    for (const f of ['f1', 'f2']) await fx.store.updateFinding(ids[1] as string, f, { action: 'confirm' }, reviewer.id);
    await fx.store.setConclusion(ids[1] as string, { conclusion: '修改后可以出台' }, reviewer.id);
    await fx.store.signOff(ids[1] as string, chief.id);
    await fx.store.updateFinding(ids[2] as string, 'f1', { action: 'dismiss', reason: '不适用' }, reviewer.id);

    const all = await fx.store.listReviews();
    expect(all.total).toBe(4);
    expect(all.items.map((r) => r.title)).toEqual(['措施3', '措施2', '措施1', '措施0']);
    expect(all.items[1]?.counts).toEqual({ total: 2, open: 1, confirmed: 0, dismissed: 1 });
    expect((await fx.store.listReviews({ department: '区商务局' })).items.map((r) => r.title)).toEqual(['措施2', '措施0']);
    expect((await fx.store.listReviews({ status: 'signed' })).items.map((r) => r.title)).toEqual(['措施1']);
    expect((await fx.store.listReviews({ status: 'reviewing' })).items.map((r) => r.title)).toEqual(['措施2']);
    // 2026-11-30T15:30Z is 23:30 on 11-30 in China; 2026-12-03T16:30Z is 00:30 on 12-04
    expect((await fx.store.listReviews({ from: '2026-12-01', to: '2026-12-03' })).items.map((r) => r.title)).toEqual(['措施2', '措施1']);
    expect((await fx.store.listReviews({ to: '2026-11-30' })).items.map((r) => r.title)).toEqual(['措施0']);
    expect((await fx.store.listReviews({ from: '2026-12-04', department: '' })).items.map((r) => r.title)).toEqual(['措施3']);
    expect((await fx.store.listReviews({ q: '措施2' })).total).toBe(1);
    expect((await fx.store.listReviews({ q: '%' })).total).toBe(0);
    const page2 = await fx.store.listReviews({ page: '2', pageSize: '3' } as never);
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((r) => r.title)).toEqual(['措施0']);
    expect((await refusal(fx.store.listReviews({ from: '12/01/2026' }))).code).toBe('INVALID');
    expect((await refusal(fx.store.listReviews({ status: 'done' as never }))).code).toBe('INVALID');
    expect(await fx.store.listDepartments()).toEqual(['区商务局', '区市场监管局']);
  });
});

describe('audit log', () => {
  it('records what happened, for admins only, newest first', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    const rec = await fx.store.createReview(sampleReview(), { department: '区商务局' }, reviewer.id);
    await fx.store.updateFinding(rec.id, 'f1', { action: 'dismiss', reason: '不适用' }, reviewer.id);
    await refusal(fx.store.updateFinding(rec.id, 'zz', { action: 'confirm' }, reviewer.id));
    await fx.store.appendAudit({ userId: reviewer.id, action: 'login', detail: { ip: '127.0.0.1' } });
    const log = await fx.store.listAudit(admin.id);
    expect(log.items.map((e) => e.action)).toEqual(['login', 'finding.dismiss', 'review.create', 'user.create', 'user.create', 'user.create']);
    expect(log.items[1]).toMatchObject({ userId: reviewer.id, userName: 'liwei', target: `review:${rec.id}#f1`, detail: { reason: '不适用' } });
    expect(log.items.at(-1)?.detail).toMatchObject({ via: 'cli', role: 'admin' });
    expect((await refusal(fx.store.listAudit(reviewer.id))).code).toBe('FORBIDDEN');
    expect((await fx.store.listAudit(admin.id, { pageSize: 2, page: 2 })).items.map((e) => e.action)).toEqual(['review.create', 'user.create']);
  });

  it('is append-only: the Store has no way to change it and the database refuses', async () => {
    await withUsers(fx.store);
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(fx.store)).filter((m) => /audit/i.test(m));
    expect(methods.sort()).toEqual(['appendAudit', 'auditStmt', 'listAudit']);
    await expect(fx.store.db.run(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(fx.store.db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await fx.store.db.first<{ n: number }>('SELECT count(*) AS n FROM audit_log'))?.n).toBe(3);
  });
});

describe('settings', () => {
  it('hold JSON values; admins set them', async () => {
    const { admin, reviewer } = await withUsers(fx.store);
    expect(await fx.store.getSetting('packs')).toBeUndefined();
    await fx.store.setSetting('packs', ['tongzhuang'], admin.id);
    await fx.store.setSetting('packs', ['tongzhuang', 'x'], admin.id);
    expect(await fx.store.getSetting<string[]>('packs')).toEqual(['tongzhuang', 'x']);
    expect((await refusal(fx.store.setSetting('packs', [], reviewer.id))).code).toBe('FORBIDDEN');
    expect((await refusal(fx.store.setSetting('Bad Key', 1, admin.id))).code).toBe('INVALID');
  });
});
