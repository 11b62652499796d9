/**
 * The review desk's storage over the core store's SqlDriver: review requests (送审件) with
 * their steps, draft versions and linked review records; joint review meetings (集中会审);
 * the holiday years an administrator loaded; the deadline settings. Every write is audited
 * in the core audit log, in the same batch as the change.
 *
 * `actorId` is the signed-in user, or null for the local command line (machine trust).
 */
import { stmt, type SqlStatement, type SqlValue } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { parseInput, ROLE_LABELS, StoreError, type User } from '../store/types.js';
import { WorkCalendar, type Pause, type YearCalendar } from './calendar.js';
import { DEADLINE_SETTING_KEY, DeadlineSettingsSchema, DEFAULT_DEADLINES, requestDeadline, workingDaysTaken, type DeadlineSettings, type RequestClock } from './deadlines.js';
import { todayInShanghai, type Day } from './days.js';
import {
  NewMeetingSchema, NewRequestSchema, OutcomeSchema, RequestQuerySchema, TransitionSchema,
  type CalendarYearInfo, type DeskRequest, type DraftVersion, type LinkedReview, type Meeting, type MeetingOutcome, type NewMeeting, type NewRequest,
  type OutcomeInput, type RequestDetail, type RequestQuery, type RequestStep, type RequestWithDeadline, type TransitionInput,
} from './desk-types.js';
import { OFFICIAL_YEARS } from './official-calendar.js';
import { nextStatus, OPEN_STATUSES, REQUEST_ACTION_LABELS, type RequestAction, type RequestStatus } from './workflow.js';

export interface DeskStoreOptions {
  /** The clock (tests move it); default: the system clock. */
  now?: () => Date;
  /** The shipped holiday years; default corpus/calendar/official.json. */
  official?: readonly YearCalendar[];
}

interface RequestRow {
  id: number; department: string; title: string; review_type: DeskRequest['reviewType']; received_on: string; priority: number; early: number;
  assignee_id: number | null; assignee_name: string | null; status: RequestStatus; opinion_on: string | null; closed_on: string | null;
  urgent_reason: string | null; note: string; created_by: number | null; created_by_name: string | null; created_at: string; updated_at: string;
}

interface StepRow { id: number; request_id: number; action: RequestStep['action']; from_status: RequestStatus | null; to_status: RequestStatus; day: string; note: string; user_id: number | null; user_name: string | null; at: string }

const REQUEST_SELECT = `SELECT q.*, a.display_name AS assignee_name, c.display_name AS created_by_name
  FROM desk_requests q LEFT JOIN users a ON a.id = q.assignee_id LEFT JOIN users c ON c.id = q.created_by`;

export class DeskStore {
  private readonly now: () => Date;
  private readonly official: readonly YearCalendar[];

  constructor(
    readonly store: Store,
    options: DeskStoreOptions = {},
  ) {
    this.now = options.now ?? (() => store.currentTime());
    this.official = options.official ?? OFFICIAL_YEARS;
  }

