/**
 * Compiles rule patterns into matchers over one sentence: term sets, regular expressions,
 * co-occurrence (all) within a window of words (counted in characters: windowChars), alternatives (anyOf). Compiled once.
 */
import type { DocumentAnnotations, SentenceAnnotations } from '../annotate/annotate.js';
import type { Vocabulary } from '../annotate/vocabulary.js';
import type { ConcreteBlocker, Pattern } from './schema.js';
import { allHits, compileRegex, expandRegex, expandTerms, isPhraseBreak, termsRegex, termsSource } from './pattern-text.js';
import type { Find, TextScanner } from './text-scanner.js';
import { and, gated, gatesOf, or, type Gate } from './gates.js';
import { compileDifferential, compileExclusive, compileSlots } from './slots.js';
import { compileExceeds } from './amount-compare.js';

export { allMatches, compileRegex, expandRegex, expandTerms, termsRegex } from './pattern-text.js';

export interface Span {
  start: number;
  end: number;
}

export interface Hit extends Span {
  /** The spans of the slots of a slot pattern (for slot-negated blockers and explain). */
  slots?: Span[];
  /** What the finding quotes, when it is not [start, end) (the operative phrase). */
  quote?: Span;
}

export interface SentenceContext {
  text: string;
  /** The own text of the clause's ancestors: the lead sentences ("不得有下列行为：") that govern it. */
  lead?: string;
  /** The own text of the sentence's clause. */
  clauseText?: string;
  /** The whole document text (document-scope blockers). */
  documentText?: string;
  /** The sentence's annotations (places, organisations, term classes). */
  annotations?: SentenceAnnotations;
  /** Annotations of the clause's own text (slot rules with scope: clause). */
  clauseAnnotations?: () => SentenceAnnotations;
  /** Annotations of the clause's own text after its lead (slot rules with scope: lead read their near slots there). */
  leadAnnotations?: () => SentenceAnnotations;
  document?: DocumentAnnotations;
}

/** What compiling needs: the shared term sets and the vocabulary of term classes. */
export interface CompileEnv {
  sets: Record<string, string[]>;
  /** Word families (shared definitions' `families`): a plain word of a term list stands for its whole family. */
  families?: ReadonlyMap<string, readonly string[]>;
  vocabulary: Vocabulary;
  /** The rule set's finders (required literals, one scan per text, shared results); absent: each regex runs on its own. */
  scanner?: TextScanner;
  /**
   * Finders already made in this compile, by what they were made from (a term list, a regex source, a class):
   * the same list in many rules (a shared set, a class) is expanded, sorted and escaped once. Absent: no memo.
   */
  finders?: Map<string, Find>;
  /**
   * The regex sources made before for these keys (memoFinder's: a term list, a rule regex, a class, with the sets and
   * the vocabulary they were expanded with — the Node loader keeps them beside the parsed YAML, under a name that
   * changes with the rule texts and the code that expands them): a source found here is not expanded, sorted and
   * escaped again. Absent: every source is made.
   */
  sources?: RegexSources;
  /** Every source memoFinder took, by its key, when present (what a frozen rule set keeps: compile-rules.ts freeze). */
  made?: Map<string, string>;
}

/** Regex sources by what they were made from (CompileEnv.sources); a value that is not a string is made anew. */
export interface RegexSources {
  get(key: string): unknown;
  set(key: string, source: string): void;
}

/** A finder of every match of `re` in a text: through the rule set's scanner when there is one. */
export function finderOf(env: CompileEnv, re: RegExp): Find {
  return env.scanner ? env.scanner.finder(re) : (text) => allHits(re, text);
}

/**
 * A finder made once per compile for `key` (env.finders) of the global regex of the source `make` gives (or
 * env.sources has for `key`); `make` may throw (an undefined set), and so may compiling (a bad regex): then nothing is kept.
 */
function memoFinder(env: CompileEnv, key: string, make: () => string): Find {
  const known = env.finders?.get(key);
  if (known) return known;
  const cached = env.sources?.get(key);
  const source = typeof cached === 'string' ? cached : make();
  const find = finderOf(env, compileRegex(source));
  if (cached !== source) env.sources?.set(key, source);
  env.made?.set(key, source);
  env.finders?.set(key, find);
  return find;
}

/** Terms with the other words of their families (a word written in a set stands for its family too). */
export function withFamilies(terms: string[], families: CompileEnv['families']): string[] {
  if (!families || families.size === 0) return terms;
  return terms.flatMap((t) => families.get(t) ?? [t]);
}

