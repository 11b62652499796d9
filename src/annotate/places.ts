/**
 * Places in a sentence: every administrative division of China (corpus/places/divisions.tsv)
 * by name or short name, and the relative forms (本地, 外地, 区内, 市外, 县内外), each resolved
 * against the document's jurisdiction to a locality:
 *   local   — inside the jurisdiction (吴兴区, 织里镇, 本区 in a 吴兴区 draft);
 *   wider   — a division above it (浙江省 in a 吴兴区 draft); with 内/境内/范围内 it still
 *             restricts to a region (省内业绩), marked `restricted`;
 *   outside — another division, or X外/X以外/非X of a local place (湖州市外, 外地);
 *   both    — X内外, 本地和外地 (no discrimination);
 *   unknown — a named place when the jurisdiction is not known (then `presumed`: drafts name
 *             their own place, so slot rules read it as local, and the review warns).
 * Places inside 《…》 titles are not places of the clause. Web-standard code: the TSV text is
 * handed in by the caller (src/node/place-data.ts reads it once, lazily).
 */
import { PhraseIndex } from './phrase-index.js';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';
export type Locality = 'local' | 'outside' | 'both' | 'wider' | 'unknown';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string;
  short: string;
}

export interface PlaceData {
  divisions: Division[];
  byCode: Map<string, Division>;
  /** Full names and the short names of provinces, cities and counties. */
  names: PhraseIndex<Division>;
  /** Short names of townships (织里): accepted only inside the jurisdiction. */
  townshipShorts: PhraseIndex<Division>;
}

export interface Jurisdiction {
  division: Division;
  /** Codes of the division and all its ancestors. */
  chain: Set<string>;
  /** Where it was read from: the review option, the issuer, or the title. */
  source: 'option' | 'issuer' | 'title' | 'setting';
}

export interface PlaceSpan {
  start: number;
  end: number;
  text: string;
  kind: 'named' | 'relative';
  locality: Locality;
  /** X内/境内/范围内/省内: the text restricts to the area. */
  restricted: boolean;
  /** A named place read as local because the jurisdiction is unknown. */
  presumed?: boolean;
  /** The division's code, for named places. */
  code?: string;
  /** The place names a government body (湖州市人民政府, 吴兴区商务局), not a territory. */
  government?: boolean;
}

const LEVELS: DivisionLevel[] = ['province', 'city', 'county', 'township'];

/**
 * Reads divisions.tsv (code, name, level, parent, short; # comment and header lines skipped).
 * `only`: index only the names made of these characters (a UTF-16 unit mask, see charMask): the
 * data then answers exactly as the whole for any text of those characters (a name with another
 * character cannot occur in it), and costs a fraction to build. Every division is kept.
 */
export function parsePlaceData(tsv: string, only?: Uint8Array): PlaceData {
  const divisions: Division[] = [];
  // one pass over the text with indexOf: no array of lines, no array of fields per line (44,700 lines)
  for (let at = 0; at < tsv.length; ) {
    let end = tsv.indexOf('\n', at);
    if (end < 0) end = tsv.length;
    const first = tsv.charCodeAt(at);
    if (end > at && first !== 35 /* # */ && !tsv.startsWith('code\t', at)) {
      const fields: string[] = [];
      for (let f = at; fields.length < 5; ) {
        const tab = tsv.indexOf('\t', f);
        const stop = tab < 0 || tab > end ? end : tab;
        fields.push(tsv.slice(f, stop));
        if (stop === end) break;
        f = stop + 1;
      }
      const [code, name, level, parent = '', short = ''] = fields;
      if (code && name && (level === 'province' || level === 'city' || level === 'county' || level === 'township')) divisions.push({ code, name, level, parent, short });
    }
    at = end + 1;
  }
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const names = new PhraseIndex<Division>();
  const townshipShorts = new PhraseIndex<Division>();
  const wanted = (name: string) => {
    if (!only) return true;
    for (let i = 0; i < name.length; i++) if (only[name.charCodeAt(i)] === 0) return false;
    return true;
  };
  for (const d of divisions) {
    if (wanted(d.name)) names.add(d.name, d);
    if (d.short && wanted(d.short)) (d.level === 'township' ? townshipShorts : names).add(d.short, d);
  }
  return { divisions, byCode, names, townshipShorts };
}

