/**
 * `fahu calendar …` (working days and holiday years) and `fahu desk …` (review requests and
 * the period report), over the database under DATA_DIR. The command line acts with the
 * machine's trust (actor null, recorded as such in the audit log).
 */
import { REQUEST_KIND_LABELS } from '../desk/kinds.js';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_WORKING_DAYS, WorkCalendar, type WorkCalendar as Calendar } from '../desk/calendar.js';
import { parseYearCalendar, type CalendarFormat } from '../desk/calendar-import.js';
import { DEADLINE_STATE_LABELS } from '../desk/deadlines.js';
import { isDay } from '../desk/days.js';
import { DeskStore, officialYearInfo } from '../desk/desk-store.js';
import type { RequestWithDeadline } from '../desk/desk-types.js';
import { OFFICIAL_YEARS, officialCalendar } from '../desk/official-calendar.js';
import { writeOutput } from './output.js';
import { campaignProgressInPeriod } from '../cleanup/report-input.js';
import { CleanupStore } from '../cleanup/cleanup-store.js';
import { buildPeriodReport, customPeriod, periodContaining, periodOf, periodReportMarkdown, type Period } from '../desk/period-report.js';
import { REQUEST_ACTIONS, REQUEST_STATUS_LABELS, REVIEW_TYPE_LABELS, REVIEW_TYPES, type RequestAction, type ReviewType } from '../desk/workflow.js';
import type { Command } from './command.js';
import { UsageError } from './io.js';

/** How a command reaches the desk: the data directory's database, or (tests) an in-memory one. */
export interface DeskAccess {
  /** The desk, or null when no database exists yet (read-only commands then use the shipped calendar). */
  open(create: boolean): Promise<{ desk: DeskStore; close(): void; file: string } | null>;
}

const dataDirAccess: DeskAccess = {
  async open(create) {
    const { dataDir } = await import('../node/sqlite-driver.js');
    const file = join(dataDir(), 'fahu.sqlite');
    if (!create && !existsSync(file)) return null;
    const { openStore } = await import('../node/open-store.js');
    const opened = await openStore();
    return { desk: new DeskStore(opened.store), close: () => opened.close(), file: opened.driver.path };
  },
};

async function withDesk<T>(access: DeskAccess, create: boolean, fn: (desk: DeskStore | null, file: string | null) => Promise<T>): Promise<T> {
  const opened = await access.open(create);
  try {
    return await fn(opened?.desk ?? null, opened?.file ?? null);
  } finally {
    opened?.close();
  }
}

const CALENDAR_HELP = `用法：fahu calendar add 收件日期 工作日数
      fahu calendar years
      fahu calendar load 文件 [--format list|ics] [--year 年份]

工作日计算（周一至周五，除去法定节假日，加上调休上班的周末）。收件当日不计，
从次日起算。节假日安排来自国务院办公厅每年的通知（随法护提供 2024—2026 年，
数据经 chinese-days 整理）；管理员可导入新一年的安排。到期日落在尚未导入安排的
年份时，结果注明“该年度节假日安排尚未发布”，按周一至周五推算。

子命令：
  add     计算到期日并说明理由，如 fahu calendar add 2026-09-28 15
  years   列出已有节假日安排的年份
  load    导入一年的节假日安排（整份文件无误才导入，逐行报告错误）：
          简单清单，每行“日期或日期~日期 休|班 节日名”，# 开头为注释；
          或 .ics 日历（全天事件，标题或说明中含“休”或“班”）

选项：
  --format list|ics   导入文件的格式，默认按扩展名（.ics 为 ics，其余为 list）
  --year 年份         导入的年份，默认取文件中的年份
  -h, --help          显示本帮助

退出码：0 成功；2 参数或文件有误。`;

