/**
 * What a compiled rule set is (compile-rules.ts makes one of the rule files, thaw-rules.ts of a frozen one kept by the
 * Node loader), its frozen form, and the pieces both make alike: a gated rule's match, a blocker's name.
 */
import type { PlaceData } from '../annotate/divisions.js';
import type { Vocabulary } from '../annotate/vocabulary.js';
import type { Corpus, ResolvedBasis } from '../corpus/corpus.js';
import type { CheckContext } from './document-checks.js';
import type { GateTest } from './gates.js';
import type { LiteralTrieArrays } from './literal-trie.js';
import { concatHits, type BlockerTest, type Hit, type Matcher, type SentenceContext } from './matchers.js';
import type { Rule } from './schema.js';
import type { FrozenScanner, ThawScanner, TrieMaterial } from './scanner-keeping.js';
import type { TextScanner } from './text-scanner.js';

export interface RuleSource {
  /** Path for messages, e.g. "rules/market-entry.yaml" or "rules/packs/tongzhuang/…". */
  file: string;
  content: string;
  /** Pack name for pack rules; undefined for the core set. */
  pack?: string;
}

export interface CompiledRule {
  rule: Rule;
  file: string;
  pack?: string;
  basis: ResolvedBasis[];
  match?: Matcher;
  blocked: (s: SentenceContext, hit: Hit) => boolean;
  /** Each blocker with its name (context name, or its terms/regex), for `rules explain`. */
  blockers: { name: string; test: BlockerTest }[];
  /**
   * Literal ids (RuleSet.literalBits) one of which a sentence holds wherever `match` may hit or look up places
   * there (gates.ts triggers); absent: every sentence may hold a hit. `match` checks its own gate: this only saves asking it.
   */
  triggers?: number[];
  /**
   * For a rule without `triggers` (a part of its gate reads the clause's text): literal ids one of which the
   * sentence or its clause holds wherever `match` may hit or look up places (gates.ts wideTriggers).
   */
  wideTriggers?: number[];
  /**
   * The gate `match` checks first (gates.ts compileGate), on the sentence's literal bits and its clause's, with
   * `open`: what `match` does once the gate is open. The engine, which has the sentence's bits already, asks these
   * two instead of `match` (same answer: `match` is `open` behind this gate, where the sentence's annotations are of
   * its own text); absent: only `match`.
   */
  gate?: GateTest;
  open?: Matcher;
}

/** An industry pack: rules enabled on request (`--pack NAME`, or by the admin in the workbench). */
export interface PackInfo {
  name: string;
  title: string;
  description?: string;
  ruleCount: number;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** The packs found among the sources, by name. */
  packs: PackInfo[];
  checkContext: CheckContext;
  /** The legal texts the rules cite (for coverage and basis lookups). */
  corpus: Corpus;
  /** Term classes of the slot rules (rules/vocabulary.yaml). */
  vocabulary: Vocabulary;
  /** The division dataset, loaded on first use; undefined where none is available. `texts`: see AnnotateOptions.places. */
  places?: (texts?: string) => PlaceData | undefined;
  /** Has V8 compile every regular expression of the rules now (text-scanner.ts warmUp); changes no answer. */
  warmUp?: () => void;
  /** Builds what the first sentence would (the literal dictionary of the one scan, text-scanner.ts prepare); changes no answer. */
  prepare?: () => void;
  /** Which literal ids a text holds, one bit each (CompiledRule.triggers); shared: never changed by a caller. */
  literalBits?: (text: string) => Uint32Array;
  /** What thawRules makes this rule set again of (RuleSetExtras.freeze); undefined: it cannot be kept. */
  freeze?: () => FrozenRuleSet | undefined;
  /**
   * A thawed rule set (thawRules) compiles each rule on its first run: this compiles ahead, while a caller would wait
   * anyway (the command line, for the Word worker), every rule not compiled yet that may run on some sentence of
   * `text` (its gate open on the whole text's literals). Changes no answer.
   */
  compileFor?: (text: string) => void;
}

