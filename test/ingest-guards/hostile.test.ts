/** Hostile Word files are refused before they cost much: streamed budgets, DOCTYPE, XML problems counted. */
import { codeOf, docx, inflatingDocx, W } from './helpers.js';
import { describe, expect, it, vi } from 'vitest';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { DEFAULT_LIMITS } from '../../src/document/limits.js';
import { inspectZip } from '../../src/ingest/zip-guard.js';
import { parseXml } from '../../src/ingest/docx/xml.js';

describe('a small .docx that inflates to megabytes', () => {
  it('is refused while streaming, in well under a second', async () => {
    const bomb = await inflatingDocx(5);
    expect(bomb.length).toBeLessThan(60 * 1024);
    const started = performance.now();
    expect(await codeOf(ingestBytes(bomb, { fileName: 'bomb.docx' }))).toBe('TOO_MANY_PARAGRAPHS');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('is refused by the part budget when the bytes sit in few paragraphs', async () => {
    const runs = '<w:r><w:rPr><w:b/></w:rPr><w:t>企业</w:t></w:r>'.repeat(50);
    const bomb = await inflatingDocx(5, `<w:p>${runs}</w:p>`);
    const code = await codeOf(inspectZip(bomb, DEFAULT_LIMITS));
    expect(['UNCOMPRESSED_TOO_LARGE']).toContain(code);
  });

  it('still reads a normal draft', async () => {
    const ok = await docx(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:r><w:t>关于某事的通知</w:t></w:r></w:p><w:p><w:r><w:t>一、企业应当依法经营。</w:t></w:r></w:p></w:body></w:document>`);
    const d = await ingestBytes(ok, { fileName: 'ok.docx' });
    expect(d.meta.title).toBe('关于某事的通知');
  });
});

describe('XML that Word never writes', () => {
  it('refuses DOCTYPE and entity declarations before parsing', async () => {
    const billion = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document ${W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`;
    expect(await codeOf(ingestBytes(await docx(billion), { fileName: 'x.docx' }))).toBe('UNSAFE_XML');
    expect(() => parseXml(billion)).toThrow(/DOCTYPE/);
  });

  it('counts undefined entities instead of printing a line for each, and stops', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const entities = `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>${'&nbsp;'.repeat(50_000)}</w:t></w:r></w:p></w:body></w:document>`;
      expect(await codeOf(ingestBytes(await docx(entities), { fileName: 'x.docx' }))).toBe('CORRUPT_DOCX');
      expect(warn.mock.calls.length + error.mock.calls.length + log.mock.calls.length).toBeLessThan(5);
    } finally {
      warn.mockRestore();
      error.mockRestore();
      log.mockRestore();
    }
  });
});
