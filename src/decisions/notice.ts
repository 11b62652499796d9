/**
 * The published notice a decision of the library comes from (通报, 典型案例): its authority,
 * title, date and address, kept as fields of the decision and shown as the precedent's source
 * (precedents.ts). A 科长 or administrator corrects them here (page and API call this one
 * function); the change and the values before it are audited. Web-standard.
 */
import { z } from 'zod';
import type { Store } from '../store/store.js';
import { parseInput, ROLE_LABELS, StoreError } from '../store/types.js';
import type { DecisionStore } from './decision-store.js';
import { DecisionInputSchema, type Decision } from './types.js';

export const NoticeSchema = DecisionInputSchema.pick({ noticeAuthority: true, noticeTitle: true, noticeDate: true, noticeAddress: true }).strict();
export type NoticeInput = z.input<typeof NoticeSchema>;
export const NOTICE_FIELDS = ['noticeAuthority', 'noticeTitle', 'noticeDate', 'noticeAddress'] as const;
export const NOTICE_LABELS: Record<(typeof NOTICE_FIELDS)[number], string> = { noticeAuthority: '发布机关', noticeTitle: '通报标题', noticeDate: '通报日期', noticeAddress: '网址或文号' };

/** Sets the four notice fields of decision `id` (all of them: an empty one is cleared). */
export async function setDecisionNotice(store: Store, decisions: DecisionStore, id: number, input: NoticeInput, actorId: number | null): Promise<Decision> {
  if (actorId !== null) {
    const user = await store.getUser(actorId);
    if (!user || user.disabled) throw new StoreError('FORBIDDEN', '请先登录');
    if (user.role !== 'chief' && user.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.chief}或${ROLE_LABELS.admin}可以修改审查案例的通报信息`);
  }
  const notice = parseInput(NoticeSchema, input);
  const current = await decisions.get(id);
  if (!current) throw new StoreError('NOT_FOUND', '没有这条审查意见');
  if (notice.noticeAddress && /^[a-z]+:/i.test(notice.noticeAddress) && !/^https?:\/\/\S+$/i.test(notice.noticeAddress)) {
    throw new StoreError('INVALID', '网址只能以 http:// 或 https:// 开头（或填写通报文号）');
  }
  const updated = await decisions.update(id, notice);
  const before = Object.fromEntries(NOTICE_FIELDS.map((f) => [f, current[f]]));
  const changed = NOTICE_FIELDS.filter((f) => (current[f] ?? '') !== (updated[f] ?? ''));
  await store.appendAudit({ userId: actorId, action: 'decision.notice', target: `decision:${id}`, detail: { ...Object.fromEntries(changed.map((f) => [f, updated[f] ?? ''])), from: changed.map((f) => `${NOTICE_LABELS[f]}：${before[f] || '无'}`).join('；') || '无变化' } });
  return updated;
}