/**
 * A compiled rule set as kept between processes (the Node loader's compiled rule cache, node/compiled-rule-cache.ts),
 * for thawRules: each rule's own fields but its patterns, blockers and examples (kept as JSON texts, parsed when first
 * asked for), its gate's instructions and triggers, the scanner's ids (its trie by what it is made of), the term
 * classes, the shared definitions and every regex source by the keyHash of its key. Made only for rule texts that
 * compiled without a problem; the Node loader keys it by those texts and the code that compiles them.
 */
export interface FrozenRuleSet {
  scanner: FrozenScanner;
  /** What the scanner's trie is made of (the trie cache's key). */
  trie: TrieMaterial;
  rules: FrozenRule[];
  packs: PackInfo[];
  /** rules/vocabulary.yaml's classes, as buildVocabulary takes them. */
  classes: Record<string, string[]>;
  /** JSON of the shared definitions: { sets, families, contexts }. */
  shared: string;
  /** Every regex source memoFinder took, by the keyHash of its key. */
  sources: [string, string][];
}

/** One rule of a FrozenRuleSet; `T` is how its texts are held (strings when frozen, readers when thawed from a file). */
export interface FrozenRule<T = string> {
  file: string;
  pack?: string;
  /** The rule's keys in order (its fields are given back in this order). */
  keys: string[];
  /** Its fields but patterns, unless and examples. */
  own: Record<string, unknown>;
  /** JSON of { patterns, unless }. */
  compile: T;
  /** JSON of the examples (null: none). */
  examples: T;
  /** Its gate's instructions (gates.ts gateCode), for a rule with patterns; absent: its patterns run on every sentence. */
  gate?: boolean | (T extends string ? number[] : () => readonly number[]);
  /** Does the gate read the clause? */
  clause?: boolean;
  triggers?: number[];
  wideTriggers?: number[];
  hasPatterns: boolean;
}

/** What thawRules takes: a FrozenRuleSet whose texts are read when first needed, with the trie's arrays. */
export interface ThawInput {
  scanner: ThawScanner;
  trie: LiteralTrieArrays;
  rules: FrozenRule<() => string>[];
  packs: PackInfo[];
  classes: Record<string, string[]>;
  shared: () => string;
  /** The regex source of a key's keyHash; undefined: none kept. */
  source: (hash: string) => string | undefined;
}

/** A rule's fields kept as JSON texts in a FrozenRule (parsed when first asked for). */
export const HEAVY_FIELDS: ReadonlySet<string> = new Set(['patterns', 'unless', 'examples']);

const NO_HITS: readonly Hit[] = Object.freeze([]);

/**
 * A gated rule's match: its patterns run on a sentence only where the gate is open on the sentence's literal bits (and
 * its clause's, for a gate that reads the clause). The slot patterns' gates read the annotations' text: the sentence's
 * own, from the engine; those of clause scope read the clause's annotations where there are some (as the patterns do),
 * else the sentence's.
 */
export function gatedMatch(scanner: TextScanner, open: GateTest, readsClause: boolean, parts: () => Matcher[]): Matcher {
  const clauseBits = (s: SentenceContext) => scanner.possible(s.clauseAnnotations ? s.clauseAnnotations().text : s.text);
  const noClause = () => new Uint32Array(0);
  return (s) => {
    if ((!s.annotations || s.annotations.text === s.text) && !open(scanner.possible(s.text), readsClause ? () => clauseBits(s) : noClause)) return NO_HITS;
    return concatHits(parts(), s);
  };
}

/** A blocker's name for `rules explain`: its context, subject, terms, class or regex, and scope. */
export function describeBlocker(b: object): string {
  if ('context' in b) return `语境 ${String(b.context)}`;
  if ('subject' in b) return `主体为${b.subject === 'government' ? '政府机关' : '经营者'}`;
  const scope = 'scope' in b ? String(b.scope) : 'sentence';
  if ('terms' in b) return `词 ${(b.terms as string[]).slice(0, 4).join('、')}${(b.terms as string[]).length > 4 ? '…' : ''}（${scope}）`;
  if ('class' in b) return `词类 ${String(b.class)}（${scope}）`;
  return `正则 ${String((b as { regex: string }).regex).slice(0, 30)}（${scope}）`;
}
