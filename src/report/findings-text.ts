/** Text and Markdown views of a review: each finding under its clause path, then a summary by category. */
import type { DocumentModel } from '../document/model.js';
import type { Finding } from '../rules/findings.js';
import { CATEGORIES } from '../rules/schema.js';
import { markdownText } from './markdown-escape.js';

const SEVERITY_NAMES = { high: '高', medium: '中', low: '低' } as const;

function marked(doc: DocumentModel, f: Finding): string {
  const sentence = doc.sentences.find((s) => s.start <= f.start && f.start < s.end);
  const from = sentence ? Math.min(sentence.start, f.start) : f.start;
  const to = sentence ? Math.max(sentence.end, f.end) : f.end;
  return `${doc.text.slice(from, f.start)}【${doc.text.slice(f.start, f.end)}】${doc.text.slice(f.end, to)}`.replace(/\n/g, ' ');
}

const basisLine = (f: Finding) => f.basis.map((b) => `《${b.law}》${b.article}${b.item ? `第${b.item}项` : ''}`).join('；');

export function summaryByCategory(findings: Finding[]): string[] {
  const lines: string[] = [];
  for (const c of CATEGORIES) {
    const of = findings.filter((f) => f.category === c);
    if (of.length === 0) continue;
    const bySeverity = (['high', 'medium', 'low'] as const).map((s) => `${SEVERITY_NAMES[s]} ${of.filter((f) => f.severity === s).length}`).join('，');
    lines.push(`  ${c}：${of.length} 条（${bySeverity}）`);
  }
  return lines;
}

export function findingsText(doc: DocumentModel, findings: Finding[]): string {
  if (findings.length === 0) return '未发现问题。';
  const out: string[] = [`发现问题 ${findings.length} 条：`, ''];
  findings.forEach((f, i) => {
    out.push(`${i + 1}. [${SEVERITY_NAMES[f.severity]}] ${f.path || '全文'} —— ${f.title}（${f.category}）`);
    out.push(`   原文：${marked(doc, f)}`);
    out.push(`   依据：${basisLine(f)}`);
    out.push(`   理由：${f.explanation}`);
    out.push(`   建议：${f.suggestion}`);
    out.push('');
  });
  out.push('按类别汇总：', ...summaryByCategory(findings));
  return out.join('\n');
}

export function findingsMarkdown(doc: DocumentModel, findings: Finding[]): string {
  // text from the draft, the corpus and the rules: any HTML in it stays text (./markdown-escape.ts)
  const md = markdownText;
  const out = [`# 预审意见：${md(doc.meta.title || '（无标题）')}`, ''];
  if (findings.length === 0) return [...out, '未发现问题。'].join('\n');
  out.push(`共发现问题 ${findings.length} 条。`, '');
  findings.forEach((f, i) => {
    out.push(`## ${i + 1}. ${md(f.path || '全文')}：${md(f.title)}`, '');
    out.push(`- 类别：${md(f.category)}；风险：${SEVERITY_NAMES[f.severity]}`);
    out.push(`- 原文：${md(marked(doc, f)).replace(/【/g, '**').replace(/】/g, '**')}`);
    out.push(`- 依据：${md(basisLine(f))}`);
    for (const b of f.basis) out.push(`  > ${md(b.text.replace(/\n/g, ' '))}`);
    out.push(`- 理由：${md(f.explanation)}`, `- 建议：${md(f.suggestion)}`, '');
  });
  out.push('## 按类别汇总', '', ...summaryByCategory(findings).map((l) => `- ${md(l.trim())}`));
  return out.join('\n');
}