/** The finder of a term list ("@set" references and word families expanded): termsRegex's. */
export function termsFinder(env: CompileEnv, terms: readonly string[]): Find {
  return memoFinder(env, `terms\n${JSON.stringify(terms)}`, () => termsSource(withFamilies(expandTerms([...terms], env.sets), env.families)));
}

/** The finder of a rule regex ("{@set}" expanded): compileRegex's. */
export function regexFinder(env: CompileEnv, source: string): Find {
  return memoFinder(env, `regex\n${source}`, () => expandRegex(source, env.sets));
}

/** The finder of a term class's words (as termsRegex of the class); undefined: no such class. */
export function classFinder(env: CompileEnv, name: string): Find | undefined {
  const terms = env.vocabulary.classes.get(name);
  return terms ? memoFinder(env, `class\n${name}`, () => termsSource([...terms])) : undefined;
}

/** The gate of a finder (gates.ts): its literals when the scanner knows them, else always open. */
export function gateOfFind(env: CompileEnv, find: Find): Gate {
  return env.scanner ? env.scanner.gate(find) : true;
}

/** The hits of a sentence; shared with other rules reading the same text: never changed by a caller. */
export type Matcher = (s: SentenceContext) => readonly Hit[];

/** The hits of several matchers, in order (no copy when at most one of them has hits). */
export function concatHits(parts: Matcher[], s: SentenceContext): readonly Hit[] {
  let out: readonly Hit[] = [];
  let copied = false;
  for (const m of parts) {
    const hits = m(s);
    if (hits.length === 0) continue;
    if (out.length === 0) out = hits;
    else if (copied) (out as Hit[]).push(...hits);
    else {
      out = [...out, ...hits];
      copied = true;
    }
  }
  return out;
}

/**
 * The characters an `all` pattern's window of `words` words may span: a window is counted in characters, at
 * CHARS_PER_WORD characters a word, so that it does not depend on how a dictionary splits a run of Chinese
 * characters (under the trimmed jieba dictionary a rare word — 不锈钢、耐腐蚀性 — is two or three, and a window
 * met exactly under the full cut was not under the trimmed one). Measured on every window checked over the
 * fixtures, real documents, probe-set drafts and ~10,400 labelled clauses (159 distinct spans longer than their
 * window, windows of 20–60 words): 1.85 characters a word gives the full cut's answer on all but 5 spans, all of
 * window 25 (1.8: 6; 1.9: 6; 2.0: 10; weighing punctuation and digits as a word each: 5 at best), and moves
 * the findings of 2 clauses, neither's verdict (r20-154: a second rule in a finding's `related`; r34-041: the
 * same rule, its quote starting later).
 */
export const CHARS_PER_WORD = 1.85;

export function windowChars(words: number): number {
  return Math.floor(words * CHARS_PER_WORD);
}

export function compilePattern(p: Pattern, env: CompileEnv): Matcher {
  const sets = env.sets;
  if ('slots' in p) return compileSlots(p, env);
  if ('differential' in p) return compileDifferential(p, env);
  if ('exclusive' in p) return compileExclusive(p, env);
  if ('exceeds' in p) return compileExceeds(p, env);
  if ('terms' in p || 'regex' in p) {
    const find = 'terms' in p ? termsFinder(env, p.terms) : regexFinder(env, p.regex);
    return gated((s: SentenceContext) => find(s.text), { need: gateOfFind(env, find), touch: false });
  }
  if ('anyOf' in p) {
    const parts = p.anyOf.map((q) => compilePattern(q, env));
    // every part runs
    const gates = parts.map(gatesOf);
    return gated((s: SentenceContext) => concatHits(parts, s), { need: or(...gates.map((g) => g.need)), touch: or(...gates.map((g) => g.touch)) });
  }
  const parts = p.all.map((q) => compilePattern(q, env));
  const limit = p.window === undefined ? undefined : windowChars(p.window);
  // the parts run in order until one has no hit: part i runs only where the parts before it may hit
  const gates = parts.map(gatesOf);
  const allGates = { need: and(...gates.map((g) => g.need)), touch: or(...gates.map((g, i) => and(...gates.slice(0, i).map((x) => x.need), g.touch))) };
  return gated((s: SentenceContext) => {
    const hitLists: (readonly Hit[])[] = [];
    for (const m of parts) {
      const hits = m(s);
      // every part must hit: the first without any ends it
      if (hits.length === 0) return [];
      hitLists.push(hits);
    }
    const out: Hit[] = [];
    // anchor on each hit of the first part; take the nearest hit of every other part
    for (const anchor of hitLists[0] as readonly Hit[]) {
      let start = anchor.start;
      let end = anchor.end;
      for (const list of hitLists.slice(1)) {
        let best = list[0] as Hit;
        let bestDistance = Infinity;
        for (const h of list) {
          const d = h.start >= anchor.end ? h.start - anchor.end : h.end <= anchor.start ? anchor.start - h.end : 0;
          if (d < bestDistance) {
            best = h;
            bestDistance = d;
          }
        }
        start = Math.min(start, best.start);
        end = Math.max(end, best.end);
      }
      // the window in characters (windowChars): no segmentation, whatever the dictionary
      if (limit !== undefined && end - start > limit) continue;
      if (!out.some((o) => o.start === start && o.end === end)) out.push({ start, end });
    }
    return out;
  }, allGates);
}

