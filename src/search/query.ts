/**
 * A search box query: words, and phrases in quotes that must appear exactly as typed
 * ("指定品牌", “指定品牌” or 「指定品牌」). Unbalanced quotes are read as plain words.
 */
export interface ParsedQuery {
  /** The text outside quotes. */
  words: string;
  /** The quoted phrases, trimmed, non-empty. */
  phrases: string[];
}

const QUOTED = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/g;

export function parseQuery(input: string): ParsedQuery {
  const phrases: string[] = [];
  const words = input.replace(QUOTED, (_m, a?: string, b?: string, c?: string, d?: string) => {
    const p = (a ?? b ?? c ?? d ?? '').trim();
    if (p) phrases.push(p);
    return ' ';
  });
  return { words: words.replace(/["“”「」『』]/g, ' ').replace(/\s+/g, ' ').trim(), phrases };
}
