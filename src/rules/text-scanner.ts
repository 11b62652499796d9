/**
 * The rule set's regexes run through one scanner (TextScanner): each regex's required literals
 * (requiredLiterals) go into one phrase dictionary, a text is scanned once for all of them, and a
 * regex none of whose literals is in a text is not run on it.
 */
import { PhraseIndex } from '../annotate/phrase-index.js';
import { allHits, type TextSpan } from './pattern-text.js';

/* ------------------------------------------------------------------------------------------------
 * Required literals: a necessary condition of a regular expression, checked before running it.
 * For a regex R, `requiredLiterals(R)` is a set S of strings such that every match of R contains
 * at least one string of S (null when no such set is known: a bare class, an optional part). A
 * text containing none of S cannot match, so R need not run on it. The analysis is conservative:
 * whatever it does not understand gives null (R always runs), so it holds for any rule.
 * ---------------------------------------------------------------------------------------------- */

/** Largest set of whole strings kept for a part of a regex (alternatives times alternatives). */
const EXACT_CAP = 64;

interface Info {
  /** Every string the part can match, when few (the empty string included for optional parts). */
  exact?: string[];
  /** A set one of which every match contains; null: none known. */
  req: string[] | null;
}

class Unsupported extends Error {}

/** Characters with a meaning of their own in a regex (] and } are plain in JS without u, but left to atom()). */
const SPECIAL = new Set([...'\\^$.|?*+()[]{}']);
const QUANTIFIER = new Set([...'?*+{']);

const ANY: Info = { req: null };
const EMPTY: Info = { exact: [''], req: null };

