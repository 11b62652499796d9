/**
 * Citations in the form a 审查意见书 uses, and the part of a basis worth quoting.
 * 《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）第二部分第（三）项,
 * 《公平竞争审查条例》第九条第（一）项 — never 《国办发〔2018〕37号》.
 */
import type { CorpusLaw, ResolvedBasis } from '../corpus/corpus.js';

const OUTLINE = /^([一二三四五六七八九十]+)、(（[一二三四五六七八九十]+）)?$/;

/** The law's title without an edition note: 中华人民共和国反垄断法（2022年修正） → 中华人民共和国反垄断法. */
function plainTitle(title: string): string {
  return title.replace(/（\d{4}年(修正|修订)）$/, '');
}

/** Where in the law: 第九条第（一）项, or 第二部分第（三）项 for a State Council notice's outline. */
export function articlePlace(article: string, item?: string): string {
  const outline = OUTLINE.exec(article);
  const place = outline ? `第${outline[1]}部分${outline[2] ? `第${outline[2]}项` : ''}` : article;
  return item ? `${place}第${item}项` : place;
}

export function citation(b: Pick<ResolvedBasis, 'law' | 'article' | 'item'>, laws: readonly CorpusLaw[] = []): string {
  const law = laws.find((l) => l.name === b.law || l.title === b.law);
  const place = articlePlace(b.article, b.item);
  if (!law) return /〔\d{4}〕\d+号$/.test(b.law) ? `${b.law}文件${place}` : `《${b.law}》${place}`;
  const number = /〔\d{4}〕\d+号$/.test(law.docNumber) ? `（${law.docNumber}）` : '';
  return `《${plainTitle(law.title)}》${number}${place}`;
}

/** Sentences (。；) of a basis text, the article or outline label dropped from the first. */
function sentences(text: string): string[] {
  return (text.match(/[^。；\n]+[。；]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 1);
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/[^\u4e00-\u9fff\w]/g, '');
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}

/**
 * What to quote of a basis: the whole text when it is short (an item, a short article), else
 * the sentences that share most words with the finding (title, quote, reason), in their order,
 * within about `max` characters — not the whole 400-character paragraph for every finding.
 */
export function relevantExcerpt(basisText: string, about: string, max = 160): string {
  const text = basisText.replace(/\s*\n\s*/g, '');
  if (text.length <= max) return text;
  const want = bigrams(about);
  const parts = sentences(basisText);
  const scored = parts.map((s, i) => {
    const own = bigrams(s);
    let hit = 0;
    for (const g of own) if (want.has(g)) hit++;
    return { s, i, score: hit / Math.sqrt(own.size + 1) };
  });
  const chosen: typeof scored = [];
  let length = 0;
  for (const p of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (p.score <= 0 && chosen.length > 0) break;
    if (length + p.s.length > max && chosen.length > 0) continue;
    chosen.push(p);
    length += p.s.length;
    if (length >= max * 0.6) break;
  }
  const ordered = chosen.sort((a, b) => a.i - b.i);
  const body = ordered.map((p, k) => (k > 0 && p.i > (ordered[k - 1]?.i ?? 0) + 1 ? '……' : '') + p.s).join('');
  return `${(ordered[0]?.i ?? 0) > 0 ? '……' : ''}${body}${ordered[ordered.length - 1]?.i === parts.length - 1 ? '' : '……'}`;
}
