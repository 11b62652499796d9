/**
 * The section's periodic reports from one builder: 双月报告 (every two months), 季度复盘,
 * 年度总结, or any range. Pure: the store gathers the requests and findings; this computes the
 * figures; pages draw them (inline SVG) and periodReportMarkdown writes the document.
 */
import type { WorkCalendar } from './calendar.js';
import { UNPUBLISHED_WARNING } from './calendar.js';
import { workingDaysTaken, type RequestClock } from './deadlines.js';
import { addDays, daysBetween, isDay, type Day } from './days.js';
import type { RequestWithDeadline } from './desk-types.js';
import { REVIEW_TYPE_LABELS, REVIEW_TYPES, type ReviewType } from './workflow.js';
import { markdownCell, markdownText } from '../report/markdown-escape.js';
import { COVERAGE_KINDS, REQUEST_KIND_LABELS, REQUEST_KINDS, type RequestKind } from './kinds.js';

export const PERIOD_KINDS = ['bimonthly', 'quarterly', 'annual', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { bimonthly: '双月报告', quarterly: '季度复盘', annual: '年度总结', custom: '工作报告' };

export interface Period {
  kind: PeriodKind;
  from: Day;
  to: Day;
  /** "2026年9—10月". */
  label: string;
}

/**
 * Progress of the 烦企扰民 cleanup campaign, given by the cleanup part (src/cleanup). The
 * report shows it when present; it never reads the cleanup tables itself.
 */
export interface CampaignProgress {
  name?: string;
  total: number;
  decided: number;
  /** Decision label (继续有效, 修改, 废止, 宣布失效) → documents. */
  byDecision: Record<string, number>;
}


/** Months 1–11 (December ends on the 31st). */
const lastDayOfMonth = (year: number, month: number): Day => addDays(`${year}-${String(month + 1).padStart(2, '0')}-01`, -1);

function monthRange(year: number, first: number, last: number): { from: Day; to: Day } {
  const from = `${year}-${String(first).padStart(2, '0')}-01`;
  const to = last === 12 ? `${year}-12-31` : lastDayOfMonth(year, last);
  return { from, to };
}

/** The n-th period of the year: bimonthly 1–6, quarterly 1–4, annual 1. */
export function periodOf(kind: Exclude<PeriodKind, 'custom'>, year: number, n: number): Period {
  const max = kind === 'bimonthly' ? 6 : kind === 'quarterly' ? 4 : 1;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError('年份无效');
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`${PERIOD_KIND_LABELS[kind]}的期数应为 1 到 ${max}`);
  if (kind === 'annual') return { kind, ...monthRange(year, 1, 12), label: `${year}年` };
  const span = kind === 'bimonthly' ? 2 : 3;
  const first = (n - 1) * span + 1;
  const last = first + span - 1;
  const label = kind === 'quarterly' ? `${year}年第${'一二三四'[n - 1]}季度` : `${year}年${first}—${last}月`;
  return { kind, ...monthRange(year, first, last), label };
}

/** The period of a kind that contains `day`. */
export function periodContaining(kind: Exclude<PeriodKind, 'custom'>, day: Day): Period {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const n = kind === 'annual' ? 1 : Math.ceil(month / (kind === 'bimonthly' ? 2 : 3));
  return periodOf(kind, year, n);
}

export function customPeriod(from: Day, to: Day): Period {
  if (!isDay(from) || !isDay(to)) throw new RangeError('日期应为有效的 YYYY-MM-DD');
  if (to < from) throw new RangeError('结束日期早于开始日期');
  if (daysBetween(from, to) > 366 * 3) throw new RangeError('报告期间不能超过三年');
  return { kind: 'custom', from, to, label: `${from} 至 ${to}` };
}

export interface PeriodReportInput {
  period: Period;
  /** Today: figures of a period not yet over are as of today. */
  asOf: Day;
  requests: readonly { request: RequestWithDeadline; clock: RequestClock }[];
  /** Confirmed findings of signed-off documents (each once) and, apart, the raw pre-check figures (desk-report-queries.ts). */
  findings: {
    byCategory: readonly { category: string; count: number }[];
    byDepartment: readonly { department: string; count: number; reviews: number }[];
    reviews: number;
    precheck?: { reviews: number; findings: number };
  };
  calendar: WorkCalendar;
  campaign?: CampaignProgress | undefined;
}

