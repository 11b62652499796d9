/** .doc, .wps and text PDFs read through the Node reader pool review like their .docx twins. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf } from '../ingest-guards/helpers.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../src/document/model.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { paragraphsFromPdf } from '../../src/ingest/pdf-layout.js';
import { closeDocxWorkers, isolatedDocxReader } from '../../src/node/isolated-docx-reader.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { runRules } from '../../src/rules/engine.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (p: string) => ingestBytes(new Uint8Array(readFileSync(join(FIXTURES, p))), { fileName: p.split('/').pop() as string, readDocx: isolatedDocxReader });
const rules = loadRuleSet();
/** Findings as a reviewer sees them: which rule on which clause. */
const findings = (d: DocumentModel) => runRules(d, rules).map((f) => `${f.rule}@${f.path}`).sort();
const numbered = (d: DocumentModel) => d.clauses.filter((c) => c.label).map((c) => c.path);

afterAll(() => closeDocxWorkers());

describe('Word 97-2003 and WPS files', () => {
  it('review like their .docx twin: same clauses, same findings on the same clauses', async () => {
    const docx = await read('docx/article-typed.docx');
    for (const twin of ['reading/article-typed.doc', 'reading/article-typed.wps']) {
      const d = await read(twin);
      expect(d.source.format).toBe(twin.endsWith('.wps') ? 'wps' : 'doc');
      expect(numbered(d)).toEqual(numbered(docx));
      expect(d.meta.title).toBe(docx.meta.title);
      expect(d.meta.docNumber).toBe(docx.meta.docNumber);
      expect(findings(d)).toEqual(findings(docx));
      expect(findings(d).length).toBeGreaterThan(0);
      expect(d.warnings[0]).toMatch(/自动编号.*可能丢失/);
    }
  });

  it('keeps the table rows of a .doc', async () => {
    const d = await read('reading/tables-attachments.doc');
    expect(d.clauses.filter((c) => c.kind === 'row').length).toBeGreaterThanOrEqual(4);
  });

  it('is still refused, with what to do, where no reader is at hand (the core alone)', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'reading/article-typed.doc')));
    expect(await codeOf(ingestBytes(bytes, { fileName: 'a.doc' }))).toBe('LEGACY_DOC');
  });
});

describe('PDF with a text layer', () => {
  it('rebuilds paragraphs and yields the structure of the .docx it was printed from', async () => {
    const docx = await read('docx/article-typed.docx');
    const pdf = await read('reading/article-typed.pdf');
    expect(pdf.source.format).toBe('pdf');
    expect(numbered(pdf)).toEqual(numbered(docx));
    expect(pdf.meta.title).toBe(docx.meta.title);
    expect(findings(pdf)).toEqual(findings(docx));
  });

  it('reads the crawled county policy from its PDF with every article at its own number', async () => {
    const pdf = await read('reading/county-policy-crawled.pdf');
    expect(pdf.clauses.filter((c) => c.kind === 'article').map((c) => c.path)).toEqual(Array.from({ length: 26 }, (_, i) => `第${i + 1}条`));
    expect(pdf.meta.validity?.text).toBe('暂定3年');
  });

  it('refuses a scan with the words a reviewer needs', async () => {
    await expect(read('reading/scanned.pdf')).rejects.toThrow('这是扫描件（PDF 中没有文字层），需先进行文字识别');
    expect(await codeOf(read('reading/scanned.pdf'))).toBe('SCANNED_PDF');
    expect(await codeOf(read('bad/scan.pdf'))).toMatch(/^(SCANNED_PDF|PDF)$/);
  });

  it('drops repeated page headers, footers and page numbers', () => {
    const page = (n: number, body: string[]) => ({
      width: 600, height: 800,
      pieces: [
        { text: '吴兴区人民政府办公室文件', x: 200, y: 770, width: 200, height: 12 },
        ...body.map((t, i) => ({ text: t, x: i === 0 ? 112 : 80, y: 700 - i * 28, width: i === 0 ? 400 : 432, height: 16 })),
        { text: `- ${n} -`, x: 290, y: 40, width: 30, height: 12 },
      ],
    });
    const text = paragraphsFromPdf([page(1, ['第一条 甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛', '壬癸。']), page(2, ['第二条 子丑寅卯。'])]);
    expect(text).toBe('第一条 甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸。\n第二条 子丑寅卯。');
  });
});
