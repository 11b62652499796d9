/**
 * 公平竞争审查表: the standards come from the corpus (第八条至第十一条, every item), the boxes are
 * proposed from confirmed findings only, the stored form wins, the .docx reads back with mammoth
 * (and renders to PDF with LibreOffice when installed), and the CLI writes it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { effectiveFcrForm, fcrStandards, FcrFormSchema, findingsByStandard, proposedFcrForm } from '../../src/opinion/fcr-form.js';
import { fcrFormDocx } from '../../src/opinion/fcr-form-docx.js';
import type { ExportFinding, ReviewExport } from '../../src/report/writers/types.js';
import { review } from '../../src/review/review.js';
import { hasOffice, pdfInfo, toPdf } from '../opinion/office.js';

const ruleSet = loadRuleSet();
const laws = ruleSet.corpus.laws;
const standards = fcrStandards(laws);
const dir = mkdtempSync(join(tmpdir(), 'fahu-fcr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demoReview(): Promise<ReviewExport> {
  const doc = await ingestBytes(new Uint8Array(readFileSync('fixtures/text/demo-review.txt')), { fileName: 'demo-review.txt' });
  return review(doc, ruleSet);
}

const text = async (bytes: Uint8Array) => (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;

describe('the standards of 《公平竞争审查条例》', () => {
  it('are read from the corpus: 第八条至第十一条 with every item, and 第十二条 with its four 情形', () => {
    expect(standards.articles.map((a) => a.article)).toEqual(['第八条', '第九条', '第十条', '第十一条']);
    expect(standards.articles.map((a) => a.standards.length)).toEqual([5, 6, 4, 4]);
    expect(standards.articles[0]?.heading).toBe('限制或者变相限制市场准入和退出');
    expect(standards.articles[0]?.standards[2]).toMatchObject({ key: '第八条（三）', text: '限定经营、购买或者使用特定经营者提供的商品或者服务（以下统称商品）' });
    // the texts are the corpus's own, word for word
    const law = laws.find((l) => l.name === '公平竞争审查条例');
    for (const a of standards.articles) for (const s of a.standards) expect(law?.articles.find((x) => x.article === a.article)?.text).toContain(s.text);
    expect(standards.exception.grounds.map((g) => g.item)).toEqual(['（一）', '（二）', '（三）', '（四）']);
    expect(() => fcrStandards([])).toThrow(/语料库中没有《公平竞争审查条例》/);
  });
});

describe('the boxes', () => {
  it('are proposed from confirmed findings only, by the item (or the article’s 其他 item) they cite', async () => {
    const r = await demoReview();
    const fcr = r.findings.filter((f) => f.basis.some((b) => b.law === '公平竞争审查条例' && /^第(八|九|十|十一)条$/.test(b.article)));
    expect(fcr.length).toBeGreaterThanOrEqual(2);
    const [kept, dropped] = fcr;
    const decided: ReviewExport = { ...r, findings: r.findings.map((f): ExportFinding => ({ ...f, status: f === dropped ? 'dismissed' : f === kept ? 'confirmed' : 'open' })) };
    const keyOf = (f: ExportFinding) => {
      const b = f.basis.find((x) => x.law === '公平竞争审查条例')!;
      const a = standards.articles.find((x) => x.article === b.article)!;
      return b.item ? `${b.article}${b.item}` : (a.standards[a.standards.length - 1]?.key as string);
    };
    const proposed = proposedFcrForm(decided, standards);
    expect(Object.keys(proposed.boxes)).toHaveLength(19);
    expect(proposed.boxes[keyOf(kept!)]?.involved).toBe(true);
    expect(proposed.boxes[keyOf(kept!)]?.note).toContain(kept!.title);
    const involved = Object.entries(proposed.boxes).filter(([, b]) => b.involved).map(([k]) => k);
    expect(involved).toEqual([...findingsByStandard(decided, standards).keys()].sort((a, b) => involved.indexOf(a) - involved.indexOf(b)));
    if (keyOf(dropped!) !== keyOf(kept!)) expect(proposed.boxes[keyOf(dropped!)]?.involved).toBe(false);
  });

  it('take the reviewer’s stored values over the proposal', async () => {
    const r = await demoReview();
    const proposed = proposedFcrForm(r, standards);
    const stored = FcrFormSchema.parse({ boxes: { '第八条（一）': { involved: true, note: '审查人认定' } }, conclusion: '不涉及排除限制竞争' });
    const eff = effectiveFcrForm(r, standards, stored);
    expect(eff.boxes['第八条（一）']).toEqual({ involved: true, note: '审查人认定' });
    expect(eff.boxes['第十一条（四）']).toEqual(proposed.boxes['第十一条（四）']);
    expect(eff.conclusion).toBe('不涉及排除限制竞争');
  });

  it('refuse an exception without its ground, reason or term, with Chinese messages', () => {
    const r = FcrFormSchema.safeParse({ boxes: {}, exception: { applies: true } });
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message).join('；') ?? '';
    expect(messages).toContain('须选择所符合的情形');
    expect(messages).toContain('须说明理由');
    expect(messages).toContain('实施期限或终止条件');
    expect(FcrFormSchema.safeParse({ boxes: { 第八条一: { involved: true } } }).success).toBe(false);
  });
});

describe('公平竞争审查表 (.docx)', () => {
  it('reads back with every standard, the boxes as ticked, the exception and the section’s header', async () => {
    const r = await demoReview();
    const values = FcrFormSchema.parse({
      boxes: { ...proposedFcrForm(r, standards).boxes, '第九条（三）': { involved: true, note: '第五条限定本地企业参加招标' } },
      exception: { applies: true, ground: '（三）', justification: '为实现节约能源确需限定', alternatives: '无影响更小的方案', term: '实施期限两年' },
      conclusion: '修改后可以出台',
    });
    const bytes = await fcrFormDocx({ ...r, record: { title: '关于促进产业发展的若干措施', department: '区经信局' } }, standards, values, { template: { bureau: '湖州市吴兴区司法局', mark: '湖州市吴兴区司法局文件', signature: '湖州市吴兴区司法局（印）', contact: '联系人：张三，电话：0572-1234567', opening: 'x', closing: 'y' } });
    const t = await text(bytes);
    expect(t).toContain('公平竞争审查表');
    expect(t).toContain('湖州市吴兴区司法局文件');
    expect(t).toContain('湖州市吴兴区司法局（印）');
    expect(t).toContain('联系人：张三');
    expect(t.split('\n').map((l) => l.trim())).not.toContain('区司法局'); // the placeholder is gone
    expect(t).toContain('《关于促进产业发展的若干措施》');
    expect(t).toContain('区经信局');
    for (const a of standards.articles) for (const s of a.standards) expect(t).toContain(`${s.item}${s.text}`);
    const ticks = (t.match(/☑是/g) ?? []).length;
    expect(ticks).toBe(Object.values(values.boxes).filter((b) => b.involved).length);
    expect((t.match(/☑否/g) ?? []).length).toBe(19 - ticks);
    expect(t).toContain('第五条限定本地企业参加招标');
    expect(t).toContain('（三）为实现节约能源、保护环境、救灾救助等社会公共利益的');
    expect(t).toContain('为实现节约能源确需限定');
    expect(t).toContain('实施期限两年');
    expect(t).toContain('修改后可以出台');
    // page headers are not in mammoth's body text: the draft mark is read from the header part
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(Buffer.from(bytes));
    const headers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    expect(headers.join('')).toContain('草稿（未签发）');
    if (hasOffice) {
      const { fcr } = toPdf(dir, { fcr: bytes });
      expect(readFileSync(fcr as string).subarray(0, 4).toString()).toBe('%PDF');
      expect(pdfInfo(fcr as string).pages).toBeGreaterThanOrEqual(2);
    }
  });

  it('is written by `fahu review FILE --format fcr-form --out`, and refused without --out', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const file = join(dir, '公平竞争审查表.docx');
    const code = await main(['review', 'fixtures/text/demo-review.txt', '--format', 'fcr-form', '--out', file, '--department', '区经信局'], (s) => out.push(s), (s) => err.push(s));
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    const t = (await mammoth.extractRawText({ path: file })).value;
    expect(t).toContain('公平竞争审查表');
    expect(t).toContain('区经信局');
    expect(t).toMatch(/☑是/); // the demo draft has fair-competition findings
    const bad = await main(['review', 'fixtures/text/demo-review.txt', '--format', 'fcr-form'], () => {}, (s) => err.push(s));
    expect(bad).toBe(2);
    expect(err.join('\n')).toContain('--format fcr-form 须用 --out 指定输出文件');
  }, 60_000);
});
