/**
 * Loads rule files (YAML text) into a compiled rule set: validated with zod, every basis
 * checked against the corpus, every pattern compiled once. All problems are reported
 * together, each with its file and rule id.
 */
import type { z } from 'zod';
import type { PlaceData } from '../annotate/divisions.js';
import { buildVocabulary, type Vocabulary } from '../annotate/vocabulary.js';
import type { VocabularySchema } from '../annotate/vocabulary-schema.js';
import { resolveBasis, type Corpus, type ResolvedBasis } from '../corpus/corpus.js';
import type { CheckContext } from './document-checks.js';
import { compileBlocker, compilePattern, concatHits, type BlockerTest, type CompileEnv, type Hit, type Matcher, type RegexSources, type SentenceContext } from './matchers.js';
import { keyHash, TextScanner, type FrozenScanner, type LiteralCache, type ThawScanner, type TrieMaterial, type TrieStore } from './text-scanner.js';
import { gateCode, gateOfCode, gatesOf, or, readsClause, triggers, wideTriggers, type GateTest } from './gates.js';
import type { LiteralTrieArrays } from './literal-trie.js';
import type { ConcreteBlocker, Rule, RuleFileSchema, SharedDefinitions, SharedDefinitionsSchema } from './schema.js';

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
const HEAVY_FIELDS: ReadonlySet<string> = new Set(['patterns', 'unless', 'examples']);

/** What the annotation layer needs besides the rule files. */
export interface RuleSetExtras {
  /** rules/vocabulary.yaml text. */
  vocabulary?: string;
  /** Lazy loader of corpus/places/divisions.tsv (`texts`: see AnnotateOptions.places). */
  places?: (texts?: string) => PlaceData | undefined;
  /** Parses YAML text; default the yaml package (the Node loader passes one backed by a cache on disk). */
  parseYaml?: (text: string) => unknown;
  /** Required literals of regexes analysed before (the Node loader keeps them beside the parsed YAML). */
  literals?: LiteralCache;
  /** Regex sources made before (matchers.ts CompileEnv.sources: the Node loader keeps them beside the parsed YAML). */
  sources?: RegexSources;
  /** Literal tries built before, by what they are made of (the Node loader keeps them on disk: node/trie-cache.ts). */
  tries?: TrieStore;
  /**
   * Rule files and shared definitions validated before, by text (the Node loader keeps them beside the parsed
   * YAML, under a name that changes with the schema): a text found there is not validated with zod again; what
   * zod accepted is offered to `set`, which keeps only what survives a JSON round trip unchanged.
   */
  validated?: { get(kind: string, text: string): unknown; set(kind: string, text: string, value: unknown): void };
  /** false: every rule runs on every sentence, its gates (gates.ts) unread — for tests and benches that compare. */
  gates?: boolean;
  /** true: the rule set can be frozen (RuleSet.freeze), for thawRules in a later process. */
  freeze?: boolean;
  /**
   * The zod schemas the texts are validated with (rule-schemas.ts RULE_SCHEMAS). Absent: every text must be
   * known to `validated` — the first that is not throws SchemasNeeded, before anything is parsed — so that a
   * caller can load zod (95 modules, 70–90 ms) only when a rule file changed.
   */
  schemas?: RuleSchemas;
}

/** The schemas of the rule files, the shared definitions and the vocabulary. */
export interface RuleSchemas {
  rules: typeof RuleFileSchema;
  shared: typeof SharedDefinitionsSchema;
  vocabulary: typeof VocabularySchema;
}

/** compileRules without schemas met a text not validated before: compile again with RuleSetExtras.schemas. */
export class SchemasNeeded extends Error {
  constructor() {
    super('rule texts not validated before: schemas needed');
    this.name = 'SchemasNeeded';
  }
}

const NO_HITS: readonly Hit[] = Object.freeze([]);

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };

/**
 * zod's answer for one text (`kind` names its schema), or the answer it gave for that text before: then the
 * text is not parsed either. `data` is the parsed YAML when it was parsed; `parse` may throw (a YAML error).
 */
function validate<T>(kind: string, schema: { safeParse(data: unknown): SafeParse<T> } | undefined, text: string, parse: () => unknown, cache: RuleSetExtras['validated']): { parsed: SafeParse<T>; data?: unknown } {
  const known = cache?.get(kind, text);
  if (known !== undefined) return { parsed: { success: true, data: known as T } };
  if (!schema) throw new SchemasNeeded();
  const data = parse();
  const parsed = schema.safeParse(data);
  if (parsed.success) cache?.set(kind, text, parsed.data);
  return { parsed, data };
}

