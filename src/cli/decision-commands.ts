/**
 * `fahu decisions import|export` and `fahu search`: the decision library (审查意见库) in the
 * SQLite database under DATA_DIR. Imports are all-or-nothing with row-numbered errors.
 */
import { precedentSource } from '../decisions/precedents.js';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DecisionStore } from '../decisions/decision-store.js';
import { describeErrors, formatOfFileName, parseDecisions, toCsv, toJsonl, type DecisionFormat } from '../decisions/import-export.js';
import { SOURCE_KIND_LABELS } from '../decisions/types.js';
import { snippetText } from '../search/highlight.js';
import { DecisionSearchSchema, LIBRARY_SCOPE_NOTE, type DecisionSearchResult } from '../decisions/decision-search.js';
import type { Command } from './command.js';
import { withStore } from './data-store.js';
import { InputError, readFileUpTo, UsageError } from './io.js';

/** Largest import file (a decision is about 1 KB: room for 50,000 and more). */
const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const DECISIONS_HELP = `用法：fahu decisions import 文件 [--format jsonl|csv]
      fahu decisions export [--format jsonl|csv] [--out 文件]

审查意见库的导入和导出。数据保存在 DATA_DIR（默认 ./data）下的 fahu.sqlite。

导入：JSONL（每行一个 JSON 对象）或 CSV（第一行为表头，UTF-8）。字段：
  key          唯一标识（可省略：按标题、条款、结果和理由生成；相同 key 再次导入即更新）
  title docNumber issuer department date(YYYY-MM-DD)
  reviewType   合法性审核、公平竞争审查 或 专项清理（必填）
  clauseText   条款原文（必填）            clausePath  条款路径，如 二、（三）
  category     问题类别（合法条款留空）    rule        规则编号
  outcome      修改、删除、保留、不予出台 或 适用例外（必填）
  reasoning    审查理由                    basis       依据条款（列表）
  reviewer     审查人                      tags        标签（列表）
  sourceKind   own（本科室审查）或 published（公开案例，默认）
  sourceRef    来源地址
  noticeAuthority 通报发布机关      noticeTitle 通报标题
  noticeDate   通报日期 YYYY-MM-DD         noticeAddress 通报网址或文号
JSONL 中列表为数组；CSV 中列表写在一个单元格内，每项一行。
逐行检查，有任何错误则列出行号和原因，一条也不写入。

导出：默认 JSONL 输出到标准输出；CSV 带 UTF-8 BOM，可直接用 Excel 打开。

选项：
  --format jsonl|csv   文件格式，导入时默认按扩展名（.jsonl/.csv）判断
  --out 文件           导出到文件（默认标准输出）
  -h, --help           显示本帮助

退出码：0 成功；2 参数错误或文件有错误（未写入任何数据）。`;

const SEARCH_HELP = `用法：fahu search 查询词 [--category 类别] [--issuer 机关] [--department 部门]
                   [--outcome 结果] [--rule 规则] [--type 审查类型] [--source own|published]
                   [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sort relevance|date]
                   [--limit n] [--page n] [--format text|json]

在审查意见库中检索以往的审查意见。查询词按结巴分词检索条款原文、审查理由和文件标题；
用引号括起的词须原样出现，例如 '"指定品牌" 设备'。查询词可为空（只按条件筛选）。
文本输出中命中的词以【】标出，最后列出按类别和处理结果的分面统计。

选项：
  --category 类别        问题类别，如 限制市场准入和退出
  --issuer 机关          发文机关（完整名称）
  --department 部门      送审部门
  --outcome 结果         修改、删除、保留、不予出台、适用例外
  --rule 规则            规则编号
  --type 审查类型        合法性审核、公平竞争审查、专项清理
  --source own|published 本科室审查或公开案例
  --from / --to 日期     审查日期范围（含当日）
  --sort relevance|date  按相关度（默认）或日期（新的在前）排序
  --limit n              每页条数，默认 10，最多 100
  --page n               页码，默认 1
  --format text|json     输出格式，默认 text
  -h, --help             显示本帮助

退出码：0 成功（包括没有结果）；2 参数错误。`;


function formatOf(value: string | undefined, fallback: DecisionFormat | null): DecisionFormat {
  const v = value ?? fallback;
  if (v === null) throw new UsageError('无法从扩展名判断文件格式，请用 --format jsonl 或 --format csv 指明');
  if (v !== 'jsonl' && v !== 'csv') throw new UsageError(`--format 只能是 jsonl 或 csv，收到 ${v}`);
  return v;
}

