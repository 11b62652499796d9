/**
 * 我的待办 for the home page: requests due soon (within N working days, or overdue), the open
 * requests assigned to the user, and — for a chief — review records ready for sign-off (a
 * conclusion chosen, no open finding, not voided). Split from DeskStore, which delegates to it.
 */
import type { DeskCalendarStore } from './desk-calendar-store.js';
import type { DeskContext } from './desk-context.js';
import type { DeskRequestQueries } from './desk-request-queries.js';
import type { RequestWithDeadline } from './desk-types.js';

export interface SignoffItem {
  id: string;
  title: string;
  department: string;
  conclusion: string;
  updatedAt: string;
}

export interface Todo {
  /** The working days "due soon" looked at. */
  dueSoonDays: number;
  dueSoon: RequestWithDeadline[];
  mine: RequestWithDeadline[];
  /** Only for a chief (科长); empty for others. */
  signoff: SignoffItem[];
}

export class DeskTodo {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
    private readonly calendars: DeskCalendarStore,
  ) {}

  async todo(userId: number, dueSoonDays?: number): Promise<Todo> {
    const user = await this.ctx.actor(userId);
    const n = dueSoonDays ?? (await this.calendars.deadlineSettings()).dueSoonDays;
    const open = await this.requests.listRequests({ scope: 'open' });
    const dueSoon = open.filter((r) => r.deadline.remaining !== null && r.deadline.remaining <= n);
    const mine = open.filter((r) => r.assigneeId === userId);
    const signoff =
      user?.role === 'chief'
        ? (
            await this.ctx.db.all<{ id: string; title: string; department: string; conclusion: string; updated_at: string }>(
              `SELECT r.id, r.title, r.department, r.conclusion, r.updated_at FROM reviews r
               WHERE r.status <> 'signed' AND r.voided_at IS NULL AND r.conclusion IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM review_findings f WHERE f.review_id = r.id AND f.status = 'open')
               ORDER BY r.updated_at LIMIT 50`,
            )
          ).map((r) => ({ id: r.id, title: r.title, department: r.department, conclusion: r.conclusion, updatedAt: r.updated_at }))
        : [];
    return { dueSoonDays: n, dueSoon, mine, signoff };
  }
}