export interface PeriodReport {
  period: Period;
  asOf: Day;
  /** The last day the figures look at: the period's end, or today if the period is not over. */
  until: Day;
  received: number;
  priorityReceived: number;
  /** Share of priority requests among those received, percent (one decimal), null without requests. */
  priorityShare: number | null;
  earlyReceived: number;
  receivedByType: Record<ReviewType, number>;
  /** Opinions given (出具意见) within the period. */
  closed: number;
  closedOnTime: number;
  closedLate: number;
  /** Urgent opinions (before the minimum time, with a reason). */
  urgent: number;
  /** Open at `until` and past due then. */
  openOverdue: number;
  openAtEnd: number;
  overdue: number;
  /** Mean working days from receipt to opinion (pauses left out), one decimal. */
  averageDaysToClose: number | null;
  /** Documents whose review was signed off in the period (not voided), each once (by hash and by desk request). */
  reviews: number;
  /** Confirmed findings of those documents. */
  confirmedFindings: number;
  findingsByCategory: { category: string; count: number }[];
  /** Raw pre-check figures, for reference only: records created in the period (not voided) and their findings not dismissed, confirmed or not. */
  precheck: { reviews: number; findings: number };
  /** Up to five, most confirmed findings first. */
  topDepartments: { department: string; count: number; reviews: number }[];
  campaign: CampaignProgress | null;
  /**
   * Coverage per kind of request (合法性审查全覆盖): of the requests received in the period, how
   * many went through review (出具意见 by the report's last day) and in how many working days.
   */
  byKind: KindCoverage[];
  warnings: string[];
}

