/**
 * The legal texts fahu cites (corpus/laws.json, built from the official texts by
 * scripts/build-corpus.ts). A rule's basis must name an article and item that exist here.
 */
export interface CorpusItem {
  item: string;
  text: string;
}

export interface CorpusArticle {
  /** "第八条" for laws; an outline path such as "一、（一）" for State Council notices. */
  article: string;
  text: string;
  items: CorpusItem[];
}

export interface CorpusLaw {
  /** Short name rules cite: 公平竞争审查条例, 国办发〔2018〕37号 … */
  name: string;
  title: string;
  docNumber: string;
  issuer: string;
  completeness: string;
  file: string;
  articles: CorpusArticle[];
}

export interface Corpus {
  laws: CorpusLaw[];
}

export interface BasisRef {
  law: string;
  article: string;
  item?: string;
}

export interface ResolvedBasis extends BasisRef {
  /** The cited text: the item when one is named, else the article. */
  text: string;
}

/** Finds the cited text, or says exactly what is missing. */
export function resolveBasis(corpus: Corpus, ref: BasisRef): ResolvedBasis | { error: string } {
  const law = corpus.laws.find((l) => l.name === ref.law || l.title === ref.law);
  if (!law) return { error: `语料库中没有《${ref.law}》` };
  const article = law.articles.find((a) => a.article === ref.article);
  if (!article) return { error: `《${law.name}》没有${ref.article}（或未收入语料库）` };
  if (ref.item === undefined) return { ...ref, law: law.name, text: article.text };
  const item = article.items.find((i) => i.item === ref.item);
  if (!item) return { error: `《${law.name}》${ref.article}没有第${ref.item}项` };
  return { ...ref, law: law.name, text: item.text };
}
