/** Text and Markdown views of a review: each finding under its clause path, then a summary by category. */
import type { CorpusLaw } from '../corpus/corpus.js';
import type { Finding } from '../rules/findings.js';
import { citation } from './citation.js';
import { groupByCategory, SEVERITY_LABELS, severityCounts } from './labels.js';
import { markdownText } from './markdown-escape.js';

/** What these views read of a document: its text and title (a DocumentModel or its JSON). */
export interface TextDocument {
  text: string;
  meta: { title: string };
}

const BOUNDARY = /[。！？；!?;\n\t]/;

/** The sentence around a span, in the canonical text (sentences end at 。！？； and line ends). */
export function sentenceAround(text: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && !BOUNDARY.test(text[from - 1] ?? '')) from--;
  while (from < start && /[\s”’」』）)]/.test(text[from] ?? '')) from++;
  let to = start;
  while (to < text.length && !BOUNDARY.test(text[to] ?? '')) to++;
  if (to < text.length && text[to] !== '\n' && text[to] !== '\t') {
    to++;
    while (to < text.length && /[”’」』）)]/.test(text[to] ?? '')) to++;
  }
  while (to > start && /\s/.test(text[to - 1] ?? '')) to--;
  return { from, to: Math.max(to, end) };
}

function marked(doc: TextDocument, f: Finding): string {
  const { from, to } = sentenceAround(doc.text, f.start, f.end);
  return `${doc.text.slice(from, f.start)}【${doc.text.slice(f.start, f.end)}】${doc.text.slice(f.end, to)}`.replace(/\n/g, ' ');
}

/** The bases in the form the opinion uses (./citation.ts): 《国务院办公厅关于…的通知》（国办发〔2018〕37号）第二部分第（三）项. */
const basisLine = (f: Finding, laws: readonly CorpusLaw[]) => f.basis.map((b) => citation(b, laws)).join('；');

export function summaryByCategory(findings: Finding[]): string[] {
  return groupByCategory(findings).map((g) => `  ${g.category}：${g.items.length} 条（${severityCounts(g.items)}）`);
}

export function findingsText(doc: TextDocument, findings: Finding[], laws: readonly CorpusLaw[] = []): string {
  if (findings.length === 0) return '未发现问题。';
  const out: string[] = [`发现问题 ${findings.length} 条：`, ''];
  findings.forEach((f, i) => {
    out.push(`${i + 1}. [${SEVERITY_LABELS[f.severity]}] ${f.path || '全文'} —— ${f.title}（${f.category}）`);
    out.push(`   原文：${marked(doc, f)}`);
    out.push(`   依据：${basisLine(f, laws)}`);
    out.push(`   理由：${f.explanation}`);
    out.push(`   建议：${f.suggestion}`);
    out.push('');
  });
  out.push('按类别汇总：', ...summaryByCategory(findings));
  return out.join('\n');
}

export function findingsMarkdown(doc: TextDocument, findings: Finding[], laws: readonly CorpusLaw[] = []): string {
  // text from the draft, the corpus and the rules — HTML in it stays text (./markdown-escape.ts)
  const md = markdownText;
  const out = [`# 预审意见：${md(doc.meta.title || '（无标题）')}`, ''];
  if (findings.length === 0) return [...out, '未发现问题。'].join('\n');
  out.push(`共发现问题 ${findings.length} 条。`, '');
  findings.forEach((f, i) => {
    out.push(`## ${i + 1}. ${md(f.path || '全文')}：${md(f.title)}`, '');
    out.push(`- 类别：${md(f.category)}；风险：${SEVERITY_LABELS[f.severity]}`);
    out.push(`- 原文：${md(marked(doc, f)).replace(/【/g, '**').replace(/】/g, '**')}`);
    out.push(`- 依据：${md(basisLine(f, laws))}`);
    for (const b of f.basis) out.push(`  > ${md(b.text.replace(/\n/g, ' '))}`);
    out.push(`- 理由：${md(f.explanation)}`, `- 建议：${md(f.suggestion)}`, '');
  });
  out.push('## 按类别汇总', '', ...summaryByCategory(findings).map((l) => `- ${md(l.trim())}`));
  return out.join('\n');
}