/** The UTF-16 units of a text, as a mask for parsePlaceData. */
export function charMask(text: string, into = new Uint8Array(65536)): Uint8Array {
  for (let i = 0; i < text.length; i++) into[text.charCodeAt(i)] = 1;
  return into;
}

const chains = new WeakMap<Division, Set<string>>();

function chainOf(data: PlaceData, d: Division): Set<string> {
  const known = chains.get(d);
  if (known) return known;
  const chain = new Set<string>();
  for (let c: Division | undefined = d; c && !chain.has(c.code); c = data.byCode.get(c.parent)) chain.add(c.code);
  chains.set(d, chain);
  return chain;
}

/** The most specific division named in a text (湖州市吴兴区人民政府办公室 → 吴兴区), ambiguous names resolved by the names before them. */
export function divisionIn(data: PlaceData, text: string): Division | undefined {
  let current: Division | undefined;
  for (const m of data.names.longest(text)) {
    const within = current ? m.values.filter((d) => chainOf(data, d).has((current as Division).code)) : [];
    const pick = within[0] ?? (current ? undefined : m.values.length === 1 ? m.values[0] : undefined);
    if (pick && (!current || LEVELS.indexOf(pick.level) > LEVELS.indexOf(current.level))) current = pick;
  }
  return current;
}

/**
 * The document's jurisdiction: the explicit option, else the first issuer naming a division, else
 * the title, else the section's own district (the admin's setting: the drafts it reviews are mostly
 * its own district's).
 */
export function resolveJurisdiction(data: PlaceData, from: { option?: string; issuers?: string[]; title?: string; fallback?: string }): Jurisdiction | undefined {
  const tries: [string | undefined, Jurisdiction['source']][] = [
    [from.option, 'option'],
    ...(from.issuers ?? []).map((i): [string, 'issuer'] => [i, 'issuer']),
    [from.title?.split('关于')[0], 'title'],
    [from.fallback, 'setting'],
  ];
  for (const [text, source] of tries) {
    if (!text) continue;
    const d = divisionIn(data, text);
    if (d) return { division: d, chain: chainOf(data, d), source };
  }
  return undefined;
}

/** Township "names" that are the words for a level (a 街道 of 河北 is called 街道): never a place of the clause. */
const GENERIC_TOWNSHIP = new Set(['街道', '乡镇', '镇', '乡', '城区', '城区街道', '社区', '开发区', '园区', '新区']);

/**
 * A township of the county that a township draft belongs to (大唐街道's draft naming 暨阳街道 or 诸暨市's other
 * towns): the same county's own area, read as local — a 街道 regulates within its county, it does not treat the
 * next town as 外地.
 */
function sameCounty(data: PlaceData, d: Division, j: Jurisdiction): boolean {
  return d.level === 'township' && j.division.level === 'township' && d.parent === j.division.parent && data.byCode.has(d.parent);
}

const RELATIVE: [RegExp, 'local' | 'outside' | 'both' | 'province'][] = [
  [/(?:(?:本地|本市|本县|本区|本省|本镇)(?:和|及|与|或|或者|、|以及)(?:外地|外省|外市|外县|外区|外镇|异地)|(?:外地|外省|外市|外县|外区)(?:和|及|与|或|或者|、|以及)(?:本地|本市|本县|本区|本省|本镇)|(?:区|县|市|省|镇|乡|园区|境)内外)/g, 'both'],
  [/(?:非本地|非本市|非本县|非本区|非本省|非本镇|外地|外省|外市|外县|外区|外埠|异地|省外|市外|县外|(?<![园聚发片景城社小厂矿能护范验港业])区外|镇外)/g, 'outside'],
  [/(?:本省|省内|我省)/g, 'province'],
  [/(?:本地区|本地|本市|本县|本区|本镇|本乡|本街道|本辖区|本行政区域|辖区内|园区内|开发区内|区内|县内|市内|镇内|乡内|当地|我市|我区|我县|我镇|我乡|项目所在地|项目实施地|项目所在区域|项目实施区域|采购人所在地)/g, 'local'],
];

