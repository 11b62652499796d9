/**
 * Compiles rule patterns into matchers over one sentence: term sets, regular expressions,
 * co-occurrence (all) within a window of words, alternatives (any). Compiled once.
 */
import type { Token } from '../segment/segmenter.js';
import type { ConcreteBlocker, Pattern } from './schema.js';

export interface Hit {
  start: number;
  end: number;
}

export interface SentenceContext {
  text: string;
  /** Word tokens of `text` (lazy: only rules with a window need them). */
  tokens(): Token[];
  /** The own text of the clause's ancestors: the lead sentences ("不得有下列行为：") that govern it. */
  lead?: string;
}

export type Matcher = (s: SentenceContext) => Hit[];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Expands "@set" references into the terms of the named set. */
export function expandTerms(terms: string[], sets: Record<string, string[]>): string[] {
  return terms.flatMap((t) => {
    if (!t.startsWith('@')) return [t];
    const set = sets[t.slice(1)];
    if (!set) throw new Error(`未定义的词集 ${t}`);
    return expandTerms(set, sets);
  });
}

/** Expands "{@set}" inside a regular expression into an alternation of the set's terms. */
export function expandRegex(source: string, sets: Record<string, string[]>): string {
  return source.replace(/\{@([\w-]+)\}/g, (_m, name: string) => `(?:${[...new Set(expandTerms([`@${name}`], sets))].sort((a, b) => b.length - a.length).map(escape).join('|')})`);
}

export function termsRegex(terms: string[]): RegExp {
  const sorted = [...new Set(terms)].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escape).join('|'), 'g');
}

function allHits(re: RegExp, text: string): Hit[] {
  const out: Hit[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words between two character offsets (inclusive of partly covered words). */
function wordsBetween(tokens: Token[], start: number, end: number): number {
  let n = 0;
  for (const t of tokens) if (t.end > start && t.start < end && t.word.trim()) n++;
  return n;
}

export function compilePattern(p: Pattern, sets: Record<string, string[]>): Matcher {
  if ('terms' in p) {
    const re = termsRegex(expandTerms(p.terms, sets));
    return (s) => allHits(re, s.text);
  }
  if ('regex' in p) {
    const re = new RegExp(expandRegex(p.regex, sets), 'g');
    return (s) => allHits(re, s.text);
  }
  if ('any' in p) {
    const parts = p.any.map((q) => compilePattern(q, sets));
    return (s) => parts.flatMap((m) => m(s));
  }
  const parts = p.all.map((q) => compilePattern(q, sets));
  const window = p.window;
  return (s) => {
    const hitLists = parts.map((m) => m(s));
    if (hitLists.some((h) => h.length === 0)) return [];
    const out: Hit[] = [];
    // anchor on each hit of the first part; take the nearest hit of every other part
    for (const anchor of hitLists[0] as Hit[]) {
      let start = anchor.start;
      let end = anchor.end;
      for (const list of hitLists.slice(1)) {
        let best = list[0] as Hit;
        let bestDistance = Infinity;
        for (const h of list) {
          const d = h.start >= anchor.end ? h.start - anchor.end : h.end <= anchor.start ? anchor.start - h.end : 0;
          if (d < bestDistance) {
            best = h;
            bestDistance = d;
          }
        }
        start = Math.min(start, best.start);
        end = Math.max(end, best.end);
      }
      if (window !== undefined && wordsBetween(s.tokens(), start, end) > window) continue;
      if (!out.some((o) => o.start === start && o.end === end)) out.push({ start, end });
    }
    return out;
  };
}

/** Compiles a blocker into a test of a hit: is the look-alike context there? */
export function compileBlocker(b: ConcreteBlocker, sets: Record<string, string[]>): (s: SentenceContext, hit: Hit, clauseText: string) => boolean {
  const re = 'terms' in b ? termsRegex(expandTerms(b.terms, sets)) : new RegExp(expandRegex(b.regex, sets), 'g');
  return (s, hit, clauseText) => {
    if (b.scope === 'clause') return allHits(re, clauseText).length > 0;
    if (b.scope === 'lead') return allHits(re, s.lead ?? '').length > 0;
    return allHits(re, s.text).some((h) => (b.scope === 'before' ? h.end <= hit.start : b.scope === 'after' ? h.start >= hit.end : true));
  };
}
