/** CLI commands of the rule engine: rules list|test, check --jsonl, eval. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ingestBytes, ingestText } from '../ingest/ingest.js';
import { loadRuleSet } from '../node/rule-files.js';
import { runRules } from '../rules/engine.js';
import { baselineVerdict, evalReportText, evaluate, groupReport, groupReportText, kindOf, sourceOf, type LabelledClause, type Verdict } from '../rules/evaluate.js';
import { coverage, coverageMarkdown } from '../rules/coverage.js';
import { explainRule, explanationText } from '../rules/explain.js';
import { lintRules } from '../rules/lint.js';
import { readsProcurement } from '../annotate/document-kind.js';
import { primaryFinding } from '../rules/findings.js';
import { evaluateProbes, probeReportText, readProbes } from '../rules/probe-eval.js';
import { testRuleExamples } from '../rules/self-test.js';
import type { Command } from './command.js';
import { UsageError } from './io.js';

function readLines(file: string | undefined): string[] {
  if (!file) throw new UsageError('缺少 .jsonl 文件参数');
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new UsageError(`找不到文件：${file}`);
  }
  return text.split('\n').filter((l) => l.trim());
}

function parseLine<T>(line: string, n: number, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    throw new UsageError(`第 ${n} 行不是有效的 JSON`);
  }
  const r = schema.safeParse(data);
  if (!r.success) throw new UsageError(`第 ${n} 行格式不对：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  return r.data;
}

export const rulesCommand: Command = {
  name: 'rules',
  summary: '列出规则（list）、检验例句（test）、检查写法（lint）、解释一条规则对一句话的判断（explain）',
  help: `用法：fahu rules list | test [--kinds] | coverage | lint | explain 规则编号 "句子" [--jurisdiction 行政区划]

  list       列出全部规则：编号、类别、风险等级、依据条款、例句数量（含行业规则包）
  test       逐条运行规则自带的例句：应命中的必须命中（标了【】的，引文须覆盖【】中的词），合法近似句不得命中；
             --kinds 另列每条规则的例句来自哪几类文件（policy、tender、agreement、management）
  coverage   打印覆盖表（Markdown）：每个依据条款由哪些规则覆盖（rules/README.md 中的表即由此生成）
  lint       提示：正则超过 100 字符、同一正则出现在多条规则中、例句少于 3 类文件、没有合法近似例句
  explain    显示句子的标注（地名及其地域属性、组织、词类）和该规则每处命中是否被阻断、被哪个阻断；
             --jurisdiction 按该行政区划解析地名（如 湖州市吴兴区）

退出码：0 全部通过；1 有例句未通过；2 规则文件有错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kinds: { type: 'boolean' }, jurisdiction: { type: 'string' } } });
    const [sub] = positionals;
    if (sub !== 'list' && sub !== 'test' && sub !== 'coverage' && sub !== 'lint' && sub !== 'explain') throw new UsageError('请指定 list、test、coverage、lint 或 explain');
    const ruleSet = loadRuleSet();
    if (sub === 'lint') {
      const warnings = lintRules(ruleSet);
      for (const w of warnings) out(`提示 ${w.rule}（${w.file}）：${w.message}`);
      out(`${ruleSet.rules.length} 条规则，${warnings.length} 条提示。`);
      return 0;
    }
    if (sub === 'explain') {
      const [, id, sentence] = positionals;
      if (!id || !sentence?.trim()) throw new UsageError('用法：fahu rules explain 规则编号 "句子"');
      if (!ruleSet.rules.some((r) => r.rule.id === id)) throw new UsageError(`没有编号为 ${id} 的规则（fahu rules list 查看全部规则）`);
      out(explanationText(explainRule(ruleSet, id, sentence, { ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}) })));
      return 0;
    }
    if (sub === 'coverage') {
      out(coverageMarkdown(coverage(ruleSet)));
      return 0;
    }
    if (sub === 'list') {
      for (const r of ruleSet.rules) {
        const basis = r.rule.basis.map((b) => `${b.law}${b.article}${b.item ?? ''}`).join('；');
        out(`${r.rule.id}\t${r.rule.category}\t${r.rule.severity}\t${basis}\t例句 ${r.rule.examples.flag.length}+${r.rule.examples.pass.length}${r.pack ? `\t规则包 ${r.pack}` : ''}`);
      }
      out(`共 ${ruleSet.rules.length} 条规则。`);
      return 0;
    }
    const result = testRuleExamples(ruleSet);
    for (const f of result.failures) out(`未通过 ${f.rule}（${f.file}）[${f.kind === 'flag' ? '应命中' : '不应命中'}] ${f.got}：${f.example}`);
    if (values.kinds) for (const [id, kinds] of result.kinds) out(`${id}\t${kinds.size} 类\t${[...kinds].join('、')}`);
    const fewKinds = [...result.kinds.values()].filter((k) => k.size < 3).length;
    out(`${result.rules} 条规则，${result.examples} 个例句，${result.failures.length} 个未通过；${result.marked} 个例句标出引文；${fewKinds} 条规则的例句少于 3 类文件。`);
    return result.failures.length === 0 ? 0 : 1;
  },
};

const CheckLine = z.object({ id: z.union([z.string(), z.number()]), text: z.string() });

export const checkCommand: Command = {
  name: 'check',
  summary: '批量审查：每行一个 {"id","text"}，每行输出一个 {"id","findings"}',
  help: `用法：fahu check --jsonl 文件 [--pack 名称] [--jurisdiction 行政区划]

每行输入 {"id": …, "text": "……"} 作为一个单条款文件审查，输出一行 {"id": …, "findings": […]}。
文件为 - 时从标准输入读取。`,
  async run(args, out) {
    const { values } = parseArgs({ args, options: { jsonl: { type: 'string' }, pack: { type: 'string', multiple: true }, jurisdiction: { type: 'string' } } });
    const lines = readLines(values.jsonl);
    const ruleSet = loadRuleSet();
    lines.forEach((line, i) => {
      const item = parseLine(line, i + 1, CheckLine);
      const findings = item.text.trim() ? runRules(ingestText(item.text, { fragment: true }), ruleSet, { packs: values.pack ?? [], ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}) }) : [];
      out(JSON.stringify({ id: item.id, findings }));
    });
    return 0;
  },
};

/** Share of a real document's clauses flagged high or medium (target: at most 5%). */
async function documentAlarms(dir: string, packs: string[], out: (s: string) => void): Promise<void> {
  const ruleSet = loadRuleSet();
  let clauses = 0;
  let flagged = 0;
  out('整篇文件中被标为高、中风险的条款占比：');
  for (const name of readdirSync(dir).filter((f) => /\.(txt|md|docx)$/.test(f)).sort()) {
    const doc = await ingestBytes(new Uint8Array(readFileSync(join(dir, name))), { fileName: name });
    const findings = runRules(doc, ruleSet, { packs }).filter((f) => f.severity !== 'low');
    const own = doc.clauses.filter((c) => c.ownEnd > c.start && !['title', 'docNumber', 'signature', 'table', 'row'].includes(c.kind));
    const hit = new Set(findings.map((f) => f.clauseId));
    clauses += own.length;
    flagged += hit.size;
    out(`  ${name}：${hit.size}/${own.length}（${((hit.size / Math.max(own.length, 1)) * 100).toFixed(1)}%）`);
    for (const f of findings) out(`    [${f.rule}] ${f.path}：${f.quote.slice(0, 40)}`);
  }
  out(`  合计：${flagged}/${clauses}（${((flagged / Math.max(clauses, 1)) * 100).toFixed(1)}%）`);
}

