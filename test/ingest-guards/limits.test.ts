/** Each explicit limit, each refusal, and the isolated Word reader. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { codeOf } from './helpers.js';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/ingest/decode-text.js';
import { IngestError } from '../../src/document/errors.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { DEFAULT_LIMITS, withLimits } from '../../src/document/limits.js';
import { inspectZip } from '../../src/ingest/zip-guard.js';
import { closeDocxWorkers, idleDocxWorkers, isolatedDocxReader } from '../../src/node/isolated-docx-reader.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const fixture = (p: string) => new Uint8Array(readFileSync(join(FIXTURES, p)));

async function docxWith(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (paragraphs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`;
const minimalDocx = (paragraphs: string[]) =>
  docxWith({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': documentXml(paragraphs),
  });

describe('input size limits', () => {
  it('refuses a file over the input limit, naming both sizes', async () => {
    const big = new Uint8Array(DEFAULT_LIMITS.maxInputBytes + 1).fill(0x41);
    await expect(ingestBytes(big, { fileName: 'big.txt' })).rejects.toThrow(/超过 20 MB 的上限/);
    expect(await codeOf(ingestBytes(big, { fileName: 'big.txt' }))).toBe('TOO_LARGE');
  });

  it('refuses text over the character limit', async () => {
    const text = new TextEncoder().encode('关于某事的通知\n'.repeat(2000));
    expect(await codeOf(ingestBytes(text, { fileName: 'a.txt', limits: { maxTextChars: 5000 } }))).toBe('TEXT_TOO_LONG');
  });

  it('refuses too many paragraphs', async () => {
    const text = new TextEncoder().encode(Array.from({ length: 300 }, (_, i) => `第${i + 1}段。`).join('\n'));
    expect(await codeOf(ingestBytes(text, { fileName: 'a.txt', limits: { maxParagraphs: 200 } }))).toBe('TOO_MANY_PARAGRAPHS');
  });

  it('refuses a zip with too many entries', async () => {
    const files: Record<string, string> = { 'word/document.xml': documentXml(['正文']) };
    for (let i = 0; i < 30; i++) files[`word/media/x${i}.xml`] = '<x/>';
    expect(await codeOf(inspectZip(await docxWith(files), withLimits({ maxZipEntries: 20 })))).toBe('TOO_MANY_ENTRIES');
  });

  it('counts the bytes actually inflated, not the declared sizes', async () => {
    const bomb = fixture('bad/zip-bomb.docx');
    const started = performance.now();
    expect(await codeOf(inspectZip(bomb, DEFAULT_LIMITS))).toBe('UNCOMPRESSED_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(5000);
    // lie about the size in the central directory: the count still catches it
    const lying = bomb.slice();
    const view = new DataView(lying.buffer);
    for (let i = lying.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 1000, true);
    }
    expect(await codeOf(inspectZip(lying, DEFAULT_LIMITS))).toBe('UNCOMPRESSED_TOO_LARGE');
  });

  it('refuses an entry that escapes the package and an encrypted entry', async () => {
    const evil = await docxWith({ 'word/document.xml': documentXml(['正文']), '../evil.xml': '<x/>' });
    expect(await codeOf(inspectZip(evil, DEFAULT_LIMITS))).toBe('CORRUPT_DOCX');
    const ok = await minimalDocx(['正文']);
    const flagged = ok.slice();
    const view = new DataView(flagged.buffer);
    for (let i = 0; i < flagged.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    expect(await codeOf(inspectZip(flagged, DEFAULT_LIMITS))).toBe('ENCRYPTED');
  });

  it('refuses a .docx without text', async () => {
    expect(await codeOf(ingestBytes(await minimalDocx(['   ']), { fileName: 'blank.docx' }))).toBe('EMPTY_TEXT');
  });
});

describe('text encodings', () => {
  it('reads GB18030/GBK text as offices still write it', async () => {
    const gbk = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: '关于对外地企业的通知\n一、总体要求\n' }));
    expect(decodeText(gbk)).toEqual({ text: '关于对外地企业的通知\n一、总体要求\n', encoding: 'gb18030' });
    const doc = await ingestBytes(fixture('text/draft-gb18030.txt'), { fileName: 'draft-gb18030.txt' });
    expect(doc.source.encoding).toBe('gb18030');
    expect(doc.meta.title).toContain('吴兴区童装企业用工服务');
  });

  it('reads UTF-16 with a BOM and UTF-8 with a BOM', () => {
    const text = '第一条 为了规范管理';
    const le = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('names an unknown file type', async () => {
    const bytes = new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x10, 0x20]);
    await expect(ingestBytes(bytes, { fileName: 'drawing.dwg' })).rejects.toThrow(/不支持的文件类型 \.dwg/);
  });
});

describe('the isolated Word reader (worker thread)', () => {
  it('reads a real draft like the in-process reader', async () => {
    const bytes = fixture('docx/article-typed.docx');
    const isolated = await ingestBytes(bytes, { fileName: 'a.docx', readDocx: isolatedDocxReader });
    const direct = await ingestBytes(bytes, { fileName: 'a.docx' });
    expect(isolated.text).toBe(direct.text);
    expect(isolated.clauses.map((c) => c.id)).toEqual(direct.clauses.map((c) => c.id));
  });

  it('passes refusals through with their code', async () => {
    expect(await codeOf(ingestBytes(fixture('bad/zip-bomb.docx'), { fileName: 'b.docx', readDocx: isolatedDocxReader }))).toBe('UNCOMPRESSED_TOO_LARGE');
    expect(await codeOf(ingestBytes(fixture('bad/corrupt.docx'), { fileName: 'c.docx', readDocx: isolatedDocxReader }))).toBe('CORRUPT_DOCX');
  });

  it('stops a reading that needs more memory than allowed', async () => {
    expect(await codeOf(ingestBytes(fixture('docx/long-draft-60k.docx'), { fileName: 'l.docx', readDocx: isolatedDocxReader, limits: { docxWorkerHeapMb: 2 } }))).toBe('OUT_OF_MEMORY');
  });

  it('keeps a worker for the next file, but never one that failed', async () => {
    await closeDocxWorkers();
    const draft = fixture('docx/outline-autonumber.docx');
    const first = await ingestBytes(draft, { fileName: 'a.docx', readDocx: isolatedDocxReader });
    expect(idleDocxWorkers()).toBe(1);
    const again = await ingestBytes(draft, { fileName: 'a.docx', readDocx: isolatedDocxReader });
    expect(again.text).toBe(first.text);
    expect(idleDocxWorkers()).toBe(1); // the same worker read both
    // a refusal read by the worker leaves it healthy; a timeout does not
    expect(await codeOf(ingestBytes(fixture('bad/corrupt.docx'), { fileName: 'c.docx', readDocx: isolatedDocxReader }))).toBe('CORRUPT_DOCX');
    expect(idleDocxWorkers()).toBe(1);
    expect(await codeOf(ingestBytes(fixture('docx/long-draft-60k.docx'), { fileName: 'l.docx', readDocx: isolatedDocxReader, limits: { docxTimeoutMs: 1 } }))).toBe('TIMEOUT');
    expect(idleDocxWorkers()).toBe(0);
    // and reading goes on with a fresh worker
    expect((await ingestBytes(draft, { fileName: 'a.docx', readDocx: isolatedDocxReader })).text).toBe(first.text);
    // several at once each get a worker; at most two wait afterwards
    await Promise.all([1, 2, 3].map(() => ingestBytes(draft, { fileName: 'a.docx', readDocx: isolatedDocxReader })));
    expect(idleDocxWorkers()).toBe(2);
    await closeDocxWorkers();
    expect(idleDocxWorkers()).toBe(0);
  });

  it('stops a reading that takes too long', async () => {
    expect(await codeOf(ingestBytes(fixture('docx/long-draft-60k.docx'), { fileName: 'l.docx', readDocx: isolatedDocxReader, limits: { docxTimeoutMs: 1 } }))).toBe('TIMEOUT');
  });
});

describe('large text files', () => {
  it('recognises a UTF-8 file whose 64 KB sample ends inside a character', async () => {
    const line = '对外地企业给予奖励。\n'; // 3-byte characters: 64 KB falls inside one
    const bytes = new TextEncoder().encode(`关于某事的通知\n${line.repeat(3000)}`);
    const doc = await ingestBytes(bytes, { fileName: 'long.txt' });
    expect(doc.source.encoding).toBe('utf-8');
    expect(doc.text.length).toBeGreaterThan(30000);
  });
});
