/**
 * A 集中会审 conclusion moving its request: the conclusion is checked against the meeting's note
 * (meeting-outcomes.ts), recorded (desk-meetings.ts), then the request takes the workflow steps
 * the conclusion calls for, as far as the workflow and the actor's role allow. Split from
 * DeskStore, which delegates to it and lends it its `transition`.
 */
import { parseInput, ROLE_LABELS, StoreError } from '../store/types.js';
import type { DeskContext } from './desk-context.js';
import type { DeskMeetings } from './desk-meetings.js';
import type { DeskRequestQueries } from './desk-request-queries.js';
import { MEETING_OUTCOME_LABELS, OutcomeSchema, type Meeting, type OutcomeInput, type RequestWithDeadline, type TransitionInput } from './desk-types.js';
import { conclusionConflict, type OutcomeAdvance } from './meeting-outcomes.js';
import { REQUEST_STATUS_LABELS } from './workflow.js';

export class DeskOutcomes {
  constructor(
    private readonly ctx: DeskContext,
    private readonly requests: DeskRequestQueries,
    private readonly meetings: DeskMeetings,
    private readonly transition: (id: number, input: TransitionInput, actorId: number | null) => Promise<RequestWithDeadline>,
  ) {}

  /**
   * The meeting's conclusion on one draft, checked against its written opinion (a 同意 with a note
   * saying 不同意 is refused), then the request moves as the conclusion says (meeting-outcomes.ts):
   * as far as the workflow allows; what is left (e.g. 出具意见 is the chief's) is said in `advance.pending`.
   */
  async recordOutcome(meetingId: number, requestId: number, input: OutcomeInput, actorId: number | null): Promise<Meeting & { advance: OutcomeAdvance }> {
    const o = parseInput(OutcomeSchema, input);
    const conflict = conclusionConflict(o.outcome, o.note);
    if (conflict) throw new StoreError('INVALID', conflict);
    const actor = await this.ctx.actor(actorId);
    const meeting = await this.meetings.recordOutcome(meetingId, requestId, o, actorId);
    const advance: OutcomeAdvance = { requestId, steps: [], pending: null, pendingKind: null };
    const request = await this.requests.requireRequest(requestId);
    if (o.outcome === 'defer' || request.voidedAt) return { ...meeting, advance };
    const heading = `集中会审“${meeting.title}”（${meeting.heldOn}）：${MEETING_OUTCOME_LABELS[o.outcome]}${o.note ? `——${o.note}` : ''}`;
    const steps = (await this.requests.steps([requestId])).get(requestId) ?? [];
    const last = steps[steps.length - 1]?.day ?? request.receivedOn;
    const today = this.ctx.today();
    const held = meeting.heldOn > today ? today : meeting.heldOn;
    const day = held < last ? last : held;
    let status = request.status;
    const step = async (action: 'start' | 'opinion' | 'return', extra: Partial<TransitionInput> = {}) => {
      status = (await this.transition(requestId, { action, day, note: heading, ...extra }, actorId)).status;
      advance.steps.push(action);
    };
    if (status === 'received') await step('start');
    if (o.outcome === 'return') {
      if (status === 'reviewing' || status === 'resubmitted') await step('return');
      else (advance.pending = `送审件当前为“${REQUEST_STATUS_LABELS[status]}”，未再退回`), (advance.pendingKind = 'state');
    } else if (status === 'reviewing' || status === 'resubmitted') {
      if (actor && actor.role !== 'chief') (advance.pending = `出具意见须由${ROLE_LABELS.chief}办理（会审结论已记录）`), (advance.pendingKind = 'chief');
      else {
        try {
          await step('opinion', o.urgentReason ? { urgentReason: o.urgentReason } : {});
        } catch (e) {
          if (!(e instanceof StoreError) || e.code !== 'INVALID') throw e;
          advance.pending = `尚未出具意见：${e.message}`;
          advance.pendingKind = 'early';
        }
      }
    } else (advance.pending = `送审件当前为“${REQUEST_STATUS_LABELS[status]}”，${status === 'returned' ? '补正收到后再出具意见' : '无需再变更'}`), (advance.pendingKind = 'state');
    return { ...(await this.meetings.requireMeeting(meetingId)), advance };
  }
}