export function calendarCommand(access: DeskAccess = dataDirAccess): Command {
  return {
    name: 'calendar',
    summary: '工作日与节假日：计算到期日（add）、导入年度安排（load）',
    help: CALENDAR_HELP,
    async run(args, out) {
      const [sub, ...rest] = args;
      if (sub === 'add') {
        const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
        const [start, n, ...extra] = positionals;
        if (!start || n === undefined) throw new UsageError('需要收件日期和工作日数，例如 fahu calendar add 2026-09-28 15');
        if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
        if (!isDay(start)) throw new UsageError(`日期无效：${start}（应为 YYYY-MM-DD）`);
        const days = Number(n);
        if (!/^\d+$/.test(n) || days > MAX_WORKING_DAYS) throw new UsageError(`工作日数应为 0 到 ${MAX_WORKING_DAYS} 的整数，收到 ${n}`);
        const calendar = await withDesk(access, false, async (desk) => (desk ? desk.calendar() : officialCalendar()));
        const r = calendar.addWorkingDays(start, days);
        out(`到期日：${r.due}`);
        out(r.explanation);
        if (r.adjustedWorkdays.length) out(`其中 ${WorkCalendar.adjustedNote(r.adjustedWorkdays)}，计入工作日`);
        if (r.warning) out(`注意：${r.warning}`);
        return 0;
      }
      if (sub === 'years') {
        if (rest.length) throw new UsageError(`多余的参数：${rest.join(' ')}`);
        const years = await withDesk(access, false, async (desk) => (desk ? desk.calendarYears() : OFFICIAL_YEARS.map(officialYearInfo)));
        out(['年份\t放假\t调休上班\t来源', ...years.map((y) => `${y.year}\t${y.holidays} 天\t${y.workdays} 天\t${y.origin === 'loaded' ? `管理员导入（${y.loadedAt?.slice(0, 10) ?? ''}）：` : ''}${y.source}`)].join('\n'));
        return 0;
      }
      if (sub === 'load') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string' }, year: { type: 'string' } } });
        const [file, ...extra] = positionals;
        if (!file) throw new UsageError('缺少文件参数');
        if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
        const format = (values.format ?? (/\.ics$/i.test(file) ? 'ics' : 'list')) as CalendarFormat;
        if (format !== 'list' && format !== 'ics') throw new UsageError(`--format 只能是 list 或 ics，收到 ${values.format}`);
        const year = values.year === undefined ? undefined : Number(values.year);
        if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new UsageError(`年份无效：${values.year}`);
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          throw new UsageError(`找不到文件：${file}`);
        }
        const parsed = parseYearCalendar(text, format, { ...(year !== undefined ? { year } : {}), source: `管理员导入：${basename(file)}` });
        return withDesk(access, true, async (desk) => {
          await (desk as DeskStore).loadCalendarYear(parsed, null);
          out(`已导入 ${parsed.year} 年节假日安排：放假 ${Object.keys(parsed.holidays).length} 天，调休上班 ${Object.keys(parsed.workdays).length} 天。`);
          return 0;
        });
      }
      throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（add、years 或 load）');
    },
  };
}

const DESK_HELP = `用法：fahu desk list [--all] [--format text|json]
      fahu desk add --department 部门 --title 标题 [--type legality|fair|both] [--kind normative|policy|major|contract|other] [--received 日期] [--priority] [--early]
      fahu desk step 编号 start|return|resubmit|opinion|close [--day 日期] [--note 说明] [--urgent 紧急情况]
      fahu desk void 编号 --reason 理由 | fahu desk restore 编号
      fahu desk purge --older-than 天数 --confirm 永久删除
      fahu desk report [--kind bimonthly|quarterly|annual] [--year 年] [--n 期] [--from 日期 --to 日期] [--format md|json|docx|xlsx] [--out 文件]

审查台：送审件、期限和工作报告（数据在 DATA_DIR 下的 fahu.sqlite）。

子命令：
  list     在办送审件，按到期日排列，注明期限状态和理由（--all 含已办结）
  add      登记送审件（收件日期默认今天；--kind 类别：normative 行政规范性文件（默认）、policy 政策措施、
           major 重大行政决策、contract 行政协议/合同、other 其他）
  step     推进流程：start 开始审查、return 退回补正（须 --note）、resubmit 补正收到、
           opinion 出具意见（早于最短审查时间须 --urgent）、close 办结
  void     作废送审件（须 --reason；保留记录，不计入列表和报告）；restore 撤销作废
  purge    永久删除作废满 N 天的未签发审查记录、送审件、专项清理和清单文件（须 --confirm 永久删除）
  report   双月报告（默认当前双月）、季度复盘、年度总结或任意期间，Markdown、JSON、
           Word 或 Excel（docx、xlsx 须配合 --out）

退出码：0 成功；2 参数错误或操作不允许（如从“收件”直接“出具意见”）。`;