function cross(a: string[], b: string[]): string[] | undefined {
  if (a.length * b.length > EXACT_CAP) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

/** The requirement a part gives on its own: its whole strings when none is empty, else its requirement. */
function required(info: Info): string[] | null {
  if (info.exact && !info.exact.includes('')) return info.exact;
  return info.req;
}

/** Which of two requirements prunes better: no single characters first, then fewer strings, then longer. */
function shortest(xs: string[]): number {
  let min = Infinity;
  for (const x of xs) if (x.length < min) min = x.length;
  return min;
}

function better(a: string[] | null, b: string[] | null): string[] | null {
  if (!a) return b;
  if (!b) return a;
  const minA = shortest(a);
  const minB = shortest(b);
  const keyA = Math.min(minA, 2);
  const keyB = Math.min(minB, 2);
  if (keyA !== keyB) return keyA > keyB ? a : b;
  if (a.length !== b.length) return a.length < b.length ? a : b;
  return minA >= minB ? a : b;
}

class RegexAnalyser {
  private i = 0;
  constructor(private readonly s: string) {}

  run(): string[] | null {
    const info = this.alternation();
    if (this.i !== this.s.length) throw new Unsupported();
    return required(info);
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] as Info;
    // long alternations (a term set of hundreds): one set each, no copying per branch
    let exact: Set<string> | undefined = new Set();
    let req: Set<string> | null = new Set();
    for (const b of branches) {
      if (exact) {
        if (b.exact) for (const x of b.exact) exact.add(x);
        if (!b.exact || exact.size > EXACT_CAP) exact = undefined;
      }
      if (req) {
        const r = required(b);
        if (r) for (const x of r) req.add(x);
        else req = null;
      }
      if (!exact && !req) return ANY;
    }
    const reqList = req ? [...req] : null;
    return exact ? { exact: [...exact], req: reqList } : { req: reqList };
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const run = this.literalRun();
      items.push(run ?? this.quantified(this.atom()));
    }
    if (items.length === 0) return EMPTY;
    if (items.length === 1) return items[0] as Info;
    let best: string[] | null = null;
    for (const it of items) best = better(best, required(it));
    // runs of whole-string parts, joined: 其他(?:企业|经营者) → 其他企业, 其他经营者
    let exactAll: string[] | undefined = [''];
    let run: string[] | undefined;
    for (const it of items) {
      if (exactAll) exactAll = it.exact ? cross(exactAll, it.exact) : undefined;
      if (!it.exact) {
        run = undefined;
        continue;
      }
      const joined: string[] | undefined = run ? cross(run, it.exact) : it.exact;
      run = joined ?? it.exact;
      if (!run.includes('')) best = better(best, run);
    }
    return exactAll ? { exact: exactAll, req: best } : { req: best };
  }

  /** Plain characters in a row, none quantified, as one part (most of a rule regex is words). */
  private literalRun(): Info | undefined {
    const s = this.s;
    let j = this.i;
    while (j < s.length && !SPECIAL.has(s[j] as string)) j++;
    // a quantifier binds to the last character alone
    if (j < s.length && QUANTIFIER.has(s[j] as string)) j--;
    if (j - this.i < 2) return undefined;
    const text = s.slice(this.i, j);
    this.i = j;
    return { exact: [text], req: [text] };
  }

  private quantified(atom: Info): Info {
    const s = this.s;
    let min: number;
    let max: number;
    const c = s[this.i];
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(s.slice(this.i));
      if (!m) throw new Unsupported();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    } else return atom;
    if (s[this.i] === '?') this.i++; // lazy
    if (min === 0) return max >= 1 && atom.exact && max === 1 ? { exact: [...new Set(['', ...atom.exact])], req: null } : max === 0 ? EMPTY : ANY;
    let exact: string[] | undefined;
    if (atom.exact && min === max) {
      exact = [''];
      for (let k = 0; k < min && exact; k++) exact = cross(exact, atom.exact);
    }
    const req = required(atom);
    return exact ? { exact, req } : { req };
  }

  private atom(): Info {
    const s = this.s;
    const c = s[this.i] as string;
    if (c === '(') {
      let zeroWidth = false;
      if (s.startsWith('(?:', this.i)) this.i += 3;
      else if (s.startsWith('(?=', this.i) || s.startsWith('(?!', this.i)) {
        this.i += 3;
        zeroWidth = true;
      } else if (s.startsWith('(?<=', this.i) || s.startsWith('(?<!', this.i)) {
        this.i += 4;
        zeroWidth = true;
      } else if (s.startsWith('(?<', this.i)) {
        const end = s.indexOf('>', this.i);
        if (end < 0) throw new Unsupported();
        this.i = end + 1;
      } else if (s[this.i + 1] === '?') throw new Unsupported();
      else this.i++;
      const inner = this.alternation();
      if (s[this.i] !== ')') throw new Unsupported();
      this.i++;
      return zeroWidth ? EMPTY : inner;
    }
    if (c === '[') {
      this.i++;
      if (s[this.i] === '^') this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
      if (this.i >= s.length) throw new Unsupported();
      this.i++;
      return ANY;
    }
    if (c === '.') {
      this.i++;
      return ANY;
    }
    if (c === '^' || c === '$') {
      this.i++;
      return EMPTY;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported();
    if (c === '\\') return this.escape();
    this.i++;
    return { exact: [c], req: [c] };
  }

  private escape(): Info {
    const s = this.s;
    const c = s[this.i + 1];
    if (c === undefined) throw new Unsupported();
    this.i += 2;
    const literal = (ch: string): Info => ({ exact: [ch], req: [ch] });
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return ANY;
      case 'b':
      case 'B':
        return EMPTY;
      case 'n':
        return literal('\n');
      case 'r':
        return literal('\r');
      case 't':
        return literal('\t');
      case 'v':
        return literal('\v');
      case 'f':
        return literal('\f');
      case '0':
        if (/\d/.test(s[this.i] ?? '')) throw new Unsupported();
        return literal('\0');
      case 'x': {
        const h = /^[0-9a-fA-F]{2}/.exec(s.slice(this.i));
        if (!h) throw new Unsupported();
        this.i += 2;
        return literal(String.fromCharCode(parseInt(h[0], 16)));
      }
      case 'u': {
        const h = /^[0-9a-fA-F]{4}/.exec(s.slice(this.i));
        if (!h) throw new Unsupported();
        this.i += 4;
        return literal(String.fromCharCode(parseInt(h[0], 16)));
      }
      case 'c':
      case 'k':
      case 'p':
      case 'P':
        throw new Unsupported();
      default:
        if (/[1-9]/.test(c)) {
          while (/\d/.test(s[this.i] ?? '')) this.i++;
          return ANY; // a back reference (or an old octal escape): no requirement
        }
        if (/[A-Za-z]/.test(c)) throw new Unsupported(); // an escape this analysis does not know
        return literal(c);
    }
  }
}

/**
 * Strings one of which every match of the regular expression `source` (flags g, no i/u/m/s/y)
 * contains; null when none is known. Redundant strings are dropped (one containing another).
 */
