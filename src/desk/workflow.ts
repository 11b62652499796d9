/**
 * The life of a review request (送审件):
 *
 *   收件 ─开始审查→ 审查中 ─出具意见→ 出具意见 ─办结→ 办结
 *                     │  ↑
 *              退回补正  补正收到 (⇄, as often as needed; 补正收到 may also lead to 出具意见)
 *
 * Each step is recorded with who and on which day. A step that the state does not allow is
 * refused with a message that says what the state is and what can be done instead.
 */
import { StoreError } from '../store/types.js';

export const REQUEST_STATUSES = ['received', 'reviewing', 'returned', 'resubmitted', 'opinion', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: '收件',
  reviewing: '审查中',
  returned: '退回补正',
  resubmitted: '补正收到',
  opinion: '出具意见',
  closed: '办结',
};
/** Not yet answered: the deadline runs (or is paused). */
export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'reviewing', 'returned', 'resubmitted'];

export const REQUEST_ACTIONS = ['start', 'return', 'resubmit', 'opinion', 'close'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const REQUEST_ACTION_LABELS: Record<RequestAction, string> = {
  start: '开始审查',
  return: '退回补正',
  resubmit: '补正收到',
  opinion: '出具意见',
  close: '办结',
};

export const TRANSITIONS: Record<RequestAction, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  start: { from: ['received'], to: 'reviewing' },
  return: { from: ['reviewing', 'resubmitted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
  opinion: { from: ['reviewing', 'resubmitted'], to: 'opinion' },
  close: { from: ['opinion'], to: 'closed' },
};

export const REVIEW_TYPES = ['legality', 'fair', 'both'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];
export const REVIEW_TYPE_LABELS: Record<ReviewType, string> = { legality: '合法性审核', fair: '公平竞争审查', both: '合法性审核和公平竞争审查' };

/** The actions the status allows, in the order a page offers them. */
export function allowedActions(status: RequestStatus): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/** The next status, or a CONFLICT StoreError explaining why not. */
export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus {
  const t = TRANSITIONS[action];
  if (t.from.includes(status)) return t.to;
  const allowed = allowedActions(status).map((a) => `“${REQUEST_ACTION_LABELS[a]}”`);
  const hint = allowed.length ? `当前可以${allowed.join('或')}` : '该送审件已办结，不能再变更';
  throw new StoreError('CONFLICT', `送审件当前为“${REQUEST_STATUS_LABELS[status]}”，不能“${REQUEST_ACTION_LABELS[action]}”：${hint}`);
}