function dueText(r: RequestWithDeadline): string {
  const d = r.deadline;
  const due = d.count.due ?? '暂停计时';
  const left = d.remaining === null ? '' : d.remaining >= 0 ? `，剩余 ${d.remaining} 个工作日` : `，已超 ${-d.remaining} 个工作日`;
  return `${due}【${DEADLINE_STATE_LABELS[d.state]}${left}】`;
}

export function deskCommand(access: DeskAccess = dataDirAccess): Command {
  return {
    name: 'desk',
    summary: '审查台：送审件列表、登记、流程和工作报告',
    help: DESK_HELP,
    async run(args, out) {
      const [sub, ...rest] = args;
      if (sub === 'list') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { all: { type: 'boolean' }, format: { type: 'string' } } });
        if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
        const format = values.format ?? 'text';
        if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json，收到 ${format}`);
        const items = await withDesk(access, false, async (desk) => (desk ? desk.listRequests({ scope: values.all ? 'all' : 'open' }) : []));
        if (format === 'json') {
          out(JSON.stringify(items, null, 2));
          return 0;
        }
        if (items.length === 0) {
          out(values.all ? '还没有送审件。登记：fahu desk add --department 部门 --title 标题' : '没有在办的送审件。');
          return 0;
        }
        for (const r of items) {
          const flags = [r.priority ? '优先' : '', r.early ? '提前介入' : ''].filter(Boolean).join('·');
          out(`#${r.id} ${r.title}（${r.department}）${flags ? `［${flags}］` : ''}`);
          out(`    ${REQUEST_KIND_LABELS[r.kind]}｜${REVIEW_TYPE_LABELS[r.reviewType]}｜${REQUEST_STATUS_LABELS[r.status]}｜承办：${r.assigneeName ?? '未分配'}｜到期：${dueText(r)}`);
          out(`    ${r.deadline.explanation}`);
          if (r.deadline.warning) out(`    注意：${r.deadline.warning}`);
        }
        out(`共 ${items.length} 件`);
        return 0;
      }
      if (sub === 'add') {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { department: { type: 'string' }, title: { type: 'string' }, type: { type: 'string' }, kind: { type: 'string' }, received: { type: 'string' }, priority: { type: 'boolean' }, early: { type: 'boolean' }, note: { type: 'string' } },
        });
        if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
        const type = values.type ?? 'legality';
        if (!REVIEW_TYPES.includes(type as ReviewType)) throw new UsageError(`--type 只能是 ${REVIEW_TYPES.join('、')}，收到 ${type}`);
        if (!values.department || !values.title) throw new UsageError('需要 --department 部门 和 --title 标题');
        return withDesk(access, true, async (desk) => {
          const r = await (desk as DeskStore).createRequest(
            { department: values.department as string, title: values.title as string, reviewType: type as ReviewType, ...(values.kind ? { kind: values.kind as never } : {}), receivedOn: values.received, priority: values.priority === true, early: values.early === true, note: values.note ?? '' },
            null,
          );
          out(`已登记送审件 #${r.id}：${r.title}`);
          out(`到期：${dueText(r)}`);
          out(r.deadline.explanation);
          if (r.deadline.warning) out(`注意：${r.deadline.warning}`);
          return 0;
        });
      }
      if (sub === 'step') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { day: { type: 'string' }, note: { type: 'string' }, urgent: { type: 'string' } } });
        const [idText, action, ...extra] = positionals;
        if (!idText || !action) throw new UsageError('需要送审件编号和操作，例如 fahu desk step 3 start');
        if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
        const id = Number(idText.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0) throw new UsageError(`送审件编号无效：${idText}`);
        if (!REQUEST_ACTIONS.includes(action as RequestAction)) throw new UsageError(`操作只能是 ${REQUEST_ACTIONS.join('、')}，收到 ${action}`);
        return withDesk(access, true, async (desk) => {
          const r = await (desk as DeskStore).transition(id, { action: action as RequestAction, day: values.day, note: values.note ?? '', urgentReason: values.urgent }, null);
          out(`#${r.id} ${r.title}：${REQUEST_STATUS_LABELS[r.status]}`);
          out(`到期：${dueText(r)}`);
          out(r.deadline.explanation);
          return 0;
        });
      }
      if (sub === 'void' || sub === 'restore') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { reason: { type: 'string' } } });
        const [idText, ...extra] = positionals;
        if (!idText) throw new UsageError(`需要送审件编号，例如 fahu desk ${sub} 3${sub === 'void' ? ' --reason 测试数据' : ''}`);
        if (extra.length) throw new UsageError(`多余的参数：${extra.join(' ')}`);
        const id = Number(idText.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0) throw new UsageError(`送审件编号无效：${idText}`);
        return withDesk(access, true, async (desk) => {
          const d = desk as DeskStore;
          const r = sub === 'void' ? await d.voidRequest(id, { reason: values.reason ?? '' }, null) : await d.restoreRequest(id, null);
          out(sub === 'void' ? `已作废送审件 #${r.id}：${r.title}（理由：${r.voidReason ?? ''}）` : `已撤销作废送审件 #${r.id}：${r.title}`);
          return 0;
        });
      }
      if (sub === 'purge') {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'older-than': { type: 'string' }, confirm: { type: 'string' } } });
        if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
        if (!values['older-than']) throw new UsageError('需要 --older-than 天数');
        return withDesk(access, true, async (desk) => {
          const input = { olderThanDays: values['older-than'] as never, confirm: values.confirm ?? '' };
          const cleanup = await new CleanupStore((desk as DeskStore).store).purgeVoided(input, null);
          const done = await (desk as DeskStore).purgeVoided(input, null);
          out(`已永久删除作废满 ${values['older-than']} 天的审查记录 ${done.reviews} 件、送审件 ${done.requests} 件、专项清理 ${cleanup.campaigns} 个、清单文件 ${cleanup.items} 份（已记入操作日志）`);
          return 0;
        });
      }
      if (sub === 'report') return reportCommand(access, rest, out);
      throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（list、add、step、void、restore、purge 或 report）');
    },
  };
}

