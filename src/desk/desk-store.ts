/**
 * The review desk's storage over the core store's SqlDriver, and the one entry the server and the
 * command line use. This file holds the review requests (送审件) themselves: creating them, their
 * workflow steps, assignment, draft versions and linked review records. The other parts sit in
 * their own files and DeskStore delegates to them:
 *   desk-context.ts          the clock, the actor checks and the audit statement they all share
 *   desk-calendar-store.ts   the holiday years an administrator loaded; the deadline settings
 *   desk-request-queries.ts  reading requests back with their steps and deadlines
 *   desk-meetings.ts         joint review meetings (集中会审) and their outcomes
 *   desk-outcomes.ts         a meeting's conclusion moving its request
 *   desk-links.ts            review records linked to a request, and the candidates offered
 *   desk-report-queries.ts   the queries behind the period report
 * Every write is audited in the core audit log, in the same batch as the change.
 *
 * `actorId` is the signed-in user, or null for the local command line (machine trust).
 */
import { storedType } from '../ingest/stored-type.js';
import { stmt } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { parseInput, ROLE_LABELS, StoreError } from '../store/types.js';
import type { WorkCalendar, YearCalendar } from './calendar.js';
import { workingDaysTaken, type DeadlineSettings, type RequestClock } from './deadlines.js';
import type { Day } from './days.js';
import { DeskCalendarStore } from './desk-calendar-store.js';
import { DeskContext } from './desk-context.js';
import { DeskMaterials, missingNote } from './desk-materials.js';
import { DeskLinks, type LinkCandidate } from './desk-links.js';
import { DeskMeetings } from './desk-meetings.js';
import { DeskOutcomes } from './desk-outcomes.js';
import type { KindsSettings } from './kinds.js';
import type { OutcomeAdvance } from './meeting-outcomes.js';
import { DeskTodo, type Todo } from './desk-todo.js';
import { DeskReportQueries, type PeriodFindings } from './desk-report-queries.js';
import { DeskVoiding, type PurgeResult } from './desk-voiding.js';
import type { PurgeInput, VoidedFilter, VoidInput } from '../store/types.js';
import { clockOf, DeskRequestQueries } from './desk-request-queries.js';
import {
  NewRequestSchema, TransitionSchema,
  type CalendarYearInfo, type Materials, type DraftVersion, type LinkedReview, type Meeting, type NewMeeting, type NewRequest,
  type OutcomeInput, type RequestDetail, type RequestQuery, type RequestWithDeadline, type TransitionInput,
} from './desk-types.js';
import { OFFICIAL_YEARS } from './official-calendar.js';
import { nextStatus, REQUEST_ACTION_LABELS, type RequestAction } from './workflow.js';

export { officialYearInfo } from './desk-calendar-store.js';
export { pausesOf } from './desk-request-queries.js';

export interface DeskStoreOptions {
  /** The clock (tests move it); default: the system clock. */
  now?: () => Date;
  /** The shipped holiday years; default corpus/calendar/official.json. */
  official?: readonly YearCalendar[];
}

export class DeskStore {
  private readonly ctx: DeskContext;
  private readonly calendars: DeskCalendarStore;
  private readonly requests: DeskRequestQueries;
  private readonly meetings: DeskMeetings;
  private readonly reports: DeskReportQueries;
  private readonly voiding: DeskVoiding;
  private readonly materialsStore: DeskMaterials;
  private readonly todos: DeskTodo;
  private readonly links: DeskLinks;
  private readonly outcomes: DeskOutcomes;

  constructor(
    readonly store: Store,
    options: DeskStoreOptions = {},
  ) {
    this.ctx = new DeskContext(store, options.now ?? (() => store.currentTime()));
    this.calendars = new DeskCalendarStore(this.ctx, options.official ?? OFFICIAL_YEARS);
    this.requests = new DeskRequestQueries(this.ctx, this.calendars);
    this.meetings = new DeskMeetings(this.ctx, this.requests);
    this.reports = new DeskReportQueries(this.ctx, this.requests);
    this.voiding = new DeskVoiding(this.ctx, this.requests);
    this.materialsStore = new DeskMaterials(this.ctx, this.calendars);
    this.todos = new DeskTodo(this.ctx, this.requests, this.calendars);
    this.links = new DeskLinks(this.ctx, this.requests, (id) => this.requireLive(id), (id) => this.versions(id));
    this.outcomes = new DeskOutcomes(this.ctx, this.requests, this.meetings, (id, input, actorId) => this.transition(id, input, actorId));
  }

