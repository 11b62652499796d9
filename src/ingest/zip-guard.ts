/**
 * Looks inside a .docx before anything inflates it for real: reads the zip's central
 * directory itself, refuses encrypted, malformed or foreign (xlsx, pptx, odt) packages,
 * and inflates every entry only to COUNT the bytes (declared sizes may lie), stopping as
 * soon as the total passes the limit. A 310 KB zip bomb would otherwise cost mammoth
 * seconds and gigabytes. Web-standard (DecompressionStream): runs on Workers too.
 */
import { IngestError } from '../document/errors.js';
import { formatBytes, type IngestLimits } from '../document/limits.js';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  method: number;
  encrypted: boolean;
  localHeaderOffset: number;
}

const corrupt = (detail: string) => new IngestError('CORRUPT_DOCX', `文件已损坏，无法读取（${detail}）`, '请在 Word 中打开并重新保存为 .docx 后提交');

function findEndOfCentralDirectory(view: DataView): number {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) if (view.getUint32(i, true) === 0x06054b50) return i;
  throw corrupt('找不到压缩目录');
}

export function readCentralDirectory(bytes: Uint8Array): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw corrupt('文件过短');
  const eocd = findEndOfCentralDirectory(view);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: the locator sits right before the end record
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== 0x07064b50) throw corrupt('ZIP64 目录缺失');
    const rec = Number(view.getBigUint64(loc + 8, true));
    if (rec + 56 > bytes.length || view.getUint32(rec, true) !== 0x06064b50) throw corrupt('ZIP64 目录损坏');
    count = Number(view.getBigUint64(rec + 32, true));
    size = Number(view.getBigUint64(rec + 40, true));
    offset = Number(view.getBigUint64(rec + 48, true));
  }
  if (offset + size > bytes.length) throw corrupt('目录位置超出文件');
  const entries: ZipEntryInfo[] = [];
  let p = offset;
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw corrupt('目录条目损坏');
    const flags = view.getUint16(p + 8, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({
      name,
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      encrypted: (flags & 1) === 1,
      localHeaderOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Counts markers in inflated XML as it streams past, across chunk boundaries: paragraphs (<w:p> / <w:p …>),
 * text runs (<w:t> / <w:t …>) and DOCTYPE / ENTITY declarations (never in a Word file; the way to entity bombs).
 */
class XmlMarkerCounter {
  paragraphs = 0;
  textRuns = 0;
  declarations = 0;
  private carry = new Uint8Array(0);

  feed(chunk: Uint8Array): void {
    const buf = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    const scanEnd = buf.length - 9; // room for the longest marker "<!DOCTYPE"
    let i = buf.indexOf(0x3c);
    while (i >= 0 && i < scanEnd) {
      const a = buf[i + 1];
      if (a === 0x77 && buf[i + 2] === 0x3a) {
        // <w:p or <w:t followed by > / space / /
        const b = buf[i + 3];
        const c = buf[i + 4];
        if ((b === 0x70 || b === 0x74) && (c === 0x3e || c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d)) {
          if (b === 0x70) this.paragraphs++;
          else this.textRuns++;
        }
      } else if (a === 0x21 && (buf[i + 2] === 0x44 || buf[i + 2] === 0x45)) {
        this.declarations++; // <!D(OCTYPE) <!E(NTITY)
      }
      i = buf.indexOf(0x3c, i + 1);
    }
    const keepFrom = Math.max(0, Math.max(scanEnd, i >= 0 ? i : buf.length));
    this.carry = buf.slice(Math.min(keepFrom, buf.length));
  }
}

function joinChunks(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Inflates `data` and returns how many bytes came out, giving up past `budget` or when `stop` says so. */
async function countInflated(data: Uint8Array, budget: number, onChunk?: (chunk: Uint8Array) => boolean): Promise<number> {
  // feed the compressed bytes in slices so that inflating is paced by our reading
  let at = 0;
  const source = new ReadableStream<BufferSource>({
    pull(controller) {
      if (at >= data.length) return controller.close();
      controller.enqueue(data.slice(at, at + 65536));
      at += 65536;
    },
  });
  const stream = source.pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return total;
      total += value.byteLength;
      if (total > budget || (onChunk !== undefined && onChunk(value))) {
        await reader.cancel();
        return total;
      }
    }
  } catch {
    throw corrupt('压缩数据无法解开');
  }
}

function entryData(bytes: Uint8Array, view: DataView, e: ZipEntryInfo): Uint8Array {
  const h = e.localHeaderOffset;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) throw corrupt(`条目 ${e.name} 的位置无效`);
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw corrupt(`条目 ${e.name} 不完整`);
  return bytes.subarray(start, end);
}

function partRefusal(name: string, counter: XmlMarkerCounter, partBytes: number, limits: IngestLimits): IngestError {
  if (counter.declarations > 0) {
    return new IngestError('UNSAFE_XML', `文件的 ${name} 部分含有 DOCTYPE 或实体声明，Word 文档不会包含这类内容`, '文件可能被篡改，请在 Word 中打开并重新保存为 .docx 后提交');
  }
  if (counter.paragraphs > limits.maxParagraphs) {
    return new IngestError('TOO_MANY_PARAGRAPHS', `文档正文超过 ${limits.maxParagraphs} 段的上限`, '请拆分为多个文件分别提交；如非如此，文件可能是压缩炸弹或已损坏');
  }
  if (counter.textRuns > limits.maxTextRuns) {
    return new IngestError('UNCOMPRESSED_TOO_LARGE', `文档正文的文字片段超过 ${limits.maxTextRuns} 个的上限`, '文件结构异常（可能是压缩炸弹），请在 Word 中打开并重新保存为 .docx 后提交');
  }
  return new IngestError('UNCOMPRESSED_TOO_LARGE', `文档正文部分解压后超过 ${formatBytes(limits.maxDocumentXmlBytes)} 的上限（已读 ${formatBytes(partBytes)}）`, '文件可能是压缩炸弹或含有大量冗余格式，请在 Word 中打开并重新保存为 .docx；如正文确实很长，请拆分后提交');
}

/**
 * Checks the zip as above. With `keep`, also returns the inflated bytes of the entries it names (the direct
 * reader's XML parts: read-docx.ts), taken from the same inflation that counts them, so nothing is inflated twice.
 */
export async function inspectZip(bytes: Uint8Array, limits: IngestLimits, keep?: (name: string) => boolean): Promise<{ entries: ZipEntryInfo[]; inflatedBytes: number; kept: Map<string, Uint8Array> }> {
  const entries = readCentralDirectory(bytes);
  if (entries.length > limits.maxZipEntries) {
    throw new IngestError('TOO_MANY_ENTRIES', `压缩包内有 ${entries.length} 个条目，超过 ${limits.maxZipEntries} 个的上限`, '这不像正常的 Word 文档，请重新保存为 .docx 后提交');
  }
  const tooLarge = () =>
    new IngestError('UNCOMPRESSED_TOO_LARGE', `解压后超过 ${formatBytes(limits.maxUncompressedBytes)} 的上限，可能是压缩炸弹或损坏的文件`, '请在 Word 中打开并重新保存为 .docx；如文中有大量图片，请压缩图片后再提交');
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    if (e.encrypted) throw new IngestError('ENCRYPTED', '文件已加密，无法读取', '请取消密码保护，另存为 .docx 后重新提交');
    if (e.name.startsWith('/') || e.name.split(/[\\/]/).includes('..')) throw corrupt(`条目名称异常：${e.name}`);
  }
  if (!names.has('word/document.xml') && ![...names].some((n) => /^word\/document\d*\.xml$/.test(n))) {
    if (names.has('xl/workbook.xml')) throw new IngestError('OTHER_OFFICE', '这是 Excel 表格（.xlsx），不是 Word 文档', '请提交文件草案的 .docx 文件');
    if (names.has('ppt/presentation.xml')) throw new IngestError('OTHER_OFFICE', '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档', '请提交文件草案的 .docx 文件');
    if (names.has('mimetype') && names.has('content.xml')) throw new IngestError('OTHER_OFFICE', '这是 OpenDocument 文档（如 .odt），不是 Word 文档', '请另存为 .docx 后重新提交');
    throw new IngestError('CORRUPT_DOCX', '不是有效的 Word 文档（缺少正文部分）', '请在 Word 中打开并重新保存为 .docx 后提交');
  }
  if (entries.reduce((s, e) => s + e.uncompressedSize, 0) > limits.maxUncompressedBytes) throw tooLarge();
  const mainPart = names.has('word/document.xml') ? 'word/document.xml' : [...names].find((n) => /^word\/document\d*\.xml$/.test(n));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflated = 0;
  const kept = new Map<string, Uint8Array>();
  for (const e of entries) {
    const data = entryData(bytes, view, e);
    const isXml = /\.(?:xml|rels)$/i.test(e.name);
    const isMain = e.name === mainPart;
    const counter = isXml ? new XmlMarkerCounter() : undefined;
    const chunks: Uint8Array[] | undefined = keep?.(e.name) && !kept.has(e.name) ? [] : undefined;
    let partBytes = 0;
    const overBudget = (): boolean => {
      if (!counter) return false;
      return counter.declarations > 0 || (isMain && (partBytes > limits.maxDocumentXmlBytes || counter.paragraphs > limits.maxParagraphs || counter.textRuns > limits.maxTextRuns));
    };
    const onChunk = counter
      ? (chunk: Uint8Array) => {
          partBytes += chunk.byteLength;
          counter.feed(chunk);
          chunks?.push(chunk);
          return overBudget();
        }
      : chunks
        ? (chunk: Uint8Array) => {
            chunks.push(chunk);
            return false;
          }
        : undefined;
    if (e.method === 0) {
      inflated += data.byteLength;
      onChunk?.(data);
    } else if (e.method === 8) inflated += await countInflated(data, limits.maxUncompressedBytes - inflated, onChunk);
    else throw corrupt(`不支持的压缩方式 ${e.method}`);
    if (inflated > limits.maxUncompressedBytes) throw tooLarge();
    if (counter && overBudget()) throw partRefusal(e.name, counter, partBytes, limits);
    if (chunks) kept.set(e.name, chunks.length === 1 ? (chunks[0] as Uint8Array) : joinChunks(chunks));
  }
  return { entries, inflatedBytes: inflated, kept };
}