export class RuleLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`规则加载失败：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RuleLoadError';
  }
}

function zodProblems(file: string, error: { issues: { path: PropertyKey[]; message: string }[] }, data: unknown): string[] {
  return error.issues.map((i) => {
    const ruleIndex = i.path[0] === 'rules' && typeof i.path[1] === 'number' ? i.path[1] : undefined;
    const id = ruleIndex !== undefined ? (data as { rules?: { id?: string }[] }).rules?.[ruleIndex]?.id : undefined;
    return `${file}${id ? ` 规则 ${id}` : ''}：${i.path.join('.')} ${i.message}`;
  });
}

function describe(b: object): string {
  if ('context' in b) return `语境 ${String(b.context)}`;
  if ('subject' in b) return `主体为${b.subject === 'government' ? '政府机关' : '经营者'}`;
  const scope = 'scope' in b ? String(b.scope) : 'sentence';
  if ('terms' in b) return `词 ${(b.terms as string[]).slice(0, 4).join('、')}${(b.terms as string[]).length > 4 ? '…' : ''}（${scope}）`;
  if ('class' in b) return `词类 ${String(b.class)}（${scope}）`;
  return `正则 ${String((b as { regex: string }).regex).slice(0, 30)}（${scope}）`;
}

/** compileRuleSet with the YAML parser handed in: no YAML package is loaded here (the Node loader parses from its cache, and loads the package only on a miss). */
export function compileRules(sources: RuleSource[], shared: string[], corpus: Corpus, checkContext: CheckContext, extras: RuleSetExtras & { parseYaml: (text: string) => unknown }): RuleSet {
  const problems: string[] = [];
  const parseYaml = extras.parseYaml;
  let vocabulary = buildVocabulary({});
  let classesOf: Record<string, string[]> = {};
  if (extras.vocabulary !== undefined) {
    const text = extras.vocabulary;
    let result: ReturnType<typeof validate<z.output<typeof VocabularySchema>>> | undefined;
    try {
      result = validate('vocabulary', extras.schemas?.vocabulary, text, () => parseYaml(text), extras.validated);
    } catch (e) {
      if (e instanceof SchemasNeeded) throw e;
      problems.push(`rules/vocabulary.yaml：YAML 格式错误（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）`);
    }
    if (result?.parsed.success) vocabulary = buildVocabulary((classesOf = result.parsed.data.classes));
    else if (result && !result.parsed.success && result.data !== undefined) problems.push(...zodProblems('rules/vocabulary.yaml', result.parsed.error, {}));
  }
  // families are kept by word (a word → its family), not as defs' list
  const defs: Pick<SharedDefinitions, 'sets' | 'contexts'> = { sets: {}, contexts: {} };
  const families = new Map<string, readonly string[]>();
  shared.forEach((text, i) => {
    const { parsed } = validate<SharedDefinitions>('shared', extras.schemas?.shared, text, () => parseYaml(text), extras.validated);
    if (!parsed.success) return problems.push(...zodProblems(`共用定义文件 ${i + 1}`, parsed.error, {}));
    for (const [name, terms] of Object.entries(parsed.data.sets)) {
      if (defs.sets[name]) problems.push(`词集 ${name} 重复定义`);
      defs.sets[name] = terms;
    }
    for (const family of parsed.data.families ?? []) {
      for (const word of family) {
        if (families.has(word)) problems.push(`词“${word}”属于两个词族`);
        else if (word.startsWith('@')) problems.push(`词族只收词，不收词集（${word}）`);
        else families.set(word, family);
      }
    }
    for (const [name, blockers] of Object.entries(parsed.data.contexts)) {
      if (defs.contexts[name]) problems.push(`语境 ${name} 重复定义`);
      defs.contexts[name] = blockers;
    }
  });

  const scanner = new TextScanner(extras.literals, extras.tries);
  const freezing = extras.freeze === true && extras.gates !== false;
  const made = freezing ? new Map<string, string>() : undefined;
  const env: CompileEnv = { sets: defs.sets, families, vocabulary, scanner, finders: new Map(), ...(extras.sources ? { sources: extras.sources } : {}), ...(made ? { made } : {}) };
  // what a frozen rule set keeps of each rule besides its fields (freeze)
  const frozenRules: Omit<FrozenRule, 'keys' | 'own' | 'compile' | 'examples'>[] = [];
  // named contexts compile once; an error in one is reported with its name
  const contexts = new Map<string, { name: string; test: BlockerTest }[]>();
  for (const [name, blockers] of Object.entries(defs.contexts)) {
    try {
      contexts.set(name, blockers.map((c) => ({ name: `语境 ${name}：${describe(c)}`, test: compileBlocker(c, env) })));
    } catch (e) {
      problems.push(`共用语境 ${name}：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const rules: CompiledRule[] = [];
  const packs = new Map<string, PackInfo>();
  const seen = new Map<string, string>();
  for (const source of sources) {
    let result: ReturnType<typeof validate<z.output<typeof RuleFileSchema>>>;
    try {
      result = validate('rules', extras.schemas?.rules, source.content, () => parseYaml(source.content), extras.validated);
    } catch (e) {
      if (e instanceof SchemasNeeded) throw e;
      problems.push(`${source.file}：YAML 格式错误（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）`);
      continue;
    }
    const { parsed, data } = result;
    if (!parsed.success) {
      problems.push(...zodProblems(source.file, parsed.error, data));
      continue;
    }
    if (parsed.data.pack && !source.pack) problems.push(`${source.file}：pack 只能写在规则包（rules/packs/名称/）的文件中`);
    if (source.pack) {
      const info = packs.get(source.pack) ?? { name: source.pack, title: source.pack, ruleCount: 0 };
      if (parsed.data.pack) {
        info.title = parsed.data.pack.title;
        if (parsed.data.pack.description) info.description = parsed.data.pack.description;
      }
      info.ruleCount += parsed.data.rules.length;
      packs.set(source.pack, info);
    }
    for (const rule of parsed.data.rules) {
      const where = `${source.file} 规则 ${rule.id}`;
      if (seen.has(rule.id)) problems.push(`${where}：id 与 ${seen.get(rule.id)} 重复`);
      seen.set(rule.id, source.file);
      const basis: ResolvedBasis[] = [];
      for (const ref of rule.basis) {
        const r = resolveBasis(corpus, ref);
        if ('error' in r) problems.push(`${where}：依据无效，${r.error}`);
        else basis.push(r);
      }
      try {
        const blockers = rule.unless.flatMap((b) => {
          if (!('context' in b)) return [{ name: describe(b), test: compileBlocker(b, env) }];
          const ctx = contexts.get(b.context);
          if (!ctx) throw new Error(defs.contexts[b.context] ? `语境 ${b.context} 有错误` : `未定义的语境 ${b.context}`);
          return ctx;
        });
        const compiled: CompiledRule = {
          rule,
          file: source.file,
          basis,
          blocked: (s, hit) => blockers.some((b) => b.test(s, hit)),
          blockers,
        };
        if (source.pack) compiled.pack = source.pack;
        const frozen: Omit<FrozenRule, 'keys' | 'own' | 'compile' | 'examples'> = { file: source.file, hasPatterns: rule.patterns !== undefined, ...(source.pack ? { pack: source.pack } : {}) };
        if (rule.patterns) {
          const parts = rule.patterns.map((p) => compilePattern(p, env));
          // the rule runs on a sentence only where one of its patterns may hit or look up places (gates.ts)
          const gate = or(...parts.flatMap((m) => [gatesOf(m).need, gatesOf(m).touch]));
          if (gate === true || extras.gates === false) compiled.match = (s) => concatHits(parts, s);
          else {
            const code = gateCode(gate);
            const open = gateOfCode(code);
            frozen.gate = code;
            frozen.clause = readsClause(gate);
            // the slot patterns' gates read the annotations' text: the sentence's own, from the engine; those of
            // clause scope read the clause's annotations where there are some (as the patterns do), else the sentence's
            const clauseBits = (s: SentenceContext) => scanner.possible(s.clauseAnnotations ? s.clauseAnnotations().text : s.text);
            const noClause = () => new Uint32Array(0);
            const clause = readsClause(gate);
            // of an all's parts, the one whose literals a sentence is least likely to hold (text-scanner.ts literalCost)
            const cost = (ids: readonly number[]) => scanner.literalCost(ids);
            const t = triggers(gate, cost);
            if (t) compiled.triggers = frozen.triggers = t;
            else if (clause) {
              const wide = wideTriggers(gate, cost);
              if (wide) compiled.wideTriggers = frozen.wideTriggers = wide;
            }
            compiled.match = (s) => {
              if ((!s.annotations || s.annotations.text === s.text) && !open(scanner.possible(s.text), clause ? () => clauseBits(s) : noClause)) return NO_HITS;
              return concatHits(parts, s);
            };
            compiled.gate = open;
            compiled.open = (s) => concatHits(parts, s);
          }
        }
        rules.push(compiled);
        frozenRules.push(frozen);
      } catch (e) {
        problems.push(`${where}：${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  if (problems.length > 0) throw new RuleLoadError(problems);
  const set: RuleSet = { rules, packs: [...packs.values()].sort((a, b) => a.name.localeCompare(b.name)), checkContext, corpus, vocabulary, warmUp: () => scanner.warmUp(), prepare: () => scanner.prepare() };
  if (extras.gates !== false) set.literalBits = (text) => scanner.possible(text);
  if (extras.places) set.places = extras.places;
  if (freezing && made)
    set.freeze = () => {
      const frozenScanner = scanner.freeze();
      if (!frozenScanner) return undefined;
      const sourceHashes = new Set<string>();
      const sources: [string, string][] = [];
      for (const [key, source] of made) {
        const h = keyHash(key);
        if (sourceHashes.has(h)) return undefined;
        sourceHashes.add(h);
        sources.push([h, source]);
      }
      const familyList = [...new Set(families.values())];
      return {
        scanner: frozenScanner.state,
        trie: frozenScanner.made,
        rules: rules.map((r, i) => {
          const own: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(r.rule)) if (!HEAVY_FIELDS.has(k)) own[k] = v;
          return { ...(frozenRules[i] as Omit<FrozenRule, 'keys' | 'own' | 'compile' | 'examples'>), keys: Object.keys(r.rule), own, compile: JSON.stringify({ patterns: r.rule.patterns, unless: r.rule.unless }), examples: JSON.stringify(r.rule.examples ?? null) };
        }),
        packs: set.packs,
        classes: classesOf,
        shared: JSON.stringify({ sets: defs.sets, families: familyList, contexts: defs.contexts }),
        sources,
      };
    };
  return set;
}

/** Defines `key` on `o` as the value `get` gives on first read (then a plain property); enumerable, in order. */
function lazyField(o: Record<string, unknown>, key: string, get: () => unknown): void {
  Object.defineProperty(o, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = get();
      Object.defineProperty(o, key, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
  });
}

/**
 * The rule set of a frozen one (RuleSet.freeze, read back by the Node loader), answering as compileRules did for the
 * same rule texts: each rule's gate and triggers as they were, its patterns and blockers compiled on the first sentence
 * its gate lets through (most rules never run on a given draft: 46 of 162 on the 60k .docx, 4 on a short text), its
 * finders taking the ids they had in the same trie (TextScanner.thaw); patterns, blockers and examples parsed from their
 * JSON when first asked for. Undefined: a basis no longer resolves in `corpus`, or the trie is not one (the caller
 * compiles the rule texts instead, which reports the problem).
 */
export function thawRules(input: ThawInput, corpus: Corpus, checkContext: CheckContext, extras: Pick<RuleSetExtras, 'places'> = {}): RuleSet | undefined {
  const scanner = TextScanner.thaw(input.scanner, input.trie);
  if (!scanner) return undefined;
  const vocabulary = buildVocabulary(input.classes);
  let env: CompileEnv | undefined;
  let contextDefs: Record<string, ConcreteBlocker[]> = {};
  const envOf = (): CompileEnv => {
    if (env) return env;
    const shared = JSON.parse(input.shared()) as { sets: Record<string, string[]>; families: string[][]; contexts: Record<string, ConcreteBlocker[]> };
    const families = new Map<string, readonly string[]>();
    for (const family of shared.families) for (const word of family) families.set(word, family);
    contextDefs = shared.contexts;
    return (env = { sets: shared.sets, families, vocabulary, scanner, finders: new Map(), sources: { get: (key) => input.source(keyHash(key)), set: () => undefined } });
  };
  const contexts = new Map<string, { name: string; test: BlockerTest }[]>();
  const contextOf = (name: string) => {
    let c = contexts.get(name);
    if (c) return c;
    const e = envOf();
    const blockers = contextDefs[name];
    if (!blockers) throw new Error(`未定义的语境 ${name}`);
    c = blockers.map((b) => ({ name: `语境 ${name}：${describe(b)}`, test: compileBlocker(b, e) }));
    contexts.set(name, c);
    return c;
  };
  const rules: CompiledRule[] = [];
  /** Per rule: compiles its patterns and blockers (compileFor); its gate's test. */
  const ahead: { compile: () => void; gate: () => GateTest | undefined; done: () => boolean }[] = [];
  for (const f of input.rules) {
    const basis: ResolvedBasis[] = [];
    for (const ref of (f.own.basis ?? []) as Rule['basis']) {
      const r = resolveBasis(corpus, ref);
      if ('error' in r) return undefined;
      basis.push(r);
    }
    let heavy: { patterns?: Rule['patterns']; unless: Rule['unless'] } | undefined;
    const heavyOf = () => (heavy ??= JSON.parse(f.compile()) as { patterns?: Rule['patterns']; unless: Rule['unless'] });
    const fields: Record<string, unknown> = {};
    for (const k of f.keys) {
      if (!HEAVY_FIELDS.has(k)) fields[k] = f.own[k];
      else if (k === 'examples') lazyField(fields, k, () => JSON.parse(f.examples()) as unknown);
      else lazyField(fields, k, () => heavyOf()[k as 'patterns' | 'unless']);
    }
    const rule = fields as unknown as Rule;
    let blockers: { name: string; test: BlockerTest }[] | undefined;
    const blockersOf = () =>
      (blockers ??= rule.unless.flatMap((b) => {
        if (!('context' in b)) return [{ name: describe(b), test: compileBlocker(b, envOf()) }];
        return contextOf(b.context);
      }));
    const compiled = { rule, file: f.file, basis, blocked: (s: SentenceContext, hit: Hit) => blockersOf().some((b) => b.test(s, hit)) } as CompiledRule;
    Object.defineProperty(compiled, 'blockers', { enumerable: true, configurable: true, get: blockersOf });
    if (f.pack) compiled.pack = f.pack;
    let parts: Matcher[] | undefined;
    const partsOf = () => (parts ??= (rule.patterns ?? []).map((p) => compilePattern(p, envOf())));
    let gateTest: (() => GateTest | undefined) | undefined;
    ahead.push({
      compile: () => {
        if (f.hasPatterns) partsOf();
        blockersOf();
      },
      gate: () => gateTest?.(),
      done: () => blockers !== undefined && (!f.hasPatterns || parts !== undefined),
    });
    if (f.hasPatterns) {
      if (f.gate === undefined) compiled.match = (s) => concatHits(partsOf(), s);
      else {
        // what compileRules makes of the gate (see there); its instructions read on first use
        const made = f.gate;
        let test: GateTest | undefined;
        const open: GateTest = (bits, clause) => (test ??= gateOfCode(typeof made === 'function' ? made() : made))(bits, clause);
        const clause = f.clause === true;
        const clauseBits = (s: SentenceContext) => scanner.possible(s.clauseAnnotations ? s.clauseAnnotations().text : s.text);
        const noClause = () => new Uint32Array(0);
        if (f.triggers) compiled.triggers = f.triggers;
        else if (f.wideTriggers) compiled.wideTriggers = f.wideTriggers;
        compiled.match = (s) => {
          if ((!s.annotations || s.annotations.text === s.text) && !open(scanner.possible(s.text), clause ? () => clauseBits(s) : noClause)) return NO_HITS;
          return concatHits(partsOf(), s);
        };
        // the engine asks `gate` of every sentence that holds a trigger: the test itself once made, not `open` around it
        gateTest = () => (test ??= gateOfCode(typeof made === 'function' ? made() : made));
        lazyField(compiled as unknown as Record<string, unknown>, 'gate', gateTest);
        compiled.open = (s) => concatHits(partsOf(), s);
      }
    }
    rules.push(compiled);
  }
  // a gate is open on a sentence only where it is open on the whole text (it asks which literals are present, and
  // the sentence's, its clause's, are the text's too): every rule that may run on the text, and no other
  const compileFor = (text: string) => {
    const bits = scanner.possible(text);
    const whole = () => bits;
    for (const a of ahead) {
      if (a.done()) continue;
      const gate = a.gate();
      if (!gate || gate(bits, whole)) a.compile();
    }
  };
  const set: RuleSet = { rules, packs: input.packs, checkContext, corpus, vocabulary, warmUp: () => scanner.warmUp(), prepare: () => scanner.prepare(), literalBits: (text) => scanner.possible(text), compileFor };
  if (extras.places) set.places = extras.places;
  return set;
}