const EvalLine = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  label: z.enum(['violation', 'ok']),
  category: z.string(),
  paraphrase: z.boolean().optional(),
  source: z.string().optional(),
  doc: z.string().optional(),
  issuer: z.string().optional(),
});

export const evalCommand: Command = {
  name: 'eval',
  summary: '在带标注的条款上测量召回率、误报率和类别准确率',
  help: `用法：fahu eval 文件.jsonl [--baseline] [--by-source] [--use-issuer] [--pack 名称] [--docs 目录]

每行 {"id","text","label":"violation"|"ok","category"}；标注 paraphrase 的行不计入。
条款有高、中风险问题即算命中。--baseline 同时用简单敏感词表审查，作为对照。
--docs 目录：审查目录中的整篇文件，统计被标为高、中风险的条款占比（误报）。
--probes 目录 [--split dev|heldout]：在泛化探针（fixtures/generalisation）上按文件类型、审查条目和整篇草稿测量。
--by-source：另按文件种类（policy、tender、agreement、management）和来源文件分组统计召回率、误报。
--use-issuer：以每行的 issuer（发文机关）作为审查的行政区划解析地名（默认不用：具体地名推定为本地）。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { baseline: { type: 'boolean' }, pack: { type: 'string', multiple: true }, docs: { type: 'string' }, probes: { type: 'string' }, split: { type: 'string' }, 'by-source': { type: 'boolean' }, 'use-issuer': { type: 'boolean' } } });
    if (values.probes) {
      if (values.split !== undefined && values.split !== 'dev' && values.split !== 'heldout') throw new UsageError('--split 只能是 dev 或 heldout');
      const files = { list: (d: string) => { try { return readdirSync(d); } catch { return []; } }, read: (f: string) => { try { return readFileSync(f, 'utf8'); } catch { throw new UsageError(`找不到文件：${f}`); } } };
      const probes = readProbes(values.probes, values.split, files);
      out(probeReportText(evaluateProbes(probes.clauses, probes.drafts, loadRuleSet(), { packs: values.pack ?? [] }), `泛化探针${values.split ? `（${values.split}）` : ''}：${probes.clauses.length} 条条款`, probes.clauses));
      return 0;
    }
    if (values.docs) {
      await documentAlarms(values.docs, values.pack ?? [], out);
      if (!positionals[0]) return 0;
      out('');
    }
    const items: LabelledClause[] = readLines(positionals[0])
      .map((l, i) => parseLine(l, i + 1, EvalLine))
      .filter((r) => !r.paraphrase);
    const ruleSet = loadRuleSet();
    const verdicts = new Map<string, Verdict>();
    for (const item of items) {
      const jurisdiction = values['use-issuer'] && item.issuer ? { jurisdiction: item.issuer } : {};
      const findings = runRules(ingestText(item.text, { fragment: true }), ruleSet, { packs: values.pack ?? [], ...jurisdiction }).filter((f) => f.severity !== 'low');
      const top = primaryFinding(findings, () => readsProcurement(item.text));
      verdicts.set(item.id, top ? { flagged: true, category: top.category, rule: top.rule } : { flagged: false });
    }
    const report = evaluate(items, verdicts);
    out(evalReportText(report, `法护规则引擎（${ruleSet.rules.length} 条规则，${items.length} 条标注条款）`));
    if (values['by-source']) {
      out('');
      out(groupReportText(groupReport(items, verdicts, kindOf), '按文件种类（由来源文件标题和条款文字推断：policy 政策措施、tender 招标采购、agreement 协议纪要、management 管理规定）'));
      out('');
      out(groupReportText(groupReport(items, verdicts, sourceOf), '按来源文件', 2));
    }
    if (values.baseline) {
      const base = evaluate(items, new Map(items.map((i) => [i.id, baselineVerdict(i.text)])));
      out('');
      out(evalReportText(base, '对照：敏感词表'));
    }
    out(`\n漏报（${report.misses.length}）：`);
    for (const m of report.misses) out(`  ${m.id} [${m.category}] ${m.text.slice(0, 80)}`);
    out(`\n误报（${report.alarms.length}）：`);
    for (const a of report.alarms) out(`  ${a.id} [${a.rule}] ${a.text.slice(0, 80)}`);
    return 0;
  },
};
