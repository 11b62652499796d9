import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { commentedDraft } from '../../src/opinion/commented-draft.js';
import { review } from '../../src/review/review.js';
import { commentAnchors, mammothComments } from './docx-read.js';
import { hasOffice, pageImage, pagesFlat, pdfInfo, toPdf } from './office.js';

const ruleSet = loadRuleSet();
const artefacts = mkdtempSync(join(tmpdir(), 'fahu-annotated-'));

async function annotated(fixture: string, tracked = false) {
  const bytes = new Uint8Array(readFileSync(fixture));
  const doc = await ingestBytes(bytes, { fileName: fixture.split('/').pop() as string });
  const { findings } = review(doc, ruleSet);
  const result = await commentedDraft(doc, bytes, findings, { tracked, author: '张三', laws: ruleSet.corpus.laws });
  return { bytes, doc, findings, result };
}

describe('批注稿: the department’s .docx with Word comments', () => {
  for (const fixture of ['fixtures/docx/article-typed.docx', 'fixtures/docx/article-autonumber.docx', 'fixtures/docx/tracked-comments.docx', 'fixtures/text/demo-review.txt']) {
    it(`anchors every comment on its quoted words: ${fixture}`, async () => {
      const { bytes, findings, result } = await annotated(fixture);
      expect(findings.length).toBeGreaterThan(0);
      expect(result.unplaced).toEqual([]);
      const ranges = await commentAnchors(result.bytes);
      const quotes = findings.map((f) => f.quote).sort();
      const ours = [...ranges.values()].filter((t) => quotes.includes(t));
      expect(ours.sort()).toEqual(quotes);
      // mammoth reads every comment; the text before each reference ends with the quote
      const { html, refs } = await mammothComments(result.bytes);
      expect(refs.length).toBeGreaterThanOrEqual(findings.length);
      for (const f of findings) expect(html).toContain(`${f.quote}<sup>`);
      for (const f of findings) expect(html).toContain(f.explanation.slice(0, 20).replace(/"/g, '&quot;'));
      if (fixture.endsWith('.docx')) {
        // the body is untouched: same text as the original
        expect((await mammoth.extractRawText({ buffer: Buffer.from(result.bytes) })).value).toBe((await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value);
      }
    });
  }

  it('keeps the comments the draft already had', async () => {
    const { bytes, result } = await annotated('fixtures/docx/tracked-comments.docx');
    const before = (await (await JSZip.loadAsync(bytes)).file('word/comments.xml')?.async('string')) ?? '';
    const after = (await (await JSZip.loadAsync(result.bytes)).file('word/comments.xml')?.async('string')) ?? '';
    const count = (s: string) => (s.match(/<w:comment /g) ?? []).length;
    expect(count(before)).toBeGreaterThan(0);
    expect(count(after)).toBe(count(before) + result.placed.length);
    expect(after).toContain('w:author="张三"');
  });

  it('--tracked writes a 删除 suggestion as a tracked deletion of the quoted words', async () => {
    const { findings, result } = await annotated('fixtures/text/demo-review.txt', true);
    const xml = (await (await JSZip.loadAsync(result.bytes)).file('word/document.xml')?.async('string')) ?? '';
    const deleted = [...xml.matchAll(/<w:del\b[\s\S]*?<\/w:del>/g)].map((m) => [...m[0].matchAll(/<w:delText[^>]*>([^<]*)</g)].map((t) => t[1]).join(''));
    const deletions = findings.filter((f) => f.suggestion.startsWith('删除')).map((f) => f.quote);
    expect(deletions.length).toBeGreaterThan(0);
    for (const q of deletions) expect(deleted).toContain(q);
    // mammoth accepts all changes: the deleted words are gone from its text
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(result.bytes) })).value;
    expect(text).not.toContain(deletions[0]);
  });

  it.skipIf(!hasOffice)('opens in LibreOffice (PDF and a page image kept as a test artefact)', async () => {
    const { findings, result } = await annotated('fixtures/docx/article-typed.docx', true);
    const { 批注稿: pdf } = toPdf(artefacts, { 批注稿: result.bytes });
    expect(pdfInfo(pdf as string).pages).toBeGreaterThanOrEqual(2);
    const text = pagesFlat(pdf as string).join('');
    expect(text).toContain('专项资金');
    // the words a tracked deletion removes are struck through, still drawn; every other quote is there
    for (const f of findings) expect(text).toContain(f.quote.replace(/\s+/g, ''));
    const image = pageImage(pdf as string, 2, artefacts, 'page-2');
    if (image) {
      expect(statSync(image).size).toBeGreaterThan(5000);
      console.log(`批注稿 page image: ${image}`);
    }
  }, 180_000);
});