export function requiredLiterals(source: string, flags = 'g'): string[] | null {
  if (/[imsuyv]/.test(flags)) return null;
  let req: string[] | null;
  try {
    req = new RegexAnalyser(source).run();
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  if (!req || req.length === 0 || req.includes('')) return null;
  // a string containing another of the set adds nothing: the shorter is present whenever it is
  const sorted = [...new Set(req)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept;
}

/** Every match of a regular expression in a text (what allHits returns, the same array for the same text). */
export type Find = (text: string) => readonly TextSpan[];

const NO_SPANS: readonly TextSpan[] = Object.freeze([]);

interface TextEntry {
  /** Which finders may match this text, one bit per finder id; computed on first need. */
  possible?: Uint32Array;
  /** Results already computed, by finder id. */
  results?: Map<number, readonly TextSpan[]>;
}

/**
 * The finders of one rule set: every regular expression the rules run (patterns, slots,
 * blockers), each with its required literals in one dictionary. A text is scanned once for all
 * of them; a finder whose literals are absent returns no match without running, and a finder
 * run once on a text keeps its result for the next rule asking (the same clause, lead or
 * document text is read by many rules). Results are shared: callers must not change them.
 */
/** Required literals by regex (flags/source), kept between processes; any value not a valid answer is recomputed. */
export interface LiteralCache {
  get(key: string): unknown;
  set(key: string, value: string[] | null): void;
}

const validLiterals = (v: unknown): v is string[] | null => v === null || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.length > 0));

/** A sentence of the kind the rules read (the text does not matter: any text of some length makes V8 compile). */
const WARM_UP_TEXT = '第一条 为促进本区企业发展，对在本区注册的企业给予奖励，具体办法由区商务局另行制定。';

export class TextScanner {
  private readonly literals = new PhraseIndex<number>();
  /** Per finder: 1 when it has required literals (it runs only where one is present). */
  private readonly filtered: number[] = [];
  private readonly cache = new Map<string, TextEntry>();
  private lastText: string | undefined;
  private lastEntry: TextEntry | undefined;
  /** Texts kept (a document's sentences, clauses, leads and the document itself come and go). */
  private static readonly KEEP = 64;

  /** Ids by flags and source: the same expression in two rules runs once per text. */
  private readonly ids = new Map<string, number>();
  /** The expressions, by id (warmUp). */
  private readonly regexes: RegExp[] = [];

  constructor(private readonly known?: LiteralCache) {}

  finder(re: RegExp): Find {
    const key = `${re.flags}/${re.source}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.filtered.length;
      this.ids.set(key, id);
      const cached = this.known?.get(key);
      const needles = validLiterals(cached) ? cached : requiredLiterals(re.source, re.flags);
      if (this.known && cached !== needles) this.known.set(key, needles);
      this.filtered.push(needles ? 1 : 0);
      this.regexes.push(re);
      for (const n of needles ?? []) this.literals.add(n, id);
      this.clear();
    }
    const own = id;
    return (text) => {
      const entry = this.entry(text);
      if (this.filtered[own] === 1 && (((entry.possible ??= this.scan(text))[own >>> 5] as number) & (1 << (own & 31))) === 0) return NO_SPANS;
      const known = entry.results?.get(own);
      if (known) return known;
      const result = allHits(re, text);
      (entry.results ??= new Map()).set(own, result);
      return result;
    };
  }

  /**
   * Runs every expression once on a short text, so that V8 compiles them now (it compiles a regular
   * expression on its first run over a text: 1,500 of them cost 0.1–0.2 s under load) — the command line
   * does it while a Word file is still being read. Changes no answer: every run starts from lastIndex 0.
   */
  warmUp(sample = WARM_UP_TEXT): void {
    for (const re of this.regexes) {
      re.lastIndex = 0;
      re.exec(sample);
      re.lastIndex = 0;
    }
  }

  /** Forgets the texts seen (the cache holds at most KEEP of them anyway). */
  clear(): void {
    this.cache.clear();
    this.lastText = undefined;
    this.lastEntry = undefined;
  }

  private entry(text: string): TextEntry {
    if (text === this.lastText && this.lastEntry) return this.lastEntry;
    let entry = this.cache.get(text);
    if (entry) {
      // most recently used last
      this.cache.delete(text);
      this.cache.set(text, entry);
    } else {
      entry = {};
      this.cache.set(text, entry);
      if (this.cache.size > TextScanner.KEEP) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.lastText = text;
    this.lastEntry = entry;
    return entry;
  }

  private scan(text: string): Uint32Array {
    const possible = new Uint32Array((this.filtered.length + 31) >>> 5);
    this.literals.each(text, (id) => {
      possible[id >>> 5] = (possible[id >>> 5] as number) | (1 << (id & 31));
    });
    return possible;
  }
}
