/**
 * Reading a commented draft back: the text each Word comment is anchored on (between its
 * commentRangeStart and commentRangeEnd, tracked deletions left out), and mammoth's HTML with
 * each comment reference as <sup>, as Word and WPS users would see the comments.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';

/** The visible text between each commentRangeStart and its commentRangeEnd, by comment id. */
export async function commentAnchors(bytes: Uint8Array): Promise<Map<string, string>> {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:commentRangeStart w:id="(\d+)"\/>/g)) {
    const id = m[1] as string;
    const end = xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`, m.index);
    const inside = xml.slice(m.index, end).replace(/<w:del\b[\s\S]*?<\/w:del>/g, '');
    out.set(id, [...inside.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
  }
  return out;
}

/** mammoth's HTML of the document with comment references as <sup>, and the referenced comment ids. */
export async function mammothComments(bytes: Uint8Array): Promise<{ html: string; refs: string[] }> {
  const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap: ['comment-reference => sup'] })).value;
  return { html, refs: [...html.matchAll(/<sup><a href="#comment-(\d+)"/g)].map((m) => m[1] as string) };
}

/** XML text as mammoth's HTML writes it. */
export const htmlEscaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
