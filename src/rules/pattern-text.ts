/**
 * Text helpers of the patterns: term lists and "@set" references into regular expressions,
 * every match of a regular expression, phrase boundaries. Shared by the classic patterns
 * (matchers.ts) and the slot patterns (slots.ts).
 */
export interface TextSpan {
  start: number;
  end: number;
}

/** The marks that end a phrase: a slot quote and a phrase-scope blocker stop there. */
const PHRASE_BREAKS = new Set(['，', '；', '：', '。', '！', '？', ',', ';', ':', '\n']);
export const isPhraseBreak = (ch: string) => PHRASE_BREAKS.has(ch);

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

/** The source of termsRegex: the terms once each, longest first, escaped. */
export function termsSource(terms: string[]): string {
  const sorted = [...new Set(terms)].sort((a, b) => b.length - a.length);
  return sorted.map(escape).join('|');
}

export function termsRegex(terms: string[]): RegExp {
  return new RegExp(termsSource(terms), 'g');
}

export function allHits(re: RegExp, text: string): TextSpan[] {
  const out: TextSpan[] = [];
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

/** A regular expression, or a Chinese error naming the pattern. */
export function compileRegex(source: string, flags = 'g'): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new Error(`正则表达式无效（${e instanceof Error ? e.message : String(e)}）：${source.length > 60 ? `${source.slice(0, 60)}…` : source}`);
  }
}

export const allMatches = allHits;

