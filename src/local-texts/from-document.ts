/**
 * The articles of an imported text, from the document model the ingest stage built: 第X条 with
 * their items （一）, or the outline 一、 and 一、（一） of a notice — addressed the way the bundled
 * corpus addresses them ("第八条", "二、（三）"), so the same citation and lookup work on both.
 */
import type { CorpusArticle, CorpusItem } from '../corpus/corpus.js';
import type { Clause, DocumentModel } from '../document/model.js';

function descendants(doc: DocumentModel, byId: Map<string, Clause>, c: Clause): Clause[] {
  return c.children.flatMap((id) => {
    const child = byId.get(id);
    return child ? [child, ...descendants(doc, byId, child)] : [];
  });
}

export function articlesOf(doc: DocumentModel): CorpusArticle[] {
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const articles = doc.clauses.filter((c) => c.kind === 'article');
  if (articles.length > 0) {
    return articles.map((a) => {
      const items: CorpusItem[] = descendants(doc, byId, a)
        .filter((c) => c.kind === 'item' && c.label)
        .map((c) => ({ item: c.label, text: c.text.trim() }));
      const seen = new Set<string>();
      // an article with items in two paragraphs numbers them again: the first of each number is kept
      return { article: a.label, text: a.text.trim(), items: items.filter((i) => !seen.has(i.item) && seen.add(i.item)) };
    });
  }
  return doc.clauses
    .filter((c) => c.kind === 'outline1' || c.kind === 'outline2')
    .map((c) => ({ article: c.path.replace(/\s+/g, ''), text: c.text.trim(), items: [] }));
}
