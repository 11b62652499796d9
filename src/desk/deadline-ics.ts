/** Deadlines of open requests as an .ics file for reviewers' calendars (one all-day event on each due day). */
import { DEADLINE_STATE_LABELS } from './deadlines.js';
import type { RequestWithDeadline } from './desk-types.js';
import { writeIcs, type AllDayEvent } from './ics.js';
import { REVIEW_TYPE_LABELS } from './workflow.js';

export function deadlinesIcs(requests: readonly RequestWithDeadline[], options: { name: string; stamp: string; baseUrl?: string }): string {
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
      return { uid: `fahu-desk-request-${r.id}@fahu`, start: due, end: due, summary: `【送审件到期】${r.title}`, description: lines.join('\n') };
    });
  return writeIcs(events, { name: options.name, stamp: options.stamp });
}
