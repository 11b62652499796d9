/**
 * Decides what an input is by its content (magic bytes), using the file name only to
 * word the message. Anything fahu cannot read is refused here with what to do about it.
 */
import { IngestError } from '../document/errors.js';
import { formatBytes, type IngestLimits } from '../document/limits.js';
import { decodeText } from './decode-text.js';

export type SniffedFormat = { kind: 'docx' } | { kind: 'doc' } | { kind: 'wps' } | { kind: 'pdf' } | { kind: 'text'; format: 'txt' | 'md' };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);

function contains(b: Uint8Array, needle: number[]): boolean {
  const first = needle[0];
  outer: for (let i = b.indexOf(first as number); i >= 0 && i <= b.length - needle.length; i = b.indexOf(first as number, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (b[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const extensionOf = (name?: string) => (name && /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase()) || '';

const SAVE_AS_DOCX = '请在 Word 或 WPS 中打开，另存为 .docx 后重新提交';

/** Word 97-2003, WPS, Excel/PowerPoint 97-2003 and encrypted OOXML all share the OLE2 container. */
function compoundFile(bytes: Uint8Array, ext: string): SniffedFormat {
  if (contains(bytes, utf16('EncryptionInfo')) || contains(bytes, utf16('EncryptedPackage'))) {
    throw new IngestError('ENCRYPTED', '文件已加密（设置了打开密码），无法读取', '请在 Word 或 WPS 中取消密码保护，另存为 .docx 后重新提交');
  }
  if (ext === 'xls' || ext === 'ppt' || ext === 'et' || ext === 'dps' || contains(bytes, utf16('Workbook')) || contains(bytes, utf16('PowerPoint Document'))) {
    throw new IngestError('OTHER_OFFICE', '这是表格或演示文稿，不是 Word 文档', '请提交文件草案的 .docx 文件');
  }
  if (!contains(bytes, utf16('WordDocument'))) {
    if (ext === 'wps') throw new IngestError('LEGACY_WPS', '这是 WPS 文字的早期格式（.wps），无法直接读取', '请在 WPS 中打开，另存为 .docx 后重新提交');
    throw new IngestError('LEGACY_DOC', '这是无法识别的旧版 Office 文件', SAVE_AS_DOCX);
  }
  return { kind: ext === 'wps' ? 'wps' : 'doc' };
}

/** Refusals when no reader for a legacy format is at hand (the core alone, e.g. on Workers). */
export function refuseUnreadable(kind: 'doc' | 'wps' | 'pdf'): never {
  if (kind === 'wps') throw new IngestError('LEGACY_WPS', '这是 WPS 文字的旧格式（.wps），无法直接读取', '请在 WPS 中打开，另存为 .docx 后重新提交');
  if (kind === 'doc') throw new IngestError('LEGACY_DOC', '这是 Word 97-2003 格式（.doc），无法直接读取', SAVE_AS_DOCX);
  throw new IngestError('PDF', '这是 PDF 文件，无法可靠还原条款结构', '请提供原始 Word 文件（.docx）或纯文本；扫描件需先进行文字识别');
}

export function sniffFormat(bytes: Uint8Array, fileName: string | undefined, limits: IngestLimits): SniffedFormat {
  const ext = extensionOf(fileName);
  if (bytes.length === 0) throw new IngestError('EMPTY_FILE', '文件为空（0 字节）', '请确认选择了正确的文件');
  if (bytes.length > limits.maxInputBytes) {
    throw new IngestError('TOO_LARGE', `文件大小 ${formatBytes(bytes.length)}，超过 ${formatBytes(limits.maxInputBytes)} 的上限`, '请删除文中的大图片或拆分文件后重新提交');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return compoundFile(bytes, ext);
  if (startsWith(bytes, ascii('%PDF')) || (bytes.length > 8 && new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-'))) return { kind: 'pdf' };
  const image =
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, ascii('GIF8')) ||
    startsWith(bytes, ascii('BM')) || startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8));
  if (image) throw new IngestError('IMAGE', '这是图片文件，无法读取文字', '请提供原始 Word 文件（.docx）或纯文本；扫描件需先进行文字识别');
  if (startsWith(bytes, ascii('{\\rtf'))) throw new IngestError('RTF', '这是 RTF 格式文件', SAVE_AS_DOCX);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'docx' };
  // text: it must decode, and binary content does not
  const hasNul = bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasNul) throw unsupported(ext);
  try {
    decodeText(head(bytes, 65536));
  } catch {
    throw unsupported(ext);
  }
  return { kind: 'text', format: ext === 'md' || ext === 'markdown' ? 'md' : 'txt' };
}

/** The first `n` bytes, cut back to a UTF-8 character boundary so a sample decodes cleanly. */
function head(bytes: Uint8Array, n: number): Uint8Array {
  if (bytes.length <= n) return bytes;
  let end = n;
  while (end > n - 4 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function unsupported(ext: string): IngestError {
  return ext && !['txt', 'md', 'markdown', 'text'].includes(ext)
    ? new IngestError('UNSUPPORTED', `不支持的文件类型 .${ext}`, '请提交 .docx 文件，或 UTF-8 / GBK 编码的 .txt 文件')
    : new IngestError('NOT_TEXT', '文件内容不是可读的文字', '请提交 .docx 文件，或 UTF-8 / GBK 编码的 .txt 文件');
}
