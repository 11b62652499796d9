/** Plain text, Markdown and JSON writers: the findings views the CLI has always printed. */
import { findingsMarkdown, findingsText } from '../findings-text.js';
import type { ReviewExport, Writer } from './types.js';

const utf8 = (s: string) => new TextEncoder().encode(s.endsWith('\n') ? s : `${s}\n`);

/** The findings a report lists: all but those the reviewer dismissed. */
export function listedFindings(review: ReviewExport) {
  return review.findings.filter((f) => f.status !== 'dismissed');
}

export const textWriter: Writer = {
  format: 'text',
  label: '纯文本',
  mime: 'text/plain; charset=utf-8',
  extension: 'txt',
  write: async (review, options) => utf8(findingsText(review.document, listedFindings(review), options?.laws)),
};

export const markdownWriter: Writer = {
  format: 'md',
  label: 'Markdown',
  mime: 'text/markdown; charset=utf-8',
  extension: 'md',
  write: async (review, options) => utf8(findingsMarkdown(review.document, listedFindings(review), options?.laws)),
};

export const jsonWriter: Writer = {
  format: 'json',
  label: 'JSON',
  mime: 'application/json; charset=utf-8',
  extension: 'json',
  write: async (review) => utf8(JSON.stringify(review, null, 2)),
};
