import JSZip from 'jszip';
import { IngestError } from '../../src/document/errors.js';

/** The refusal code a promise ends with (undefined when it succeeds). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof IngestError ? e.code : `not an IngestError: ${String(e)}`;
  }
}

export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

export async function docx(documentXml: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', TYPES);
  zip.file('_rels/.rels', RELS);
  zip.file('word/document.xml', documentXml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A small .docx whose document.xml inflates to about `mb` megabytes of short paragraphs. */
export async function inflatingDocx(mb: number, paragraph = '<w:p><w:r><w:t>企业应当依法经营。</w:t></w:r></w:p>'): Promise<Uint8Array> {
  const n = Math.ceil((mb * 1024 * 1024) / paragraph.length);
  return docx(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${paragraph.repeat(n)}</w:body></w:document>`);
}

