/**
 * Reading review requests (送审件) back: the row mapping, their steps, and the deadline each one
 * gets from its steps (pauses for 补正), the work calendar and the deadline settings. The
 * request writes (desk-store.ts), the meetings and the report queries all read through here,
 * so a request always comes back with the same deadline whichever way it is asked for.
 */
import type { SqlValue } from '../store/sql-driver.js';
import { parseInput, StoreError, voidedCondition } from '../store/types.js';
import type { Pause } from './calendar.js';
import { requestDeadline, settingsForKind, type RequestClock } from './deadlines.js';
import type { DeskCalendarStore } from './desk-calendar-store.js';
import type { DeskContext } from './desk-context.js';
import { RequestQuerySchema, type DeskRequest, type RequestQuery, type RequestStep, type RequestWithDeadline } from './desk-types.js';
import { OPEN_STATUSES, type RequestStatus } from './workflow.js';

export interface RequestRow {
  id: number; department: string; title: string; review_type: DeskRequest['reviewType']; kind: DeskRequest['kind']; received_on: string; priority: number; early: number;
  assignee_id: number | null; assignee_name: string | null; status: RequestStatus; opinion_on: string | null; closed_on: string | null;
  urgent_reason: string | null; note: string; created_by: number | null; created_by_name: string | null; created_at: string; updated_at: string;
  voided_at: string | null; voided_by_name: string | null; void_reason: string | null;
}

interface StepRow { id: number; request_id: number; action: RequestStep['action']; from_status: RequestStatus | null; to_status: RequestStatus; day: string; note: string; user_id: number | null; user_name: string | null; at: string }

export const REQUEST_SELECT = `SELECT q.*, a.display_name AS assignee_name, c.display_name AS created_by_name, v.display_name AS voided_by_name
  FROM desk_requests q LEFT JOIN users a ON a.id = q.assignee_id LEFT JOIN users c ON c.id = q.created_by LEFT JOIN users v ON v.id = q.voided_by`;

export class DeskRequestQueries {
  constructor(
    private readonly ctx: DeskContext,
    private readonly calendars: DeskCalendarStore,
  ) {}

  async getRequest(id: number): Promise<RequestWithDeadline | null> {
    const row = await this.ctx.db.first<RequestRow>(`${REQUEST_SELECT} WHERE q.id = ?`, [id]);
    if (!row) return null;
    const [withDeadline] = await this.withDeadlines([toRequest(row)]);
    return withDeadline ?? null;
  }

  async requireRequest(id: number): Promise<RequestWithDeadline> {
    const r = await this.getRequest(id);
    if (!r) throw new StoreError('NOT_FOUND', `没有编号为 ${id} 的送审件`);
    return r;
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
    if (q.kind) (where.push('q.kind = ?'), params.push(q.kind));
    if (q.priority) (where.push('q.priority = ?'), params.push(Number(q.priority)));
    if (q.assigneeId) (where.push('q.assignee_id = ?'), params.push(q.assigneeId));
    const voided = voidedCondition(q.voided, 'q');
    if (voided) where.push(voided);
    const rows = await this.ctx.db.all<RequestRow>(`${REQUEST_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY q.received_on, q.id`, params);
    const items = await this.withDeadlines(rows.map(toRequest));
    const key = (r: RequestWithDeadline) => r.deadline.count.due ?? '9999-12-31';
    return items.sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
  }

  /** Departments that sent requests, for the filters. */
  async departments(): Promise<string[]> {
    return (await this.ctx.db.all<{ department: string }>('SELECT DISTINCT department FROM desk_requests WHERE voided_at IS NULL ORDER BY department')).map((r) => r.department);
  }

  async steps(ids: number[]): Promise<Map<number, RequestStep[]>> {
    const out = new Map<number, RequestStep[]>();
    if (ids.length === 0) return out;
    // D1 limits bound parameters per statement: read in chunks
    for (let i = 0; i < ids.length; i += 90) {
      const chunk = ids.slice(i, i + 90);
      const rows = await this.ctx.db.all<StepRow>(
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

  async withDeadlines(requests: DeskRequest[], known?: Map<number, RequestStep[]>): Promise<RequestWithDeadline[]> {
    if (requests.length === 0) return [];
    const [calendar, settings, kinds, steps] = await Promise.all([this.calendars.calendar(), this.calendars.deadlineSettings(), this.calendars.kindSettings(), known ?? this.steps(requests.map((r) => r.id))]);
    const today = this.ctx.today();
    return requests.map((r) => ({ ...r, deadline: requestDeadline(clockOf(r, steps.get(r.id) ?? []), calendar, settingsForKind(settings, kinds[r.kind].reviewDays ?? settings.reviewDays), today) }));
  }
}

export function toRequest(r: RequestRow): DeskRequest {
  return {
    id: r.id, department: r.department, title: r.title, reviewType: r.review_type, kind: r.kind, receivedOn: r.received_on, priority: r.priority === 1, early: r.early === 1,
    assigneeId: r.assignee_id, assigneeName: r.assignee_name, status: r.status, opinionOn: r.opinion_on, closedOn: r.closed_on, urgentReason: r.urgent_reason,
    note: r.note, createdBy: r.created_by, createdByName: r.created_by_name, createdAt: r.created_at, updatedAt: r.updated_at,
    voidedAt: r.voided_at, voidedByName: r.voided_by_name, voidReason: r.void_reason,
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

export function clockOf(r: DeskRequest, steps: readonly RequestStep[]): RequestClock {
  return { receivedOn: r.receivedOn, priority: r.priority, pauses: pausesOf(steps), finishedOn: r.opinionOn };
}
