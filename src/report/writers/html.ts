/** A standalone HTML page of a review (one file, styles inline): opens in any browser, prints on A4. */
import { citation, relevantExcerpt } from '../citation.js';
import { sentenceAround } from '../findings-text.js';
import { groupByCategory, SEVERITY_LABELS } from '../labels.js';
import { listedFindings } from './text.js';
import type { ReviewExport, Writer, WriterOptions } from './types.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reviewHtml(review: ReviewExport, options: WriterOptions = {}): string {
  const findings = listedFindings(review);
  const title = review.record?.title || review.document.meta.title || '（无标题）';
  const text = review.document.text;
  const items = findings.map((f) => {
    const { from, to } = sentenceAround(text, f.start, f.end);
    const quote = `${esc(text.slice(from, f.start))}<mark>${esc(text.slice(f.start, f.end))}</mark>${esc(text.slice(f.end, to))}`;
    const basis = f.basis.map((b) => `<li>${esc(citation(b, options.laws))}：<q>${esc(relevantExcerpt(b.text, `${f.title}${f.quote}${f.explanation}`))}</q></li>`).join('');
    const decision = f.status === 'confirmed' ? '已确认' : f.status === 'open' ? '待处理' : '';
    return `<li><h3>${esc(f.path || '全文')}：${esc(f.title)}</h3><p class="meta">${esc(f.category)}；风险：${SEVERITY_LABELS[f.severity]}${decision ? `；${decision}` : ''}${f.inherited ? '（沿用上一版决定）' : ''}</p><p class="quote">${quote.replace(/\n/g, ' ')}</p><ul class="basis">${basis}</ul><p>理由：${esc(f.explanation)}</p><p>建议：${esc(f.suggestionOverride ?? f.suggestion)}</p></li>`;
  });
  const summary = groupByCategory(findings).map((g) => `<li>${esc(g.category)}：${g.items.length} 条</li>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}（预审意见）</title>
<style>body{font-family:"FangSong","仿宋_GB2312","仿宋","STFangsong",serif;max-width:46em;margin:2em auto;line-height:1.8}h1{font-family:"FZXiaoBiaoSong-B05S","SimSun",serif;text-align:center}mark{background:#fde68a}.meta{color:#555}.quote{background:#f6f6f6;padding:.3em .6em}@page{size:A4;margin:37mm 26mm 35mm 28mm}</style></head>
<body><h1>关于《${esc(title)}》的预审意见</h1>
<p>送审部门：${esc(review.record?.department || '未填写')}${review.document.meta.docNumber ? `；文号：${esc(review.document.meta.docNumber)}` : ''}</p>
${findings.length ? `<p>共 ${findings.length} 条：</p><ul>${summary}</ul><ol>${items.join('\n')}</ol>` : '<p>未发现问题。</p>'}
</body></html>
`;
}

export const htmlWriter: Writer = {
  format: 'html',
  label: '网页（HTML）',
  mime: 'text/html; charset=utf-8',
  extension: 'html',
  write: async (review, options) => new TextEncoder().encode(reviewHtml(review, options)),
};
