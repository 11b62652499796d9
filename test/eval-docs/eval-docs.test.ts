/**
 * Every real document in ../shared/eval/docs (copied to fixtures/eval-docs) parses with its title, its full outline
 * (every numbered item, in order, none invented) and its closing provisions. The
 * expectations in expected/ come from an independent reading of the texts (a separate
 * line-start scan in the fixed nesting order, each oddity checked by hand and noted in
 * the file's "notes"), not from running fahu.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/document/normalize.js';
import { ingestBytes } from '../../src/ingest/ingest.js';

interface Expected {
  file: string;
  title: string;
  docNumber: string | null;
  issuers: string[];
  issueDate: string | null;
  numbered: { path: string; label: string }[];
  closing: string[];
}

/** A copy of ../shared/eval/docs (public texts, sources in sources.tsv), so that a clean clone tests alone. */
const DOCS = join(import.meta.dirname, '..', '..', 'fixtures', 'eval-docs');
const EXPECTED = join(import.meta.dirname, 'expected');
const cases = existsSync(EXPECTED) ? readdirSync(EXPECTED).filter((f) => f.endsWith('.json')).sort() : [];

/** Paths in the expectations leave out 款 (paragraph numbers). */
const withoutParagraphs = (path: string) => path.replace(/第[一二三四五六七八九十]+款/g, '');

describe('real documents in shared/eval/docs', () => {
  it('has an expectation for every document', () => {
    const docs = readdirSync(DOCS).filter((f) => f.endsWith('.txt')).sort();
    expect(cases.map((c) => c.replace(/\.json$/, '.txt'))).toEqual(docs);
  });

  describe.each(cases)('%s', (name) => {
    const expected = JSON.parse(readFileSync(join(EXPECTED, name), 'utf8')) as Expected;
    const load = () => ingestBytes(new Uint8Array(readFileSync(join(DOCS, expected.file))), { fileName: expected.file });

    it('title, 文号, issuer and date', async () => {
      const doc = await load();
      expect(doc.meta.title).toBe(expected.title);
      expect(doc.meta.docNumber ?? null).toBe(expected.docNumber);
      expect(doc.meta.issuers).toEqual(expected.issuers);
      expect(doc.meta.issueDate?.date ?? null).toBe(expected.issueDate);
    });

    it('every numbered item, in order, none invented', async () => {
      const doc = await load();
      const got = doc.clauses.filter((c) => c.label).map((c) => ({ path: withoutParagraphs(c.path), label: c.label }));
      expect(got).toEqual(expected.numbered);
    });

    it('closing provisions are recognised as such', async () => {
      const doc = await load();
      for (const sentence of expected.closing) {
        // the expectation quotes the raw text; look it up in its canonical form
        const needle = normalizeText(sentence, { joinWrappedLines: true, markdown: false }).text;
        const at = doc.text.indexOf(needle);
        expect(at, `closing provision not found: ${sentence}`).toBeGreaterThanOrEqual(0);
        const end = at + needle.length;
        const inside = (s?: { start: number; end: number }) => s !== undefined && s.start >= at && s.end <= end;
        // read into the metadata (施行日期, 有效期) or placed in a closing clause (结尾 / 附则 article)
        const closingClause = doc.clauses.some((c) => (c.kind === 'closing' || c.kind === 'article') && c.start <= at && c.end >= end);
        expect(inside(doc.meta.effective) || inside(doc.meta.validity) || closingClause, `not recognised: ${sentence}`).toBe(true);
      }
    });
  });
});
