/**
 * `fahu cleanup import|attach|run|decide|export|status`: the 烦企扰民 cleanup campaign from the
 * command line, on the same database under DATA_DIR as the workbench.
 */
import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CleanupStore, type AttachFile } from '../cleanup/cleanup-store.js';
import { resultCsv, resultFileName, resultXlsx } from '../cleanup/export.js';
import { InventoryError, readInventory } from '../cleanup/inventory.js';
import { DECISION_LABELS, DECISIONS, decisionOf, JOB_STATE_LABELS } from '../cleanup/model.js';
import { PrecheckRunner } from '../cleanup/runner.js';
import { DEFAULT_LIMITS } from '../document/limits.js';
import type { Store } from '../store/store.js';
import type { Command } from './command.js';
import { withStore } from './data-store.js';
import { InputError, readFileUpTo, UsageError } from './io.js';

const HELP = `用法：fahu cleanup import 文件 --campaign 名称 [--deadline YYYY-MM-DD]
      fahu cleanup attach 目录|文件… [--campaign 名称] [--user 用户名]
      fahu cleanup run [--retry]
      fahu cleanup decide 序号 结论 [--reason 理由] [--clause 条款]… [--basis 法律依据] [--confirm-text] [--campaign 名称]
      fahu cleanup export --format csv|xlsx [-o 文件] [--campaign 名称]
      fahu cleanup status [--campaign 名称]

烦企扰民专项清理：导入文件清单，上传各文件正文进行预审，逐件作出清理结论，
按责任单位跟踪进度，导出清理结果。数据保存在 DATA_DIR（默认 ./data）下的 fahu.sqlite，
与工作台（fahu serve，页面“专项清理”）共用。

子命令：
  import   导入清单（.xlsx 或 .csv；UTF-8 或 GB18030）。列：标题、文号、制定机关、发布日期、
           有效期、责任单位（也认 文件名称、发文字号、发文机关、印发日期、起草部门 等写法）。
           任何一行有错时整份清单都不导入，并按行号列出错误。
  attach   上传正文（.docx、.txt、.md），按文件名中的文号或标题对应到清单中的文件，
           列出对应不上的文件；对应上的排入预审队列
  run      在前台处理预审队列，显示进度（工作台服务运行时也会在后台自动处理）；
           --retry 先把失败的文件重新排入队列
  decide   作出清理结论：继续有效、修改、废止、宣布失效（后三者须 --reason 理由）；
           序号为 status 列出的序号；--clause 为预审结果中涉及的条款路径，如 “一、（一）”；
           --basis 为法律依据；正文的文号或标题与清单不一致时，核对后加 --confirm-text
  export   导出清理结果清单；默认文件名 清理结果-名称-日期.csv，-o - 输出到标准输出（仅 csv）
  status   各责任单位的进度和截止日期

选项：
  --campaign 名称       专项清理名称；只有一个时可省略（import 必填）
  --deadline 日期       清理截止日期（import 时设定或修改）
  --user 用户名         预审记录记在哪个账号名下，默认第一个管理员
  -h, --help            显示本帮助

退出码：0 成功；2 参数错误或清单有错（未导入任何数据）。`;

const TEXT_EXT = /\.(docx|txt|md)$/i;

/** Opens the data directory's database on demand (other commands need no SQLite). */
const withCleanup = <T>(fn: (cleanup: CleanupStore, store: Store) => Promise<T>): Promise<T> => withStore((store) => fn(new CleanupStore(store), store));

const readFileChecked = (path: string): Promise<Uint8Array> => readFileUpTo(path, DEFAULT_LIMITS.maxInputBytes);

