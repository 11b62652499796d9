/**
 * Text from drafts, users and departments put into the Markdown fahu writes (预审意见,
 * period reports): HTML in it must stay text, since Markdown passes raw HTML through to
 * whatever renders the file (`<img src=x onerror=…>`, `<script>`, `<iframe>`). Entities are
 * used rather than backslashes: every renderer shows &lt; as <, and a line that starts
 * with > or # in the text does not turn into a quote or a heading.
 */

export function markdownText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The same inside a table cell, where | would end the cell and a line break the row. */
export function markdownCell(s: string): string {
  return markdownText(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
