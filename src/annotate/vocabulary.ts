/**
 * Term classes (rules/vocabulary.yaml: class → terms) found in a sentence by one dictionary
 * over all classes: one pass per sentence, its matches grouped per class on first use.
 */
import { PhraseIndex } from './phrase-index.js';

export interface TermSpan {
  start: number;
  end: number;
  text: string;
}

export interface Vocabulary {
  classes: Map<string, Set<string>>;
  index: PhraseIndex<string>;
}

export function buildVocabulary(classes: Record<string, string[]>): Vocabulary {
  const index = new PhraseIndex<string>();
  const map = new Map<string, Set<string>>();
  for (const [name, terms] of Object.entries(classes)) {
    map.set(name, new Set(terms));
    for (const t of terms) index.add(t, name);
  }
  return { classes: map, index };
}

/** Every class's terms in one text (overlapping terms all kept: 设立分支机构 and 设立). */
export function findTerms(vocabulary: Vocabulary, text: string): Map<string, TermSpan[]> {
  const byClass = new Map<string, TermSpan[]>();
  for (const m of vocabulary.index.all(text)) {
    for (const cls of m.values) {
      const list = byClass.get(cls) ?? [];
      list.push({ start: m.start, end: m.end, text: m.text });
      byClass.set(cls, list);
    }
  }
  return byClass;
}