/** The files named, and the .docx/.txt/.md files inside named folders (not recursive). */
async function collectFiles(paths: string[]): Promise<{ path: string; name: string }[]> {
  const out: { path: string; name: string }[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new UsageError(`找不到文件或目录：${p}`);
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => TEXT_EXT.test(n) && !n.startsWith('~$')).sort();
      out.push(...names.map((n) => ({ path: join(p, n), name: n })));
    } else out.push({ path: p, name: basename(p) });
  }
  return out;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 100)}%`);

export function cleanupCommand(): Command {
  return {
    name: 'cleanup',
    summary: '烦企扰民专项清理（import、attach、run、decide、export、status）',
    help: HELP,
    async run(args, out) {
      const [sub, ...rest] = args;
      const subs = ['import', 'attach', 'run', 'decide', 'export', 'status'];
      if (!sub || !subs.includes(sub)) throw new UsageError(sub ? `未知子命令：${sub}` : `缺少子命令（${subs.join('、')}）`);
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          campaign: { type: 'string' }, deadline: { type: 'string' }, user: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' },
          reason: { type: 'string' }, clause: { type: 'string', multiple: true }, basis: { type: 'string' }, 'confirm-text': { type: 'boolean' }, retry: { type: 'boolean' },
        },
      });
      const noExtra = (n: number) => {
        if (positionals.length > n) throw new UsageError(`多余的参数：${positionals.slice(n).join(' ')}`);
      };

      if (sub === 'import') {
        const file = positionals[0];
        if (!file) throw new UsageError('缺少清单文件（.xlsx 或 .csv）');
        noExtra(1);
        if (!values.campaign) throw new UsageError('请用 --campaign 指定专项清理的名称');
        const bytes = await readFileChecked(file);
        const { exceljsReader } = await import('../node/xlsx.js');
        try {
          const rows = await readInventory(bytes, basename(file), exceljsReader);
          return await withCleanup(async (cleanup) => {
            const r = await cleanup.importInventory({ campaign: values.campaign as string, deadline: values.deadline ?? null, fileName: basename(file), rows }, null);
            const depts = new Set(rows.map((x) => x.department));
            out(`已导入 ${r.imported} 份文件到“${r.campaign.name}”${r.created ? '（新建）' : ''}，涉及 ${depts.size} 个责任单位${r.campaign.deadline ? `，截止日期 ${r.campaign.deadline}` : ''}。`);
            return 0;
          });
        } catch (e) {
          if (e instanceof InventoryError) throw new InputError(e.message);
          throw e;
        }
      }

      if (sub === 'attach') {
        if (positionals.length === 0) throw new UsageError('缺少要上传的目录或文件');
        const files = await collectFiles(positionals);
        if (files.length === 0) throw new InputError('目录中没有 .docx、.txt 或 .md 文件');
        const loaded: AttachFile[] = [];
        for (const f of files) loaded.push({ fileName: f.name, bytes: await readFileChecked(f.path) });
        return withCleanup(async (cleanup) => {
          const campaign = await cleanup.resolveCampaign(values.campaign);
          const actor = await cleanup.cliActor(values.user);
          const r = await cleanup.attachTexts(campaign.id, loaded, actor.id);
          const lines = [`“${campaign.name}”：${r.matched.length} 个文件已对应并排入预审队列，${r.unmatched.length} 个未对应。`];
          for (const m of r.matched) lines.push(`  ✓ ${m.fileName} → ${m.title}（按${m.by === 'docNumber' ? '文号' : '标题'}）`);
          for (const u of r.unmatched) lines.push(`  ✗ ${u.fileName}：${u.reason}`);
          if (r.jobId) lines.push('运行 fahu cleanup run 开始预审（工作台服务运行时会自动处理）。');
          out(lines.join('\n'));
          return r.matched.length === 0 ? 2 : 0;
        });
      }

      if (sub === 'run') {
        noExtra(0);
        const [{ loadRuleSet }, { isolatedDocxReader }] = await Promise.all([
          import('../node/rule-files.js'), import('../node/isolated-docx-reader.js'),
        ]);
        return withCleanup(async (cleanup, store) => {
          const runner = new PrecheckRunner({ store, ruleSet: loadRuleSet(), readDocx: isolatedDocxReader });
          const resumed = await cleanup.resetInterrupted();
          const retried = values.retry ? await cleanup.retryAllFailed() : 0;
          if (retried) out(`${retried} 份失败的文件已重新排入队列。`);
          const total = await cleanup.countPending();
          if (total === 0) {
            out('预审队列是空的。');
            return 0;
          }
          if (resumed) out(`继续上次中断的 ${resumed} 份文件。`);
          const tty = process.stderr.isTTY === true;
          const started = Date.now();
          const r = await runner.drain((p) => {
            const n = p.done + p.failed;
            const line = `预审 ${n}/${n + p.remaining}（失败 ${p.failed}）${p.last ? ` ${p.last.ok ? '✓' : '✗'} ${p.last.title}` : ''}`;
            if (tty) process.stderr.write(`\r\x1b[K${line.slice(0, (process.stderr.columns ?? 80) - 1)}`);
            else if (!p.last?.ok || n % 20 === 0 || p.remaining === 0) process.stderr.write(`${line}${p.last && !p.last.ok ? `：${p.last.error}` : ''}\n`);
          });
          if (tty) process.stderr.write('\n');
          out(`预审完成：成功 ${r.done} 份，失败 ${r.failed} 份，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒。`);
          return 0;
        });
      }

      if (sub === 'decide') {
        const [seq, label] = positionals;
        noExtra(2);
        if (!seq || !label) throw new UsageError('用法：fahu cleanup decide 序号 结论 [--reason 理由]');
        const decision = decisionOf(label);
        if (!decision) throw new UsageError(`结论只能是 ${DECISIONS.map((d) => DECISION_LABELS[d]).join('、')}`);
        return withCleanup(async (cleanup) => {
          const campaign = await cleanup.resolveCampaign(values.campaign);
          const items = await cleanup.listItems(campaign.id);
          const item = items[Number(seq) - 1];
          if (!/^\d+$/.test(seq) || !item) throw new InputError(`序号 ${seq} 不在 1–${items.length} 之间（见 fahu cleanup status）`);
          if (values['confirm-text'] && item.mismatches.length && !item.textConfirmedAt) await cleanup.confirmText(item.id, null);
          const d = await cleanup.decide(item.id, { decision, reason: values.reason ?? '', clauses: values.clause ?? [], basis: values.basis ?? '' }, null);
          out(`${d.title}：${DECISION_LABELS[decision]}${d.decisionClauses.length ? `（${d.decisionClauses.map((c) => c.path).join('；')}）` : ''}`);
          return 0;
        });
      }

      if (sub === 'export') {
        noExtra(0);
        const format = values.format ?? 'csv';
        if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`--format 只能是 csv 或 xlsx，收到 ${format}`);
        if (values.output === '-' && format === 'xlsx') throw new UsageError('.xlsx 不能输出到标准输出，请用 -o 指定文件');
        return withCleanup(async (cleanup) => {
          const campaign = await cleanup.resolveCampaign(values.campaign);
          const items = await cleanup.listItems(campaign.id);
          const target = values.output ?? resultFileName(campaign, cleanup.today(), format);
          if (format === 'csv') {
            const text = resultCsv(items);
            if (target === '-') {
              process.stdout.write(text);
              return 0;
            }
            await writeFile(target, text, 'utf8');
          } else {
            const { exceljsWriter } = await import('../node/xlsx.js');
            await writeFile(target, await resultXlsx(exceljsWriter, campaign, items));
          }
          out(`已导出 ${items.length} 份文件的清理结果：${target}`);
          return 0;
        });
      }

      // status
      noExtra(0);
      return withCleanup(async (cleanup) => {
        const campaign = await cleanup.resolveCampaign(values.campaign);
        const p = await cleanup.progress(campaign.id);
        const deadline = campaign.deadline
          ? `截止 ${campaign.deadline}（${p.daysLeft !== null && p.daysLeft < 0 ? `已逾期 ${-p.daysLeft} 天` : `剩 ${p.daysLeft} 天`}）`
          : '未设截止日期';
        const lines = [
          `${campaign.name}：${deadline}`,
          `共 ${p.total} 份，已预审 ${p.prechecked}，已决定 ${p.decided}（${pct(p.decided, p.total)}），未决定 ${p.undecided}`,
          `  ${DECISIONS.map((d) => `${DECISION_LABELS[d]} ${p.byDecision[d]}`).join('  ')}`,
          '',
          ['责任单位', '合计', '已预审', ...DECISIONS.map((d) => DECISION_LABELS[d]), '未决定', '完成率'].join('\t'),
          ...p.departments.map((d) =>
            [d.department, d.total, d.prechecked, ...DECISIONS.map((k) => d.byDecision[k]), d.undecided, `${pct(d.decided, d.total)}${d.overdue ? ' 逾期' : ''}`].join('\t'),
          ),
        ];
        const job = await cleanup.latestJob(campaign.id);
        if (job) {
          lines.push('', `最近一批预审：${job.done + job.failed}/${job.total}（${JOB_STATE_LABELS.pending} ${job.pending}，${JOB_STATE_LABELS.failed} ${job.failed}）`);
          for (const f of job.failures) lines.push(`  ✗ ${f.fileName}：${f.error}`);
        }
        const items = await cleanup.listItems(campaign.id);
        lines.push('', '序号\t文号\t标题\t责任单位\t预审\t结论');
        items.forEach((i, n) =>
          lines.push([n + 1, i.docNumber || '—', i.title, i.department, i.reviewId ? `${i.findingCount ?? 0} 个问题` : i.precheck ? JOB_STATE_LABELS[i.precheck.state] : '未上传', i.decision ? DECISION_LABELS[i.decision] : '未决定'].join('\t')),
        );
        out(lines.join('\n'));
        return 0;
      });
    },
  };
}
