import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedActions, nextStatus, REQUEST_ACTIONS, REQUEST_STATUSES, TRANSITIONS, type RequestAction, type RequestStatus } from '../../src/desk/workflow.js';
import { isStoreError } from '../../src/store/types.js';
import { sampleReview } from '../store/helpers.js';
import { deskFixture, type DeskFixture } from './helpers.js';

describe('the status flow', () => {
  const legal: [RequestStatus, RequestAction, RequestStatus][] = [
    ['received', 'start', 'reviewing'],
    ['reviewing', 'return', 'returned'],
    ['returned', 'resubmit', 'resubmitted'],
    ['resubmitted', 'return', 'returned'],
    ['resubmitted', 'opinion', 'opinion'],
    ['reviewing', 'opinion', 'opinion'],
    ['opinion', 'close', 'closed'],
  ];
  it.each(legal)('%s —%s→ %s', (from, action, to) => expect(nextStatus(from, action)).toBe(to));

  const illegal = REQUEST_STATUSES.flatMap((s) => REQUEST_ACTIONS.filter((a) => !legal.some(([f, x]) => f === s && x === a)).map((a) => [s, a] as const));
  it.each(illegal)('%s —%s→ refused with a message', (from, action) => {
    try {
      nextStatus(from, action);
      expect.unreachable();
    } catch (e) {
      expect(isStoreError(e) && e.code).toBe('CONFLICT');
      expect((e as Error).message).toMatch(/^送审件当前为“.+”，不能“.+”：(当前可以|该送审件已办结)/);
    }
  });

  it('offers exactly the legal actions', () => {
    for (const s of REQUEST_STATUSES) expect(allowedActions(s)).toEqual(REQUEST_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(s)));
    expect(allowedActions('closed')).toEqual([]);
  });
});

