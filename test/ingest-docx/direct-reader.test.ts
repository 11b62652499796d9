/**
 * The direct reader (src/ingest/docx/direct-reader.ts) against mammoth's path: on every file the direct reader
 * takes, the extracted text — original text, table rows with their cell spans, notes, and the rewrite's
 * statistics — is deep-equal to what mammoth's path gives; a file it does not take is read through mammoth.
 * Corpus: the Word fixtures, their LibreOffice round trips and LibreOffice conversions of the text fixtures
 * (committed in ./libreoffice, and converted afresh when soffice is installed), files made with the `docx`
 * library, and hand-written XML for each element the direct reader knows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AlignmentType, CheckBox, Document, EndnoteReferenceRun, ExternalHyperlink, FootnoteReferenceRun, InsertedTextRun, DeletedTextRun, InternalHyperlink, Bookmark, LevelFormat, Packer, PageBreak,
  Paragraph, SymbolRun, Tab, Table, TableCell, TableRow, TextRun, Textbox, VerticalMergeType, CommentRangeStart, CommentRangeEnd, CommentReference, NoBreakHyphen,
} from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/document/limits.js';
import { fuzzCase } from '../../bench/fuzz-mutator.js';
import { loadSeeds } from '../../bench/fuzz-run.js';
import { readDocx, readDocxDirectly, readDocxWith, type DocxText } from '../../src/ingest/docx/read-docx.js';

const root = join(__dirname, '../..');

async function mammothOf(bytes: Uint8Array): Promise<DocxText | { refused: string }> {
  try {
    return await readDocxWith(bytes, DEFAULT_LIMITS, { direct: false });
  } catch (e) {
    return { refused: (e as { code?: string }).code ?? String(e) };
  }
}

/** Compares the paths on one file; returns whether the direct reader took it. */
async function compare(name: string, bytes: Uint8Array): Promise<boolean> {
  const mammoth = await mammothOf(bytes);
  let direct: Awaited<ReturnType<typeof readDocxDirectly>>;
  try {
    direct = await readDocxDirectly(bytes, DEFAULT_LIMITS);
  } catch (e) {
    // refused by the zip check, before either reader: alike
    expect({ refused: (e as { code?: string }).code ?? String(e) }, name).toEqual(mammoth);
    return false;
  }
  if (!direct.ok) {
    // not taken: readDocx gives mammoth's outcome
    const auto = await readDocx(bytes, DEFAULT_LIMITS).catch((e: { code?: string }) => ({ refused: e.code ?? String(e) }));
    expect(auto, name).toEqual(mammoth);
    return false;
  }
  expect(direct.text, name).toEqual(mammoth);
  return true;
}

async function compareAll(files: [string, Uint8Array][]): Promise<{ taken: number; deferred: string[] }> {
  let taken = 0;
  const deferred: string[] = [];
  for (const [name, bytes] of files) {
    if (await compare(name, bytes)) taken++;
    else deferred.push(name);
  }
  return { taken, deferred };
}

const filesIn = (dir: string): [string, Uint8Array][] =>
  readdirSync(dir)
    .filter((n) => n.endsWith('.docx'))
    .sort()
    .map((n) => [n, new Uint8Array(readFileSync(join(dir, n)))]);

// ---- hand-written parts ----

const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  w10: 'urn:schemas-microsoft-com:office:word',
  w14: 'http://schemas.microsoft.com/office/word/2010/wordml',
  wps: 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
};
const DECLS = Object.entries(NS)
  .map(([p, u]) => `xmlns:${p}="${u}"`)
  .join(' ');
const W = `xmlns:w="${NS.w}"`;
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface HandMade {
  body: string;
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  numbering?: string;
  styles?: string;
  /** extra relationships of the main part: [id, type, target, external] */
  rels?: [string, string, string, boolean?][];
  decls?: string;
}

