/**
 * The division table (corpus/places/divisions.tsv: every administrative division of China) and the
 * document's jurisdiction read from it. Web-standard code: the TSV text is handed in by the caller
 * (src/node/place-data.ts reads it once, lazily). Places in a sentence: ./places.ts.
 */
import { PhraseIndex } from './phrase-index.js';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township';
export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string;
  short: string;
}

export interface PlaceData {
  /** Every division (data read for some texts only, parsePlaceData's `only`: those it can name and their ancestors). */
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

export const LEVELS: DivisionLevel[] = ['province', 'city', 'county', 'township'];

/**
 * Reads divisions.tsv (code, name, level, parent, short; # comment and header lines skipped).
 * `only`: index only the names made of these characters (a UTF-16 unit mask, see charMask): the
 * data then answers exactly as the whole for any text of those characters (a name with another
 * character cannot occur in it), and costs a fraction to build: only the divisions with such a
 * name and their ancestors (the chains places are resolved by) are made, the other lines are
 * passed over without making anything. Without `only` every division is kept.
 */
/**
 * Where the fields of each data line of divisions.tsv are, as parsePlaceData's filtered reading looks them up:
 * (line start, end — the end of the fifth field when there is a sixth —, first tab, end of the name, start
 * of the short name, 1 when the line may be a parent) per line that has a tab. Made of the text alone, so
 * that it can be made before the texts to filter by are known (`fahu review` does it while the Word file is
 * still being read); parsePlaceData answers the same with it as without.
 */
export interface PlaceLines {
  tsv: string;
  rows: Int32Array;
}

const ROW = 6;

/** Each data line's [start, end), in order (# comments and the header passed over); one pass with indexOf. */
function eachLine(tsv: string, visit: (at: number, end: number) => void): void {
  for (let at = 0; at < tsv.length; ) {
    let end = tsv.indexOf('\n', at);
    if (end < 0) end = tsv.length;
    if (end > at && tsv.charCodeAt(at) !== 35 /* # */ && !tsv.startsWith('code\t', at)) visit(at, end);
    at = end + 1;
  }
}

export function placeLines(tsv: string): PlaceLines {
  let rows = new Int32Array(ROW * 50_000);
  let n = 0;
  eachLine(tsv, (at, end) => {
    // name (field 2) and short (field 5) found in place
    const t1 = tsv.indexOf('\t', at);
    if (t1 < 0 || t1 > end) return;
    const t2 = tsv.indexOf('\t', t1 + 1);
    const nameEnd = t2 < 0 || t2 > end ? end : t2;
    let shortStart = end;
    let upperLevel = false;
    if (nameEnd < end) {
      const t3 = tsv.indexOf('\t', nameEnd + 1);
      upperLevel = tsv.charCodeAt(nameEnd + 1) !== 116; /* t: a township is nobody's parent */
      const t4 = t3 < 0 || t3 > end ? -1 : tsv.indexOf('\t', t3 + 1);
      if (t4 >= 0 && t4 < end) {
        const t5 = tsv.indexOf('\t', t4 + 1);
        shortStart = t4 + 1;
        if (t5 >= 0 && t5 < end) end = t5; // a sixth field is not read
      }
    }
    if (n + ROW > rows.length) {
      const more = new Int32Array(rows.length * 2);
      more.set(rows);
      rows = more;
    }
    rows[n] = at;
    rows[n + 1] = end;
    rows[n + 2] = t1;
    rows[n + 3] = nameEnd;
    rows[n + 4] = shortStart;
    rows[n + 5] = upperLevel ? 1 : 0;
    n += ROW;
  });
  return { tsv, rows: rows.slice(0, n) };
}

/**
 * Where names may occur: the texts places will be read in, as parsePlaceData's `inText` (occurrencesOf). A name
 * occurs when it is a substring of those texts.
 */
export interface Occurrences {
  /** Whether the field [from, to) of `source` is a substring of the texts (nothing allocated). */
  has(source: string, from: number, to: number): boolean;
}

const PAIR_BITS = 16;
const pairHash = (a: number, b: number) => (Math.imul(a, 0x9e37) ^ b) & ((1 << PAIR_BITS) - 1);

/** The substrings of a text, found through the positions of each pair of characters (chained by a hash of the pair). */
export function occurrencesOf(text: string): Occurrences {
  const head = new Int32Array(1 << PAIR_BITS).fill(-1);
  const next = new Int32Array(Math.max(0, text.length - 1));
  for (let p = text.length - 2; p >= 0; p--) {
    const h = pairHash(text.charCodeAt(p), text.charCodeAt(p + 1));
    next[p] = head[h] as number;
    head[h] = p;
  }
  const units = charMask(text);
  return {
    has(source, from, to) {
      const len = to - from;
      if (len <= 0) return false;
      const first = source.charCodeAt(from);
      if (len === 1) return units[first] === 1;
      const second = source.charCodeAt(from + 1);
      for (let p = head[pairHash(first, second)] as number; p >= 0; p = next[p] as number) {
        if (p + len > text.length) continue;
        let k = 0;
        while (k < len && text.charCodeAt(p + k) === source.charCodeAt(from + k)) k++;
        if (k === len) return true;
      }
      return false;
    },
  };
}

/**
 * `table`: placeLines of this very text, made before (read only with `only`). `inText` (with `only`, the
 * occurrences of texts all of whose characters are in `only`): a division is made only where one of its names
 * (full, short, or the spoken name of an autonomous division) that `only` keeps occurs in those texts, or as an
 * ancestor of such a division — the names of the others cannot occur in those texts, so that the data answers for
 * them (and every text within them) exactly as without `inText`, with a fraction of the divisions made (the 60k
 * draft's characters keep 7,610 divisions, its names a few hundred).
 */
export function parsePlaceData(tsv: string, only?: Uint8Array, table?: PlaceLines, inText?: Occurrences): PlaceData {
  const wanted = (name: string) => {
    if (!only) return true;
    for (let i = 0; i < name.length; i++) if (only[name.charCodeAt(i)] === 0) return false;
    return true;
  };
  /** Whether the field [from, to) of the text is made of wanted characters (nothing allocated). */
  const wantedField = (from: number, to: number) => {
    if (!only || from >= to) return !only;
    for (let i = from; i < to; i++) if (only[tsv.charCodeAt(i)] === 0) return false;
    return true;
  };
  // the divisions made, by the offset of their line (file order); `need`: codes of ancestors not made yet
  const made = new Map<number, Division>();
  /** Lines of divisions that may be parents, not made (yet), by code: [start, end). */
  const upper = new Map<string, [number, number]>();
  const all: Division[] = [];
  const need = new Set<string>();
  const makeAt = (at: number, end: number): void => {
    const fields: string[] = [];
    for (let f = at; fields.length < 5; ) {
      const tab = tsv.indexOf('\t', f);
      const stop = tab < 0 || tab > end ? end : tab;
      fields.push(tsv.slice(f, stop));
      if (stop === end) break;
      f = stop + 1;
    }
    const [code, name, level, parent = '', short = ''] = fields;
    if (!(code && name && (level === 'province' || level === 'city' || level === 'county' || level === 'township'))) return;
    const d: Division = { code, name, level, parent, short };
    if (!only) all.push(d);
    else {
      made.set(at, d);
      if (parent) need.add(parent);
    }
  };
  const lines = (visit: (at: number, end: number) => void) => eachLine(tsv, visit);
  if (!only) lines(makeAt);
  else {
    // a line with neither its name nor its short name wanted makes nothing
    const { rows } = table && table.tsv === tsv ? table : placeLines(tsv);
    /** With inText: lines kept by `only` whose names do not occur (what would have been made without inText: their ancestors, `wantedAncestors`). */
    const unmade: number[] = [];
    /** With inText: autonomous divisions not kept by `only` whose spoken name occurs, made if an ancestor of a line kept by `only`. */
    const spokenOnly: [number, number, string][] = [];
    for (let k = 0; k < rows.length; k += ROW) {
      const at = rows[k] as number;
      const end = rows[k + 1] as number;
      const t1 = rows[k + 2] as number;
      const nameEnd = rows[k + 3] as number;
      const shortStart = rows[k + 4] as number;
      const nameWanted = wantedField(t1 + 1, nameEnd);
      const shortWanted = wantedField(shortStart, end);
      if (!inText) {
        if (nameWanted || shortWanted) makeAt(at, end);
        else if (rows[k + 5] === 1) upper.set(tsv.slice(at, t1), [at, end]);
        continue;
      }
      if ((nameWanted && inText.has(tsv, t1 + 1, nameEnd)) || (shortWanted && inText.has(tsv, shortStart, end))) {
        makeAt(at, end);
        continue;
      }
      // an autonomous division's spoken name (恩施州) is indexed where the division is made (below)
      const spoken = holdsAutonomy(tsv, t1 + 1, nameEnd) ? spokenName(tsv.slice(t1 + 1, nameEnd)) : undefined;
      const spokenShown = spoken !== undefined && spoken !== tsv.slice(shortStart, end) && wanted(spoken) && inText.has(spoken, 0, spoken.length);
      if (spokenShown && (nameWanted || shortWanted)) makeAt(at, end);
      else {
        if (spokenShown) spokenOnly.push([at, end, tsv.slice(at, t1)]);
        if (nameWanted || shortWanted) unmade.push(at, end);
        if (rows[k + 5] === 1) upper.set(tsv.slice(at, t1), [at, end]);
      }
    }
    // an autonomous division made without inText only as an ancestor of a line `only` keeps: the same here (rare)
    if (spokenOnly.length > 0) {
      const parents = [...made.values()].map((d) => d.parent);
      for (let i = 0; i < unmade.length; i += 2) parents.push(lineFields(tsv, unmade[i] as number, unmade[i + 1] as number)[3] ?? '');
      const ancestors = ancestorCodes(tsv, rows, parents);
      for (const [at, end, code] of spokenOnly) if (ancestors.has(code)) makeAt(at, end);
    }
  }
  // ancestors from the lines of provinces, cities and counties (3,000 of the 44,700) noted above
  for (let more = true; only && more; ) {
    more = false;
    for (const code of [...need]) {
      const line = upper.get(code);
      if (!line) continue;
      upper.delete(code);
      need.delete(code);
      makeAt(line[0], line[1]);
      more = true;
    }
  }
  // any ancestor still missing (a township's child, should the file have one): passes over every line
  for (let pass = 0; only && pass < 8; pass++) {
    for (const d of made.values()) need.delete(d.code);
    if (need.size === 0) break;
    const missing = new Set(need);
    need.clear();
    lines((at, end) => {
      if (made.has(at)) return;
      const tab = tsv.indexOf('\t', at);
      if (missing.has(tsv.slice(at, tab < 0 || tab > end ? end : tab))) makeAt(at, end);
    });
  }
  const divisions = only ? [...made.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d) : all;
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const names = new PhraseIndex<Division>();
  const townshipShorts = new PhraseIndex<Division>();
  for (const d of divisions) {
    if (wanted(d.name)) names.add(d.name, d);
    if (d.short && wanted(d.short)) (d.level === 'township' ? townshipShorts : names).add(d.short, d);
    const spoken = spokenName(d.name);
    if (spoken && spoken !== d.short && wanted(spoken)) names.add(spoken, d);
  }
  return { divisions, byCode, names, townshipShorts };
}

/** Whether the field [from, to) holds 自治 (an autonomous division's name; nothing allocated). */
function holdsAutonomy(tsv: string, from: number, to: number): boolean {
  for (let i = from; i + 1 < to; i++) if (tsv.charCodeAt(i) === 0x81ea /* 自 */ && tsv.charCodeAt(i + 1) === 0x6cbb /* 治 */) return true;
  return false;
}

/** The tab-separated fields of the line [at, end). */
function lineFields(tsv: string, at: number, end: number): string[] {
  return tsv.slice(at, end).split('\t');
}

/**
 * The codes of the divisions named by `parents` and of all their ancestors, through the lines' parent fields
 * (parsePlaceData's ancestors: the same lines, read whatever their level).
 */
function ancestorCodes(tsv: string, rows: Int32Array, parents: string[]): Set<string> {
  const parentOf = new Map<string, string[]>();
  for (let k = 0; k < rows.length; k += ROW) {
    const [code = '', , , parent = ''] = lineFields(tsv, rows[k] as number, rows[k + 1] as number);
    const known = parentOf.get(code);
    if (known) known.push(parent);
    else parentOf.set(code, [parent]);
  }
  const out = new Set<string>();
  const todo = parents.filter((p) => p);
  while (todo.length > 0) {
    const code = todo.pop() as string;
    if (out.has(code) || !parentOf.has(code)) continue;
    out.add(code);
    for (const p of parentOf.get(code) ?? []) if (p) todo.push(p);
  }
  return out;
}

/** The 55 minority nationalities as they appear in the names of autonomous divisions (哈萨克 without 族 in 伊犁哈萨克自治州). */
const NATIONALITIES =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺'
    .split('|')
    .sort((a, b) => b.length - a.length)
    .join('|');
const AUTONOMOUS = new RegExp(`^([\\u4e00-\\u9fa5]{2,4}?)(?:(?:${NATIONALITIES})族?)+自治(州|县|旗)$`);

/**
 * The name an autonomous division goes by in documents: 恩施土家族苗族自治州 is 恩施州, 红河哈尼族彝族自治州 红河州,
 * 景宁畲族自治县 景宁县 (the place name before the nationalities, with the level's own character).
 */
export function spokenName(name: string): string | undefined {
  // 44,000 names go through here at load: only the 自治州/县/旗 (a few hundred) are worth the regex
  if (!name.includes('自治')) return undefined;
  const m = AUTONOMOUS.exec(name);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** The UTF-16 units of a text, as a mask for parsePlaceData. */
export function charMask(text: string, into = new Uint8Array(65536)): Uint8Array {
  for (let i = 0; i < text.length; i++) into[text.charCodeAt(i)] = 1;
  return into;
}

const chains = new WeakMap<Division, Set<string>>();

export function chainOf(data: PlaceData, d: Division): Set<string> {
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
