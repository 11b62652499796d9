/**
 * Reads Word 97–2003 (.doc) and WPS (.wps, the same compound-file format) with word-extractor (1.0.4, pure JS):
 * the text of the body and the footnotes and endnotes; Word's automatic numbering and the layout are not in it,
 * which the document's warnings say. Encrypted or unreadable files are refused in Chinese.
 */
import WordExtractor from 'word-extractor';
import type { ExtractedText } from '../document/build.js';
import type { Span } from '../document/model.js';
import { IngestError } from '../document/errors.js';
import type { IngestLimits } from '../document/limits.js';
import { extractPlainText } from '../ingest/text.js';

const SAVE_AS = '请在 Word 或 WPS 中打开，另存为 .docx 后重新提交';

/** fEncrypted in the FIB of the WordDocument stream: word-extractor would read ciphertext as text. */
function isEncryptedWordStream(bytes: Uint8Array): boolean {
  // the FIB starts the WordDocument stream with wIdent 0xA5EC; find it on a sector boundary
  for (let at = 512; at + 12 < bytes.length; at += 512) {
    if (bytes[at] === 0xec && bytes[at + 1] === 0xa5) return ((bytes[at + 11] ?? 0) & 0x01) === 0x01;
  }
  return false;
}

export async function readLegacyWord(bytes: Uint8Array, format: 'doc' | 'wps', limits: IngestLimits): Promise<ExtractedText> {
  const label = format === 'wps' ? 'WPS 文字文件（.wps）' : 'Word 97-2003 文件（.doc）';
  if (isEncryptedWordStream(bytes)) throw new IngestError('ENCRYPTED', `${label}设置了打开密码，无法读取`, `请取消密码保护，${SAVE_AS.slice(1)}`);
  let body: string;
  let notes: string[];
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
    notes = [doc.getFootnotes(), doc.getEndnotes()].flatMap((t) => t.split('\n')).map((t) => t.trim()).filter(Boolean);
  } catch (e) {
    throw new IngestError(format === 'wps' ? 'LEGACY_WPS' : 'LEGACY_DOC', `${label}无法读取（${e instanceof Error ? e.message.slice(0, 60) : '格式异常'}）`, SAVE_AS);
  }
  if (body.length > limits.maxTextChars * 2) throw new IngestError('TEXT_TOO_LONG', `文档正文超过 ${limits.maxTextChars} 字的上限`, '请拆分为多个文件分别提交');
  // word-extractor ends cells with a tab and rows with a newline; paragraphs are lines
  let original = body.replace(/\r\n?/g, '\n').replace(/[\u0007]/g, '\t');
  const noteSpans: Span[] = [];
  for (const n of notes) {
    original += `\n${n}`;
    noteSpans.push({ start: original.length - n.length, end: original.length });
  }
  return {
    original,
    // cells come out tab-separated, one row a line: the text reader's table finder applies
    rows: extractPlainText(original, false).rows,
    notes: noteSpans,
    joinWrappedLines: false,
    markdown: false,
    warnings: [`由${label}读取：Word 自动编号、修订和版式可能丢失，请核对条款编号；建议另存为 .docx 后复核`],
  };
}