  // ---------------------------------------------------------------- 作废 and the purge (desk-voiding.ts)

  /** 作废 with a reason: kept, audited, out of the lists and the period report. */
  voidRequest(id: number, input: VoidInput, actorId: number | null): Promise<RequestWithDeadline> {
    return this.voiding.voidRequest(id, input, actorId);
  }

  restoreRequest(id: number, actorId: number | null): Promise<RequestWithDeadline> {
    return this.voiding.restoreRequest(id, actorId);
  }

  /** Administrators: deletes unsigned reviews and requests voided at least N days ago, with the typed phrase. */
  purgeVoided(input: PurgeInput, actorId: number | null): Promise<PurgeResult> {
    return this.voiding.purgeVoided(input, actorId);
  }

  /** A voided request takes no further step. */
  private async requireLive(id: number): Promise<RequestWithDeadline> {
    const request = await this.requireRequest(id);
    if (request.voidedAt) throw new StoreError('CONFLICT', `送审件 ${id} 已作废，不能再办理（如需继续，请先撤销作废）`);
    return request;
  }

  today(): Day {
    return this.ctx.today();
  }

  // ---------------------------------------------------------------- calendar and settings (desk-calendar-store.ts)

  /** The shipped years with the administrator's loads over them. */
  calendar(): Promise<WorkCalendar> {
    return this.calendars.calendar();
  }

  loadedYears(): Promise<YearCalendar[]> {
    return this.calendars.loadedYears();
  }

  calendarYears(): Promise<CalendarYearInfo[]> {
    return this.calendars.calendarYears();
  }

  /** Stores a parsed year (calendar-import.ts); it replaces the shipped or earlier-loaded year. Administrators only. */
  loadCalendarYear(year: YearCalendar, actorId: number | null): Promise<void> {
    return this.calendars.loadCalendarYear(year, actorId);
  }

  deadlineSettings(): Promise<DeadlineSettings> {
    return this.calendars.deadlineSettings();
  }

  /** Administrators only (the core store checks and audits). */
  setDeadlineSettings(input: Partial<Record<keyof DeadlineSettings, unknown>>, actorId: number | null): Promise<DeadlineSettings> {
    return this.calendars.setDeadlineSettings(input, actorId);
  }

  /** Per kind of request: time limit, 送审材料 checklist, packs (kinds.ts). */
  kindSettings(): Promise<KindsSettings> {
    return this.calendars.kindSettings();
  }

  /** Administrators only (the core store checks and audits). */
  setKindSettings(input: Partial<Record<string, unknown>>, actorId: number | null): Promise<KindsSettings> {
    return this.calendars.setKindSettings(input, actorId);
  }

  // ---------------------------------------------------------------- 送审材料 (desk-materials.ts)

  async materials(id: number): Promise<Materials> {
    return this.materialsStore.materials(await this.requireRequest(id));
  }

  /** Marks exactly these checklist items as received. */
  async setMaterials(id: number, received: readonly string[], actorId: number | null): Promise<Materials> {
    await this.ctx.actor(actorId);
    return this.materialsStore.setReceived(await this.requireLive(id), received, actorId);
  }

  // ---------------------------------------------------------------- 我的待办 (desk-todo.ts)

  /** Due soon, assigned to the user, awaiting the chief's sign-off. */
  todo(userId: number, dueSoonDays?: number): Promise<Todo> {
    return this.todos.todo(userId, dueSoonDays);
  }

  // ---------------------------------------------------------------- reading requests (desk-request-queries.ts)

  getRequest(id: number): Promise<RequestWithDeadline | null> {
    return this.requests.getRequest(id);
  }

