/**
 * Word auto-numbering made explicit. mammoth drops the text of automatic numbers
 * ("一、", "（三）", "第十二条"), so we compute each numbered paragraph's label from
 * numbering.xml the way Word does: counters per list, start values and overrides,
 * restarts of deeper levels, formats chineseCounting, decimal, circled numbers …
 */
import { formatChineseNumber } from '../../document/chinese-numerals.js';
import { attr, childrenNamed, firstChild, type XmlElement } from './xml-helpers.js';

export interface LevelDef {
  start: number;
  numFmt: string;
  lvlText: string;
  /** w:lvlRestart: undefined = restart after any higher level; 0 = never. */
  restart?: number;
  isLgl: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  pStyle?: string;
}

interface AbstractNum {
  levels: Map<number, LevelDef>;
  numStyleLink?: string;
}

interface NumDef {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, LevelDef>;
}

export interface NumberingDefs {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, NumDef>;
  /** Numbering styles (w:style w:type="numbering") → their numId. */
  numberingStyles: Map<string, string>;
}

function readLevel(lvl: XmlElement): LevelDef {
  const val = (name: string) => attr(firstChild(lvl, name), 'w:val');
  const restart = val('w:lvlRestart');
  const def: LevelDef = {
    start: Number(val('w:start') ?? 1),
    numFmt: val('w:numFmt') ?? 'decimal',
    lvlText: val('w:lvlText') ?? '',
    isLgl: firstChild(lvl, 'w:isLgl') !== undefined,
    suffix: (val('w:suff') as LevelDef['suffix'] | undefined) ?? 'tab',
  };
  if (restart !== undefined) def.restart = Number(restart);
  const pStyle = val('w:pStyle');
  if (pStyle) def.pStyle = pStyle;
  return def;
}

export function readNumberingDefs(numbering: XmlElement | undefined, numberingStyles: Map<string, string>): NumberingDefs {
  const defs: NumberingDefs = { abstracts: new Map(), nums: new Map(), numberingStyles };
  if (!numbering) return defs;
  for (const a of childrenNamed(numbering, 'w:abstractNum')) {
    const levels = new Map<number, LevelDef>();
    for (const lvl of childrenNamed(a, 'w:lvl')) levels.set(Number(attr(lvl, 'w:ilvl') ?? 0), readLevel(lvl));
    const entry: AbstractNum = { levels };
    const link = attr(firstChild(a, 'w:numStyleLink'), 'w:val');
    if (link) entry.numStyleLink = link;
    defs.abstracts.set(attr(a, 'w:abstractNumId') ?? '', entry);
  }
  for (const n of childrenNamed(numbering, 'w:num')) {
    const num: NumDef = {
      abstractId: attr(firstChild(n, 'w:abstractNumId'), 'w:val') ?? '',
      startOverrides: new Map(),
      levelOverrides: new Map(),
    };
    for (const o of childrenNamed(n, 'w:lvlOverride')) {
      const ilvl = Number(attr(o, 'w:ilvl') ?? 0);
      const start = attr(firstChild(o, 'w:startOverride'), 'w:val');
      if (start !== undefined) num.startOverrides.set(ilvl, Number(start));
      const lvl = firstChild(o, 'w:lvl');
      if (lvl) num.levelOverrides.set(ilvl, readLevel(lvl));
    }
    defs.nums.set(attr(n, 'w:numId') ?? '', num);
  }
  return defs;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const ZODIAC = '子丑寅卯辰巳午未申酉戌亥';

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

function letters(n: number): string {
  // Word repeats the letter: a … z, aa … zz
  const ch = String.fromCharCode(97 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, numFmt: string): string {
  switch (numFmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'koreanCounting':
      return formatChineseNumber(n);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'ideographZodiac':
      return ZODIAC[(n - 1) % 12] ?? String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'lowerLetter': return letters(n);
    case 'upperLetter': return letters(n).toUpperCase();
    case 'lowerRoman': return roman(n);
    case 'upperRoman': return roman(n).toUpperCase();
    case 'none': return '';
    default: return String(n); // decimal and anything unknown
  }
}

/** Counts numbered paragraphs in document order and returns their labels. */
export class NumberingCounter {
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(private readonly defs: NumberingDefs) {}

  private resolve(numId: string, seen = new Set<string>()): { num: NumDef; abstractId: string; abs: AbstractNum } | undefined {
    if (seen.has(numId)) return undefined;
    seen.add(numId);
    const num = this.defs.nums.get(numId);
    if (!num) return undefined;
    const abs = this.defs.abstracts.get(num.abstractId);
    if (!abs) return undefined;
    if (abs.numStyleLink) {
      const linked = this.defs.numberingStyles.get(abs.numStyleLink);
      const target = linked ? this.resolve(linked, seen) : undefined;
      if (target) return { num, abstractId: target.abstractId, abs: target.abs };
    }
    return { num, abstractId: num.abstractId, abs };
  }

  /** The level a paragraph style is bound to inside a list (w:lvl/w:pStyle). */
  levelForStyle(numId: string, styleId: string): number | undefined {
    const r = this.resolve(numId);
    if (!r) return undefined;
    for (const [ilvl, def] of r.abs.levels) if (def.pStyle === styleId) return ilvl;
    return undefined;
  }

  /** The label of the next paragraph numbered (numId, ilvl), or undefined if it shows no number. */
  next(numId: string, ilvl: number): { label: string; suffix: LevelDef['suffix'] } | undefined {
    const r = this.resolve(numId);
    if (!r) return undefined;
    const { num, abs } = r;
    const levelDef = (l: number): LevelDef | undefined => num.levelOverrides.get(l) ?? abs.levels.get(l);
    const def = levelDef(ilvl);
    if (!def || def.numFmt === 'bullet' || def.numFmt === 'none') return undefined;
    // a list instance with start overrides counts on its own; others share the abstract list
    const key = num.startOverrides.size > 0 || num.levelOverrides.size > 0 ? `num:${numId}` : `abs:${r.abstractId}`;
    const startOf = (l: number) => num.startOverrides.get(l) ?? levelDef(l)?.start ?? 1;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    const current = counters[ilvl];
    counters[ilvl] = current === undefined ? startOf(ilvl) : current + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const restart = levelDef(k)?.restart;
      if (restart === undefined ? true : restart !== 0 && ilvl < restart) counters[k] = undefined;
    }
    const values = counters;
    const label = def.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const value = values[l] ?? startOf(l);
      const fmt = def.isLgl ? 'decimal' : (levelDef(l)?.numFmt ?? 'decimal');
      return formatNumber(value, fmt);
    });
    return label ? { label, suffix: def.suffix } : undefined;
  }
}
