/**
 * Required literals of a regular expression: the prefilter the rule set's TextScanner
 * (./text-scanner.ts) checks before running a regex.
 */

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
  /** Other such sets, each necessary on its own (the parts of a sequence): a match contains one of each. */
  sets?: string[][];
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
    return required(this.whole());
  }

  /** Every requirement set known of the whole expression, the one run() gives first. */
  runSets(): string[][] {
    const info = this.whole();
    const first = required(info);
    return [...(first ? [first] : []), ...(info.sets ?? [])];
  }

  private whole(): Info {
    const info = this.alternation();
    if (this.i !== this.s.length) throw new Unsupported();
    return info;
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
    const sets: string[][] = [];
    for (const it of items) {
      best = better(best, required(it));
      const r = required(it);
      if (r) sets.push(r);
      if (it.sets) sets.push(...it.sets);
    }
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
      if (!run.includes('')) {
        best = better(best, run);
        sets.push(run);
      }
    }
    return exactAll ? { exact: exactAll, req: best, sets } : { req: best, sets };
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
    // at least once: what the part requires, every match of it requires
    const sets = atom.sets ? { sets: atom.sets } : {};
    return exact ? { exact, req, ...sets } : { req, ...sets };
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
  return reduced(req);
}

/** A requirement without its redundant strings; null when it requires nothing (empty, or the empty string). */
function reduced(req: string[] | null): string[] | null {
  if (!req || req.length === 0 || req.includes('')) return null;
  // a string containing another of the set adds nothing: the shorter is present whenever it is
  const sorted = [...new Set(req)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.includes(k))) kept.push(s);
  return kept;
}

/** Largest number of requirement sets requiredLiteralSets gives besides requiredLiterals' own. */
const MORE_SETS = 4;

/**
 * Requirement sets of the regular expression besides requiredLiterals' own: every match contains one
 * string of each (the parts of a sequence: 外地…企业…不得 needs 外地|外省 and 企业|单位 and 不得). A text
 * lacking the strings of any one set cannot match. The best few (as requiredLiterals chooses), at most MORE_SETS.
 */
export function requiredLiteralSets(source: string, flags = 'g'): string[][] {
  if (/[imsuyv]/.test(flags)) return [];
  let sets: string[][];
  try {
    sets = new RegexAnalyser(source).runSets();
  } catch (e) {
    if (e instanceof Unsupported) return [];
    throw e;
  }
  const first = requiredLiterals(source, flags);
  const seen = new Set<string>(first ? [[...first].sort().join('\u0000')] : []);
  const out: string[][] = [];
  for (const set of sets) {
    const r = reduced(set);
    if (!r) continue;
    const key = [...r].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  // the best first: no single characters, fewer strings, longer
  out.sort((a, b) => (better(a, b) === a ? -1 : 1));
  return out.slice(0, MORE_SETS);
}
