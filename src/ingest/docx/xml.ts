/** Small helpers over @xmldom/xmldom, which runs on Node and Workers alike. */
import { DOMParser, XMLSerializer, type Element as XmlElement, type Document as XmlDocument } from '@xmldom/xmldom';
import { IngestError } from '../../document/errors.js';

export type { XmlElement, XmlDocument };

/** Warnings tolerated in one part before reading stops (a Word file has none). */
const MAX_XML_WARNINGS = 20;

/**
 * Parses one part of a Word file. DOCTYPE (the way to entity expansion) is refused; xmldom's problems are
 * counted, not printed (its default prints one log line per undefined entity: 400,000 for one upload), and an
 * error or too many warnings stop the parse with a refusal.
 */
export function parseXml(source: string): XmlDocument {
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    throw new IngestError('UNSAFE_XML', 'Word 文档中含有 DOCTYPE 或实体声明，Word 不会写入这类内容', '文件可能被篡改，请在 Word 中打开并重新保存为 .docx 后提交');
  }
  let warnings = 0;
  let first = '';
  const stop = new Error('xml');
  try {
    return new DOMParser({
      onError: (level: string, message: string) => {
        if (!first) first = String(message).slice(0, 60);
        if (level === 'warning' && ++warnings <= MAX_XML_WARNINGS) return;
        throw stop;
      },
    }).parseFromString(source, 'text/xml');
  } catch {
    throw new IngestError('CORRUPT_DOCX', `Word 文档的内部结构有误，无法读取（${first || 'XML 无法解析'}）`, '请在 Word 中打开并重新保存为 .docx 后提交');
  }
}

export function serializeXml(doc: XmlDocument): string {
  return new XMLSerializer().serializeToString(doc);
}

export { attr, childrenNamed, firstChild } from './xml-helpers.js';