async function handMade(h: HandMade): Promise<Uint8Array> {
  const zip = new JSZip();
  const overrides: string[] = [];
  const rels: string[] = [];
  const part = (name: string, type: string, xml: string | undefined) => {
    if (xml === undefined) return;
    zip.file(`word/${name}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n${xml}`);
    rels.push(`<Relationship Id="rId${name}" Type="${REL}/${type}" Target="${name}.xml"/>`);
    overrides.push(`<Override PartName="/word/${name}.xml" ContentType="application/xml"/>`);
  };
  part('footnotes', 'footnotes', h.footnotes && `<w:footnotes ${DECLS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>${h.footnotes}</w:footnotes>`);
  part('endnotes', 'endnotes', h.endnotes && `<w:endnotes ${DECLS}>${h.endnotes}</w:endnotes>`);
  part('comments', 'comments', h.comments && `<w:comments ${DECLS}>${h.comments}</w:comments>`);
  part('numbering', 'numbering', h.numbering && `<w:numbering ${W}>${h.numbering}</w:numbering>`);
  part('styles', 'styles', h.styles && `<w:styles ${W}>${h.styles}</w:styles>`);
  for (const [id, type, target, external] of h.rels ?? []) rels.push(`<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`);
  zip.file('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>${overrides.join('')}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  zip.file('word/media/image1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${h.decls ?? DECLS}><w:body>${h.body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const t = (s: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${s}</w:t></w:r>`;
const p = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;
const pp = (pPr: string, ...runs: string[]) => `<w:p><w:pPr>${pPr}</w:pPr>${runs.join('')}</w:p>`;
const fld = (instr: string, result: string, begin = '<w:fldChar w:fldCharType="begin"/>') =>
  `<w:r>${begin}</w:r><w:r><w:instrText xml:space="preserve">${instr}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${t(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const tc = (text: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${p(t(text))}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>${rows.join('')}</w:tbl>`;
const vml = (inner: string) => `<w:r><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype><v:shape id="s1" type="#_x0000_t202"><v:fill color2="#fff"/><v:textbox><w:txbxContent>${inner}</w:txbxContent></v:textbox><w10:wrap type="square"/></v:shape></w:pict></w:r>`;
const NUMBERING = `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>`;
const STYLES = `<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="character" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style><w:style w:type="numbering" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>`;
const num = (id: number, lvl = 0) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;

/** One case per element (or rule) the direct reader knows, each meant to be taken. */
const HAND_MADE: Record<string, HandMade> = {
  'runs, text, entities and line ends': { body: p(t('甲 &amp; 乙 &lt;&gt; &quot;&apos; &#x4E00;&#20108;'), t('a\r\nb\rc'), '<w:r><w:t/></w:r><w:r><w:t></w:t></w:r>', t('  spaced  ')) },
  'tabs, breaks and hyphens': { body: p(t('a'), '<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type="page"/><w:t>d</w:t><w:br w:type="column"/><w:br w:type="textWrapping"/><w:br w:type="other"/><w:noBreakHyphen/><w:softHyphen/><w:t>e</w:t></w:r>') },
  symbols: { body: p('<w:r><w:sym w:font="Wingdings" w:char="F0FE"/><w:sym w:font="Wingdings" w:char="00A8"/><w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="NoSuchFont" w:char="F041"/><w:sym w:font="Wingdings"/></w:r>', t('后')) },
  hyperlinks: {
    body: p(`<w:hyperlink r:id="rIdLink"><w:r><w:t>外部</w:t></w:r></w:hyperlink>`, `<w:hyperlink w:anchor="b1">${t('内部')}</w:hyperlink>`, `<w:hyperlink r:id="rIdLink" w:anchor="x">${t('两者')}</w:hyperlink>`, `<w:hyperlink>${t('无')}</w:hyperlink>`, `<w:hyperlink r:id="rIdNone">${t('无目标')}</w:hyperlink>`),
    rels: [['rIdLink', 'hyperlink', 'https://example.org/a#b', true]],
  },
  'tracked changes: w:ins kept, w:del and w:moveFrom dropped, w:moveTo kept': {
    body: p(t('留'), `<w:ins w:id="1" w:author="a">${t('插入')}</w:ins>`, `<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>`, `<w:moveFrom w:id="3">${t('移出')}</w:moveFrom>`, `<w:moveTo w:id="4">${t('移入')}</w:moveTo>`, '<w:moveFromRangeStart w:id="5" w:name="m"/><w:moveFromRangeEnd w:id="5"/><w:moveToRangeStart w:id="6" w:name="m"/><w:moveToRangeEnd w:id="6"/>') +
      // a deleted paragraph mark: its content joins the next paragraph
      pp('<w:rPr><w:del w:id="7" w:author="a"/></w:rPr>', t('前段')) + p(t('后段')) + pp('<w:rPr><w:del w:id="8" w:author="a"/></w:rPr>', t('末段无后')),
  },
  'hidden text removed (body and notes)': {
    body: p(t('见', '<w:vanish/>'), t('显'), t('隐', '<w:rStyle w:val="Hidden"/>'), t('非隐', '<w:vanish w:val="0"/>'), t('注'), '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    footnotes: `<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>${t('注文')}${t('藏', '<w:vanish/>')}</w:p></w:footnote>`,
    styles: STYLES,
  },
  'auto-numbering made literal': {
    body: pp(num(1), t('总则')) + pp(num(1, 1), t('细则')) + pp('<w:pStyle w:val="H1"/>', t('样式编号')) + pp(num(2), t('列表样式')) + pp('<w:numPr><w:numId w:val="0"/></w:numPr>', t('无编号')),
    numbering: NUMBERING,
    styles: STYLES,
  },
  'fields: instructions dropped, results kept, checkboxes': {
    body:
      p(fld(' PAGE ', '3'), t('页')) +
      p(fld(' HYPERLINK "https://example.org" ', '链接'), fld(' HYPERLINK \\l "b1" ', '书签')) +
      p('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="1"/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', t('同意')) +
      p('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:default w:val="1"/><w:checked w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', t('不同意')) +
      p('<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>', t('孤立')) +
      // nested: a field inside another's instruction, and inside its result
      p('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>', fld(' PAGE ', '2'), '<w:r><w:instrText> = 2 "是" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>', fld(' REF b ', '内果'), t('外果'), '<w:r><w:fldChar w:fldCharType="end"/></w:r>'),
  },
  'content controls, checkboxes, smart tags and custom XML': {
    body:
      p(`<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtEndPr/><w:sdtContent>${t('控件内容')}</w:sdtContent></w:sdt>`) +
      p(`<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr><w:sdtContent>${t('☒')}</w:sdtContent></w:sdt>`, t('已选')) +
      p(`<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="0"/></w14:checkbox></w:sdtPr><w:sdtContent>${t('')}${t('☐')}${t('x')}</w:sdtContent></w:sdt>`, t('未选')) +
      p(`<w:sdt><w:sdtPr><w14:checkbox/></w:sdtPr><w:sdtContent></w:sdtContent></w:sdt>`, t('空')) +
      `<w:sdt><w:sdtContent>${p(t('块级控件'))}</w:sdtContent></w:sdt>` +
      p(`<w:smartTag w:uri="u" w:element="place"><w:smartTagPr><w:attr w:name="n" w:val="v"/></w:smartTagPr>${t('杭州')}</w:smartTag>`, `<w:customXml w:element="x"><w:customXmlPr/>${t('自定义')}</w:customXml>`, '<w:permStart w:id="1" w:edGrp="everyone"/>', t('可编辑'), '<w:permEnd w:id="1"/>') +
      tbl(`<w:tr><w:tblPrEx><w:tblBorders/></w:tblPrEx>${tc('例外行')}</w:tr>`),
  },
  'text boxes: VML, mc:AlternateContent and nested': {
    body:
      p(t('框前'), vml(p(t('框内一')) + p(t('框内二'))), t('框后')) +
      p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="t"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="x"><wps:wsp><wps:txbx><w:txbxContent>${p(t('不读'))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>${vml(p(t('备用')))}</mc:Fallback></mc:AlternateContent></w:r>`) +
      tbl(tr(`<w:tc>${p(t('格'), vml(p(t('格中框'))))}</w:tc>`)) +
      vml(p(t('段外之框'))) +
      p(`<w:r><w:object><v:shape id="o1"><v:textbox><w:txbxContent>${p(t('对象框'))}</w:txbxContent></v:textbox></v:shape></w:object></w:r>`),
  },
  'images: drawings and VML image data yield no text': {
    body: p(
      t('图前'),
      `<w:r><w:drawing><wp:inline><wp:docPr id="2" name="p" descr="说明"><a:hlinkClick xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:id="rIdLink"/></wp:docPr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="p"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
      `<w:r><w:pict><v:shape id="i"><v:imagedata r:id="rIdImg" o:title="t"/></v:shape></w:pict></w:r>`,
      `<w:r><w:pict><v:rect><v:imagedata/></v:rect><v:group><v:roundrect/></v:group></w:pict></w:r>`,
      t('图后'),
    ),
    rels: [['rIdImg', 'image', 'media/image1.png'], ['rIdLink', 'hyperlink', 'https://example.org', true]],
  },
  'tables: spans, vertical merges, deleted rows, nesting, irregular tables': {
    body:
      tbl(tr(tc('甲', '<w:gridSpan w:val="2"/>'), tc('乙', '<w:vMerge w:val="restart"/>')), tr(tc('丙'), tc('丁'), tc('续', '<w:vMerge/>')), tr(tc('戊'), tc('己'), tc('再续', '<w:vMerge w:val="continue"/>'))) +
      tbl(`<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>${tc('删行')}</w:tr>`, `<w:tr><w:trPr><w:tblHeader/></w:trPr>${tc('表头')}</w:tr>`, tr(tc(''), tc(''))) +
      tbl(tr(`<w:tc>${p(t('外'))}${tbl(tr(tc('内一'), tc('内二')))}${p(t('段二'))}</w:tc>`)) +
      // a bookmark between rows: mammoth keeps merged cells there
      tbl('<w:bookmarkStart w:id="1" w:name="t"/>', tr(tc('上', '<w:vMerge w:val="restart"/>')), tr(tc('下', '<w:vMerge/>'))) +
      tbl(tr('<w:bookmarkStart w:id="2" w:name="c"/>', tc('左', '<w:vMerge w:val="restart"/>')), tr(tc('右', '<w:vMerge/>'))) +
      tbl(tr(tc('跨', '<w:gridSpan w:val="x"/>'), tc('并', '<w:vMerge/>'))),
  },
  'notes: references, separators, repeats, endnotes': {
    body: p(t('正文'), '<w:r><w:footnoteReference w:id="1"/></w:r>', t('再'), '<w:r><w:footnoteReference w:id="1"/><w:endnoteReference w:id="2"/><w:footnoteReference w:id="9"/></w:r>'),
    footnotes: `<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>${t('脚注 一')}</w:p><w:p>${t('第二段')}<w:r><w:tab/></w:r>${t('尾')}</w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>`,
    endnotes: `<w:endnote w:id="2"><w:p><w:r><w:endnoteRef/></w:r>${t('尾注')}</w:p></w:endnote>`,
  },
  'bookmarks, comments and proofing marks': {
    body: p('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:bookmarkStart w:id="1" w:name="b1"/>', '<w:commentRangeStart w:id="1"/>', t('批注处'), '<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>', '<w:proofErr w:type="spellStart"/>', '<w:r><w:lastRenderedPageBreak/><w:t>续</w:t></w:r>', '<w:proofErr w:type="spellEnd"/>', '<w:bookmarkEnd w:id="1"/>'),
    comments: `<w:comment w:id="1" w:author="李"><w:p><w:r><w:annotationRef/></w:r>${t('批注文字')}</w:p></w:comment>`,
  },
  'namespaces: prefixes other than mammoth\'s, declared below the root': {
    decls: `${W} xmlns:rel="${NS.r}" xmlns:word14="${NS.w14}" xmlns:v="${NS.v}"`,
    body: p(`<w:hyperlink rel:id="rIdLink">${t('链')}</w:hyperlink>`, `<w:sdt><w:sdtPr><word14:checkbox><word14:checked word14:val="1"/></word14:checkbox></w:sdtPr><w:sdtContent>${t('☒')}</w:sdtContent></w:sdt>`, `<w:r><w:pict xmlns:v2="${NS.v}"><v2:shape><v2:textbox><w:txbxContent>${p(t('下层声明'))}</w:txbxContent></v2:textbox></v2:shape></w:pict></w:r>`),
    rels: [['rIdLink', 'hyperlink', 'https://example.org', true]],
  },
};

/** Cases the direct reader must leave to mammoth (and readDocx then gives mammoth's outcome). */
const DEFERRED: Record<string, HandMade> = {
  'an element it does not know': { body: p(t('前'), '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>', t('后')) },
  'an unknown namespace': { decls: `${DECLS} xmlns:x="urn:x"`, body: p(t('a'), '<x:thing/>') },
  'a comment in the XML': { body: `<!-- c -->${p(t('a'))}` },
  'markup inside w:t': { body: p('<w:r><w:t>a<w:b/></w:t></w:r>') },
  'a hyperlink whose relationship is missing, with an anchor (mammoth throws)': { body: p(`<w:hyperlink r:id="rIdNone" w:anchor="x">${t('a')}</w:hyperlink>`) },
  'an image whose relationship is missing (mammoth throws)': { body: p('<w:r><w:pict><v:shape><v:imagedata r:id="rIdNone"/></v:shape></w:pict></w:r>') },
  'a list linked to an undefined style (mammoth throws)': { body: pp(num(2), t('a')), numbering: NUMBERING },
};

// ---- files made with the docx library ----

async function docxLibraryFiles(): Promise<[string, Uint8Array][]> {
  const make = async (name: string, children: (Paragraph | Table | Textbox)[], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<[string, Uint8Array]> => [
    name,
    new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }], ...extra }))),
  ];
  return Promise.all([
    make('paragraphs and runs', [new Paragraph({ children: [new TextRun('第一条 为了规范'), new TextRun({ text: '加粗', bold: true }), new TextRun({ children: [new Tab(), '制表', new NoBreakHyphen(), '连字'] }), new TextRun({ text: '换行', break: 1 })] }), new Paragraph('第二条'), new Paragraph({ children: [new PageBreak()] }), new Paragraph('')]),
    make(
      'numbering',
      [1, 2, 3].flatMap((i) => [new Paragraph({ text: `条款${i}`, numbering: { reference: 'cn', level: 0 } }), new Paragraph({ text: `项${i}`, numbering: { reference: 'cn', level: 1 } })]),
      {
        numbering: {
          config: [
            {
              reference: 'cn',
              levels: [
                { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.START },
                { level: 1, format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE_CHINESE, text: '%2', alignment: AlignmentType.START },
              ],
            },
          ],
        },
      },
    ),
    make('tables with merged cells', [
      new Table({
        rows: [
          new TableRow({ children: [new TableCell({ children: [new Paragraph('名称')], columnSpan: 2 }), new TableCell({ children: [new Paragraph('备注')], rowSpan: 2 })] }),
          new TableRow({ children: [new TableCell({ children: [new Paragraph('甲')] }), new TableCell({ children: [new Paragraph('乙'), new Paragraph('乙二')] })] }),
          new TableRow({ children: [new TableCell({ children: [new Paragraph('丙')], verticalMerge: VerticalMergeType.RESTART }), new TableCell({ children: [new Paragraph('')] }), new TableCell({ children: [] })] }),
        ],
      }),
    ]),
    make('notes, links, bookmarks, symbols, checkboxes', [
      new Paragraph({ children: [new TextRun('正文'), new FootnoteReferenceRun(1), new TextRun('再'), new EndnoteReferenceRun(1)] }),
      new Paragraph({ children: [new ExternalHyperlink({ link: 'https://example.org', children: [new TextRun('外链')] }), new InternalHyperlink({ anchor: 'b1', children: [new TextRun('内链')] }), new Bookmark({ id: 'b1', children: [new TextRun('书签')] })] }),
      new Paragraph({ children: [new SymbolRun({ char: 'F0FE', symbolfont: 'Wingdings' }), new CheckBox({ checked: true }), new TextRun('同意'), new CheckBox({ checked: false }), new TextRun('不同意')] }),
    ], { footnotes: { 1: { children: [new Paragraph('脚注内容')] } }, endnotes: { 1: { children: [new Paragraph('尾注内容')] } } } as never),
    make('tracked changes and comments', [
      new Paragraph({ children: [new TextRun('原文'), new InsertedTextRun({ text: '插入', id: 1, author: 'a', date: '2026-01-01T00:00:00Z' }), new DeletedTextRun({ text: '删除', id: 2, author: 'a', date: '2026-01-01T00:00:00Z' })] }),
      new Paragraph({ children: [new CommentRangeStart(0), new TextRun('批注处'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
    ], { comments: { children: [{ id: 0, author: '李', date: new Date('2026-01-01'), children: [new Paragraph('意见')] }] } }),
    make('text box', [new Paragraph('框前'), new Textbox({ style: { width: '200pt', height: '50pt' }, children: [new Paragraph('框内文字')] }), new Paragraph('框后')]),
  ]);
}

describe('the direct .docx reader gives what mammoth\'s path gives', () => {
  it('on every Word fixture, and takes them all', async () => {
    const { taken, deferred } = await compareAll(filesIn(join(root, 'fixtures/docx')));
    expect(deferred).toEqual([]);
    expect(taken).toBeGreaterThanOrEqual(7);
  });

  it('on LibreOffice round trips and conversions (committed), and takes them all', async () => {
    const { taken, deferred } = await compareAll(filesIn(join(__dirname, 'libreoffice')));
    expect(deferred).toEqual([]);
    expect(taken).toBeGreaterThanOrEqual(15);
  });

  it.runIf(existsSync('/usr/bin/soffice'))('on the text fixtures converted by LibreOffice now', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fahu-lo-'));
    try {
      const inputs = ['fixtures/text/draft-utf8.txt', 'fixtures/text/demo-review.txt', 'fixtures/text/draft.md', ...readdirSync(join(root, 'fixtures/eval-docs')).filter((n) => n.endsWith('.txt')).map((n) => `fixtures/eval-docs/${n}`)];
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(dir, 'out'), ...inputs.map((i) => join(root, i))], { stdio: 'ignore', timeout: 110_000 });
      const { taken, deferred } = await compareAll(filesIn(join(dir, 'out')));
      expect(deferred).toEqual([]);
      expect(taken).toBe(inputs.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on files made with the docx library', async () => {
    const { taken, deferred } = await compareAll(await docxLibraryFiles());
    expect(deferred).toEqual([]);
    expect(taken).toBe(6);
  });

  it.each(Object.entries(HAND_MADE))('on hand-written XML: %s', async (name, h) => {
    const bytes = await handMade(h);
    const direct = await readDocxDirectly(bytes, DEFAULT_LIMITS);
    expect(direct.ok ? 'taken' : direct.reason, name).toBe('taken');
    expect(await compare(name, bytes)).toBe(true);
  });

  it.each(Object.entries(DEFERRED))('leaves to mammoth: %s', async (name, h) => {
    const bytes = await handMade(h);
    const direct = await readDocxDirectly(bytes, DEFAULT_LIMITS);
    expect(direct.ok, name).toBe(false);
    expect(await compare(name, bytes)).toBe(false); // and readDocx gives mammoth's outcome
  });

  it('on zips jszip reads otherwise: left to mammoth', async () => {
    const fixture = new Uint8Array(readFileSync(join(root, 'fixtures/docx/article-typed.docx')));
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const records = (b: Uint8Array) => {
      const v = view(b);
      let eocd = b.length - 22;
      while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
      const out: number[] = [];
      for (let p = v.getUint32(eocd + 16, true), i = 0; i < v.getUint16(eocd + 10, true); i++) {
        out.push(p);
        p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
      }
      return out;
    };
    // two directory records pointing at one local header (jszip names an entry by its local header)
    const shared = fixture.slice();
    const [firstRecord, secondRecord] = records(shared) as [number, number];
    view(shared).setUint32(secondRecord + 42, view(shared).getUint32(firstRecord + 42, true), true);
    // a record whose name runs into the next one
    const longName = fixture.slice();
    const last = records(longName).at(-1) as number;
    view(longName).setUint16(last + 28, view(longName).getUint16(last + 28, true) + 6, true);
    for (const [name, bytes] of [['shared local header', shared], ['name past its record', longName]] as const) {
      const direct = await readDocxDirectly(bytes, DEFAULT_LIMITS).catch(() => ({ ok: false as const, reason: 'refused by the zip check' }));
      expect(direct.ok, name).toBe(false);
      expect(await compare(name, bytes)).toBe(false);
    }
  });

  it('on seeded mutations of the Word fixtures (the fuzz suite\'s)', { timeout: 300_000 }, async () => {
    const seeds = loadSeeds(root);
    let docx = 0;
    let taken = 0;
    // the cases of test/fuzz (seed 7, 2,000 cases, a tenth of the sizes): their .docx ones
    for (let i = 0; i < 2000; i++) {
      const c = await fuzzCase(seeds, 7, i, 0.1);
      if (!c.fileName.endsWith('.docx')) continue;
      docx++;
      if (await compare(c.name, c.bytes)) taken++;
    }
    // both outcomes reached: the mutations the reader takes are compared, the rest read by mammoth alike
    expect(docx).toBeGreaterThan(500);
    expect(taken).toBeGreaterThan(100);
    expect(taken).toBeLessThan(docx);
  });

  it('can tell the paths apart: a text changed after reading is caught', async () => {
    const bytes = await handMade(HAND_MADE['tables: spans, vertical merges, deleted rows, nesting, irregular tables'] as HandMade);
    const direct = await readDocxDirectly(bytes, DEFAULT_LIMITS);
    const mammoth = await mammothOf(bytes);
    expect(direct.ok).toBe(true);
    if (!direct.ok) return;
    expect(direct.text).toEqual(mammoth);
    // a cell merged away by mammoth, kept: the comparison fails
    const changed = { ...direct.text, rows: direct.text.rows.slice(1) };
    expect(changed).not.toEqual(mammoth);
  });
});
