import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/ingest.js';
import { loadRuleSet } from '../../src/node/rule-files.js';
import { opinionDocxWriter } from '../../src/report/writers/docx-opinion.js';
import { titleLines } from '../../src/report/writers/title-lines.js';
import { review } from '../../src/review/review.js';

const LONG = '关于《湖州市吴兴区促进童装产业高质量发展的若干政策意见（送审稿）》的合法性审核和公平竞争审查意见';

describe('a long 公文 title breaks into even lines (GB/T 9704 7.3.3)', () => {
  it('keeps a title of one line whole', () => {
    expect(titleLines('审查记录（内部留存，不随文送出）')).toEqual(['审查记录（内部留存，不随文送出）']);
    expect(titleLines('公平竞争审查表')).toEqual(['公平竞争审查表']);
  });

  it('uses as few lines as fit 20 characters, loses no character, and breaks at seams rather than inside a word', () => {
    const two = titleLines('关于《某某县招商引资优惠政策》的合法性审核和公平竞争审查意见');
    expect(two).toEqual(['关于《某某县招商引资优惠政策》', '的合法性审核和公平竞争审查意见']);
    const three = titleLines(LONG);
    expect(three.join('')).toBe(LONG);
    expect(three).toHaveLength(Math.ceil(LONG.length / 20));
    expect(three.every((l) => l.length <= 20)).toBe(true);
    expect(three.map((l) => l.slice(0, 1))).toEqual(['关', '的', '的']);
    expect(three.some((l) => l.endsWith('高') || l.startsWith('质量'))).toBe(false);
  });

  it('breaks inside a bracketed name only when the name itself is longer than a line', () => {
    const name = '《某某县关于进一步加快推进新型工业化建设推动制造业高质量发展的实施意见》';
    const lines = titleLines(`关于${name}的审查意见`);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
    expect(lines.join('')).toBe(`关于${name}的审查意见`);
    const short = titleLines('关于《某县菜市场管理办法》的合法性审核和公平竞争审查意见');
    expect(short.some((l) => l.includes('《') && !l.includes('》'))).toBe(false);
  });

  it('the opinion .docx writes the title as one centred paragraph with a line break between the lines', async () => {
    const ruleSet = loadRuleSet();
    const doc = await ingestBytes(new Uint8Array(readFileSync('fixtures/text/demo-review.txt')), { fileName: 'demo-review.txt' });
    const r = review(doc, ruleSet);
    const bytes = await opinionDocxWriter.write({ ...r, record: { title: '湖州市吴兴区促进童装产业高质量发展的若干政策意见（送审稿）', department: '区经信局' } }, { laws: ruleSet.corpus.laws });
    const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
    const para = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('关于《'));
    expect(para).toBeDefined();
    const texts = [...(para as string).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts).toEqual(titleLines(LONG));
    expect((para as string).match(/<w:br\/>/g)).toHaveLength(2);
    expect(para).toContain('<w:jc w:val="center"/>');
  });
});
