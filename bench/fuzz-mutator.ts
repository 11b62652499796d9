/**
 * A seeded mutator over the fixtures, for the fuzz suite (test/fuzz, `npm run fuzz`): byte flips and cuts, zip
 * structure (sizes, offsets, methods, names), the XML inside a .docx (cut, doubled, entities, DOCTYPE, deep
 * nesting, huge text), encodings (BOMs, invalid UTF-8, NULs, GBK-looking bytes), very long lines and deeply nested
 * numbering. The same seed gives the same cases.
 */
import JSZip from 'jszip';
import { seededRandom as rng } from './seeded-random.js';

export interface FuzzCase {
  name: string;
  fileName: string;
  bytes: Uint8Array;
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;
const enc = new TextEncoder();

function flipBytes(r: Rand, b: Uint8Array): Uint8Array {
  const out = b.slice();
  const n = 1 + int(r, 16);
  for (let i = 0; i < n; i++) out[int(r, out.length)] = int(r, 256);
  return out;
}

function cut(r: Rand, b: Uint8Array): Uint8Array {
  return b.slice(0, int(r, b.length));
}

function splice(r: Rand, b: Uint8Array, insert: Uint8Array): Uint8Array {
  const at = int(r, b.length + 1);
  const out = new Uint8Array(b.length + insert.length);
  out.set(b.subarray(0, at));
  out.set(insert, at);
  out.set(b.subarray(at), at + insert.length);
  return out;
}

/** Zip structure: lie in the central directory (sizes, offsets, method, flags, name length). */
function zipStructure(r: Rand, b: Uint8Array): Uint8Array {
  const out = b.slice();
  const view = new DataView(out.buffer);
  const headers: number[] = [];
  for (let i = 0; i + 46 < out.length; i++) if (view.getUint32(i, true) === 0x02014b50) headers.push(i);
  if (headers.length === 0) return flipBytes(r, b);
  const h = pick(r, headers);
  const field = pick(r, [8, 10, 20, 24, 28, 42] as const);
  const values = [0, 1, 0xffff, 0xffffffff, int(r, out.length * 4), 99];
  if (field === 8 || field === 10 || field === 28) view.setUint16(h + field, pick(r, values) & 0xffff, true);
  else view.setUint32(h + field, pick(r, values) >>> 0, true);
  return out;
}

const DEEP = (tag: string, n: number) => `<${tag}>`.repeat(n) + `</${tag}>`.repeat(n);

/** The XML of the main part: cut, doubled, foreign markup, entities, DOCTYPE, deep nesting, huge text. */
function mutateXml(r: Rand, xml: string, scale: number): string {
  const n = (k: number) => 1 + int(r, Math.max(1, Math.round(k * scale)));
  const at = int(r, xml.length);
  switch (int(r, 9)) {
    case 0: return xml.slice(0, at);
    case 1: return xml.slice(0, at) + xml.slice(at, at + int(r, 5000)).repeat(n(50)) + xml.slice(at);
    case 2: return xml.slice(0, at) + '&nbsp;&foo;&#xFFFFFF;&#0;'.repeat(n(2000)) + xml.slice(at);
    case 3: return xml.replace('?>', '?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>');
    case 4: return xml.slice(0, at) + DEEP('w:p', n(20000)) + xml.slice(at);
    case 5: return xml.replace('<w:body>', `<w:body><w:p><w:r><w:t>${'第一条企业应当'.repeat(n(40000))}</w:t></w:r></w:p>`);
    case 6: return xml.replace(/<w:t>/g, () => (r() < 0.1 ? '<w:t xml:space="preserve">\u0000\ud800' : '<w:t>'));
    case 7: return xml.slice(0, at) + '<![CDATA[' + xml.slice(at, at + 200) + ']]>' + xml.slice(at);
    default: return xml.replace(/<\/w:p>/g, () => (r() < 0.05 ? '</w:p><w:p><w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="-1"/></w:numPr></w:pPr></w:p>' : '</w:p>'));
  }
}

async function mutateDocx(r: Rand, b: Uint8Array, scale: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(b);
  const parts = Object.keys(zip.files).filter((n) => /\.xml$/.test(n));
  const main = r() < 0.7 ? 'word/document.xml' : pick(r, parts);
  const xml = await zip.file(main)?.async('string');
  if (xml !== undefined) zip.file(main, mutateXml(r, xml, scale));
  if (r() < 0.1) zip.remove(pick(r, parts));
  return zip.generateAsync({ type: 'uint8array', compression: r() < 0.8 ? 'DEFLATE' : 'STORE' });
}

/** Text: long lines, deep numbering, encodings. */
function mutateText(r: Rand, text: string, scale: number): Uint8Array {
  const n = (k: number) => Math.max(1, Math.round(k * scale));
  const lines = text.split('\n');
  const at = int(r, lines.length);
  switch (int(r, 10)) {
    case 0: lines.splice(at, 0, pick(r, ['企业', '(', '（一）', '第1条', 'a ', '\t']).repeat(n(20_000) + int(r, n(200_000)))); break;
    case 1: lines.splice(at, 0, ...Array.from({ length: 1 + int(r, n(3000)) }, (_, i) => pick(r, [`第${i + 1}条 甲。`, `（${i + 1}）乙；`, `${i + 1}.丙`, '一、丁', `第${i}章 戊`, '附件1', '2026年3月1日']))); break;
    case 2: return flipBytes(r, enc.encode(text));
    case 3: return new Uint8Array([0xff, 0xfe, ...enc.encode(text).slice(0, 4000)]);
    case 4: return splice(r, enc.encode(text), new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc]));
    case 5: return splice(r, enc.encode(text), new Uint8Array(1 + int(r, 64)));
    case 6: lines.splice(at, 0, '\r'.repeat(int(r, 5000)) + '\u2028'.repeat(int(r, 100))); break;
    case 7: lines.splice(at, 0, '（'.repeat(n(50_000)) + '）'.repeat(n(50_000))); break;
    case 8: return enc.encode(lines.slice(at).join('\n').replace(/[。，]/g, () => pick(r, ['', '\n', '\n\n', ' ', '．'])));
    default: lines.splice(at, 1 + int(r, 10)); break;
  }
  return enc.encode(lines.join('\n'));
}

