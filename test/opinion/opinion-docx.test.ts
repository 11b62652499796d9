import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { citation, relevantExcerpt } from '../../src/report/citation.js';
import { opinionDocxWriter } from '../../src/report/writers/docx-opinion.js';
import type { ExportFinding, ReviewExport } from '../../src/report/writers/types.js';
import { WRITERS } from '../../src/report/writers.js';
import { review } from '../../src/review/review.js';
import { hasOffice, toPdf } from './office.js';

const ruleSet = loadRuleSet();
const laws = ruleSet.corpus.laws;
const out = mkdtempSync(join(tmpdir(), 'fahu-opinion-'));

async function demoReview(): Promise<ReviewExport> {
  const doc = await ingestBytes(new Uint8Array(readFileSync('fixtures/text/demo-review.txt')), { fileName: 'demo-review.txt' });
  return review(doc, ruleSet);
}

async function bodyText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

function pdfOf(docx: Uint8Array, name: string): string {
  return toPdf(out, { [name]: docx })[name] as string;
}

describe('citations', () => {
  it('cites a State Council notice by title and 文号, its outline as 部分 and 项', () => {
    expect(citation({ law: '国办发〔2018〕37号', article: '二、（三）' }, laws)).toBe('《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）第二部分第（三）项');
    expect(citation({ law: '公平竞争审查条例', article: '第九条', item: '（一）' }, laws)).toBe('《公平竞争审查条例》第九条第（一）项');
    expect(citation({ law: '反垄断法', article: '第三十九条' }, laws)).toBe('《中华人民共和国反垄断法》第三十九条');
  });

  it('quotes the relevant sentences of a long basis, not the whole paragraph', () => {
    const long = laws.find((l) => l.name === '国办发〔2018〕115号')?.articles.find((a) => a.article === '二、（六）')?.text ?? '';
    expect(long.length).toBeGreaterThan(300);
    const excerpt = relevantExcerpt(long, '规范性文件未写明有效期 违反规范性文件制定程序');
    expect(excerpt.length).toBeLessThan(220);
    expect(excerpt).toContain('是否违反规范性文件制定程序');
  });
});

describe('审查意见书 (.docx)', () => {
  it('lists confirmed findings only, in clause order, with the reviewer conclusion; dismissed ones only in the internal appendix', async () => {
    const r = await demoReview();
    expect(r.findings.length).toBeGreaterThanOrEqual(3);
    const [dismissed, ...rest] = [...r.findings].reverse();
    const findings: ExportFinding[] = r.findings.map((f) => (f === dismissed ? { ...f, status: 'dismissed', dismissReason: '属于国家统一政策的落实' } : { ...f, status: 'confirmed' }));
    const input: ReviewExport = { ...r, findings, record: { department: '区市场监管局', reviewer: '张三', receivedAt: '2026-12-01' } };
    const text = await bodyText(await opinionDocxWriter.write(input, { laws, conclusion: '修改后可以出台' }));
    expect(text).toContain('区市场监管局：');
    expect(text).toContain('修改后可以出台。');
    expect(text).toContain(`文件有${rest.length}处需要修改`);
    const ordinals = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'].slice(0, rest.length + 1);
    const positions = ordinals.map((o) => text.indexOf(`${o}关于`));
    expect(positions.slice(0, rest.length).every((p, i, a) => p > 0 && (i === 0 || p > (a[i - 1] as number)))).toBe(true);
    expect(positions[rest.length]).toBe(-1);
    expect(text).not.toContain(dismissed?.explanation.slice(0, 30));
    expect(text).not.toMatch(/《国办发/);
    expect(text).toContain('2026年12月1日');
    const withAppendix = await bodyText(await opinionDocxWriter.write(input, { laws, appendix: true }));
    expect(withAppendix).toContain('审查记录（内部留存');
    expect(withAppendix).toContain('已排除：属于国家统一政策的落实');
    expect(withAppendix).toContain('（审查结论由审查人填写');
  });

  it('marks every page 草稿 until signed', async () => {
    const r = await demoReview();
    const header = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      return (await Promise.all(Object.keys(zip.files).filter((n) => /word\/header\d*\.xml$/.test(n)).map((n) => zip.file(n)?.async('string')))).join('');
    };
    expect(await header(await opinionDocxWriter.write(r, { laws }))).toContain('草稿');
    expect(await header(await opinionDocxWriter.write({ ...r, record: { signedAt: '2026-12-03T02:00:00Z', chief: '李四' } }, { laws }))).not.toContain('草稿');
  });

  it('every writer in the map writes bytes that name the findings', async () => {
    const r = await demoReview();
    for (const [format, writer] of Object.entries(WRITERS)) {
      const bytes = await writer.write(r, { laws });
      const text = format === 'docx' ? await bodyText(bytes) : new TextDecoder().decode(bytes);
      expect(text, format).toContain(r.findings[1]?.quote ?? '');
    }
  });

  it.skipIf(!hasOffice)('opens in LibreOffice: 22 lines of 28 characters on a page of plain body text', async () => {
    const filler = '审查意见书依照国家标准排版每页二十二行每行二十八字';
    let long = '';
    while (long.length < 28 * 22 * 2) long += filler;
    const r = await demoReview();
    const input: ReviewExport = { ...r, findings: [{ ...(r.findings[1] as ExportFinding), path: '', explanation: long, basis: [], suggestion: '删除' }] };
    const pdf = pdfOf(await opinionDocxWriter.write(input, { laws }), 'grid');
    const page2 = spawnSync('pdftotext', ['-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' }).stdout;
    const lines = page2.split('\n').filter((l) => l.includes('审查意见书依照') || /^[\u4e00-\u9fff]{20,}$/.test(l));
    const full = lines.filter((l) => /^[\u4e00-\u9fff]+$/.test(l));
    expect(full.length).toBe(22);
    expect(new Set(full.map((l) => l.length))).toEqual(new Set([28]));
  }, 180_000);
});
