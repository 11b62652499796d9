/**
 * A desk that moves (issue 14 items 6 and 7a), in the store: kinds with their own time limit,
 * 送审材料 checklist and settings; 退回补正 naming what is missing; meeting outcomes moving their
 * requests and checked against the note; the starter made assignee; 关联已有预审 candidates;
 * 我的待办; .ics reminders N working days before; the period report's coverage per kind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deadlinesIcs, workingDaysBefore } from '../../src/desk/deadline-ics.js';
import { parseIcs } from '../../src/desk/ics.js';
import { conclusionConflict } from '../../src/desk/meeting-outcomes.js';
import { buildPeriodReport, periodOf, periodReportMarkdown } from '../../src/desk/period-report.js';
import { DRAFT, sampleReview } from '../store/helpers.js';
import { deskFixture, type DeskFixture } from './helpers.js';

let f: DeskFixture;
beforeEach(async () => {
  f = await deskFixture('2026-10-30');
});
afterEach(() => f.close());

const MAJOR = { department: '区发改局', title: '关于老旧小区改造的重大行政决策', reviewType: 'legality' as const, kind: 'major' as const };

describe('kinds of request', () => {
  it('each kind has its checklist and time limit; the admin edits them, others may not', async () => {
    const major = await f.desk.createRequest({ ...MAJOR, receivedOn: '2026-10-12' }, f.users.reviewer.id);
    expect(major.kind).toBe('major');
    expect(await f.desk.materials(major.id)).toEqual({ checklist: ['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定'], received: [], missing: ['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定'] });
    expect(major.deadline.count.due).toBe('2026-11-02'); // the general 15 working days
    const contract = await f.desk.createRequest({ department: '区住建局', title: '某项目特许经营协议', reviewType: 'legality', kind: 'contract', receivedOn: '2026-10-12' }, null);
    expect(contract.deadline.count.due).toBe('2026-10-26'); // 行政协议/合同: 10 working days by default
    expect((await f.desk.materials(contract.id)).checklist).toContain('合同文本');
    const plain = await f.desk.createRequest({ department: '区商务局', title: '规范性文件', reviewType: 'both' }, null);
    expect(plain.kind).toBe('normative');
    expect((await f.desk.materials(plain.id)).checklist).toEqual(['起草说明', '征求意见情况', '合法性审查表', '公平竞争审查表']);
    await expect(f.desk.createRequest({ ...MAJOR, kind: 'decree' as never }, null)).rejects.toThrow('送审件类别只能是');

    await expect(f.desk.setKindSettings({ major: { checklist: ['公众参与'] } }, f.users.reviewer.id)).rejects.toThrow('只有管理员');
    await expect(f.desk.setKindSettings({ major: { checklist: ['公众参与', '公众参与'] } }, f.users.admin.id)).rejects.toThrow('送审材料有重复的项目');
    await expect(f.desk.setKindSettings({ decree: {} }, f.users.admin.id)).rejects.toThrow('没有这种送审件类别：decree');
    await f.desk.setKindSettings({ major: { reviewDays: 20, checklist: ['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定', '社会稳定风险评估报告'] } }, f.users.admin.id);
    const after = await f.desk.requireRequest(major.id);
    expect(after.deadline.count.due).toBe('2026-11-09');
    expect((await f.desk.materials(major.id)).missing).toHaveLength(6);
    expect((await f.desk.kindSettings()).contract.reviewDays).toBe(10); // other kinds kept
    expect((await f.desk.listRequests({ kind: 'major' })).map((r) => r.id)).toEqual([major.id]);
  });

  it('records received 送审材料, refuses items off the list; 退回补正 names what is missing', async () => {
    const r = await f.desk.createRequest({ ...MAJOR, receivedOn: '2026-10-26' }, null);
    await expect(f.desk.setMaterials(r.id, ['可行性研究报告'], f.users.reviewer.id)).rejects.toThrow('“可行性研究报告”不在重大行政决策的送审材料清单中');
    const m = await f.desk.setMaterials(r.id, ['公众参与', '合法性审查'], f.users.reviewer.id);
    expect(m.missing).toEqual(['专家论证', '风险评估', '集体讨论决定']);
    await f.desk.transition(r.id, { action: 'start' }, f.users.reviewer.id);
    await f.desk.transition(r.id, { action: 'return' }, f.users.reviewer.id);
    const steps = (await f.desk.getRequestDetail(r.id))?.steps ?? [];
    expect(steps[steps.length - 1]).toMatchObject({ action: 'return', note: '需补正送审材料：专家论证、风险评估、集体讨论决定' });
    expect((await f.store.listAudit(f.users.admin.id, { action: 'desk.materials' })).total).toBe(1);
  });
});

describe('开始审查 and 关联已有预审', () => {
  it('the starter becomes the assignee when there is none, and not otherwise', async () => {
    const a = await f.desk.createRequest({ ...MAJOR }, null);
    expect((await f.desk.transition(a.id, { action: 'start' }, f.users.chief.id)).assigneeId).toBe(f.users.chief.id);
    const b = await f.desk.createRequest({ ...MAJOR, assigneeId: f.users.reviewer.id }, null);
    expect((await f.desk.transition(b.id, { action: 'start' }, f.users.chief.id)).assigneeId).toBe(f.users.reviewer.id);
    const c = await f.desk.createRequest({ ...MAJOR }, null);
    await f.desk.assignIfUnassigned(c.id, f.users.reviewer.id);
    await f.desk.assignIfUnassigned(c.id, f.users.chief.id);
    expect((await f.desk.requireRequest(c.id)).assigneeId).toBe(f.users.reviewer.id);
  });

  it('offers records of the same file first, then the same title, then the department; never others', async () => {
    const r = await f.desk.createRequest({ department: '区经信局', title: '关于支持童装企业发展的若干措施', reviewType: 'fair' }, null);
    await f.desk.addVersion(r.id, { bytes: new TextEncoder().encode(DRAFT), fileName: 'v1.txt' }, null);
    const hash = (await f.desk.versions(r.id))[0]!.documentHash;
    const save = async (title: string, department: string, documentHash: string | null) => {
      const record = await f.store.createReview(sampleReview(), { title, department, ...(documentHash ? { documentHash } : {}) }, f.users.reviewer.id);
      return record.id;
    };
    const other = await save('无关文件', '区教育局', null);
    const dept = await save('另一份文件', '区经信局', null);
    const sameTitle = await save('关于支持童装企业发展的若干措施', '区商务局', null);
    const sameFile = await save('标题改过的文件', '区商务局', hash);
    const offered = await f.desk.linkCandidates(r.id);
    expect(offered.map((o) => [o.id, o.match])).toEqual([[sameFile, 'hash'], [sameTitle, 'title'], [dept, 'department']]);
    expect(offered.map((o) => o.id)).not.toContain(other);
    await f.desk.linkReview(r.id, sameFile, null);
    expect((await f.desk.linkCandidates(r.id)).map((o) => o.id)).toEqual([sameTitle, dept]);
  });
});

describe('集中会审 outcomes move their requests', () => {
  it('checks the conclusion against the note', () => {
    expect(conclusionConflict('pass', '与会人员一致不同意出台')).toContain('两者矛盾');
    expect(conclusionConflict('amend', '会议决定暂缓')).toContain('“暂缓”');
    expect(conclusionConflict('pass', '修改后同意')).toContain('请选择“修改后同意”');
    expect(conclusionConflict('return', '同意出台')).toContain('“同意”');
    expect(conclusionConflict('return', '不同意，退回补充风险评估')).toBeNull();
    expect(conclusionConflict('amend', '删除第三条“本地企业”限定后印发')).toBeNull();
    expect(conclusionConflict('pass', '')).toBeNull();
  });

  it('同意 by the chief gives the opinion; 退回 returns with the missing materials; a contradicting note is refused', async () => {
    const a = await f.desk.createRequest({ ...MAJOR, title: '甲', receivedOn: '2026-10-12' }, null);
    const b = await f.desk.createRequest({ ...MAJOR, title: '乙', receivedOn: '2026-10-12' }, null);
    const c = await f.desk.createRequest({ ...MAJOR, title: '丙', receivedOn: '2026-10-12' }, null);
    await f.desk.setMaterials(b.id, ['公众参与', '专家论证', '风险评估'], null);
    const m = await f.desk.createMeeting({ heldOn: '2026-10-29', title: '10月集中会审', requestIds: [a.id, b.id, c.id] }, f.users.chief.id);

    await expect(f.desk.recordOutcome(m.id, a.id, { outcome: 'pass', note: '与会人员不同意出台' }, f.users.chief.id)).rejects.toThrow('会审结论为“同意（无修改意见）”，但会审意见写有“不同意”');
    expect((await f.desk.requireMeeting(m.id)).items[0]?.outcome).toBeNull();
    expect((await f.desk.requireRequest(a.id)).status).toBe('received');

    const passed = await f.desk.recordOutcome(m.id, a.id, { outcome: 'pass', note: '同意出台' }, f.users.chief.id);
    expect(passed.advance).toMatchObject({ steps: ['start', 'opinion'], pending: null });
    const ra = await f.desk.requireRequest(a.id);
    expect(ra).toMatchObject({ status: 'opinion', opinionOn: '2026-10-29', assigneeId: f.users.chief.id });

    const returned = await f.desk.recordOutcome(m.id, b.id, { outcome: 'return', note: '补充集体讨论材料后再报' }, f.users.chief.id);
    expect(returned.advance.steps).toEqual(['start', 'return']);
    const steps = (await f.desk.getRequestDetail(b.id))?.steps ?? [];
    expect(steps[steps.length - 1]?.note).toBe('需补正送审材料：合法性审查、集体讨论决定；集中会审“10月集中会审”（2026-10-29）：退回起草部门——补充集体讨论材料后再报');
    expect((await f.desk.requireRequest(b.id)).status).toBe('returned');

    const deferred = await f.desk.recordOutcome(m.id, c.id, { outcome: 'defer', note: '下次再议' }, f.users.chief.id);
    expect(deferred.advance.steps).toEqual([]);
    expect((await f.desk.requireRequest(c.id)).status).toBe('received');
  });

  it('a reviewer recording 同意 starts the review and leaves the opinion to the chief; too early asks for the emergency reason', async () => {
    const a = await f.desk.createRequest({ ...MAJOR, title: '甲', receivedOn: '2026-10-12' }, null);
    const b = await f.desk.createRequest({ ...MAJOR, title: '乙', receivedOn: '2026-10-28' }, null);
    const m = await f.desk.createMeeting({ heldOn: '2026-10-29', title: '会审', requestIds: [a.id, b.id] }, null);
    const byReviewer = await f.desk.recordOutcome(m.id, a.id, { outcome: 'amend', note: '删除第五条' }, f.users.reviewer.id);
    expect(byReviewer.advance).toMatchObject({ steps: ['start'], pendingKind: 'chief' });
    expect((await f.desk.requireRequest(a.id)).status).toBe('reviewing');

    const early = await f.desk.recordOutcome(m.id, b.id, { outcome: 'pass' }, f.users.chief.id);
    expect(early.advance).toMatchObject({ steps: ['start'], pendingKind: 'early' });
    expect(early.advance.pending).toContain('早于最短审查时间');
    const urgent = await f.desk.recordOutcome(m.id, b.id, { outcome: 'pass', urgentReason: '上级急办' }, f.users.chief.id);
    expect(urgent.advance.steps).toEqual(['opinion']);
    expect(await f.desk.requireRequest(b.id)).toMatchObject({ status: 'opinion', urgentReason: '上级急办' });
  });
});

describe('我的待办', () => {
  it('lists due soon, mine, and for the chief the records ready to sign', async () => {
    const soon = await f.desk.createRequest({ ...MAJOR, title: '快到期', receivedOn: '2026-10-12' }, null); // due 11-02
    const later = await f.desk.createRequest({ ...MAJOR, title: '刚收件', receivedOn: '2026-10-30', assigneeId: f.users.reviewer.id }, null);
    const review = await f.store.createReview(sampleReview(), { title: '待签发的文件', department: '区经信局' }, f.users.reviewer.id);
    const detail = await f.store.getReview(review.id);
    for (const finding of detail!.findings) await f.store.updateFinding(review.id, finding.id, { action: 'confirm' }, f.users.reviewer.id);
    await f.store.setConclusion(review.id, { conclusion: '修改后可以出台' }, f.users.reviewer.id);

    const mine = await f.desk.todo(f.users.reviewer.id);
    expect(mine.dueSoon.map((r) => r.id)).toEqual([soon.id]);
    expect(mine.mine.map((r) => r.id)).toEqual([later.id]);
    expect(mine.signoff).toEqual([]);
    const chief = await f.desk.todo(f.users.chief.id);
    expect(chief.signoff.map((s) => [s.id, s.conclusion])).toEqual([[review.id, '修改后可以出台']]);
    expect((await f.desk.todo(f.users.reviewer.id, 15)).dueSoon.map((r) => r.id)).toEqual([soon.id, later.id]);
  });
});

describe('.ics reminders', () => {
  it('counts working days back over weekends, holidays and adjusted workdays', async () => {
    const cal = await f.desk.calendar();
    expect(workingDaysBefore(cal, '2026-11-16', 2)).toBe('2026-11-12'); // Mon → Thu
    expect(workingDaysBefore(cal, '2026-10-12', 2)).toBe('2026-10-09'); // Sat 10-10 is a workday
    expect(workingDaysBefore(cal, '2026-10-09', 2)).toBe('2026-09-30'); // over 国庆
    expect(workingDaysBefore(cal, '2026-10-09', 0)).toBe('2026-10-09');
  });

  it('writes a VALARM per due date that parses back without touching the event', async () => {
    const r = await f.desk.createRequest({ ...MAJOR, receivedOn: '2026-10-30' }, null); // due 2026-11-20
    const ics = deadlinesIcs([r], { name: '到期', stamp: '2026-10-30T02:00:00Z', reminder: { calendar: await f.desk.calendar(), days: 3 } });
    expect(ics).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\n');
    expect(ics).toContain('TRIGGER;VALUE=DATE-TIME:20261117T010000Z');
    const [event] = parseIcs(ics);
    expect(event).toMatchObject({ start: '2026-11-20', summary: `【送审件到期】${MAJOR.title}` });
    expect(event?.description).toContain('收件');
  });
});

describe('period report coverage per kind', () => {
  it('counts the period’s 重大行政决策 and 政策措施 reviewed and their working days', async () => {
    f.setToday('2026-09-01');
    const a = await f.desk.createRequest({ ...MAJOR, title: '甲', receivedOn: '2026-09-01' }, null);
    await f.desk.createRequest({ ...MAJOR, title: '乙', receivedOn: '2026-09-01' }, null);
    const p = await f.desk.createRequest({ department: '区商务局', title: '涉企政策', reviewType: 'fair', kind: 'policy', receivedOn: '2026-09-01' }, null);
    f.setToday('2026-09-15');
    for (const id of [a.id, p.id]) {
      await f.desk.transition(id, { action: 'start', day: '2026-09-02' }, null);
      await f.desk.transition(id, { action: 'opinion', day: id === a.id ? '2026-09-11' : '2026-09-15' }, null);
    }
    const report = buildPeriodReport({ period: periodOf('bimonthly', 2026, 5), asOf: '2026-10-30', requests: await f.desk.requestsUpTo('2026-10-31'), findings: await f.desk.findingsBetween('2026-09-01', '2026-10-31'), calendar: await f.desk.calendar() });
    expect(report.byKind.find((k) => k.kind === 'major')).toMatchObject({ received: 2, reviewed: 1, averageDays: 8, maxDays: 8 });
    expect(report.byKind.find((k) => k.kind === 'policy')).toMatchObject({ received: 1, reviewed: 1, averageDays: 10 });
    const md = periodReportMarkdown(report);
    expect(md).toContain('本期收到重大行政决策 2 件，已经合法性审查出具意见 1 件（50%），平均用时 8 个工作日（最长 8 个工作日）。');
    expect(md).toContain('本期收到政策措施 1 件，已经合法性审查出具意见 1 件（100%），平均用时 10 个工作日（最长 10 个工作日）。');
    expect(md).toContain('| 行政协议/合同 | 0 | 0 | — | — |');
  });
});