export interface Seeds {
  docx: { name: string; bytes: Uint8Array }[];
  text: { name: string; text: string }[];
  other: { name: string; bytes: Uint8Array }[];
}

/** Case `i` of the run seeded `seed`; `scale` shrinks the long lines and repeats (the quick run in npm test). */
export async function fuzzCase(seeds: Seeds, seed: number, i: number, scale = 1): Promise<FuzzCase> {
  const r = rng(seed * 1_000_003 + i);
  const kind = r();
  if (kind < 0.35 && seeds.docx.length > 0) {
    const s = pick(r, seeds.docx);
    const how = int(r, 5);
    const bytes = how === 0 ? flipBytes(r, s.bytes) : how === 1 ? cut(r, s.bytes) : how === 2 ? zipStructure(r, s.bytes) : await mutateDocx(r, s.bytes, scale);
    return { name: `${s.name}#${i}/${['flip', 'cut', 'zip', 'xml', 'xml'][how]}`, fileName: 'draft.docx', bytes };
  }
  if (kind < 0.45 && seeds.other.length > 0) {
    const s = pick(r, seeds.other);
    return { name: `${s.name}#${i}/flip`, fileName: s.name, bytes: r() < 0.5 ? flipBytes(r, s.bytes) : cut(r, s.bytes) };
  }
  const s = pick(r, seeds.text);
  return { name: `${s.name}#${i}/text`, fileName: r() < 0.9 ? 'draft.txt' : 'draft.md', bytes: mutateText(r, s.text, scale) };
}
