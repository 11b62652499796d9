/**
 * `fahu parse` and `fahu review`: the commands run most, in their own module so that they load only
 * what reading and reviewing one draft needs (main.ts imports the other commands — stores, search,
 * spreadsheets — only for them).
 */
import { parseArgs } from 'node:util';
import { withLimits } from '../document/limits.js';
import { documentJson } from '../document/document-json.js';
import { outlineText } from '../report/outline-text.js';
import { loadPlaceData, placeDataForOneDocument, preparePlaceData, preparePlaceLines } from '../node/place-data.js';
import { ingestText } from '../ingest/ingest.js';
import { runRules } from '../rules/engine.js';
import { loadRuleSetLazily } from '../node/rule-loader.js';
import { findingsText } from '../report/findings-text.js';
import { EXPORT_FORMATS, type ExportFormat } from '../report/export-formats.js';
import { writeOutput } from './output.js';
import { createReview } from '../review/create-review.js';
import { severityRank } from '../rules/findings.js';
import type { RuleSet } from '../rules/compile-rules.js';
import type { Command } from './command.js';
import { readInput, UsageError } from './io.js';
import { loadDocument, readAhead } from './load-document.js';

function formatOption(value: string | undefined, allowed: string[], fallback: string): string {
  const v = value ?? fallback;
  if (!allowed.includes(v)) throw new UsageError(`--format 只能是 ${allowed.join('、')}，收到 ${v}`);
  return v;
}