const INSIDE = /^(?:行政区域内|范围内|区域内|辖区内|境内|以内|内)/;
const OUTSIDE_OF = /^(?:以外|之外|外(?![贸资商籍汇包派观围援协]))/;
const BOTH = /^(?:境内外|内外)/;
const GOVERNMENT = /^(?:人民政府|政府|党委|人大|政协|管委会|[\u4e00-\u9fa5]{0,8}?(?:管理局|委员会|办公室|局|厅))/;
const NOT_GOVERNMENT = /注册|纳税|设立|落户|投资|企业|迁|结算|生产/;

/** 《…》 and “…” spans that are titles, not places of the clause. */
function titleRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/《[^》]*》/g)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** `presume`: without a jurisdiction, read named places as the issuer's own (not for State Council and ministry texts, whose 上海市 is one place among many). */
export function findPlaces(text: string, data: PlaceData | undefined, jurisdiction: Jurisdiction | undefined, presume = true): PlaceSpan[] {
  const titles = titleRanges(text);
  const inTitle = (s: number) => titles.some(([a, b]) => s >= a && s < b);
  const out: PlaceSpan[] = [];
  const taken = (s: number, e: number) => out.some((p) => s < p.end && p.start < e);
  if (data) {
    const matches = [...data.names.longest(text), ...(jurisdiction ? data.townshipShorts.longest(text) : [])].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const m of matches) {
      if (inTitle(m.start) || taken(m.start, m.end)) continue;
      if (GENERIC_TOWNSHIP.has(m.text)) continue;
      const isTownshipShort = m.values.every((d) => d.level === 'township' && d.short === m.text);
      // a township name several counties share (城关镇, 新华街道) names no one place unless one is the draft's own
      const sharedTownship = m.values.length > 1 && m.values.every((d) => d.level === 'township');
      let locality: Locality = 'unknown';
      let code = m.values[0]?.code;
      if (jurisdiction) {
        const local = m.values.find((d) => chainOf(data, d).has(jurisdiction.division.code) || sameCounty(data, d, jurisdiction));
        const wider = m.values.find((d) => jurisdiction.chain.has(d.code));
        if (local) [locality, code] = ['local', local.code];
        else if (wider) [locality, code] = ['wider', wider.code];
        else locality = 'outside';
        if ((isTownshipShort || sharedTownship) && locality !== 'local') continue;
      } else if (sharedTownship) continue;
      const rest = text.slice(m.end);
      const span: PlaceSpan = { start: m.start, end: m.end, text: m.text, kind: 'named', locality, restricted: false, ...(code ? { code } : {}) };
      const both = BOTH.exec(rest);
      const inside = INSIDE.exec(rest);
      const outside = OUTSIDE_OF.exec(rest);
      const negated = text[m.start - 1] === '非';
      if (both) [span.locality, span.end] = ['both', m.end + both[0].length];
      else if (outside || negated) {
        span.locality = locality === 'outside' ? 'unknown' : 'outside';
        if (outside) span.end = m.end + outside[0].length;
        if (negated) span.start = m.start - 1;
      } else if (inside) [span.restricted, span.end] = [true, m.end + inside[0].length];
      else {
        const gov = GOVERNMENT.exec(rest);
        if (gov && !NOT_GOVERNMENT.test(gov[0])) span.government = true;
      }
      if (presume && span.locality === 'unknown' && !jurisdiction && !negated && !outside) span.presumed = true;
      span.text = text.slice(span.start, span.end);
      out.push(span);
    }
  }
  for (const [re, kind] of RELATIVE) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (inTitle(start) || taken(start, end)) continue;
      let locality: Locality = kind === 'province' ? 'local' : kind;
      let restricted = kind === 'local' || kind === 'province';
      if (kind === 'province' && jurisdiction && jurisdiction.division.level !== 'province') [locality, restricted] = ['wider', true];
      out.push({ start, end, text: m[0], kind: 'relative', locality, restricted });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Does a place restrict to the issuer's own area (or a region above it: 省内 in a county draft)? */
export function isRegional(p: PlaceSpan): boolean {
  if (p.government) return false;
  return p.locality === 'local' || (p.locality === 'wider' && p.restricted) || (p.locality === 'unknown' && p.presumed === true);
}