  requireRequest(id: number): Promise<RequestWithDeadline> {
    return this.requests.requireRequest(id);
  }

  /** Open requests (or done, or all), sorted by due date (paused ones last); filters as on the desk page. */
  listRequests(query: RequestQuery = {}): Promise<RequestWithDeadline[]> {
    return this.requests.listRequests(query);
  }

  /** Departments that sent requests, for the filters. */
  departments(): Promise<string[]> {
    return this.requests.departments();
  }

  // ---------------------------------------------------------------- requests

  async createRequest(input: NewRequest, actorId: number | null): Promise<RequestWithDeadline> {
    const r = parseInput(NewRequestSchema, input);
    const actor = await this.ctx.actor(actorId);
    const today = this.ctx.today();
    const receivedOn = r.receivedOn ?? today;
    if (receivedOn > today) throw new StoreError('INVALID', `收件日期 ${receivedOn} 晚于今天，请核对`);
    if (r.assigneeId) await this.ctx.requireAssignee(r.assigneeId);
    const at = this.ctx.iso();
    const [insert] = await this.ctx.db.batch([
      stmt(
        `INSERT INTO desk_requests (department, title, review_type, kind, received_on, priority, early, assignee_id, status, note, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?, ?)`,
        r.department, r.title, r.reviewType, r.kind, receivedOn, r.priority ? 1 : 0, r.early ? 1 : 0, r.assigneeId ?? null, r.note, actor?.id ?? null, at, at,
      ),
      stmt(`INSERT INTO desk_request_steps (request_id, action, from_status, to_status, day, note, user_id, at) VALUES (last_insert_rowid(), 'create', NULL, 'received', ?, '', ?, ?)`, receivedOn, actor?.id ?? null, at),
    ]);
    const id = insert?.lastRowId ?? 0;
    await this.ctx.appendAudit(actorId, 'desk.create', `desk:${id}`, { title: r.title, department: r.department, kind: r.kind, receivedOn, priority: r.priority });
    return this.requireRequest(id);
  }

  async getRequestDetail(id: number): Promise<RequestDetail | null> {
    const request = await this.getRequest(id);
    if (!request) return null;
    const [steps, versions, reviews, meetings, materials] = await Promise.all([this.requests.steps([id]), this.versions(id), this.linkedReviews(id), this.meetings.meetingsOf(id), this.materialsStore.materials(request)]);
    return { request, steps: steps.get(id) ?? [], versions, reviews, meetings, materials };
  }

