/**
 * The main part's rewrite made over the scan (string edits) and over xmldom's tree gives the same XML, as
 * xmldom reads it: on every Word fixture, on hand-made corner cases and on seeded random documents; and XML the
 * scan does not accept goes to the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/document/limits.js';
import { readDocx } from '../../src/ingest/docx/read-docx.js';
import { prepareDocumentXml, prepareDocumentXmlOverTree } from '../../src/ingest/docx/prepare.js';
import { scanDocumentXml } from '../../src/ingest/docx/scan-document.js';
import { parseXml, serializeXml } from '../../src/ingest/docx/xml.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const NUMBERING = `<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1&lt;&amp;"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;
const STYLES = `<w:styles ${W}>
<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>`;

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`;
const read = (xml: string) => serializeXml(parseXml(xml));

function expectSame(xml: string, numbering: string | undefined = NUMBERING, styles: string | undefined = STYLES, scanned = true) {
  expect(scanDocumentXml(xml) !== undefined).toBe(scanned);
  const fast = prepareDocumentXml(xml, numbering, styles);
  const tree = prepareDocumentXmlOverTree(xml, numbering, styles);
  expect({ numbered: fast.numbered, hiddenRuns: fast.hiddenRuns, changed: fast.changed }).toEqual({ numbered: tree.numbered, hiddenRuns: tree.hiddenRuns, changed: tree.changed });
  expect(read(fast.xml)).toBe(read(tree.xml));
  return fast;
}

describe('the document part rewritten over a scan', () => {
  it('matches the tree on every Word fixture, and takes the scan there', async () => {
    const dir = join(__dirname, '../../fixtures/docx');
    let numbered = 0;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.docx'))) {
      const zip = await JSZip.loadAsync(readFileSync(join(dir, f)));
      const part = (n: string) => zip.file(`word/${n}`)?.async('string');
      const [d, n, s] = await Promise.all([part('document.xml'), part('numbering.xml'), part('styles.xml')]);
      numbered += expectSame(d as string, n, s).numbered;
    }
    expect(numbered).toBeGreaterThan(250); // the auto-numbered fixtures were rewritten
  });

  it('matches the tree on the corner cases of numbering, hidden runs and tracked deletions', () => {
    const pPr = (inner: string) => `<w:pPr>${inner}</w:pPr>`;
    const num = (id: number, lvl?: number) => `<w:numPr>${lvl === undefined ? '' : `<w:ilvl w:val="${lvl}"/>`}<w:numId w:val="${id}"/></w:numPr>`;
    const r = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;
    const cases = [
      `<w:p>${pPr(num(1))}${r('总则')}</w:p><w:p>${pPr(num(1, 1))}${r('细则 &amp; &#x4E00;')}</w:p>`,
      `<w:p ${'w:rsidR="00A1"'}/><w:p><w:pPr><w:pStyle w:val="H1"/></w:pPr></w:p><w:p>${pPr('<w:pStyle w:val="H1"/>')}</w:p>`, // numbering from the style, empty paragraphs
      `<w:p>${r('隐藏', '<w:vanish/>')}${r('在')}</w:p><w:p>${pPr(num(2))}${r('隐', '<w:rStyle w:val="Hidden"/>')}${r('显', '<w:vanish w:val="false"/>')}</w:p>`,
      `<w:p>${pPr(`${num(1)}<w:rPr><w:del w:id="1" w:author="a"/></w:rPr>`)}<w:del w:id="2" w:author="a">${r('删除')}</w:del></w:p><w:p>${pPr(`${num(1)}<w:rPr><w:del w:id="3" w:author="a"/></w:rPr>`)}${r('留下')}</w:p><w:p>${pPr(num(1))}${r('三')}</w:p>`,
      // a text box in a hidden run: its numbered paragraph goes with it
      `<w:p>${pPr(num(1))}<w:r><w:rPr><w:vanish/></w:rPr><w:pict><w:txbxContent><w:p>${pPr(num(1))}${r('框内', '<w:vanish/>')}</w:p></w:txbxContent></w:pict></w:r></w:p><w:p>${pPr(num(1))}${r('后')}</w:p>`,
      // a text box in a visible run: numbered in document order, the outer paragraph first
      `<w:p>${pPr(num(1))}<w:r><w:pict><w:txbxContent><w:p>${pPr(num(1))}${r('框内')}</w:p></w:txbxContent></w:pict></w:r></w:p>`,
      `<w:p>${r('x', '<w:vanish/>')}</w:p><w:p><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>${r('无编号')}</w:p><w:p>${pPr(num(1))}${r('y', '<w:specVanish/>')}${r('z')}</w:p>`,
      `<w:p>${pPr(num(2))}<w:pPr>${num(1)}</w:pPr>${r('two pPr')}</w:p><w:tbl><w:tr><w:tc><w:p>${pPr(num(2))}${r('格')}</w:p></w:tc></w:tr></w:tbl>`,
    ];
    for (const body of cases) expectSame(doc(body));
    expectSame(doc(cases[0] as string), undefined, undefined); // no numbering part: nothing numbered
  });

  it('leaves to the tree what is not plain Word XML, with the same result or refusal', () => {
    const p = '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>a</w:t></w:r></w:p>';
    for (const body of [`<!-- note -->${p}`, `${p}<w:p><w:r><w:t><![CDATA[x]]></w:t></w:r></w:p>`, `${p}<w:p xmlns:w="urn:x"/>`, `${p}<w:p><w:r><w:t>a<w:b/></w:t></w:r></w:p>`]) expectSame(doc(body), NUMBERING, STYLES, false);
    // an undefined entity: refused alike
    const nbsp = doc(`${p}<w:p><w:r><w:t>a &nbsp; b</w:t></w:r></w:p>`);
    expect(scanDocumentXml(nbsp)).toBeUndefined();
    expect(() => prepareDocumentXml(nbsp, NUMBERING, STYLES)).toThrow(expect.objectContaining({ code: 'CORRUPT_DOCX' }));
    expect(scanDocumentXml(`<w:document ${W}><w:body>${p}</w:bod></w:document>`)).toBeUndefined();
    expect(scanDocumentXml(`<w:document><w:body>${p}</w:body></w:document>`)).toBeUndefined();
    expect(() => prepareDocumentXml(`<!DOCTYPE x [<!ENTITY a "b">]><w:document ${W}/>`, NUMBERING, STYLES)).toThrow(expect.objectContaining({ code: 'UNSAFE_XML' }));
  });

  it('a part the scan takes but xmldom refuses is refused with the message of the tree, numbered or not', async () => {
    for (const fixture of ['article-autonumber.docx', 'article-typed.docx']) {
      const zip = await JSZip.loadAsync(readFileSync(join(__dirname, '../../fixtures/docx', fixture)));
      const xml = (await zip.file('word/document.xml')?.async('string')) as string;
      zip.file('word/document.xml', xml.replace('<w:p>', '<w:p w:x="1" w:x="2">').replace(/<w:p /, '<w:p w:x="1" w:x="2" '));
      const bytes = await zip.generateAsync({ type: 'uint8array' });
      await expect(readDocx(bytes, DEFAULT_LIMITS)).rejects.toMatchObject({ code: 'CORRUPT_DOCX', userMessage: expect.stringContaining('Word 文档的内部结构有误，无法读取（Attribute w:x redefined') });
    }
  });

  it('matches the tree on 300 seeded random documents', () => {
    let seed = 15;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pick = <T,>(xs: T[]): T => xs[rand(xs.length)] as T;
    const text = () => pick(['一', ' ', '', '&amp;', '&lt;b&gt;', '第&#x5341;条', '  ']);
    const rPr = () => pick(['', '<w:rPr><w:vanish/></w:rPr>', '<w:rPr><w:vanish w:val="0"/></w:rPr>', '<w:rPr><w:rStyle w:val="Hidden"/></w:rPr>', '<w:rPr><w:b/><w:specVanish/></w:rPr>', '<w:rPr><w:del/></w:rPr>']);
    const run = (depth: number): string => (depth < 2 && rand(6) === 0 ? `<w:r>${rPr()}<w:pict><w:txbxContent>${para(depth + 1)}</w:txbxContent></w:pict></w:r>` : pick([`<w:r>${rPr()}<w:t>${text()}</w:t></w:r>`, `<w:r>${rPr()}<w:t xml:space="preserve">${text()}</w:t><w:tab/></w:r>`, '<w:r/>']));
    const props = () => {
      const numPr = pick(['', '<w:numPr><w:numId w:val="1"/></w:numPr>', '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>', '<w:numPr><w:numId w:val="2"/></w:numPr>', '<w:numPr><w:ilvl w:val="0"/></w:numPr>']);
      const style = pick(['', '', '<w:pStyle w:val="H1"/>']);
      const del = pick(['', '', '<w:rPr><w:del w:id="9" w:author="x"/></w:rPr>']);
      return pick(['', `<w:pPr>${style}${numPr}${del}</w:pPr>`, `<w:pPr>${style}${numPr}${del}</w:pPr>`]);
    };
    const para = (depth: number): string => {
      const runs = Array.from({ length: rand(4) }, () => (rand(5) === 0 ? `<w:del w:id="1" w:author="x">${run(depth)}</w:del>` : run(depth))).join('');
      return rand(12) === 0 ? '<w:p/>' : `<w:p>${props()}${runs}</w:p>`;
    };
    const seen = { numbered: 0, hidden: 0 };
    for (let i = 0; i < 300; i++) {
      const out = expectSame(doc(Array.from({ length: 1 + rand(12) }, () => para(0)).join('')));
      seen.numbered += out.numbered;
      seen.hidden += out.hiddenRuns;
    }
    expect(seen.numbered).toBeGreaterThan(300);
    expect(seen.hidden).toBeGreaterThan(300);
  });
});