export const parseCommand: Command = {
  name: 'parse',
  summary: '解析文件，输出元数据和条款结构',
  help: `用法：fahu parse 文件 [--format text|json]

解析 .docx、.txt 或 .md 文件（- 表示从标准输入读取），输出文件元数据
（标题、文号、发文机关、日期、施行日期、有效期、附件、废止文件）和条款树。

选项：
  --format text|json   输出格式，默认 text（缩进大纲，每行带路径）
  -h, --help           显示本帮助

退出码：0 成功；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' } } });
    const format = formatOption(values.format, ['text', 'json'], 'text');
    process.env.FAHU_WORKER_NICE ??= '0'; // see review
    const doc = await loadDocument(positionals[0]);
    out(format === 'json' ? JSON.stringify(documentJson(doc), null, 2) : outlineText(doc));
    return 0;
  },
};

/** Characters of the text one warm-up piece holds at most (a few ms of rules, cold, on this machine). */
const WARM_UP_PIECE = 1500;

/**
 * While the worker is still building the document model and this thread would only wait for it (a loaded machine,
 * a long draft), the rules run on pieces of the model's text, one piece a turn and none once the model is here
 * (`arrived`), and their findings are thrown away: V8 has then compiled the regexes and optimised the rules' code
 * that the review runs next on this very text (its first runRules costs 1.3–2× a later one). Changes no answer: the
 * pieces are reviewed as fragments by the same pure functions, the scanner's per-text results are of their own texts,
 * and places are read from the index already made for the whole text (`loadPlaceData(text)`), so the one-document
 * place index is not made again for a piece. A piece that fails (it cannot, but a warm-up must never) is skipped.
 */
async function warmUpWhileReading(text: string, ruleSet: RuleSet, packs: string[], arrived: () => boolean): Promise<void> {
  const warm: RuleSet = { ...ruleSet, places: () => loadPlaceData(text) };
  for (let at = 0; at < text.length; ) {
    await new Promise((r) => setImmediate(r));
    if (arrived()) return;
    const cut = text.lastIndexOf('\n', at + WARM_UP_PIECE);
    const end = cut > at ? cut + 1 : Math.min(text.length, at + WARM_UP_PIECE);
    const piece = text.slice(at, end);
    at = end;
    if (!piece.trim()) continue;
    try {
      runRules(ingestText(piece, { fragment: true }), warm, { packs });
    } catch {
      // a warm-up answers nothing
    }
  }
}

export const reviewCommand: Command = {
  name: 'review',
  summary: '审查文件，输出发现的问题、依据和修改建议',
  help: `用法：fahu review 文件 [--format text|json|md|html|docx|fcr-form] [--out 文件] [--pack 名称] [--jurisdiction 行政区划] [--fail-on high|medium]

对文件进行公平竞争审查和合法性预审。文本输出按条款路径列出每个问题（原文中
问题文字以【】标出）、类别、依据条款、理由和修改建议，最后按类别汇总。
JSON 结构：{ document: { meta, clauses: [{ id, path, text, start, end, parent }] },
findings: [{ id, rule, category, severity, clauseId, path, quote, start, end,
basis: [{ law, article, item, text }], explanation, suggestion }] }

选项：
  --format text|json|md|html|docx|fcr-form
                          输出格式，默认 text；docx 为审查意见书（GB/T 9704 版式，
                          未签发，页眉标“草稿”），fcr-form 为公平竞争审查表（.docx，
                          按发现的问题勾选“是否涉及”，由审查人核定），均须配合 --out
  --out 文件              写入文件而不是标准输出
  --conclusion 文字       审查意见书的审查结论（由审查人填写，如“修改后可以出台”）
  --department 单位       审查意见书的主送单位（起草单位）
  --pack 名称             启用行业规则包（可多次使用），如 tongzhuang（童装）
  --jurisdiction 行政区划  文中地名按此解析（如 湖州市吴兴区）；不写则取发文机关或标题
  --fail-on high|medium   有该等级及以上的问题时退出码为 1
  -h, --help              显示本帮助

退出码：0 成功；1 按 --fail-on 发现问题；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        conclusion: { type: 'string' },
        department: { type: 'string' },
        pack: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        jurisdiction: { type: 'string' },
      },
    });
    const format = formatOption(values.format, [...EXPORT_FORMATS, 'fcr-form'], 'text') as ExportFormat | 'fcr-form';
    if (format === 'docx' && !values.out) throw new UsageError('--format docx 须用 --out 指定输出文件，如 --out 审查意见书.docx');
    if (format === 'fcr-form' && !values.out) throw new UsageError('--format fcr-form 须用 --out 指定输出文件，如 --out 公平竞争审查表.docx');
    const failOn = values['fail-on'];
    if (failOn !== undefined && failOn !== 'high' && failOn !== 'medium') throw new UsageError(`--fail-on 只能是 high 或 medium，收到 ${failOn}`);
    if (!positionals[0]) throw new UsageError('缺少文件参数（文件路径，或 - 表示标准输入）');
    const input = await readInput(positionals[0], withLimits());
    // one draft: the place table indexes only the names its text can hold, once the text is known (a Word
    // file's too: the filtered table of the 60k draft costs a fifth of the whole one, which the read-ahead
    // below loaded meanwhile before — 0.4–0.85 s of the main thread under load, and ~30 MB of the peak)
    placeDataForOneDocument();
    // the Word reader is the work here, not a server's side job: it runs at this process's priority
    process.env.FAHU_WORKER_NICE ??= '0';
    // a Word file goes to a worker first; the rules (0.3-0.8 s under load) load on
    // this thread while the worker reads it. The rules' regular expressions are not all warmed up (RuleSet.warmUp):
    // the gates leave most of the 2,800 unrun on any one draft, and V8 compiles the others on their first run
    // (measured on the 60k .docx: runRules no slower, 0.15–0.2 s less on this thread, which is the critical path);
    // only the time this thread would wait for the model goes to a warm-up on the model's own text (warmUpWhileReading)
    let rules: Promise<RuleSet> | undefined;
    const readDocx = await readAhead(input, async (arrived, early) => {
      const ruleSet = await (rules = loadRuleSetLazily());
      // what the first sentence would build (the rules' literal dictionary): now, while the worker may still be reading
      ruleSet.prepare?.();
      // the place table's lines, if the document is not here yet (a turn lets its message in): else after it, as before
      await new Promise((r) => setImmediate(r));
      if (arrived()) return;
      preparePlaceLines();
      // the model's text comes ahead of the model: the place names it can hold are indexed while the worker builds
      // the clause tree (the same index the review would make first thing: place-data.ts preparePlaceData)
      await early.ready;
      const text = early.text();
      if (text === undefined || arrived()) return;
      // rules read back compiled (node/compiled-rule-cache.ts) compile their patterns on first use: every rule the
      // text may open is compiled now (what the review would do first thing), no other — compiling all 168 while the
      // worker reads cost 0.2 s more CPU, which a loaded 2-core machine takes from the worker (measured: 1.54× mammoth
      // against 1.31×, 10 interleaved rounds at load 4.5–6)
      ruleSet.compileFor?.(text);
      preparePlaceData(text);
      await warmUpWhileReading(text, ruleSet, values.pack ?? [], arrived);
    });
    // the workbench's pipeline without a store: nothing saved, unknown packs refused alike
    const ruleSet = await (rules ?? loadRuleSetLazily());
    const { document: doc, review: result } = await createReview(
      { ruleSet, readDocx },
      { bytes: input.bytes, ...(input.fileName ? { fileName: input.fileName } : {}), packs: values.pack ?? [], ...(values.jurisdiction !== undefined ? { jurisdiction: values.jurisdiction } : {}) },
    );
    if (format === 'text' && !values.out) out(`${outlineText(doc)}\n\n${findingsText(doc, result.findings, ruleSet.corpus.laws)}`);
    else if (format === 'fcr-form') {
      const { fcrFormFromCli } = await import('./fcr-form-output.js'); // docx loads only when asked for
      await writeOutput(await fcrFormFromCli({ ...result, ...(values.department ? { record: { department: values.department } } : {}) }, ruleSet.corpus.laws, values.conclusion), values.out, out);
    } else {
      const { WRITERS } = await import('../report/writers.js'); // docx loads only when asked for
      const bytes = await WRITERS[format].write(
        { ...result, ...(values.department ? { record: { department: values.department } } : {}) },
        { laws: ruleSet.corpus.laws, ...(values.conclusion ? { conclusion: values.conclusion } : {}), ...(format === 'docx' ? { template: await (await import('./fcr-form-output.js')).savedTemplate() } : {}) },
      );
      await writeOutput(bytes, values.out, out);
    }
    if (failOn && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) return 1;
    return 0;
  },
};