async function reportCommand(access: DeskAccess, args: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { kind: { type: 'string' }, year: { type: 'string' }, n: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
  const format = values.format ?? 'md';
  if (!['md', 'json', 'docx', 'xlsx'].includes(format)) throw new UsageError(`--format 只能是 md、json、docx 或 xlsx，收到 ${format}`);
  if ((format === 'docx' || format === 'xlsx') && (!values.out || values.out === '-')) throw new UsageError(`--format ${format} 须用 --out 指定输出文件，如 --out 工作报告.${format}`);
  return withDesk(access, true, async (desk) => {
    const d = desk as DeskStore;
    let period: Period;
    try {
      if (values.from || values.to) {
        if (!values.from || !values.to) throw new RangeError('--from 和 --to 须同时给出');
        period = customPeriod(values.from, values.to);
      } else {
        const kind = (values.kind ?? 'bimonthly') as 'bimonthly' | 'quarterly' | 'annual';
        if (!['bimonthly', 'quarterly', 'annual'].includes(kind)) throw new RangeError(`--kind 只能是 bimonthly、quarterly 或 annual，收到 ${values.kind}`);
        period = values.year ? periodOf(kind, Number(values.year), Number(values.n ?? 1)) : periodContaining(kind, d.today());
      }
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    const calendar: Calendar = await d.calendar();
    const report = buildPeriodReport({
      period,
      asOf: d.today(),
      requests: await d.requestsUpTo(period.to),
      findings: await d.findingsBetween(period.from, period.to),
      calendar,
      campaign: await campaignProgressInPeriod(d.store.db, period),
    });
    if (format === 'docx' || format === 'xlsx') {
      // Word and Excel load only when asked for; the header is the section's template
      const { periodReportDocx, periodReportSheets } = await import('../desk/period-report-files.js');
      const { headerTemplate } = await import('../opinion/header-template.js');
      const template = await headerTemplate(d.store);
      const bytes = format === 'docx' ? await periodReportDocx(report, { template }) : await (await import('../node/xlsx.js')).exceljsWriter.write(periodReportSheets(report, { template }));
      await writeOutput(bytes, values.out, out);
      return 0;
    }
    out(format === 'json' ? JSON.stringify(report, null, 2) : periodReportMarkdown(report));
    return 0;
  });
}

