/** Sentences of each clause's own text, so findings can quote a sentence. */
import type { Clause, Sentence } from './model.js';

const SENTENCE_END = /[。！？；!?;]/;

export function splitSentences(text: string, clauses: Clause[]): Sentence[] {
  const out: Sentence[] = [];
  for (const c of clauses) {
    if (c.kind === 'table' || c.kind === 'row') continue; // cells carry the text
    // the numbering label (第二条, 一、, （1）, ①) is no word of the first sentence: rules read a clause's
    // words as they read the same clause alone, whatever the draft's numbering style
    let s = c.label && text.startsWith(c.label, c.start) && c.start + c.label.length < c.ownEnd ? c.start + c.label.length : c.start;
    const push = (end: number) => {
      let a = s;
      let b = end;
      while (a < b && /\s/.test(text[a] ?? '')) a++;
      while (b > a && /\s/.test(text[b - 1] ?? '')) b--;
      if (b > a) out.push({ start: a, end: b, clauseId: c.id, index: out.length });
      s = end;
    };
    for (let i = s; i < c.ownEnd; i++) {
      const ch = text[i] ?? '';
      if (ch === '\n' || ch === '\t') push(i);
      else if (SENTENCE_END.test(ch)) {
        let j = i + 1;
        while (j < c.ownEnd && /[”’」』）)]/.test(text[j] ?? '')) j++; // keep a closing quote with its sentence
        push(j);
        i = j - 1;
      }
    }
    push(c.ownEnd);
  }
  return out.sort((a, b) => a.start - b.start).map((x, index) => ({ ...x, index }));
}
