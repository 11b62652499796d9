/** `fahu annotate` (the draft returned with Word comments) and `fahu diff` (two versions compared). */
import { parseArgs } from 'node:util';
import { jiebaSegmenter } from '../node/jieba-segmenter.js';
import { loadRuleSet } from '../node/rule-files.js';
import { documentJson } from '../document/document-json.js';
import { review } from '../review/review.js';
import type { Command } from './command.js';
import { UsageError } from './io.js';
import { loadDraft } from './load-document.js';
import { writeOutput } from './output.js';

export const annotateCommand: Command = {
  name: 'annotate',
  summary: '生成批注稿：在送审稿原文上以 Word 批注标出每个问题',
  help: `用法：fahu annotate 文件 --out 批注稿.docx [--tracked] [--author 姓名] [--pack 名称]

审查文件，把每个问题作为 Word 批注加在原文的问题文字上（批注内容：类别、
理由、依据、修改建议），正文不作任何改动。.docx 文件在原文件上加批注；
.txt、.md 文件先按正文生成一份 .docx 再加批注。

选项：
  --out 文件       输出的 .docx（必填）
  --tracked        同时把“删除……”“修改为“……””类建议写成修订（可在 Word 中接受或拒绝）
  --author 姓名    批注作者，默认“法护”
  --pack 名称      启用行业规则包（可多次使用）
  -h, --help       显示本帮助

退出码：0 成功；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, tracked: { type: 'boolean' }, author: { type: 'string' }, pack: { type: 'string', multiple: true } } });
    if (!values.out) throw new UsageError('缺少 --out 输出文件，如 --out 批注稿.docx');
    const { doc, bytes } = await loadDraft(positionals[0]);
    const ruleSet = loadRuleSet();
    const result = review(doc, ruleSet, { packs: values.pack ?? [] });
    const { commentedDraft } = await import('../opinion/commented-draft.js'); // docx loads only for this command
    const annotated = await commentedDraft(doc, bytes, result.findings, { ...(values.author ? { author: values.author } : {}), tracked: values.tracked === true, laws: ruleSet.corpus.laws });
    await writeOutput(annotated.bytes, values.out, out);
    out(`批注 ${annotated.placed.length + annotated.unplaced.length} 条${annotated.unplaced.length ? `（其中 ${annotated.unplaced.length} 条未能在正文中定位，批注在第一段）` : ''}`);
    return 0;
  },
};

export const diffCommand: Command = {
  name: 'diff',
  summary: '比较同一文件的两个版本（送审稿与修改稿）',
  help: `用法：fahu diff 旧版文件 新版文件 [--format text|json|md|docx] [--out 文件] [--pack 名称]

按内容而不是编号对应两个版本的条款（编号变化、移动、拆分、合并都能对上），
列出每条的逐词修改、义务用语变化（应当→可以、删除“不得”、新增“必须”等）、
数额和期限变化，以及上一版每个问题的处理情况（已解决、仍存在、新出现）。
两份无关的文件只提示“两份文件差异过大”。

选项：
  --format text|json|md|docx   输出格式，默认 text；docx 须配合 --out
  --out 文件                   写入文件
  --pack 名称                  启用行业规则包（可多次使用）
  -h, --help                   显示本帮助

退出码：0 成功；2 输入无法读取或参数错误。`,
  async run(args, out) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, out: { type: 'string' }, pack: { type: 'string', multiple: true } } });
    const format = values.format ?? 'text';
    if (!['text', 'json', 'md', 'docx'].includes(format)) throw new UsageError(`--format 只能是 text、json、md、docx，收到 ${format}`);
    if (format === 'docx' && !values.out) throw new UsageError('--format docx 须用 --out 指定输出文件');
    if (positionals.length !== 2) throw new UsageError('需要两个文件：旧版和新版');
    const [a, b] = [await loadDraft(positionals[0]), await loadDraft(positionals[1])];
    const ruleSet = loadRuleSet();
    const segmenter = jiebaSegmenter();
    const packs = values.pack ?? [];
    const side = (d: typeof a) => ({ document: documentJson(d.doc), findings: review(d.doc, ruleSet, { packs }).findings });
    const { compareVersions } = await import('../diff/compare.js'); // loaded only for this command
    const { comparisonMarkdown, comparisonText } = await import('../diff/diff-report.js');
    const comparison = compareVersions(side(a), side(b), { segmenter });
    const titles = { old: a.doc.source.fileName ?? '旧版', new: b.doc.source.fileName ?? '新版' };
    const bytes =
      format === 'docx'
        ? await (await import('../diff/diff-docx.js')).comparisonDocx(comparison, titles)
        : new TextEncoder().encode(format === 'json' ? JSON.stringify(comparison, null, 2) : format === 'md' ? comparisonMarkdown(comparison, titles) : comparisonText(comparison, titles));
    await writeOutput(bytes, values.out, out);
    return 0;
  },
};
