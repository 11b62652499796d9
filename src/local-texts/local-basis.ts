/**
 * Citing the section's own texts: a rule's local basis (rules/*.yaml `localBasis`) is quoted in
 * its findings when the text is imported, and the sentence saying the basis is "不在本库收录"
 * goes; not imported, the finding stays as the rule wrote it. And the 依据 picker's search over
 * the bundled and the imported articles, and the lookup of the article a reviewer picked.
 */
import { resolveBasis, type CorpusArticle, type CorpusLaw, type ResolvedBasis } from '../corpus/corpus.js';
import type { Review } from '../rules/review-result.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { LocalBasis } from '../rules/schema.js';
import { StoreError } from '../store/store-error.js';
import type { ArticleRef } from './types.js';

/** The title without a trailing note in brackets: 某某办法（2021年修订） → 某某办法. */
const bare = (title: string) => title.replace(/（[^（）]*）$/, '');
const sameName = (law: CorpusLaw, name: string) => law.name === name || law.title === name || bare(law.title) === name || (law.docNumber !== '' && law.docNumber === name);

/** The article a local basis names in the imported texts, or undefined. */
export function findLocalArticle(laws: readonly CorpusLaw[], ref: LocalBasis): { law: CorpusLaw; article: CorpusArticle } | undefined {
  for (const law of laws.filter((l) => sameName(l, ref.law))) {
    const article = ref.article ? law.articles.find((a) => a.article === ref.article) : law.articles.find((a) => ref.find !== undefined && a.text.includes(ref.find));
    if (article) return { law, article };
  }
  return undefined;
}

/** The explanation without the sentence (or the bracketed remark) containing `marker`. */
export function dropSentence(explanation: string, marker: string): string {
  const bracket = new RegExp(`（[^（）]*${escape(marker)}[^（）]*）`);
  if (bracket.test(explanation)) return explanation.replace(bracket, '');
  return explanation.replace(new RegExp(`[^。；（）]*${escape(marker)}[^。；]*[。；]`), '');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The review with each finding's local basis quoted where the text is imported. */
export function withLocalBasis(review: Review, ruleSet: RuleSet | undefined, laws: readonly CorpusLaw[]): Review {
  if (!ruleSet || laws.length === 0) return review;
  const local = new Map(ruleSet.rules.filter((r) => r.rule.localBasis?.length).map((r) => [r.rule.id, r.rule.localBasis as LocalBasis[]]));
  if (local.size === 0) return review;
  const findings = review.findings.map((f) => {
    const refs = local.get(f.rule);
    if (!refs) return f;
    let explanation = f.explanation;
    const basis: ResolvedBasis[] = [...f.basis];
    for (const ref of refs) {
      const found = findLocalArticle(laws, ref);
      if (!found) continue;
      if (!basis.some((b) => b.law === found.law.name && b.article === found.article.article)) basis.unshift({ law: found.law.name, article: found.article.article, text: found.article.text });
      if (ref.drops) explanation = dropSentence(explanation, ref.drops);
    }
    return basis.length === f.basis.length ? f : { ...f, basis, explanation };
  });
  return { ...review, findings };
}

export interface ArticleHit {
  law: string;
  title: string;
  docNumber: string;
  article: string;
  item?: string;
  text: string;
  /** bundled: corpus/ shipped with fahu; local: imported by the section. */
  source: 'bundled' | 'local';
}

/**
 * Articles whose law (title, 文号), article label or text contain every word of `query`
 * (words split at spaces); the law's own name matches first. Items are offered with their article.
 */
export function searchArticles(bundled: readonly CorpusLaw[], local: readonly CorpusLaw[], query: string, limit = 20): ArticleHit[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: { hit: ArticleHit; score: number }[] = [];
  const scan = (laws: readonly CorpusLaw[], source: ArticleHit['source']) => {
    for (const law of laws) {
      const lawText = `${law.name} ${law.title} ${law.docNumber}`;
      for (const a of law.articles) {
        const entries: { item?: string; text: string }[] = [{ text: a.text }, ...a.items.map((i) => ({ item: i.item, text: i.text }))];
        for (const e of entries) {
          const place = `${a.article}${e.item ? `第${e.item}项` : ''}`;
          if (!words.every((w) => lawText.includes(w) || place.includes(w) || e.text.includes(w))) continue;
          const score = words.filter((w) => lawText.includes(w)).length * 2 + words.filter((w) => place.includes(w)).length * 3 + (source === 'local' ? 1 : 0) - (e.item ? 0.5 : 0);
          hits.push({ hit: { law: law.name, title: law.title, docNumber: law.docNumber, article: a.article, ...(e.item ? { item: e.item } : {}), text: e.text, source }, score });
        }
      }
    }
  };
  scan(local, 'local');
  scan(bundled, 'bundled');
  return hits
    .sort((x, y) => y.score - x.score)
    .slice(0, limit)
    .map((h) => h.hit);
}

/** The text of the article a reviewer picked, from the imported texts first, then the bundled corpus. */
export function resolvePicked(bundled: readonly CorpusLaw[], local: readonly CorpusLaw[], ref: ArticleRef): ResolvedBasis {
  const inLocal = local.some((l) => sameName(l, ref.law));
  const r = resolveBasis({ laws: [...(inLocal ? local : bundled)] }, ref.item ? ref : { law: ref.law, article: ref.article });
  if ('error' in r) throw new StoreError('INVALID', `依据无效：${r.error.replace('语料库中没有', '本库（内置及本地导入文本）中没有')}`);
  return r;
}
