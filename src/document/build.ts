/**
 * From extracted text to the document model: normalise (keeping offsets), build the clause
 * tree, read the metadata, split sentences. Pure and web-standard: runs on Node and Workers.
 */
import { IngestError } from './errors.js';
import { DEFAULT_LIMITS, type IngestLimits } from './limits.js';
import { finalizeClauses } from './clause-paths.js';
import { extractMeta } from './meta.js';
import type { DocumentModel, SourceInfo, Span } from './model.js';
import { normalizeText, toCanonical } from './normalize.js';
import { buildTree, type RowHint, type StructureHints } from './outline.js';
import { splitSentences } from './sentences.js';

/** What an extractor (Word or text) hands over, in offsets of `original`. */
export interface ExtractedText {
  original: string;
  /** Table rows: each on its own line of `original`, cells inside it. */
  rows: { table: number; row: number; start: number; end: number; cells: Span[] }[];
  /** Footnote and endnote paragraphs, each on its own line. */
  notes: Span[];
  /** Word paragraphs are real paragraphs; text files may wrap sentences over lines. */
  joinWrappedLines: boolean;
  markdown: boolean;
  /** A clause or a few (batch checks, rule examples), not a whole document. */
  fragment?: boolean;
  /** What the reader could not keep (a .doc's automatic numbering, a PDF's layout), for the reviewer. */
  warnings?: string[];
}

/** `onText`: told the model's text once it is normalised and within the limits, before the clause tree is built. */
export function buildDocument(extracted: ExtractedText, source: SourceInfo, limits: IngestLimits = DEFAULT_LIMITS, onText?: (text: string) => void): DocumentModel {
  const { text, offsets, lines } = normalizeText(extracted.original, {
    joinWrappedLines: extracted.joinWrappedLines,
    markdown: extracted.markdown,
  });
  if (text.trim().length === 0) {
    throw new IngestError('EMPTY_TEXT', '文档没有可审查的文字内容', '请确认文件不是空白文档或扫描图片，必要时粘贴文字后提交');
  }
  if (text.length > limits.maxTextChars) {
    throw new IngestError('TEXT_TOO_LONG', `文档正文约 ${text.length} 字，超过 ${limits.maxTextChars} 字的上限`, '请拆分为多个文件分别提交');
  }
  if (lines.length > limits.maxParagraphs) {
    throw new IngestError('TOO_MANY_PARAGRAPHS', `文档共 ${lines.length} 段，超过 ${limits.maxParagraphs} 段的上限`, '请拆分为多个文件分别提交');
  }
  onText?.(text);
  const hints: StructureHints = { rows: new Map(), notes: new Set() };
  const lineAt = (origStart: number, origEnd: number) => {
    const c = toCanonical(offsets, origStart);
    const line = lines.find((l) => l.start <= c && c < l.end) ?? lines.find((l) => l.start >= c);
    return line && line.origStart < origEnd ? line : undefined;
  };
  for (const r of extracted.rows) {
    const line = lineAt(r.start, r.end);
    if (!line) continue;
    const cells = r.cells.map((c) => ({ start: toCanonical(offsets, c.start), end: toCanonical(offsets, c.end) }));
    const hint: RowHint = { table: r.table, row: r.row, start: line.start, end: line.end, cells: cells.map((c) => ({ start: Math.max(c.start, line.start), end: Math.min(Math.max(c.end, c.start), line.end) })) };
    hints.rows.set(line.start, hint);
  }
  for (const n of extracted.notes) {
    const line = lineAt(n.start, n.end);
    if (line) hints.notes.add(line.start);
  }
  const { root, warnings } = buildTree(text, lines, hints, extracted.fragment ?? false);
  const clauses = finalizeClauses(root, text);
  const meta = extractMeta(text, clauses);
  const sentences = splitSentences(text, clauses);
  return { text, original: extracted.original, originalOffsets: offsets, meta, clauses, sentences, source: extracted.fragment ? { ...source, fragment: true } : source, warnings: [...(extracted.warnings ?? []), ...warnings] };
}
