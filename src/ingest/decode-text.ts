/**
 * Text files: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030 — which covers
 * GBK and GB2312, still produced by Chinese office software. The text is returned exactly
 * as decoded (only a BOM is dropped); normalisation happens later with an offset map.
 */
import { IngestError } from '../document/errors.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const NOT_TEXT = () => new IngestError('NOT_TEXT', '无法识别文件的文字编码，内容可能不是文本', '请提交 .docx 文件，或将文字另存为 UTF-8 编码的 .txt 文件');

/** Share of characters that are not what a Chinese draft is made of. */
function implausibleShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfffd || (cp < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t') || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xe000 && cp <= 0xf8ff)) bad++;
  }
  return bad / text.length;
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (implausibleShare(text) > 0.01) throw NOT_TEXT();
    return { text, encoding: 'utf-8' };
  } catch (e) {
    if (e instanceof IngestError) throw e;
  }
  // not UTF-8: GB18030 decodes any byte sequence, so judge the result
  const text = new TextDecoder('gb18030').decode(bytes);
  if (implausibleShare(text) > 0.01) throw NOT_TEXT();
  return { text, encoding: 'gb18030' };
}
