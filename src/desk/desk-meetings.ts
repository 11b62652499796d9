/**
 * Joint review meetings (集中会审): a meeting puts open requests on its agenda and records the
 * conclusion on each draft. Split from DeskStore, which delegates to it; it reads requests
 * through DeskRequestQueries to check they are still open.
 */
import { stmt } from '../store/sql-driver.js';
import { parseInput, StoreError, voidedCondition, VoidSchema, type VoidedFilter, type VoidInput } from '../store/types.js';
import type { DeskContext } from './desk-context.js';
import type { DeskRequestQueries } from './desk-request-queries.js';
import { NewMeetingSchema, OutcomeSchema, type Meeting, type MeetingOutcome, type NewMeeting, type OutcomeInput, type RequestDetail } from './desk-types.js';
import { OPEN_STATUSES, type RequestStatus } from './workflow.js';

export class DeskMeetings {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
  ) {}

  async createMeeting(input: NewMeeting, actorId: number | null): Promise<Meeting> {
    const m = parseInput(NewMeetingSchema, input);
    const actor = await this.ctx.actor(actorId);
    const ids = [...new Set(m.requestIds)];
    for (const id of ids) {
      const r = await this.requests.requireRequest(id);
      if (r.voidedAt) throw new StoreError('CONFLICT', `送审件 ${id}（${r.title}）已作废，不能提交会审`);
      if (!OPEN_STATUSES.includes(r.status)) throw new StoreError('CONFLICT', `送审件 ${id}（${r.title}）已${r.status === 'closed' ? '办结' : '出具意见'}，不能再提交会审`);
    }
    const at = this.ctx.iso();
    const [insert] = await this.ctx.db.batch([
      stmt('INSERT INTO desk_meetings (held_on, title, members, agenda, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', m.heldOn, m.title, m.members, m.agenda, actor?.id ?? null, at),
      // last_insert_rowid() would move with each item row; inside the batch's transaction the newest meeting is ours
      ...ids.map((rid, seq) => stmt('INSERT INTO desk_meeting_items (meeting_id, request_id, seq) VALUES ((SELECT max(id) FROM desk_meetings), ?, ?)', rid, seq)),
    ]);
    const id = insert?.lastRowId ?? 0;
    await this.ctx.appendAudit(actorId, 'desk.meeting', `meeting:${id}`, { title: m.title, heldOn: m.heldOn, requests: ids });
    return this.requireMeeting(id);
  }

  async getMeeting(id: number): Promise<Meeting | null> {
    const row = await this.ctx.db.first<{ id: number; held_on: string; title: string; members: string; agenda: string; created_by_name: string | null; created_at: string; voided_at: string | null; voided_by_name: string | null; void_reason: string | null }>(
      'SELECT m.*, u.display_name AS created_by_name, v.display_name AS voided_by_name FROM desk_meetings m LEFT JOIN users u ON u.id = m.created_by LEFT JOIN users v ON v.id = m.voided_by WHERE m.id = ?',
      [id],
    );
    if (!row) return null;
    const items = await this.ctx.db.all<{ request_id: number; title: string; department: string; status: RequestStatus; seq: number; outcome: MeetingOutcome | null; outcome_note: string; recorded_at: string | null }>(
      `SELECT i.request_id, q.title, q.department, q.status, i.seq, i.outcome, i.outcome_note, i.recorded_at
       FROM desk_meeting_items i JOIN desk_requests q ON q.id = i.request_id WHERE i.meeting_id = ? ORDER BY i.seq`,
      [id],
    );
    return {
      id: row.id, heldOn: row.held_on, title: row.title, members: row.members, agenda: row.agenda, createdByName: row.created_by_name, createdAt: row.created_at,
      voidedAt: row.voided_at, voidedByName: row.voided_by_name, voidReason: row.void_reason,
      items: items.map((i) => ({ requestId: i.request_id, title: i.title, department: i.department, status: i.status, seq: i.seq, outcome: i.outcome, outcomeNote: i.outcome_note, recordedAt: i.recorded_at })),
    };
  }

  async requireMeeting(id: number): Promise<Meeting> {
    const m = await this.getMeeting(id);
    if (!m) throw new StoreError('NOT_FOUND', `没有编号为 ${id} 的会审`);
    return m;
  }

  /** Voided meetings are left out unless `voided` asks for them. */
  async listMeetings(voided: VoidedFilter = 'hide'): Promise<(Omit<Meeting, 'items'> & { count: number; decided: number })[]> {
    const condition = voidedCondition(voided, 'm');
    const rows = await this.ctx.db.all<{ id: number; held_on: string; title: string; members: string; agenda: string; created_by_name: string | null; created_at: string; voided_at: string | null; void_reason: string | null; n: number; decided: number }>(
      `SELECT m.*, u.display_name AS created_by_name,
         (SELECT count(*) FROM desk_meeting_items i WHERE i.meeting_id = m.id) AS n,
         (SELECT count(*) FROM desk_meeting_items i WHERE i.meeting_id = m.id AND i.outcome IS NOT NULL) AS decided
       FROM desk_meetings m LEFT JOIN users u ON u.id = m.created_by ${condition ? `WHERE ${condition}` : ''} ORDER BY m.held_on DESC, m.id DESC`,
    );
    return rows.map((r) => ({ id: r.id, heldOn: r.held_on, title: r.title, members: r.members, agenda: r.agenda, createdByName: r.created_by_name, createdAt: r.created_at, voidedAt: r.voided_at, voidedByName: null, voidReason: r.void_reason, count: r.n, decided: r.decided }));
  }

  /** The meeting's conclusion on one draft. */
  async recordOutcome(meetingId: number, requestId: number, input: OutcomeInput, actorId: number | null): Promise<Meeting> {
    const o = parseInput(OutcomeSchema, input);
    const actor = await this.ctx.actor(actorId);
    if ((o.outcome === 'amend' || o.outcome === 'return') && !o.note) throw new StoreError('INVALID', '“修改后同意”或“退回”须写明会审意见');
    if ((await this.requireMeeting(meetingId)).voidedAt) throw new StoreError('CONFLICT', '这次会审已作废，不能再记录结论（如需继续，请先撤销作废）');
    const [r] = await this.ctx.db.batch([
      stmt('UPDATE desk_meeting_items SET outcome = ?, outcome_note = ?, recorded_by = ?, recorded_at = ? WHERE meeting_id = ? AND request_id = ?', o.outcome, o.note, actor?.id ?? null, this.ctx.iso(), meetingId, requestId),
      this.ctx.audit(actorId, 'desk.outcome', `meeting:${meetingId}#${requestId}`, { outcome: o.outcome, note: o.note }, true),
    ]);
    if (!r?.changes) {
      await this.requireMeeting(meetingId);
      throw new StoreError('NOT_FOUND', `会审中没有送审件 ${requestId}`);
    }
    return this.requireMeeting(meetingId);
  }

  /** 作废 of a meeting (e.g. entered by mistake): kept and audited; its outcomes stay as they were. */
  async voidMeeting(id: number, input: VoidInput, actorId: number | null): Promise<Meeting> {
    const { reason } = parseInput(VoidSchema, input);
    const actor = await this.ctx.actor(actorId);
    const m = await this.requireMeeting(id);
    if (m.voidedAt) throw new StoreError('CONFLICT', `这次会审已于 ${m.voidedAt} 作废`);
    const at = this.ctx.iso();
    await this.ctx.db.batch([
      stmt('UPDATE desk_meetings SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL', at, actor?.id ?? null, reason, id),
      this.ctx.audit(actorId, 'desk.meeting.void', `meeting:${id}`, { reason, title: m.title }, true),
    ]);
    return this.requireMeeting(id);
  }

  async restoreMeeting(id: number, actorId: number | null): Promise<Meeting> {
    const m = await this.requireMeeting(id);
    if (!m.voidedAt) throw new StoreError('CONFLICT', '这次会审没有作废');
    await this.ctx.db.batch([
      stmt('UPDATE desk_meetings SET voided_at = NULL, voided_by = NULL, void_reason = NULL WHERE id = ?', id),
      this.ctx.audit(actorId, 'desk.meeting.restore', `meeting:${id}`, { previousReason: m.voidReason }),
    ]);
    return this.requireMeeting(id);
  }

  /** The meetings a request was on, for its detail page. */
  async meetingsOf(requestId: number): Promise<RequestDetail['meetings']> {
    const rows = await this.ctx.db.all<{ id: number; title: string; held_on: string; outcome: MeetingOutcome | null }>(
      'SELECT m.id, m.title, m.held_on, i.outcome FROM desk_meeting_items i JOIN desk_meetings m ON m.id = i.meeting_id WHERE i.request_id = ? ORDER BY m.held_on',
      [requestId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, heldOn: r.held_on, outcome: r.outcome }));
  }
}