  private get db() {
    return this.store.db;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  today(): Day {
    return todayInShanghai(this.now());
  }

  // ---------------------------------------------------------------- calendar and settings

  /** The shipped years with the administrator's loads over them. */
  async calendar(): Promise<WorkCalendar> {
    return new WorkCalendar(this.official).with(await this.loadedYears());
  }

  async loadedYears(): Promise<YearCalendar[]> {
    const rows = await this.db.all<{ year: number; holidays_json: string; workdays_json: string; source: string }>('SELECT year, holidays_json, workdays_json, source FROM desk_calendar_years ORDER BY year');
    return rows.map((r) => ({ year: r.year, holidays: JSON.parse(r.holidays_json) as Record<Day, string>, workdays: JSON.parse(r.workdays_json) as Record<Day, string>, source: r.source }));
  }

  async calendarYears(): Promise<CalendarYearInfo[]> {
    const loaded = await this.db.all<{ year: number; holidays_json: string; workdays_json: string; source: string; loaded_at: string; loaded_by_name: string | null }>(
      'SELECT y.*, u.display_name AS loaded_by_name FROM desk_calendar_years y LEFT JOIN users u ON u.id = y.loaded_by',
    );
    const byYear = new Map<number, CalendarYearInfo>();
    for (const y of this.official) byYear.set(y.year, officialYearInfo(y));
    for (const r of loaded) {
      byYear.set(r.year, {
        year: r.year, origin: 'loaded', source: r.source, holidays: Object.keys(JSON.parse(r.holidays_json) as object).length,
        workdays: Object.keys(JSON.parse(r.workdays_json) as object).length, loadedAt: r.loaded_at, loadedByName: r.loaded_by_name ?? (r.loaded_at ? '命令行' : null),
      });
    }
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }

  /** Stores a parsed year (calendar-import.ts); it replaces the shipped or earlier-loaded year. Administrators only. */
  async loadCalendarYear(year: YearCalendar, actorId: number | null): Promise<void> {
    await this.requireAdmin(actorId, '导入节假日安排');
    await this.db.batch([
      stmt(
        `INSERT INTO desk_calendar_years (year, holidays_json, workdays_json, source, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(year) DO UPDATE SET holidays_json = excluded.holidays_json, workdays_json = excluded.workdays_json, source = excluded.source,
           loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
        year.year, JSON.stringify(year.holidays), JSON.stringify(year.workdays), year.source, actorId, this.iso(),
      ),
      this.audit(actorId, 'calendar.load', `calendar:${year.year}`, { holidays: Object.keys(year.holidays).length, workdays: Object.keys(year.workdays).length, source: year.source }),
    ]);
  }

  async deadlineSettings(): Promise<DeadlineSettings> {
    const stored = await this.store.getSetting<unknown>(DEADLINE_SETTING_KEY);
    const parsed = DeadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINES, ...(stored && typeof stored === 'object' ? stored : {}) });
    return parsed.success ? parsed.data : DEFAULT_DEADLINES;
  }

  /** Administrators only (the core store checks and audits). */
  async setDeadlineSettings(input: Partial<Record<keyof DeadlineSettings, unknown>>, actorId: number | null): Promise<DeadlineSettings> {
    const settings = parseInput(DeadlineSettingsSchema, { ...(await this.deadlineSettings()), ...input });
    await this.store.setSetting(DEADLINE_SETTING_KEY, settings, actorId);
    return settings;
  }

  // ---------------------------------------------------------------- requests

  async createRequest(input: NewRequest, actorId: number | null): Promise<RequestWithDeadline> {
    const r = parseInput(NewRequestSchema, input);
    const actor = await this.actor(actorId);
    const today = this.today();
    const receivedOn = r.receivedOn ?? today;
    if (receivedOn > today) throw new StoreError('INVALID', `收件日期 ${receivedOn} 晚于今天，请核对`);
    if (r.assigneeId) await this.requireAssignee(r.assigneeId);
    const at = this.iso();
    const [insert] = await this.db.batch([
      stmt(
        `INSERT INTO desk_requests (department, title, review_type, received_on, priority, early, assignee_id, status, note, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?)`,
        r.department, r.title, r.reviewType, receivedOn, r.priority ? 1 : 0, r.early ? 1 : 0, r.assigneeId ?? null, r.note, actor?.id ?? null, at, at,
      ),
      stmt(`INSERT INTO desk_request_steps (request_id, action, from_status, to_status, day, note, user_id, at) VALUES (last_insert_rowid(), 'create', NULL, 'received', ?, '', ?, ?)`, receivedOn, actor?.id ?? null, at),
    ]);
    const id = insert?.lastRowId ?? 0;
    await this.appendAudit(actorId, 'desk.create', `desk:${id}`, { title: r.title, department: r.department, receivedOn, priority: r.priority });
    return this.requireRequest(id);
  }

  async getRequest(id: number): Promise<RequestWithDeadline | null> {
    const row = await this.db.first<RequestRow>(`${REQUEST_SELECT} WHERE q.id = ?`, [id]);
    if (!row) return null;
    const [withDeadline] = await this.withDeadlines([toRequest(row)]);
    return withDeadline ?? null;
  }

  async requireRequest(id: number): Promise<RequestWithDeadline> {
    const r = await this.getRequest(id);
    if (!r) throw new StoreError('NOT_FOUND', `没有编号为 ${id} 的送审件`);
    return r;
  }

  async getRequestDetail(id: number): Promise<RequestDetail | null> {
    const request = await this.getRequest(id);
    if (!request) return null;
    const [steps, versions, reviews, meetings] = await Promise.all([this.steps([id]), this.versions(id), this.linkedReviews(id), this.meetingsOf(id)]);
    return { request, steps: steps.get(id) ?? [], versions, reviews, meetings };
  }

  /** Open requests (or done, or all), sorted by due date (paused ones last); filters as on the desk page. */
  async listRequests(query: RequestQuery = {}): Promise<RequestWithDeadline[]> {
    const q = parseInput(RequestQuerySchema, query);
    const where: string[] = [];
    const params: SqlValue[] = [];
    const open = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
    if (q.scope === 'open') where.push(`q.status IN (${open})`);
    if (q.scope === 'done') where.push(`q.status NOT IN (${open})`);
    if (q.department) (where.push('q.department = ?'), params.push(q.department));
    if (q.reviewType) (where.push('q.review_type = ?'), params.push(q.reviewType));
    if (q.priority) (where.push('q.priority = ?'), params.push(Number(q.priority)));
    if (q.assigneeId) (where.push('q.assignee_id = ?'), params.push(q.assigneeId));
    const rows = await this.db.all<RequestRow>(`${REQUEST_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY q.received_on, q.id`, params);
    const items = await this.withDeadlines(rows.map(toRequest));
    const key = (r: RequestWithDeadline) => r.deadline.count.due ?? '9999-12-31';
    return items.sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
  }

  /** Departments that sent requests, for the filters. */
  async departments(): Promise<string[]> {
    return (await this.db.all<{ department: string }>('SELECT DISTINCT department FROM desk_requests ORDER BY department')).map((r) => r.department);
  }

  /** One step of the workflow (workflow.ts), recorded with who and which day. */
  async transition(id: number, input: TransitionInput, actorId: number | null): Promise<RequestWithDeadline> {
    const t = parseInput(TransitionSchema, input);
    const actor = await this.actor(actorId);
    const request = await this.requireRequest(id);
    const to = nextStatus(request.status, t.action);
    if (t.action === 'opinion' && actor && actor.role !== 'chief') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.chief}可以出具审查意见`);
    const steps = (await this.steps([id])).get(id) ?? [];
    const today = this.today();
    const day = t.day ?? today;
    const last = steps[steps.length - 1]?.day ?? request.receivedOn;
    if (day > today) throw new StoreError('INVALID', `日期 ${day} 晚于今天，请核对`);
    if (day < last) throw new StoreError('INVALID', `日期 ${day} 早于上一步（${last}），请核对`);
    if (t.action === 'return' && !t.note) throw new StoreError('INVALID', '退回补正须写明需要补正的材料或问题');

    let urgentReason: string | null = null;
    if (t.action === 'opinion') {
      const settings = await this.deadlineSettings();
      const calendar = await this.calendar();
      const taken = workingDaysTaken(clockOf(request, steps), calendar, day);
      if (taken < settings.minSignoffDays) {
        if (!t.urgentReason) {
          throw new StoreError('INVALID', `收件后仅 ${taken} 个工作日，早于最短审查时间 ${settings.minSignoffDays} 个工作日：提前出具意见须填写紧急情况说明（如情况紧急或上级急办）`);
        }
        urgentReason = t.urgentReason;
      }
    }
    const at = this.iso();
    const note = urgentReason ? `${t.note ? `${t.note}；` : ''}紧急情况：${urgentReason}` : t.note;
    const extra = t.action === 'opinion' ? stmt(', opinion_on = ?, urgent_reason = ?', day, urgentReason) : t.action === 'close' ? stmt(', closed_on = ?', day) : stmt('');
    const [r] = await this.db.batch([
      { sql: `UPDATE desk_requests SET status = ?, updated_at = ?${extra.sql} WHERE id = ? AND status = ?`, params: [to, at, ...(extra.params ?? []), id, request.status] },
      stmt(`INSERT INTO desk_request_steps (request_id, action, from_status, to_status, day, note, user_id, at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0`, id, t.action, request.status, to, day, note, actor?.id ?? null, at),
      this.audit(actorId, `desk.${t.action}`, `desk:${id}`, { from: request.status, to, day, ...(note ? { note } : {}) }, true),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', `送审件刚被他人更新，请刷新后再${REQUEST_ACTION_LABELS[t.action]}`);
    return this.requireRequest(id);
  }

  async assign(id: number, assigneeId: number | null, actorId: number | null): Promise<RequestWithDeadline> {
    await this.actor(actorId);
    const request = await this.requireRequest(id);
    if (assigneeId !== null) await this.requireAssignee(assigneeId);
    await this.db.batch([
      stmt('UPDATE desk_requests SET assignee_id = ?, updated_at = ? WHERE id = ?', assigneeId, this.iso(), id),
      this.audit(actorId, 'desk.assign', `desk:${id}`, { from: request.assigneeId, to: assigneeId }),
    ]);
    return this.requireRequest(id);
  }

  /** A new version of the draft: the original is kept by its SHA-256 in the core documents table. */
  async addVersion(id: number, file: { bytes: Uint8Array; fileName: string; mime?: string; receivedOn?: Day | undefined; note?: string }, actorId: number | null): Promise<DraftVersion> {
    const actor = await this.actor(actorId);
    const request = await this.requireRequest(id);
    const receivedOn = file.receivedOn ?? this.today();
    if (receivedOn < request.receivedOn) throw new StoreError('INVALID', `版本日期 ${receivedOn} 早于收件日期 ${request.receivedOn}`);
    if (receivedOn > this.today()) throw new StoreError('INVALID', `版本日期 ${receivedOn} 晚于今天，请核对`);
    const { hash } = await this.store.putDocument({ bytes: file.bytes as Uint8Array<ArrayBuffer>, fileName: file.fileName, mime: file.mime ?? 'application/octet-stream' }, actor?.id ?? null);
    const at = this.iso();
    await this.db.batch([
      stmt(
        `INSERT INTO desk_request_versions (request_id, version, document_hash, file_name, received_on, note, created_by, created_at)
         SELECT ?, coalesce((SELECT max(version) FROM desk_request_versions WHERE request_id = ?), 0) + 1, ?, ?, ?, ?, ?, ?`,
        id, id, hash, file.fileName.slice(0, 255), receivedOn, (file.note ?? '').slice(0, 2000), actor?.id ?? null, at,
      ),
      this.audit(actorId, 'desk.version', `desk:${id}`, { hash, fileName: file.fileName }),
    ]);
    const versions = await this.versions(id);
    return versions[versions.length - 1] as DraftVersion;
  }

  async versions(id: number): Promise<DraftVersion[]> {
    const rows = await this.db.all<{ version: number; document_hash: string; file_name: string; received_on: string; note: string; created_by_name: string | null; created_at: string }>(
      `SELECT v.*, u.display_name AS created_by_name FROM desk_request_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.request_id = ? ORDER BY v.version`,
      [id],
    );
    return rows.map((r) => ({ version: r.version, documentHash: r.document_hash, fileName: r.file_name, receivedOn: r.received_on, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at }));
  }

  /** Links a review record (预审) of the core store to the request. Linking twice is harmless. */
  async linkReview(id: number, reviewId: string, actorId: number | null): Promise<LinkedReview[]> {
    await this.actor(actorId);
    await this.requireRequest(id);
    if (!(await this.store.getReviewRecord(reviewId))) throw new StoreError('NOT_FOUND', `没有编号为 ${reviewId} 的审查记录`);
    await this.db.batch([
      stmt('INSERT OR IGNORE INTO desk_request_reviews (request_id, review_id, linked_by, linked_at) VALUES (?, ?, ?, ?)', id, reviewId, actorId, this.iso()),
      this.audit(actorId, 'desk.link', `desk:${id}`, { reviewId }, true),
    ]);
    return this.linkedReviews(id);
  }

  async unlinkReview(id: number, reviewId: string, actorId: number | null): Promise<LinkedReview[]> {
    await this.actor(actorId);
    if (!(await this.db.first('SELECT 1 AS x FROM desk_request_reviews WHERE request_id = ? AND review_id = ?', [id, reviewId]))) {
      throw new StoreError('NOT_FOUND', '该审查记录没有关联到这个送审件');
    }
    await this.db.batch([
      stmt('DELETE FROM desk_request_reviews WHERE request_id = ? AND review_id = ?', id, reviewId),
      this.audit(actorId, 'desk.unlink', `desk:${id}`, { reviewId }, true),
    ]);
    return this.linkedReviews(id);
  }

  async linkedReviews(id: number): Promise<LinkedReview[]> {
    const rows = await this.db.all<{ id: string; title: string; status: string; created_at: string; linked_at: string; findings: number }>(
      `SELECT r.id, r.title, r.status, r.created_at, l.linked_at,
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status <> 'dismissed') AS findings
       FROM desk_request_reviews l JOIN reviews r ON r.id = l.review_id WHERE l.request_id = ? ORDER BY l.linked_at, r.id`,
      [id],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, createdAt: r.created_at, findings: r.findings, linkedAt: r.linked_at }));
  }

  // ---------------------------------------------------------------- 集中会审

  async createMeeting(input: NewMeeting, actorId: number | null): Promise<Meeting> {
    const m = parseInput(NewMeetingSchema, input);
    const actor = await this.actor(actorId);
    const ids = [...new Set(m.requestIds)];
    for (const id of ids) {
      const r = await this.requireRequest(id);
      if (!OPEN_STATUSES.includes(r.status)) throw new StoreError('CONFLICT', `送审件 ${id}（${r.title}）已${r.status === 'closed' ? '办结' : '出具意见'}，不能再提交会审`);
    }
    const at = this.iso();
    const [insert] = await this.db.batch([
      stmt('INSERT INTO desk_meetings (held_on, title, members, agenda, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)', m.heldOn, m.title, m.members, m.agenda, actor?.id ?? null, at),
      // last_insert_rowid() would move with each item row; inside the batch's transaction the newest meeting is ours
      ...ids.map((rid, seq) => stmt('INSERT INTO desk_meeting_items (meeting_id, request_id, seq) VALUES ((SELECT max(id) FROM desk_meetings), ?, ?)', rid, seq)),
    ]);
    const id = insert?.lastRowId ?? 0;
    await this.appendAudit(actorId, 'desk.meeting', `meeting:${id}`, { title: m.title, heldOn: m.heldOn, requests: ids });
    return this.requireMeeting(id);
  }

  async getMeeting(id: number): Promise<Meeting | null> {
    const row = await this.db.first<{ id: number; held_on: string; title: string; members: string; agenda: string; created_by_name: string | null; created_at: string }>(
      'SELECT m.*, u.display_name AS created_by_name FROM desk_meetings m LEFT JOIN users u ON u.id = m.created_by WHERE m.id = ?',
      [id],
    );
    if (!row) return null;
    const items = await this.db.all<{ request_id: number; title: string; department: string; status: RequestStatus; seq: number; outcome: MeetingOutcome | null; outcome_note: string; recorded_at: string | null }>(
      `SELECT i.request_id, q.title, q.department, q.status, i.seq, i.outcome, i.outcome_note, i.recorded_at
       FROM desk_meeting_items i JOIN desk_requests q ON q.id = i.request_id WHERE i.meeting_id = ? ORDER BY i.seq`,
      [id],
    );
    return {
      id: row.id, heldOn: row.held_on, title: row.title, members: row.members, agenda: row.agenda, createdByName: row.created_by_name, createdAt: row.created_at,
      items: items.map((i) => ({ requestId: i.request_id, title: i.title, department: i.department, status: i.status, seq: i.seq, outcome: i.outcome, outcomeNote: i.outcome_note, recordedAt: i.recorded_at })),
    };
  }

  async requireMeeting(id: number): Promise<Meeting> {
    const m = await this.getMeeting(id);
    if (!m) throw new StoreError('NOT_FOUND', `没有编号为 ${id} 的会审`);
    return m;
  }

  async listMeetings(): Promise<(Omit<Meeting, 'items'> & { count: number; decided: number })[]> {
    const rows = await this.db.all<{ id: number; held_on: string; title: string; members: string; agenda: string; created_by_name: string | null; created_at: string; n: number; decided: number }>(
      `SELECT m.*, u.display_name AS created_by_name,
         (SELECT count(*) FROM desk_meeting_items i WHERE i.meeting_id = m.id) AS n,
         (SELECT count(*) FROM desk_meeting_items i WHERE i.meeting_id = m.id AND i.outcome IS NOT NULL) AS decided
       FROM desk_meetings m LEFT JOIN users u ON u.id = m.created_by ORDER BY m.held_on DESC, m.id DESC`,
    );
    return rows.map((r) => ({ id: r.id, heldOn: r.held_on, title: r.title, members: r.members, agenda: r.agenda, createdByName: r.created_by_name, createdAt: r.created_at, count: r.n, decided: r.decided }));
  }

  /** The meeting's conclusion on one draft. */
  async recordOutcome(meetingId: number, requestId: number, input: OutcomeInput, actorId: number | null): Promise<Meeting> {
    const o = parseInput(OutcomeSchema, input);
    const actor = await this.actor(actorId);
    if ((o.outcome === 'amend' || o.outcome === 'return') && !o.note) throw new StoreError('INVALID', '“修改后同意”或“退回”须写明会审意见');
    const [r] = await this.db.batch([
      stmt('UPDATE desk_meeting_items SET outcome = ?, outcome_note = ?, recorded_by = ?, recorded_at = ? WHERE meeting_id = ? AND request_id = ?', o.outcome, o.note, actor?.id ?? null, this.iso(), meetingId, requestId),
      this.audit(actorId, 'desk.outcome', `meeting:${meetingId}#${requestId}`, { outcome: o.outcome, note: o.note }, true),
    ]);
    if (!r?.changes) {
      await this.requireMeeting(meetingId);
      throw new StoreError('NOT_FOUND', `会审中没有送审件 ${requestId}`);
    }
    return this.requireMeeting(meetingId);
  }

  private async meetingsOf(requestId: number): Promise<RequestDetail['meetings']> {
    const rows = await this.db.all<{ id: number; title: string; held_on: string; outcome: MeetingOutcome | null }>(
      'SELECT m.id, m.title, m.held_on, i.outcome FROM desk_meeting_items i JOIN desk_meetings m ON m.id = i.meeting_id WHERE i.request_id = ? ORDER BY m.held_on',
      [requestId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, heldOn: r.held_on, outcome: r.outcome }));
  }

  // ---------------------------------------------------------------- for reports

  /** Every request touching the period (received before its end), with steps, for the period report. */
  async requestsUpTo(to: Day): Promise<{ request: RequestWithDeadline; clock: RequestClock }[]> {
    const rows = await this.db.all<RequestRow>(`${REQUEST_SELECT} WHERE q.received_on <= ? ORDER BY q.received_on, q.id`, [to]);
    const requests = rows.map(toRequest);
    const steps = await this.steps(requests.map((r) => r.id));
    const withDeadlines = await this.withDeadlines(requests, steps);
    return withDeadlines.map((r) => ({ request: r, clock: clockOf(r, steps.get(r.id) ?? []) }));
  }

  /** Findings (not dismissed) of review records created within the period, by category and by department. */
  async findingsBetween(from: Day, to: Day): Promise<{ byCategory: { category: string; count: number }[]; byDepartment: { department: string; count: number; reviews: number }[]; reviews: number }> {
    const range = [instantOfLocalDay(from, 0), instantOfLocalDay(to, 1)];
    const byCategory = await this.db.all<{ category: string; count: number }>(
      `SELECT f.category, count(*) AS count FROM review_findings f JOIN reviews r ON r.id = f.review_id
       WHERE r.created_at >= ? AND r.created_at < ? AND f.status <> 'dismissed' GROUP BY f.category ORDER BY count DESC, f.category`,
      range,
    );
    const byDepartment = await this.db.all<{ department: string; count: number; reviews: number }>(
      `SELECT CASE r.department WHEN '' THEN '（未填部门）' ELSE r.department END AS department, count(f.finding_id) AS count, count(DISTINCT r.id) AS reviews
       FROM reviews r LEFT JOIN review_findings f ON f.review_id = r.id AND f.status <> 'dismissed'
       WHERE r.created_at >= ? AND r.created_at < ? GROUP BY r.department ORDER BY count DESC, department`,
      range,
    );
    const reviews = (await this.db.first<{ n: number }>('SELECT count(*) AS n FROM reviews WHERE created_at >= ? AND created_at < ?', range))?.n ?? 0;
    return { byCategory, byDepartment, reviews };
  }

  // ---------------------------------------------------------------- helpers

  private async steps(ids: number[]): Promise<Map<number, RequestStep[]>> {
    const out = new Map<number, RequestStep[]>();
    if (ids.length === 0) return out;
    // D1 limits bound parameters per statement: read in chunks
    for (let i = 0; i < ids.length; i += 90) {
      const chunk = ids.slice(i, i + 90);
      const rows = await this.db.all<StepRow>(
        `SELECT s.*, u.display_name AS user_name FROM desk_request_steps s LEFT JOIN users u ON u.id = s.user_id WHERE s.request_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY s.id`,
        chunk,
      );
      for (const r of rows) {
        const list = out.get(r.request_id) ?? [];
        list.push({ id: r.id, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, day: r.day, note: r.note, userId: r.user_id, userName: r.user_name ?? (r.user_id === null ? '命令行' : null), at: r.at });
        out.set(r.request_id, list);
      }
    }
    return out;
  }

  private async withDeadlines(requests: DeskRequest[], known?: Map<number, RequestStep[]>): Promise<RequestWithDeadline[]> {
    if (requests.length === 0) return [];
    const [calendar, settings, steps] = await Promise.all([this.calendar(), this.deadlineSettings(), known ?? this.steps(requests.map((r) => r.id))]);
    const today = this.today();
    return requests.map((r) => ({ ...r, deadline: requestDeadline(clockOf(r, steps.get(r.id) ?? []), calendar, settings, today) }));
  }

  private async actor(actorId: number | null): Promise<User | null> {
    if (actorId === null) return null;
    const u = await this.store.getUser(actorId);
    if (!u || u.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    return u;
  }

  private async requireAdmin(actorId: number | null, what: string): Promise<void> {
    const actor = await this.actor(actorId);
    if (actor && actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以${what}`);
  }

  private async requireAssignee(userId: number): Promise<void> {
    const u = await this.store.getUser(userId);
    if (!u || u.disabled) throw new StoreError('INVALID', '承办人不存在或已停用');
  }

  private audit(userId: number | null, action: string, target: string, detail: Record<string, unknown>, ifChanged = false): SqlStatement {
    const d = userId === null ? { ...detail, via: 'cli' } : detail;
    return stmt(
      `INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, ?, ?, ?${ifChanged ? ' WHERE changes() > 0' : ''}`,
      this.iso(), userId, action, target, JSON.stringify(d),
    );
  }

  private async appendAudit(userId: number | null, action: string, target: string, detail: Record<string, unknown>): Promise<void> {
    const s = this.audit(userId, action, target, detail);
    await this.db.run(s.sql, s.params);
  }
}

export function officialYearInfo(y: YearCalendar): CalendarYearInfo {
  return { year: y.year, origin: 'official', source: y.source, holidays: Object.keys(y.holidays).length, workdays: Object.keys(y.workdays).length, loadedAt: null, loadedByName: null };
}

function toRequest(r: RequestRow): DeskRequest {
  return {
    id: r.id, department: r.department, title: r.title, reviewType: r.review_type, receivedOn: r.received_on, priority: r.priority === 1, early: r.early === 1,
    assigneeId: r.assignee_id, assigneeName: r.assignee_name, status: r.status, opinionOn: r.opinion_on, closedOn: r.closed_on, urgentReason: r.urgent_reason,
    note: r.note, createdBy: r.created_by, createdByName: r.created_by_name, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** Pauses from the steps: 退回补正 on day A stops the clock; 补正收到 on day B restarts it. */
export function pausesOf(steps: readonly Pick<RequestStep, 'action' | 'day'>[]): Pause[] {
  const pauses: Pause[] = [];
  for (const s of steps) {
    if (s.action === 'return') pauses.push({ from: s.day, to: null });
    else if (s.action === 'resubmit') {
      const open = pauses[pauses.length - 1];
      if (open && open.to === null) open.to = s.day;
    }
  }
  return pauses;
}

function clockOf(r: DeskRequest, steps: readonly RequestStep[]): RequestClock {
  return { receivedOn: r.receivedOn, priority: r.priority, pauses: pausesOf(steps), finishedOn: r.opinionOn };
}

/** The UTC instant where local day `day` (+ `plusDays`) begins in China Standard Time. */
function instantOfLocalDay(day: Day, plusDays: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 8 * 3600_000).toISOString();
}

export type { RequestAction };
