import { describe, expect, it } from 'vitest';
import { prepareDocumentXml } from '../../src/ingest/docx/prepare.js';
import { formatNumber } from '../../src/ingest/docx/numbering.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function lvl(ilvl: number, fmt: string, text: string, extra = '') {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
}

const NUMBERING = `<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）', '<w:lvlRestart w:val="0"/>')}${lvl(2, 'decimal', '%3.')}${lvl(3, 'decimal', '（%4）')}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${lvl(0, 'chineseCounting', '第%1条')}</w:abstractNum>
<w:abstractNum w:abstractNumId="2">${lvl(0, 'decimalEnclosedCircleChinese', '%1')}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>`;

const STYLES = `<w:styles ${W}>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="标题 1"/><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style>
<w:style w:type="character" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>`;

function p(text: string, numId?: number, ilvl = 0, style?: string) {
  const numPr = numId === undefined ? '' : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
  const pStyle = style ? `<w:pStyle w:val="${style}"/>` : '';
  return `<w:p><w:pPr>${pStyle}${numPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
}

function labels(body: string): string[] {
  const out = prepareDocumentXml(`<w:document ${W}><w:body>${body}</w:body></w:document>`, NUMBERING, STYLES);
  return [...out.xml.matchAll(/<w:p>(?:<w:pPr>.*?<\/w:pPr>)?<w:r><w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g)].map((m) => (m[1] ?? '').trim());
}

describe('Word auto-numbering made explicit', () => {
  it('formats the number formats Chinese drafts use', () => {
    expect(formatNumber(3, 'chineseCounting')).toBe('三');
    expect(formatNumber(12, 'chineseCountingThousand')).toBe('十二');
    expect(formatNumber(2, 'ideographTraditional')).toBe('乙');
    expect(formatNumber(4, 'decimalEnclosedCircleChinese')).toBe('④');
    expect(formatNumber(7, 'decimal')).toBe('7');
    expect(formatNumber(3, 'lowerRoman')).toBe('iii');
  });

  it('numbers an outline with levels, restarts deeper levels, keeps （一） running when told not to restart', () => {
    const got = labels(
      p('总体要求', 1, 0) + p('指导思想', 1, 1) + p('细则', 1, 2) + p('细则', 1, 2) + p('细则', 1, 3) +
      p('基本原则', 1, 1) + p('一段说明') + p('主要任务', 1, 0) + p('任务', 1, 1) + p('分项', 1, 2),
    );
    expect(got).toEqual(['一、', '（一）', '1.', '2.', '（1）', '（二）', '二、', '（三）', '1.']);
  });

  it('counts articles past ten in Chinese', () => {
    const body = Array.from({ length: 21 }, (_, i) => p(`条文${i}`, 2)).join('');
    const got = labels(body);
    expect(got[9]).toBe('第十条');
    expect(got[10]).toBe('第十一条');
    expect(got[20]).toBe('第二十一条');
  });

  it('restarts a list instance that has a start override, and shares counters otherwise', () => {
    expect(labels(p('a', 1) + p('b', 1) + p('c', 3) + p('d', 3) + p('e', 1))).toEqual(['一、', '二、', '一、', '二、', '三、']);
  });

  it('takes numbering from the paragraph style chain', () => {
    expect(labels(p('总则', undefined, 0, 'H1') + p('分则', undefined, 0, 'H1b'))).toEqual(['一、', '二、']);
  });

  it('circled numbers', () => {
    expect(labels(p('a', 4) + p('b', 4))).toEqual(['①', '②']);
  });

  it('drops hidden runs, direct or through a character style', () => {
    const doc = `<w:document ${W}><w:body><w:p><w:r><w:t>公开内容</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>内部掌握</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Hidden"/></w:rPr><w:t>隐藏样式</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p></w:body></w:document>`;
    const out = prepareDocumentXml(doc, undefined, STYLES);
    expect(out.hiddenRuns).toBe(2);
    expect(out.xml).toContain('公开内容');
    expect(out.xml).toContain('显示');
    expect(out.xml).not.toContain('内部掌握');
    expect(out.xml).not.toContain('隐藏样式');
  });
});