async function readImportFile(file: string): Promise<string> {
  const bytes = await readFileUpTo(file, MAX_IMPORT_BYTES);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file} 不是 UTF-8 编码的文本（CSV 请在 Excel 中另存为“CSV UTF-8”）`);
  }
}

export const decisionsCommand: Command = {
  name: 'decisions',
  summary: '审查意见库：导入、导出（import、export）',
  help: DECISIONS_HELP,
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'import' && sub !== 'export') throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令（import 或 export）');
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' } } });

    if (sub === 'import') {
      if (values.out !== undefined) throw new UsageError('--out 只用于 export');
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `多余的参数：${positionals.slice(1).join(' ')}` : '缺少要导入的文件');
      const file = positionals[0] as string;
      const format = formatOf(values.format, formatOfFileName(file));
      const parsed = await parseDecisions(await readImportFile(file), format);
      if (parsed.errors.length) throw new InputError(describeErrors(parsed.errors));
      return withStore(async (store) => {
        const r = await new DecisionStore(store.db).upsertMany(parsed.rows.map((x) => x.decision));
        await store.appendAudit({ userId: null, action: 'decision.import', target: `file:${file}`, detail: { inserted: r.inserted, updated: r.updated } });
        out(`已导入 ${parsed.rows.length} 条审查意见（新增 ${r.inserted} 条，更新 ${r.updated} 条）。`);
        return 0;
      });
    }

    if (positionals.length) throw new UsageError(`多余的参数：${positionals.join(' ')}`);
    const format = formatOf(values.format, values.out ? (formatOfFileName(values.out) ?? 'jsonl') : 'jsonl');
    return withStore(async (store) => {
      const all = await new DecisionStore(store.db).all();
      const text = format === 'csv' ? toCsv(all) : toJsonl(all);
      if (values.out) {
        await writeFile(values.out, text);
        out(`已导出 ${all.length} 条审查意见到 ${values.out}。`);
      } else if (text) out(text.replace(/\r?\n$/, ''));
      return 0;
    });
  },
};

export function searchResultText(r: DecisionSearchResult, query: string): string {
  const lines: string[] = [];
  const first = (r.page - 1) * r.pageSize + 1;
  const shown = !query ? '全部' : /["“”]/.test(query) ? query : `“${query}”`;
  if (r.total === 0) return `没有找到与${shown}相关的审查意见。${r.tokens.length === 0 && query ? '（查询词都是常用虚词，请换用更具体的词）' : ''}\n${LIBRARY_SCOPE_NOTE}`;
  lines.push(`找到 ${r.total} 条与${shown}相关的审查意见，显示第 ${first}–${first + r.items.length - 1} 条：`);
  r.items.forEach((h, i) => {
    const d = h.decision;
    lines.push('');
    lines.push(`${first + i}. [${d.outcome}] ${d.category || '（合法条款）'}${d.rule ? ` · ${d.rule}` : ''}${d.date ? ` · ${d.date}` : ''}  #${d.id}`);
    const doc = [d.title, d.docNumber].filter(Boolean).join(' ');
    if (doc || d.issuer) lines.push(`   文件：${doc || '（无标题）'}${d.issuer ? ` · ${d.issuer}` : ''}${d.clausePath ? ` · ${d.clausePath}` : ''}`);
    lines.push(`   条款：${snippetText(h.snippets.clauseText)}`);
    if (d.reasoning) lines.push(`   理由：${snippetText(h.snippets.reasoning)}`);
    lines.push(`   来源：${SOURCE_KIND_LABELS[d.sourceKind]} ${precedentSource(d).replace(/^来源：/, '')}`);
  });
  const facet = (label: string, values: { value: string; count: number }[], empty: string) =>
    values.length ? `${label}：${values.slice(0, 8).map((v) => `${v.value || empty} ${v.count}`).join('，')}` : '';
  lines.push('');
  lines.push(...[facet('按类别', r.facets.category, '合法条款'), facet('按处理结果', r.facets.outcome, '（空）')].filter(Boolean));
  return lines.join('\n');
}

export const searchCommand: Command = {
  name: 'search',
  summary: '检索审查意见库（以往的审查意见和公开案例）',
  help: SEARCH_HELP,
  async run(args, out) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        category: { type: 'string' }, issuer: { type: 'string' }, department: { type: 'string' }, outcome: { type: 'string' }, rule: { type: 'string' },
        type: { type: 'string' }, source: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, sort: { type: 'string' },
        limit: { type: 'string' }, page: { type: 'string' }, format: { type: 'string' },
      },
    });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json，收到 ${format}`);
    const query = positionals.join(' ').trim();
    const input = {
      q: query, category: values.category, issuer: values.issuer, department: values.department, outcome: values.outcome, rule: values.rule,
      reviewType: values.type, source: values.source, from: values.from, to: values.to, sort: values.sort, page: values.page, pageSize: values.limit ?? '10',
    };
    const checked = DecisionSearchSchema.safeParse(input);
    if (!checked.success) throw new UsageError(checked.error.issues.map((i) => i.message).join('；'));
    return withStore(async (store, { dir }) => {
      const { openDecisionSearch } = await import('../node/decision-index.js');
      const { search } = await openDecisionSearch(store, { dir });
      const r = await search.search(input as never);
      if (format === 'json') {
        out(JSON.stringify({ ...r, items: r.items.map((h) => ({ ...h.decision, score: h.score, snippets: h.snippets })) }, null, 2));
      } else out(searchResultText(r, query));
      return 0;
    });
  },
};