/**
 * Why jszip might read this zip otherwise than readCentralDirectory does, or undefined: the direct .docx reader
 * (docx/direct-reader.ts, direct-parts.ts) takes its parts from inspectZip and goes on only when jszip, which mammoth's path
 * uses, would see the same entries with the same data. jszip names an entry by its LOCAL header, reads the
 * Unicode-path extra field, moves its zero when the directory is not where the end record says, reads ZIP64
 * sizes from extra fields and stops on a record that runs past the data; each of those is a reason here.
 */
export function plainZipProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd: number;
  try {
    eocd = findEndOfCentralDirectory(view);
  } catch {
    return 'no end record';
  }
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) return 'a multi-volume zip';
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 8, true) !== count) return 'entry counts that differ';
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return 'a ZIP64 zip';
  if (eocd + 22 + view.getUint16(eocd + 20, true) > bytes.length) return 'a zip comment past the end';
  if (offset + size !== eocd) return 'bytes between the directory and its end record';
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return 'a directory record out of place';
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > eocd) return 'a directory record past the directory';
    if (view.getUint32(p + 20, true) === 0xffffffff || view.getUint32(p + 24, true) === 0xffffffff) return 'ZIP64 sizes';
    const name = bytes.subarray(p + 46, p + 46 + nameLength);
    if (name.some((b) => b >= 0x80)) return 'a name not in ASCII';
    for (let x = p + 46 + nameLength, xEnd = x + extraLength; x < xEnd; ) {
      if (x + 4 > xEnd) return 'a malformed extra field';
      const id = view.getUint16(x, true);
      const length = view.getUint16(x + 2, true);
      if (x + 4 + length > xEnd) return 'a malformed extra field';
      if (id === 0x0001 || id === 0x7075) return 'a ZIP64 or Unicode-path extra field';
      x += 4 + length;
    }
    const local = view.getUint32(p + 42, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) return 'a local header out of place';
    const localNameLength = view.getUint16(local + 26, true);
    if (localNameLength !== nameLength || local + 30 + nameLength > bytes.length) return 'local and central names that differ';
    for (let k = 0; k < nameLength; k++) if (bytes[local + 30 + k] !== name[k]) return 'local and central names that differ';
    p = end;
  }
  return p === eocd ? undefined : 'a directory longer than its records';
}
