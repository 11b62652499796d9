/** Records of the review desk and the zod schemas of what reaches it from forms, the API and the CLI. */
import { z } from 'zod';
import { VoidedFilterSchema } from '../store/types.js';
import type { Deadline } from './deadlines.js';
import { MAX_WORKING_DAYS } from './calendar.js';
import { isDay, type Day } from './days.js';
import { REQUEST_KINDS, type RequestKind } from './kinds.js';
import { REQUEST_ACTIONS, REVIEW_TYPES, type RequestAction, type RequestStatus, type ReviewType } from './workflow.js';
import { emptyToUndefined, trimmed } from '../store/schema-kit.js';

export interface DeskRequest {
  id: number;
  department: string;
  title: string;
  reviewType: ReviewType;
  /** 行政规范性文件, 政策措施, 重大行政决策 … (kinds.ts): its time limit, checklist and packs. */
  kind: RequestKind;
  receivedOn: Day;
  priority: boolean;
  /** 提前介入: opened while the department still drafts. */
  early: boolean;
  assigneeId: number | null;
  assigneeName: string | null;
  status: RequestStatus;
  opinionOn: Day | null;
  closedOn: Day | null;
  urgentReason: string | null;
  note: string;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  /** 作废: kept with who and why, hidden from the desk lists and the period report. */
  voidedAt: string | null;
  voidedByName: string | null;
  voidReason: string | null;
}

export interface RequestWithDeadline extends DeskRequest {
  deadline: Deadline;
}

export interface RequestStep {
  id: number;
  action: RequestAction | 'create';
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
  day: Day;
  note: string;
  userId: number | null;
  userName: string | null;
  at: string;
}

export interface DraftVersion {
  version: number;
  documentHash: string;
  fileName: string;
  receivedOn: Day;
  note: string;
  createdByName: string | null;
  createdAt: string;
}

export interface LinkedReview {
  id: string;
  title: string;
  status: string;
  createdAt: string;
  findings: number;
  linkedAt: string;
  /** 第N版 of the draft the review is of; null when unknown (linked by hand, another original). */
  version: number | null;
  voided: boolean;
}

export interface RequestDetail {
  request: RequestWithDeadline;
  steps: RequestStep[];
  versions: DraftVersion[];
  reviews: LinkedReview[];
  meetings: { id: number; title: string; heldOn: Day; outcome: MeetingOutcome | null }[];
  materials: Materials;
}

/** The 送审材料 checklist of a request (its kind's, from the settings) and what has been received. */
export interface Materials {
  checklist: string[];
  received: string[];
  /** In checklist order; 退回补正 lists these. */
  missing: string[];
}

export const MEETING_OUTCOMES = ['pass', 'amend', 'return', 'defer'] as const;
export type MeetingOutcome = (typeof MEETING_OUTCOMES)[number];
export const MEETING_OUTCOME_LABELS: Record<MeetingOutcome, string> = { pass: '同意（无修改意见）', amend: '修改后同意', return: '退回起草部门', defer: '暂缓，下次再议' };

export interface Meeting {
  id: number;
  heldOn: Day;
  title: string;
  members: string;
  agenda: string;
  createdByName: string | null;
  createdAt: string;
  /** 作废: kept with who and why, hidden from the meeting list; it takes no more outcomes. */
  voidedAt: string | null;
  voidedByName: string | null;
  voidReason: string | null;
  items: { requestId: number; title: string; department: string; status: RequestStatus; seq: number; outcome: MeetingOutcome | null; outcomeNote: string; recordedAt: string | null }[];
}

export interface CalendarYearInfo {
  year: number;
  origin: 'official' | 'loaded';
  source: string;
  holidays: number;
  workdays: number;
  loadedAt: string | null;
  loadedByName: string | null;
}

// ---- input schemas

export const DaySchema = z.string().trim().refine(isDay, '日期应为有效的 YYYY-MM-DD');
/** Checkboxes arrive as "on"/"1"/"true" (forms) or booleans (JSON). */
const flag = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true' || v === 1, z.boolean());

const KIND_ERROR = '送审件类别只能是 normative（行政规范性文件）、policy（政策措施）、major（重大行政决策）、contract（行政协议/合同）或 other（其他）';

export const NewRequestSchema = z.object({
  department: trimmed(100).min(1, '请填写送审部门'),
  title: trimmed(300).min(1, '请填写文件标题'),
  reviewType: z.enum(REVIEW_TYPES, { error: '审查类型只能是 legality（合法性审核）、fair（公平竞争审查）或 both（两者）' }),
  kind: z.preprocess(emptyToUndefined, z.enum(REQUEST_KINDS, { error: KIND_ERROR }).default('normative')),
  receivedOn: z.preprocess(emptyToUndefined, DaySchema.optional()),
  priority: flag.default(false),
  early: flag.default(false),
  assigneeId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive('承办人无效').optional()),
  note: trimmed(2000).default(''),
});
export type NewRequest = z.input<typeof NewRequestSchema>;

