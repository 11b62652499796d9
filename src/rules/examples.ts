/**
 * Rule examples as written in the rule files: a sentence, optionally with 【…】 around the
 * words a flag example's finding must quote, or { text, kind, jurisdiction }.
 */
import { guessKind, type DocumentKind } from '../annotate/document-kind.js';
import type { Span } from './matchers.js';
import type { Example } from './schema.js';

export interface ReadExample {
  /** The text without the 【】 marks. */
  text: string;
  /** The marked span in `text`, when the example marks one. */
  marked?: Span;
  kind: DocumentKind;
  /** Whether the kind was written on the example (else guessed from its words). */
  kindGiven: boolean;
  jurisdiction?: string;
}

export function readExample(e: Example): ReadExample {
  const raw = typeof e === 'string' ? e : e.text;
  const open = raw.indexOf('【');
  const close = raw.indexOf('】', open + 1);
  const text = open >= 0 && close > open ? raw.slice(0, open) + raw.slice(open + 1, close) + raw.slice(close + 1) : raw;
  const out: ReadExample = { text, kind: typeof e !== 'string' && e.kind ? e.kind : guessKind(text), kindGiven: typeof e !== 'string' && e.kind !== undefined };
  if (open >= 0 && close > open) out.marked = { start: open, end: close - 1 };
  if (typeof e !== 'string' && e.jurisdiction) out.jurisdiction = e.jurisdiction;
  return out;
}

/** The plain text of an example (marks removed). */
export const exampleText = (e: Example): string => readExample(e).text;