  /** One step of the workflow (workflow.ts), recorded with who and which day. */
  async transition(id: number, input: TransitionInput, actorId: number | null): Promise<RequestWithDeadline> {
    const t = parseInput(TransitionSchema, input);
    const actor = await this.ctx.actor(actorId);
    const request = await this.requireLive(id);
    const to = nextStatus(request.status, t.action);
    if (t.action === 'opinion' && actor && actor.role !== 'chief') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.chief}可以出具审查意见`);
    const steps = (await this.requests.steps([id])).get(id) ?? [];
    const today = this.ctx.today();
    const day = t.day ?? today;
    const last = steps[steps.length - 1]?.day ?? request.receivedOn;
    if (day > today) throw new StoreError('INVALID', `日期 ${day} 晚于今天，请核对`);
    if (day < last) throw new StoreError('INVALID', `日期 ${day} 早于上一步（${last}），请核对`);
    // 退回补正 names what is missing: the 送审材料 not yet received, then the reviewer's note
    const missing = t.action === 'return' ? missingNote((await this.materialsStore.materials(request)).missing) : '';
    if (t.action === 'return' && !t.note && !missing) throw new StoreError('INVALID', '退回补正须写明需要补正的材料或问题（送审材料清单已齐全）');

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
    const at = this.ctx.iso();
    const base = [missing, t.note].filter(Boolean).join('；');
    const note = urgentReason ? `${base ? `${base}；` : ''}紧急情况：${urgentReason}` : base;
    // 开始审查 makes the starter the assignee when nobody is
    const extra = t.action === 'opinion' ? stmt(', opinion_on = ?, urgent_reason = ?', day, urgentReason) : t.action === 'close' ? stmt(', closed_on = ?', day) : t.action === 'start' && actor ? stmt(', assignee_id = coalesce(assignee_id, ?)', actor.id) : stmt('');
    const [r] = await this.ctx.db.batch([
      { sql: `UPDATE desk_requests SET status = ?, updated_at = ?${extra.sql} WHERE id = ? AND status = ?`, params: [to, at, ...(extra.params ?? []), id, request.status] },
      stmt(`INSERT INTO desk_request_steps (request_id, action, from_status, to_status, day, note, user_id, at) SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0`, id, t.action, request.status, to, day, note, actor?.id ?? null, at),
      this.ctx.audit(actorId, `desk.${t.action}`, `desk:${id}`, { from: request.status, to, day, ...(note ? { note } : {}), ...(t.action === 'start' && actor && request.assigneeId === null ? { assignee: actor.id } : {}) }, true),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', `送审件刚被他人更新，请刷新后再${REQUEST_ACTION_LABELS[t.action]}`);
    return this.requireRequest(id);
  }

  /** A review started from the request: the starter becomes the assignee when there is none (audited as desk.assign). */
  async assignIfUnassigned(id: number, actorId: number | null): Promise<void> {
    if (actorId === null) return;
    const request = await this.requireLive(id);
    if (request.assigneeId !== null) return;
    await this.ctx.requireAssignee(actorId);
    await this.ctx.db.batch([
      stmt('UPDATE desk_requests SET assignee_id = ?, updated_at = ? WHERE id = ? AND assignee_id IS NULL', actorId, this.ctx.iso(), id),
      this.ctx.audit(actorId, 'desk.assign', `desk:${id}`, { from: null, to: actorId, reason: 'prereview' }, true),
    ]);
  }

  /** Review records to offer for 关联已有预审 (desk-links.ts): same original or title first, then the department's. */
  linkCandidates(id: number, limit = 20): Promise<LinkCandidate[]> {
    return this.links.linkCandidates(id, limit);
  }

  async assign(id: number, assigneeId: number | null, actorId: number | null): Promise<RequestWithDeadline> {
    await this.ctx.actor(actorId);
    const request = await this.requireLive(id);
    if (assigneeId !== null) await this.ctx.requireAssignee(assigneeId);
    await this.ctx.db.batch([
      stmt('UPDATE desk_requests SET assignee_id = ?, updated_at = ? WHERE id = ?', assigneeId, this.ctx.iso(), id),
      this.ctx.audit(actorId, 'desk.assign', `desk:${id}`, { from: request.assigneeId, to: assigneeId }),
    ]);
    return this.requireRequest(id);
  }

  /**
   * A new version of the draft: the original is kept by its SHA-256 in the core documents table.
   * Checked by content like a review (.docx or text; IngestError otherwise) and stored with the
   * type its bytes show; `file.mime` (what the client claimed) is ignored.
   */
  async addVersion(id: number, file: { bytes: Uint8Array; fileName: string; mime?: string; receivedOn?: Day | undefined; note?: string }, actorId: number | null): Promise<DraftVersion> {
    const type = storedType(file.bytes, file.fileName);
    const actor = await this.ctx.actor(actorId);
    const request = await this.requireLive(id);
    const receivedOn = file.receivedOn ?? this.ctx.today();
    if (receivedOn < request.receivedOn) throw new StoreError('INVALID', `版本日期 ${receivedOn} 早于收件日期 ${request.receivedOn}`);
    if (receivedOn > this.ctx.today()) throw new StoreError('INVALID', `版本日期 ${receivedOn} 晚于今天，请核对`);
    const { hash } = await this.store.putDocument({ bytes: file.bytes as Uint8Array<ArrayBuffer>, fileName: file.fileName, mime: type.mime }, actor?.id ?? null);
    const at = this.ctx.iso();
    await this.ctx.db.batch([
      stmt(
        `INSERT INTO desk_request_versions (request_id, version, document_hash, file_name, received_on, note, created_by, created_at)
         SELECT ?, coalesce((SELECT max(version) FROM desk_request_versions WHERE request_id = ?), 0) + 1, ?, ?, ?, ?, ?, ?`,
        id, id, hash, file.fileName.slice(0, 255), receivedOn, (file.note ?? '').slice(0, 2000), actor?.id ?? null, at,
      ),
      this.ctx.audit(actorId, 'desk.version', `desk:${id}`, { hash, fileName: file.fileName }),
    ]);
    const versions = await this.versions(id);
    return versions[versions.length - 1] as DraftVersion;
  }

  async versions(id: number): Promise<DraftVersion[]> {
    const rows = await this.ctx.db.all<{ version: number; document_hash: string; file_name: string; received_on: string; note: string; created_by_name: string | null; created_at: string }>(
      `SELECT v.*, u.display_name AS created_by_name FROM desk_request_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.request_id = ? ORDER BY v.version`,
      [id],
    );
    return rows.map((r) => ({ version: r.version, documentHash: r.document_hash, fileName: r.file_name, receivedOn: r.received_on, note: r.note, createdByName: r.created_by_name, createdAt: r.created_at }));
  }

  // ---------------------------------------------------------------- linked reviews (desk-links.ts)

  /** Links a review record to the request as a review of 第`version`版 (default: the version whose original it is). */
  linkReview(id: number, reviewId: string, actorId: number | null, version?: number): Promise<LinkedReview[]> {
    return this.links.linkReview(id, reviewId, actorId, version);
  }

  unlinkReview(id: number, reviewId: string, actorId: number | null): Promise<LinkedReview[]> {
    return this.links.unlinkReview(id, reviewId, actorId);
  }

  /** Which 第N版 of a request's draft a review is of, or null. */
  versionOfReview(reviewId: string): Promise<number | null> {
    return this.links.versionOfReview(reviewId);
  }

  linkedReviews(id: number): Promise<LinkedReview[]> {
    return this.links.linkedReviews(id);
  }

  // ---------------------------------------------------------------- 集中会审 (desk-meetings.ts, desk-outcomes.ts)

  createMeeting(input: NewMeeting, actorId: number | null): Promise<Meeting> {
    return this.meetings.createMeeting(input, actorId);
  }

  getMeeting(id: number): Promise<Meeting | null> {
    return this.meetings.getMeeting(id);
  }

  requireMeeting(id: number): Promise<Meeting> {
    return this.meetings.requireMeeting(id);
  }

  listMeetings(voided?: VoidedFilter): Promise<(Omit<Meeting, 'items'> & { count: number; decided: number })[]> {
    return this.meetings.listMeetings(voided);
  }

  voidMeeting(id: number, input: VoidInput, actorId: number | null): Promise<Meeting> {
    return this.meetings.voidMeeting(id, input, actorId);
  }

  restoreMeeting(id: number, actorId: number | null): Promise<Meeting> {
    return this.meetings.restoreMeeting(id, actorId);
  }

  /**
   * The meeting's conclusion on one draft, checked against its note, then the request moves as
   * the conclusion says (desk-outcomes.ts); what is left is said in `advance.pending`.
   */
  recordOutcome(meetingId: number, requestId: number, input: OutcomeInput, actorId: number | null): Promise<Meeting & { advance: OutcomeAdvance }> {
    return this.outcomes.recordOutcome(meetingId, requestId, input, actorId);
  }

  // ---------------------------------------------------------------- for reports (desk-report-queries.ts)

  /** Every request touching the period (received before its end), with steps, for the period report. */
  requestsUpTo(to: Day): Promise<{ request: RequestWithDeadline; clock: RequestClock }[]> {
    return this.reports.requestsUpTo(to);
  }

  /** Confirmed findings of the documents signed off in the period (each once), and apart the raw pre-check figures. */
  findingsBetween(from: Day, to: Day): Promise<PeriodFindings> {
    return this.reports.findingsBetween(from, to);
  }
}

export type { RequestAction };