describe('DeskStore: requests through the flow', () => {
  let f: DeskFixture;
  beforeEach(async () => {
    f = await deskFixture('2026-09-28');
  });
  afterEach(() => f.close());

  const newRequest = (over: Record<string, unknown> = {}) =>
    f.desk.createRequest({ department: '区市场监管局', title: '关于促进童装产业发展的若干措施', reviewType: 'both', ...over }, f.users.reviewer.id);

  it('creates a request received today, due in 15 working days, explained', async () => {
    const r = await newRequest();
    expect(r.status).toBe('received');
    expect(r.receivedOn).toBe('2026-09-28');
    expect(r.deadline.count.due).toBe('2026-10-23');
    expect(r.deadline.explanation).toBe('2026-09-28 收件，15个工作日，国庆假期顺延，2026-10-23 到期');
    expect(r.deadline.state).toBe('on-time');
    expect(r.deadline.remaining).toBe(15);
    const detail = await f.desk.getRequestDetail(r.id);
    expect(detail?.steps.map((s) => [s.action, s.toStatus, s.day, s.userName])).toEqual([['create', 'received', '2026-09-28', '李伟']]);
  });

  it('priority requests aim at 5 working days and still show the statutory date', async () => {
    const r = await newRequest({ priority: true, early: true });
    expect(r.deadline.count.due).toBe('2026-10-10'); // the fifth working day is Saturday 10-10 (调休)
    expect(r.deadline.explanation).toBe('优先审查：2026-09-28 收件，5个工作日，国庆假期顺延，2026-10-10 到期；法定期限 2026-10-23');
    expect(r.early).toBe(true);
  });

  it('refuses bad input with Chinese messages and stores nothing', async () => {
    await expect(newRequest({ department: '' })).rejects.toThrow('请填写送审部门');
    await expect(newRequest({ reviewType: 'other' })).rejects.toThrow('审查类型只能是');
    await expect(newRequest({ receivedOn: '2026-02-30' })).rejects.toThrow('日期应为有效的 YYYY-MM-DD');
    await expect(newRequest({ receivedOn: '2026-09-29' })).rejects.toThrow('晚于今天');
    expect(await f.desk.listRequests({ scope: 'all' })).toEqual([]);
  });

  it('walks the flow with who and when; the clock stops during 退回补正', async () => {
    const r = await newRequest();
    await f.desk.transition(r.id, { action: 'start' }, f.users.reviewer.id);
    f.setToday('2026-10-09');
    // with every 送审材料 received, 退回补正 needs a note saying what to amend
    await f.desk.setMaterials(r.id, ['起草说明', '征求意见情况', '合法性审查表', '公平竞争审查表'], f.users.reviewer.id);
    await expect(f.desk.transition(r.id, { action: 'return' }, f.users.reviewer.id)).rejects.toThrow('须写明需要补正的材料');
    await f.desk.setMaterials(r.id, ['合法性审查表', '公平竞争审查表'], f.users.reviewer.id);
    const returned = await f.desk.transition(r.id, { action: 'return', note: '缺起草说明和征求意见材料' }, f.users.reviewer.id);
    expect(returned.deadline.state).toBe('paused');
    const steps = (await f.desk.getRequestDetail(r.id))?.steps ?? [];
    expect(steps[steps.length - 1]?.note).toBe('需补正送审材料：起草说明、征求意见情况；缺起草说明和征求意见材料');
    expect(returned.deadline.count.due).toBeNull();
    expect(returned.deadline.explanation).toContain('计时暂停（已用4个工作日，尚余11个）');

    f.setToday('2026-10-16');
    const back = await f.desk.transition(r.id, { action: 'resubmit', day: '2026-10-15' }, f.users.reviewer.id);
    expect(back.status).toBe('resubmitted');
    expect(back.deadline.count.due).toBe('2026-10-30');
    expect(back.deadline.explanation).toBe('2026-09-28 收件，15个工作日，退回补正暂停计时5个工作日，国庆假期顺延，2026-10-30 到期');

    await expect(f.desk.transition(r.id, { action: 'opinion' }, f.users.reviewer.id)).rejects.toThrow('只有科长可以出具审查意见');
    const opinion = await f.desk.transition(r.id, { action: 'opinion', note: '审查意见书已送达' }, f.users.chief.id);
    expect(opinion.status).toBe('opinion');
    expect(opinion.opinionOn).toBe('2026-10-16');
    expect(opinion.deadline.state).toBe('done');
    const closed = await f.desk.transition(r.id, { action: 'close' }, f.users.reviewer.id);
    expect(closed.closedOn).toBe('2026-10-16');
    await expect(f.desk.transition(r.id, { action: 'start' }, f.users.reviewer.id)).rejects.toThrow('送审件当前为“办结”，不能“开始审查”：该送审件已办结，不能再变更');

    const detail = await f.desk.getRequestDetail(r.id);
    expect(detail?.steps.map((s) => `${s.action}:${s.fromStatus ?? '-'}→${s.toStatus}@${s.day}/${s.userName}`)).toEqual([
      'create:-→received@2026-09-28/李伟',
      'start:received→reviewing@2026-09-28/李伟',
      'return:reviewing→returned@2026-10-09/李伟',
      'resubmit:returned→resubmitted@2026-10-15/李伟',
      'opinion:resubmitted→opinion@2026-10-16/王芳',
      'close:opinion→closed@2026-10-16/李伟',
    ]);
    expect(detail?.steps[2]?.note).toBe('需补正送审材料：起草说明、征求意见情况；缺起草说明和征求意见材料');
    const audit = await f.store.listAudit(f.users.admin.id, {});
    expect(audit.items.filter((a) => a.target === `desk:${r.id}`).map((a) => a.action).reverse()).toEqual(['desk.create', 'desk.start', 'desk.materials', 'desk.materials', 'desk.return', 'desk.resubmit', 'desk.opinion', 'desk.close']);
  });

  it('refuses illegal transitions and leaves the request as it was', async () => {
    const r = await newRequest();
    await expect(f.desk.transition(r.id, { action: 'opinion' }, f.users.chief.id)).rejects.toThrow('送审件当前为“收件”，不能“出具意见”：当前可以“开始审查”');
    await expect(f.desk.transition(r.id, { action: 'resubmit' }, f.users.reviewer.id)).rejects.toThrow('不能“补正收到”');
    await expect(f.desk.transition(r.id, { action: 'fly' as never }, f.users.reviewer.id)).rejects.toThrow('操作只能是');
    await expect(f.desk.transition(999, { action: 'start' }, f.users.reviewer.id)).rejects.toThrow('没有编号为 999 的送审件');
    expect((await f.desk.requireRequest(r.id)).status).toBe('received');
    expect((await f.desk.getRequestDetail(r.id))?.steps).toHaveLength(1);
  });

  it('refuses step days before the previous step or after today', async () => {
    const r = await newRequest({ receivedOn: '2026-09-21' });
    await expect(f.desk.transition(r.id, { action: 'start', day: '2026-09-20' }, f.users.reviewer.id)).rejects.toThrow('早于上一步（2026-09-21）');
    await expect(f.desk.transition(r.id, { action: 'start', day: '2026-09-29' }, f.users.reviewer.id)).rejects.toThrow('晚于今天');
  });

  it('an opinion before the earliest sign-off needs the emergency reason', async () => {
    const r = await newRequest({ receivedOn: '2026-09-24' });
    await f.desk.transition(r.id, { action: 'start' }, f.users.reviewer.id);
    // 09-24 → 09-28: one working day (中秋 09-25)
    await expect(f.desk.transition(r.id, { action: 'opinion' }, f.users.chief.id)).rejects.toThrow('收件后仅 1 个工作日，早于最短审查时间 5 个工作日：提前出具意见须填写紧急情况说明');
    const done = await f.desk.transition(r.id, { action: 'opinion', urgentReason: '市政府急办件' }, f.users.chief.id);
    expect(done.urgentReason).toBe('市政府急办件');
    expect((await f.desk.getRequestDetail(r.id))?.steps.at(-1)?.note).toBe('紧急情况：市政府急办件');
  });

  it('states: on time, due soon (≤ 2 working days), overdue, late closing', async () => {
    const r = await newRequest({ receivedOn: '2026-09-01' }); // due 2026-09-21 (Sunday 09-20 counts)
    expect(r.deadline.count.due).toBe('2026-09-21');
    f.setToday('2026-09-17');
    expect((await f.desk.requireRequest(r.id)).deadline).toMatchObject({ state: 'on-time', remaining: 3 });
    f.setToday('2026-09-18');
    expect((await f.desk.requireRequest(r.id)).deadline).toMatchObject({ state: 'due-soon', remaining: 2 });
    f.setToday('2026-09-21');
    expect((await f.desk.requireRequest(r.id)).deadline).toMatchObject({ state: 'due-soon', remaining: 0 });
    f.setToday('2026-09-23');
    expect((await f.desk.requireRequest(r.id)).deadline).toMatchObject({ state: 'overdue', remaining: -2 });
    await f.desk.transition(r.id, { action: 'start' }, f.users.reviewer.id);
    const late = await f.desk.transition(r.id, { action: 'opinion' }, f.users.chief.id);
    expect(late.deadline.state).toBe('done-late');
  });

  it('deadline settings are editable by the admin only, and change the dates', async () => {
    expect(await f.desk.deadlineSettings()).toEqual({ reviewDays: 15, minSignoffDays: 5, priorityDays: 5, dueSoonDays: 2, reminderDays: 2 });
    await expect(f.desk.setDeadlineSettings({ reviewDays: 10 }, f.users.reviewer.id)).rejects.toThrow('只有管理员');
    await expect(f.desk.setDeadlineSettings({ reviewDays: 3 }, f.users.admin.id)).rejects.toThrow('最短审查时间不能超过审查期限');
    await f.desk.setDeadlineSettings({ reviewDays: 10 }, f.users.admin.id);
    const r = await newRequest();
    expect(r.deadline.count.due).toBe('2026-10-16');
  });

  it('a deadline reaching an unpublished year warns; loading the year removes the warning', async () => {
    f.setToday('2026-12-21');
    const r = await newRequest({ receivedOn: '2026-12-21' });
    expect(r.deadline.warning).toContain('该年度节假日安排尚未发布');
    expect(r.deadline.count.due).toBe('2027-01-11');
    const { parseYearCalendar } = await import('../../src/desk/calendar-import.js');
    const y2027 = parseYearCalendar('2027-01-01~2027-01-03 休 元旦\n2027-01-04 休 元旦\n2027-02-06 班 春节\n', 'list', { source: '测试' });
    await expect(f.desk.loadCalendarYear(y2027, f.users.reviewer.id)).rejects.toThrow('只有管理员可以导入节假日安排');
    await f.desk.loadCalendarYear(y2027, f.users.admin.id);
    const after = await f.desk.requireRequest(r.id);
    expect(after.deadline.warning).toBeNull();
    expect(after.deadline.count.due).toBe('2027-01-13');
    expect((await f.desk.calendarYears()).map((y) => `${y.year}:${y.origin}`)).toEqual(['2024:official', '2025:official', '2026:official', '2027:loaded']);
  });

  it('keeps draft versions by hash and links review records', async () => {
    const r = await newRequest();
    const v1 = await f.desk.addVersion(r.id, { bytes: new TextEncoder().encode('初稿'), fileName: '初稿.txt' }, f.users.reviewer.id);
    const v2 = await f.desk.addVersion(r.id, { bytes: new TextEncoder().encode('修改稿'), fileName: '修改稿.txt', note: '按意见修改' }, f.users.reviewer.id);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await f.store.getDocument(v2.documentHash))?.fileName).toBe('修改稿.txt');
    const rec = await f.store.createReview(sampleReview(), { department: '区市场监管局' }, f.users.reviewer.id);
    const linked = await f.desk.linkReview(r.id, rec.id, f.users.reviewer.id);
    expect(linked.map((l) => [l.id, l.findings])).toEqual([[rec.id, 2]]);
    await f.desk.linkReview(r.id, rec.id, f.users.reviewer.id); // twice is harmless
    expect(await f.desk.linkedReviews(r.id)).toHaveLength(1);
    await expect(f.desk.linkReview(r.id, 'nope', f.users.reviewer.id)).rejects.toThrow('没有编号为 nope 的审查记录');
  });

  it('lists open requests by due date with filters', async () => {
    const a = await newRequest({ receivedOn: '2026-09-01', department: '区教育局', reviewType: 'legality' });
    const b = await newRequest({ receivedOn: '2026-09-15', priority: true, assigneeId: f.users.reviewer.id });
    const c = await newRequest({ receivedOn: '2026-09-10', department: '区教育局', reviewType: 'fair' });
    expect((await f.desk.listRequests()).map((r) => r.id)).toEqual([a.id, b.id, c.id]); // due 09-21, 09-21 (priority), 10-08
    expect((await f.desk.listRequests({ department: '区教育局' })).map((r) => r.id)).toEqual([a.id, c.id]);
    expect((await f.desk.listRequests({ reviewType: 'fair' })).map((r) => r.id)).toEqual([c.id]);
    expect((await f.desk.listRequests({ priority: '1' })).map((r) => r.id)).toEqual([b.id]);
    expect((await f.desk.listRequests({ assigneeId: f.users.reviewer.id })).map((r) => r.id)).toEqual([b.id]);
    expect(await f.desk.departments()).toEqual(['区市场监管局', '区教育局'].sort());
  });
});