export type BlockerTest = (s: SentenceContext, hit: Hit) => boolean;

/** Is there no ，；：。 between two offsets of a text (the same phrase)? */
function samePhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isPhraseBreak(text[i] as string)) return false;
  return true;
}

/** The subject of the phrase holding the hit: the text from the phrase's start to the hit. */
function subjectOf(s: SentenceContext, hit: Hit): string {
  let i = hit.start;
  while (i > 0 && !isPhraseBreak(s.text[i - 1] as string)) i--;
  return s.text.slice(i, hit.start);
}

/**
 * A government subject that puts the act on the party it addresses (要求其, 责令其, 要求乙方): the act is that party's.
 * Words of the vocabulary's `operator` class (要求企业, 责令经营者) already make the subject an operator's below.
 */
const HANDED_ON = /(?:要求|责令|责成)(?:其|经营户|乙方|项目单位|业主单位)/;

/** Compiles a blocker into a test of a hit: is the look-alike context there? */
export function compileBlocker(b: ConcreteBlocker, env: CompileEnv): BlockerTest {
  if ('subject' in b) {
    const gov = classFinder(env, 'government') ?? finderOf(env, termsRegex([]));
    const op = classFinder(env, 'operator') ?? finderOf(env, termsRegex([]));
    return (s, hit) => {
      const subject = subjectOf(s, hit);
      // 街道要求其招用本街道户籍人员: the body hands the act to the operator it addresses — not the body's own duty
      const handedOn = HANDED_ON.test(subject);
      const isGov = gov(subject).length > 0 && op(subject).length === 0 && !handedOn;
      return b.subject === 'government' ? isGov : op(subject).length > 0;
    };
  }
  let find: Find;
  if ('class' in b) {
    const known = classFinder(env, b.class);
    if (!known) throw new Error(`未知的词类 ${b.class}（见 rules/vocabulary.yaml）`);
    find = known;
  } else {
    find = 'terms' in b ? termsFinder(env, b.terms) : regexFinder(env, b.regex);
  }
  const within = b.within;
  return (s, hit) => {
    switch (b.scope) {
      case 'clause':
        return find(s.clauseText ?? s.text).length > 0;
      case 'lead':
        return find(s.lead ?? '').length > 0;
      case 'document':
        return find(s.documentText ?? s.text).length > 0;
      case 'sentence':
        return find(s.text).length > 0;
      // before the hit, or overlapping its first words (不要求 in front of a hit that starts at 要求)
      case 'before':
        return find(s.text).some((h) => h.start < hit.start && h.end < hit.end && (within === undefined || hit.start - h.end <= within));
      case 'after':
        return find(s.text).some((h) => h.start >= hit.end && (within === undefined || h.start - hit.end <= within));
      case 'hit':
        return find(s.text).some((h) => h.start >= hit.start && h.end <= hit.end);
      case 'phrase':
        return find(s.text).some((h) => (h.start < hit.end && hit.start < h.end) || (h.end <= hit.start && samePhrase(s.text, h.end, hit.start) && (within === undefined || hit.start - h.end <= within)));
      case 'phrase-after':
        return find(s.text).some((h) => h.start >= hit.end && samePhrase(s.text, hit.end, h.start) && (within === undefined || h.start - hit.end <= within));
      case 'slot-negated': {
        const max = within ?? 3;
        const slots = hit.slots ?? [hit];
        return find(s.text).some((h) => slots.some((sl) => h.end <= sl.start && sl.start - h.end <= max));
      }
    }
  };
}