export const TransitionSchema = z.object({
  action: z.enum(REQUEST_ACTIONS, { error: '操作只能是 start、return、resubmit、opinion 或 close' }),
  day: z.preprocess(emptyToUndefined, DaySchema.optional()),
  note: trimmed(2000).default(''),
  urgentReason: z.preprocess(emptyToUndefined, trimmed(2000).optional()),
});
export type TransitionInput = z.input<typeof TransitionSchema>;

export const RequestQuerySchema = z.object({
  department: z.preprocess(emptyToUndefined, trimmed(100).optional()),
  reviewType: z.preprocess(emptyToUndefined, z.enum(REVIEW_TYPES, { error: '审查类型无效' }).optional()),
  kind: z.preprocess(emptyToUndefined, z.enum(REQUEST_KINDS, { error: KIND_ERROR }).optional()),
  priority: z.preprocess(emptyToUndefined, z.enum(['1', '0'], { error: 'priority 只能是 1 或 0' }).optional()),
  assigneeId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive('承办人无效').optional()),
  scope: z.preprocess(emptyToUndefined, z.enum(['open', 'done', 'all'], { error: 'scope 只能是 open、done 或 all' }).default('open')),
  /** Voided requests: hidden by default. */
  voided: z.preprocess(emptyToUndefined, VoidedFilterSchema().default('hide')),
});
export type RequestQuery = z.input<typeof RequestQuerySchema>;

export const NewMeetingSchema = z.object({
  heldOn: DaySchema,
  title: trimmed(200).min(1, '请填写会议名称'),
  members: trimmed(1000).default(''),
  agenda: trimmed(4000).default(''),
  requestIds: z.array(z.coerce.number().int().positive()).min(1, '请至少选择一件送审件').max(50, '一次会审最多 50 件'),
});
export type NewMeeting = z.input<typeof NewMeetingSchema>;

export const OutcomeSchema = z.object({
  outcome: z.enum(MEETING_OUTCOMES, { error: '会审结论只能是 pass、amend、return 或 defer' }),
  note: trimmed(4000).default(''),
  /** For an opinion given on the meeting's conclusion before the minimum review time. */
  urgentReason: z.preprocess(emptyToUndefined, trimmed(2000).optional()),
});
export type OutcomeInput = z.input<typeof OutcomeSchema>;

// ---- API-only inputs

export const CalendarAddQuery = z.object({
  start: z.string().refine(isDay, '收件日期应为有效的 YYYY-MM-DD'),
  days: z.coerce.number({ error: '工作日数应为整数' }).int('工作日数应为整数').min(0, '工作日数不能为负').max(MAX_WORKING_DAYS, `工作日数不能超过 ${MAX_WORKING_DAYS}`),
});
export const CalendarLoadSchema = z.object({
  format: z.enum(['list', 'ics'], { error: 'format 只能是 list 或 ics' }),
  text: z.string({ error: '缺少日历内容 text' }).min(1, '日历内容为空').max(512 * 1024, '日历内容过长'),
  year: z.number().int().min(2000).max(2100).optional(),
});
export const CompareQuerySchema = z.object({
  from: z.coerce.number({ error: '版本 from 应为整数' }).int('版本 from 应为整数').positive('版本 from 应为正整数'),
  to: z.coerce.number({ error: '版本 to 应为整数' }).int('版本 to 应为整数').positive('版本 to 应为正整数'),
});
/** Which version to 预审 (default: the latest). */
export const PrereviewSchema = z.object({ version: z.number({ error: '版本号应为整数' }).int('版本号应为整数').positive('版本号应为正整数').optional() });
export const AssignSchema = z.object({ assigneeId: z.number().int().positive().nullable() });
export const LinkReviewSchema = z.object({ reviewId: z.string().trim().min(1, '请填写审查记录编号').max(100) });
export const MaterialsSchema = z.object({ received: z.array(z.string({ error: '材料名称应为文字' }).max(60, '材料名称不能超过 60 个字符'), { error: '请以 received 列出已收到的材料' }).max(30, '送审材料最多 30 项') });
export const TodoQuerySchema = z.object({ dueSoonDays: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'dueSoonDays 应为整数' }).int('dueSoonDays 应为整数').min(0, 'dueSoonDays 不能为负').max(60, 'dueSoonDays 不能超过 60').optional()) });
export const MeetingOutcomeSchema = OutcomeSchema.extend({ requestId: z.number().int().positive() });
export const ReportQuerySchema = z.object({
  kind: z.enum(['bimonthly', 'quarterly', 'annual'], { error: 'kind 只能是 bimonthly、quarterly 或 annual' }).optional(),
  year: z.coerce.number().int().optional(),
  n: z.coerce.number().int().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
