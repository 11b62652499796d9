/**
 * Deadlines of review requests. Defaults follow 国办发〔2018〕115号 ("一般不少于5个工作日，
 * 最长不超过15个工作日") and the section's own target for priority review; they are settings
 * an administrator sees and changes (stored under `desk.deadlines`).
 */
import { z } from 'zod';
import { emptyToUndefined } from '../store/schema-kit.js';
import type { Pause, WorkCalendar, WorkingDayCount } from './calendar.js';
import type { Day } from './days.js';

export const DEADLINE_SETTING_KEY = 'desk.deadlines';

const days = (label: string) => z.coerce.number({ error: `${label}应为整数` }).int(`${label}应为整数`).min(1, `${label}至少为 1`).max(60, `${label}不能超过 60`);

export const DeadlineSettingsSchema = z
  .object({
    /** Legality review (and fair competition review) due, working days after receipt. */
    reviewDays: days('审查期限'),
    /** Earliest 出具意见 without an emergency reason. */
    minSignoffDays: days('最短审查时间'),
    /** 优先审查 target (快审快结). */
    priorityDays: days('优先审查目标'),
    /** "Due soon" at this many working days left or fewer. */
    dueSoonDays: z.coerce.number({ error: '临期提醒应为整数' }).int('临期提醒应为整数').min(0, '临期提醒不能为负').max(30, '临期提醒不能超过 30'),
    /** The .ics reminder (VALARM) this many working days before the due day. */
    reminderDays: z.preprocess(emptyToUndefined, z.coerce.number({ error: '日历提醒应为整数' }).int('日历提醒应为整数').min(0, '日历提醒不能为负').max(30, '日历提醒不能超过 30').default(2)),
  })
  .refine((s) => s.minSignoffDays <= s.reviewDays, { message: '最短审查时间不能超过审查期限', path: ['minSignoffDays'] })
  .refine((s) => s.priorityDays <= s.reviewDays, { message: '优先审查目标不能超过审查期限', path: ['priorityDays'] });
export type DeadlineSettings = z.output<typeof DeadlineSettingsSchema>;

export const DEFAULT_DEADLINES: DeadlineSettings = { reviewDays: 15, minSignoffDays: 5, priorityDays: 5, dueSoonDays: 2, reminderDays: 2 };

export const DEADLINE_SETTING_LABELS: Record<keyof DeadlineSettings, string> = {
  reviewDays: '审查期限（收件后工作日，合法性审核最长15个工作日）',
  minSignoffDays: '最短审查时间（早于此出具意见须说明紧急情况）',
  priorityDays: '优先审查目标（快审快结，工作日）',
  dueSoonDays: '临期提醒（剩余工作日不多于）',
  reminderDays: '日历提醒（.ics 在到期日前几个工作日提醒）',
};

export type DeadlineState = 'on-time' | 'due-soon' | 'overdue' | 'paused' | 'done' | 'done-late';
export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  'on-time': '正常',
  'due-soon': '即将到期',
  overdue: '已超期',
  paused: '暂停计时',
  done: '按期办结',
  'done-late': '超期办结',
};

export interface RequestClock {
  receivedOn: Day;
  priority: boolean;
  pauses: Pause[];
  /** The day the opinion was given (the clock's end), if it was. */
  finishedOn: Day | null;
}

export interface Deadline {
  /** The count that applies: the priority target for priority requests, else the review period. */
  count: WorkingDayCount;
  /** The statutory period (shown beside a priority target). */
  statutory: WorkingDayCount | null;
  state: DeadlineState;
  /** Working days left until due (0 on the due day; negative when overdue); null while paused. */
  remaining: number | null;
  explanation: string;
  warning: string | null;
}

/** The deadline of a request as of `today`. */
export function requestDeadline(clock: RequestClock, calendar: WorkCalendar, settings: DeadlineSettings, today: Day): Deadline {
  const count = calendar.addWorkingDays(clock.receivedOn, clock.priority ? settings.priorityDays : settings.reviewDays, clock.pauses);
  const statutory = clock.priority ? calendar.addWorkingDays(clock.receivedOn, settings.reviewDays, clock.pauses) : null;
  let state: DeadlineState;
  let remaining: number | null = null;
  if (clock.finishedOn) {
    state = count.due && clock.finishedOn > count.due ? 'done-late' : 'done';
  } else if (!count.due) {
    state = 'paused';
  } else {
    remaining = calendar.workingDaysBetween(today, count.due);
    state = today > count.due ? 'overdue' : remaining <= settings.dueSoonDays ? 'due-soon' : 'on-time';
  }
  const prefix = clock.priority ? '优先审查：' : '';
  const statutoryNote = statutory?.due ? `；法定期限 ${statutory.due}` : '';
  return {
    count,
    statutory,
    state,
    remaining,
    explanation: `${prefix}${count.explanation}${statutoryNote}`,
    warning: count.warning ?? statutory?.warning ?? null,
  };
}

/** The settings with a kind's own review period (kinds.ts); the shorter targets never exceed it. */
export function settingsForKind(settings: DeadlineSettings, reviewDays: number): DeadlineSettings {
  return { ...settings, reviewDays, minSignoffDays: Math.min(settings.minSignoffDays, reviewDays), priorityDays: Math.min(settings.priorityDays, reviewDays) };
}

/** Working days the review took: receipt to opinion, pauses left out. */
export function workingDaysTaken(clock: RequestClock, calendar: WorkCalendar, until: Day): number {
  return calendar.workingDaysBetween(clock.receivedOn, until, clock.pauses);
}
