/**
 * Highlighted snippets from our own token offsets (not @orama/highlight, which neither
 * escapes the query for its regex nor the text for HTML). A snippet is plain data — pieces of
 * text, some marked — that pages render with JSX (escaped) and the CLI with 【】; `snippetHtml`
 * gives escaped HTML for API clients that want it.
 */
import { tokenize, type Segmenter } from '../segment/segmenter.js';
import { normalizeWord } from './analyzer.js';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

export interface Snippet {
  parts: SnippetPart[];
  /** The snippet starts after the beginning / ends before the end of the text. */
  cutStart: boolean;
  cutEnd: boolean;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Spans of `text` to mark: words of its precise cut that are query tokens, parts of longer
 * words that are query tokens (the index matched them through the search-mode cut), and every
 * occurrence of a phrase.
 */
export function matchSpans(segmenter: Segmenter, text: string, queryTokens: readonly string[], phrases: readonly string[] = []): Span[] {
  const spans: Span[] = [];
  const terms = new Set(queryTokens);
  const longTerms = queryTokens.filter((t) => t.length >= 2);
  for (const tok of tokenize(segmenter, text)) {
    const w = normalizeWord(tok.word);
    if (terms.has(w)) {
      spans.push({ start: tok.start, end: tok.end });
      continue;
    }
    if (w.length < 3 || w.length !== tok.word.length) continue;
    for (const t of longTerms) {
      const i = w.indexOf(t);
      if (i >= 0) spans.push({ start: tok.start + i, end: tok.start + i + t.length });
    }
  }
  for (const p of phrases) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + p.length)) spans.push({ start: i, end: i + p.length });
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * A window of about `width` characters around the densest run of marks (the whole text when
 * it is short), cut at sentence punctuation where one is near.
 */
export function snippet(text: string, spans: readonly Span[], width = 160): Snippet {
  let from = 0;
  let to = text.length;
  if (text.length > width) {
    let best = 0;
    let bestCount = -1;
    for (let i = 0; i < spans.length; i++) {
      const startAt = spans[i] as Span;
      let n = 0;
      for (let j = i; j < spans.length && (spans[j] as Span).end <= startAt.start + width; j++) n++;
      if (n > bestCount) (bestCount = n), (best = startAt.start);
    }
    from = Math.max(0, best - Math.floor(width / 5));
    const stop = text.slice(Math.max(0, from - 20), from + 1).search(/[。；！？\n][^。；！？\n]*$/);
    if (from > 0 && stop >= 0) from = Math.max(0, from - 20) + stop + 1;
    to = Math.min(text.length, from + width);
  }
  const parts: SnippetPart[] = [];
  let at = from;
  for (const s of spans) {
    if (s.end <= from || s.start >= to) continue;
    const a = Math.max(s.start, from);
    const b = Math.min(s.end, to);
    if (a > at) parts.push({ text: text.slice(at, a), mark: false });
    parts.push({ text: text.slice(a, b), mark: true });
    at = b;
  }
  if (at < to) parts.push({ text: text.slice(at, to), mark: false });
  return { parts, cutStart: from > 0, cutEnd: to < text.length };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** Escaped HTML with <mark> around the matches. */
export function snippetHtml(s: Snippet): string {
  const body = s.parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
  return `${s.cutStart ? '…' : ''}${body}${s.cutEnd ? '…' : ''}`;
}

/** Plain text with 【】 around the matches (the CLI). */
export function snippetText(s: Snippet): string {
  const body = s.parts.map((p) => (p.mark ? `【${p.text}】` : p.text)).join('');
  return `${s.cutStart ? '…' : ''}${body}${s.cutEnd ? '…' : ''}`;
}
