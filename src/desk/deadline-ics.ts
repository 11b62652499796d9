/**
 * Deadlines of open requests as an .ics file for reviewers' calendars: one all-day event on each
 * due day, with a reminder (VALARM) `reminderDays` working days before it (the work calendar's
 * working days, holidays and adjusted workdays included; 0: on the due day itself).
 */
import type { WorkCalendar } from './calendar.js';
import { addDays, type Day } from './days.js';
import { DEADLINE_STATE_LABELS } from './deadlines.js';
import type { RequestWithDeadline } from './desk-types.js';
import { writeIcs, type AllDayEvent } from './ics.js';
import { REVIEW_TYPE_LABELS } from './workflow.js';

/** The working day `n` working days before `day` (`day` itself for 0). */
export function workingDaysBefore(calendar: WorkCalendar, day: Day, n: number): Day {
  let d = day;
  for (let left = n, guard = 0; left > 0 && guard < 800; guard++) {
    d = addDays(d, -1);
    if (calendar.isWorkingDay(d)) left--;
  }
  return d;
}

export function deadlinesIcs(requests: readonly RequestWithDeadline[], options: { name: string; stamp: string; baseUrl?: string; reminder?: { calendar: WorkCalendar; days: number } }): string {
  const events: AllDayEvent[] = requests
    .filter((r) => r.deadline.count.due)
    .map((r) => {
      const due = r.deadline.count.due as string;
      const lines = [
        `${REVIEW_TYPE_LABELS[r.reviewType]}｜${r.department}${r.priority ? '｜优先审查' : ''}`,
        `期限：${r.deadline.explanation}（${DEADLINE_STATE_LABELS[r.deadline.state]}）`,
        ...(r.deadline.warning ? [`注意：${r.deadline.warning}`] : []),
        ...(r.assigneeName ? [`承办：${r.assigneeName}`] : []),
        ...(options.baseUrl ? [`${options.baseUrl}/desk/requests/${r.id}`] : []),
      ];
      const reminder = options.reminder;
      const alarm = reminder ? { on: workingDaysBefore(reminder.calendar, due, reminder.days), description: reminder.days ? `送审件“${r.title}”${reminder.days}个工作日后（${due}）到期` : `送审件“${r.title}”今天到期` } : undefined;
      return { uid: `fahu-desk-request-${r.id}@fahu`, start: due, end: due, summary: `【送审件到期】${r.title}`, description: lines.join('\n'), ...(alarm ? { alarm } : {}) };
    });
  return writeIcs(events, { name: options.name, stamp: options.stamp });
}