describe('集中会审', () => {
  let f: DeskFixture;
  beforeEach(async () => {
    f = await deskFixture('2026-09-28');
  });
  afterEach(() => f.close());

  it('gathers requests into a meeting and records the outcome per draft', async () => {
    const a = await f.desk.createRequest({ department: '区经信局', title: '甲', reviewType: 'fair', priority: true }, null);
    const b = await f.desk.createRequest({ department: '区商务局', title: '乙', reviewType: 'both' }, null);
    const m = await f.desk.createMeeting({ heldOn: '2026-09-30', title: '9月集中会审', members: '王芳、李伟', agenda: '涉企政策两件', requestIds: [a.id, b.id] }, f.users.chief.id);
    expect(m.items.map((i) => [i.requestId, i.outcome])).toEqual([[a.id, null], [b.id, null]]);
    await expect(f.desk.recordOutcome(m.id, a.id, { outcome: 'amend' }, f.users.chief.id)).rejects.toThrow('须写明会审意见');
    const after = await f.desk.recordOutcome(m.id, a.id, { outcome: 'amend', note: '删除第三条“本地企业”限定' }, f.users.chief.id);
    expect(after.items[0]).toMatchObject({ outcome: 'amend', outcomeNote: '删除第三条“本地企业”限定' });
    await expect(f.desk.recordOutcome(m.id, 999, { outcome: 'pass' }, f.users.chief.id)).rejects.toThrow('会审中没有送审件 999');
    expect((await f.desk.listMeetings())[0]).toMatchObject({ count: 2, decided: 1 });
    expect((await f.desk.getRequestDetail(a.id))?.meetings).toEqual([{ id: m.id, title: '9月集中会审', heldOn: '2026-09-30', outcome: 'amend' }]);
    await expect(f.desk.createMeeting({ heldOn: '2026-09-30', title: '空', requestIds: [] }, null)).rejects.toThrow('请至少选择一件送审件');
  });
});
