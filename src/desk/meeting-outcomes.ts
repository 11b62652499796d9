/**
 * What a 集中会审 conclusion does to its request, and the check of the conclusion against the
 * meeting's written opinion (会审意见). Pure; DeskStore.recordOutcome applies it.
 *
 *   同意 / 修改后同意 → 出具意见 (via 开始审查 if still 收件); 出具意见 stays the chief's, with the
 *                       minimum review time (an emergency reason may be given with the outcome)
 *   退回起草部门       → 退回补正, the opinion and the missing 送审材料 as its note
 *   暂缓               → no step
 */
import type { MeetingOutcome } from './desk-types.js';
import { MEETING_OUTCOME_LABELS } from './desk-types.js';

/** Words of refusal; and, once they are taken out, words of agreement. */
const REFUSAL = /不同意|不予(?:同意|通过|出台|印发)|不通过|未通过|不得出台|否决|退回|暂缓|缓议/;
const NEGATED = /不同意|不予(?:同意|通过)|不通过|未通过/g;
const AGREEMENT = /同意|通过/;

/** A Chinese reason when the note contradicts the conclusion chosen, else null. */
export function conclusionConflict(outcome: MeetingOutcome, note: string): string | null {
  const label = MEETING_OUTCOME_LABELS[outcome];
  const refusal = REFUSAL.exec(note)?.[0];
  const agreement = AGREEMENT.exec(note.replace(NEGATED, ''))?.[0];
  if ((outcome === 'pass' || outcome === 'amend') && refusal) {
    return `会审结论为“${label}”，但会审意见写有“${refusal}”：两者矛盾，请核对会议记录后重新选择结论或修改会审意见`;
  }
  if (outcome === 'pass' && /修改后/.test(note)) {
    return `会审结论为“${label}”，但会审意见写有“修改后”：如需修改后同意，请选择“${MEETING_OUTCOME_LABELS.amend}”`;
  }
  if ((outcome === 'return' || outcome === 'defer') && agreement) {
    return `会审结论为“${label}”，但会审意见写有“${agreement}”：两者矛盾，请核对会议记录后重新选择结论或修改会审意见`;
  }
  return null;
}

/** How the request moved after an outcome (shown on the meeting page and returned by the API). */
export interface OutcomeAdvance {
  requestId: number;
  /** The workflow steps taken, in order (start, opinion, return), possibly none. */
  steps: ('start' | 'opinion' | 'return')[];
  /** Why the request stopped short of what the conclusion implies, if it did. */
  pending: string | null;
  /** The same as a code: 出具意见 is the chief's; too early without an emergency reason; the request's state. */
  pendingKind: PendingKind | null;
}

export const PENDING_KINDS = ['chief', 'early', 'state'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];
export const PENDING_LABELS: Record<PendingKind, string> = {
  chief: '出具意见须由科长办理：请科长在送审件页出具意见。',
  early: '尚未出具意见：早于最短审查时间，须填写紧急情况说明（可随会审结论填写，或在送审件页出具意见时填写）。',
  state: '送审件当前状态不需要（或不能）按此结论变更，请在送审件页查看。',
};

const STEP_LABELS: Record<OutcomeAdvance['steps'][number], string> = { start: '开始审查', opinion: '出具意见', return: '退回补正' };
/** "送审件已开始审查、出具意见。" and what is pending, for the meeting page. */
export function advanceText(steps: readonly OutcomeAdvance['steps'][number][], pending: PendingKind | null): string {
  const moved = steps.length ? `送审件已${steps.map((s) => STEP_LABELS[s]).join('、')}。` : '送审件状态未变。';
  return `已记录会审结论。${moved}${pending ? PENDING_LABELS[pending] : ''}`;
}