export interface KindCoverage {
  kind: RequestKind;
  label: string;
  received: number;
  /** Of those, with an opinion given by `until`. */
  reviewed: number;
  /** Mean working days receipt → opinion of those reviewed (pauses left out), one decimal. */
  averageDays: number | null;
  maxDays: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function buildPeriodReport(input: PeriodReportInput): PeriodReport {
  const { period, calendar } = input;
  const until = input.asOf < period.to ? input.asOf : period.to;
  const inPeriod = (d: Day | null): d is Day => d !== null && d >= period.from && d <= period.to;

  const received = input.requests.filter((r) => inPeriod(r.request.receivedOn));
  const receivedByType = Object.fromEntries(REVIEW_TYPES.map((t) => [t, received.filter((r) => r.request.reviewType === t).length])) as Record<ReviewType, number>;
  const closed = input.requests.filter((r) => inPeriod(r.request.opinionOn));
  const closedLate = closed.filter((r) => r.request.deadline.state === 'done-late').length;
  const taken = closed.map((r) => workingDaysTaken(r.clock, calendar, r.request.opinionOn as Day));
  const open = input.requests.filter((r) => r.request.receivedOn <= until && (r.request.opinionOn === null || r.request.opinionOn > until));
  const openOverdue = open.filter((r) => r.request.deadline.count.due !== null && (r.request.deadline.count.due as Day) < until).length;

  const warnings: string[] = [];
  const uncovered = calendar.uncoveredBetween(period.from, period.to);
  if (uncovered.length) warnings.push(`${UNPUBLISHED_WARNING}：${uncovered.join('、')}年的工作日暂按周一至周五计算`);
  if (until < period.to) warnings.push(`报告期尚未结束，数据截至 ${until}`);

  const byKind: KindCoverage[] = REQUEST_KINDS.map((kind) => {
    const of = received.filter((r) => r.request.kind === kind);
    const done = of.filter((r) => r.request.opinionOn !== null && r.request.opinionOn <= until);
    const days = done.map((r) => workingDaysTaken(r.clock, calendar, r.request.opinionOn as Day));
    return {
      kind, label: REQUEST_KIND_LABELS[kind], received: of.length, reviewed: done.length,
      averageDays: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null, maxDays: days.length ? Math.max(...days) : null,
    };
  });

  return {
    period,
    asOf: input.asOf,
    until,
    received: received.length,
    priorityReceived: received.filter((r) => r.request.priority).length,
    priorityShare: received.length ? round1((100 * received.filter((r) => r.request.priority).length) / received.length) : null,
    earlyReceived: received.filter((r) => r.request.early).length,
    receivedByType,
    closed: closed.length,
    closedOnTime: closed.length - closedLate,
    closedLate,
    urgent: closed.filter((r) => r.request.urgentReason).length,
    openOverdue,
    openAtEnd: open.length,
    overdue: closedLate + openOverdue,
    averageDaysToClose: taken.length ? round1(taken.reduce((a, b) => a + b, 0) / taken.length) : null,
    reviews: input.findings.reviews,
    confirmedFindings: input.findings.byCategory.reduce((a, c) => a + c.count, 0),
    findingsByCategory: [...input.findings.byCategory],
    precheck: input.findings.precheck ?? { reviews: 0, findings: 0 },
    topDepartments: input.findings.byDepartment.filter((d) => d.count > 0).slice(0, 5),
    campaign: input.campaign ?? null,
    byKind,
    warnings,
  };
}

/** The coverage sentences of 重大行政决策 and 涉企政策 (政策措施), for every face of the report. */
export function coverageLines(r: Pick<PeriodReport, 'byKind'>): string[] {
  return COVERAGE_KINDS.map((kind) => {
    const k = r.byKind.find((x) => x.kind === kind);
    if (!k || k.received === 0) return `本期未收到${REQUEST_KIND_LABELS[kind]}送审件。`;
    const days = k.averageDays === null ? '' : `，平均用时 ${k.averageDays} 个工作日（最长 ${k.maxDays} 个工作日）`;
    return `本期收到${REQUEST_KIND_LABELS[kind]} ${k.received} 件，已经合法性审查出具意见 ${k.reviewed} 件（${Math.round((1000 * k.reviewed) / k.received) / 10}%）${days}。`;
  });
}

/** How the raw pre-check figures are labelled wherever they are shown. */
export const PRECHECK_NOTE = '机器初筛参考数（未经人工确认）';

const pct = (x: number | null) => (x === null ? '—' : `${x}%`);

/** The report as a Markdown document (until the .docx writer exists). */
export function periodReportMarkdown(r: PeriodReport): string {
  const title = `${r.period.label}${PERIOD_KIND_LABELS[r.period.kind]}`;
  const lines = [
    `# 行政规范性文件审查工作${title}`,
    '',
    `报告期间：${r.period.from} 至 ${r.period.to}${r.until < r.period.to ? `（数据截至 ${r.until}）` : ''}`,
    '',
    ...(r.warnings.length ? [...r.warnings.map((w) => `> ${markdownText(w)}`), ''] : []),
    '## 一、收件和办结',
    '',
    '| 项目 | 数量 |',
    '| --- | ---: |',
    `| 收件 | ${r.received} |`,
    ...REVIEW_TYPES.map((t) => `| 其中${REVIEW_TYPE_LABELS[t]} | ${r.receivedByType[t]} |`),
    `| 其中优先审查 | ${r.priorityReceived}（${pct(r.priorityShare)}） |`,
    `| 其中提前介入 | ${r.earlyReceived} |`,
    `| 出具意见（办结） | ${r.closed} |`,
    `| 其中按期 | ${r.closedOnTime} |`,
    `| 其中超期 | ${r.closedLate} |`,
    `| 其中紧急情况提前出具 | ${r.urgent} |`,
    `| 期末在办 | ${r.openAtEnd} |`,
    `| 期末在办已超期 | ${r.openOverdue} |`,
    `| 超期合计 | ${r.overdue} |`,
    `| 平均审查用时（收件至出具意见，不含补正期间） | ${r.averageDaysToClose === null ? '—' : `${r.averageDaysToClose} 个工作日`} |`,
    '',
    '### 按送审件类别（合法性审查覆盖）',
    '',
    ...coverageLines(r).map((l) => `${l}`),
    '',
    '| 类别 | 收件 | 已出具意见 | 平均用时（工作日） | 最长用时（工作日） |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.byKind.map((k) => `| ${k.label} | ${k.received} | ${k.reviewed} | ${k.averageDays ?? '—'} | ${k.maxDays ?? '—'} |`),
    '',
    '## 二、审查发现的问题',
    '',
    `本期经审查签发的文件 ${r.reviews} 件（同一文件或同一送审件只计一次），经审查人员确认的问题 ${r.confirmedFindings} 个。`,
    '',
    ...(r.findingsByCategory.length ? ['| 问题类别 | 确认问题数 |', '| --- | ---: |', ...r.findingsByCategory.map((c) => `| ${markdownCell(c.category)} | ${c.count} |`), ''] : ['本期签发的文件中没有确认的问题。', '']),
    `> ${PRECHECK_NOTE}：本期建立预审记录 ${r.precheck.reviews} 件，机器提示问题 ${r.precheck.findings} 个（含未签发、未经确认和重复上传，不作为工作成效统计）。`,
    '',
    '## 三、问题较多的部门',
    '',
    ...(r.topDepartments.length ? ['| 部门 | 确认问题 | 签发件数 |', '| --- | ---: | ---: |', ...r.topDepartments.map((d) => `| ${markdownCell(d.department)} | ${d.count} | ${d.reviews} |`), ''] : ['无。', '']),
    '## 四、“烦企扰民”问题清理进度',
    '',
    ...(r.campaign
      ? [
          `${r.campaign.name ? `${markdownText(r.campaign.name)}：` : ''}清理文件 ${r.campaign.total} 件，已作出结论 ${r.campaign.decided} 件（${r.campaign.total ? Math.round((1000 * r.campaign.decided) / r.campaign.total) / 10 : 0}%）。`,
          '',
          ...Object.entries(r.campaign.byDecision).map(([k, v]) => `- ${markdownText(k)}：${v} 件`),
          '',
        ]
      : ['尚未建立专项清理清单。', '']),
  ];
  return `${lines.join('\n')}\n`;
}
