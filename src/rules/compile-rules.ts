/**
 * Loads rule files (YAML text) into a compiled rule set: validated with zod, every basis
 * checked against the corpus, every pattern compiled once. All problems are reported
 * together, each with its file and rule id.
 */
import type { z } from 'zod';
import type { PlaceData } from '../annotate/divisions.js';
import { buildVocabulary } from '../annotate/vocabulary.js';
import type { VocabularySchema } from '../annotate/vocabulary-schema.js';
import { resolveBasis, type Corpus, type ResolvedBasis } from '../corpus/corpus.js';
import type { CheckContext } from './document-checks.js';
import { compileBlocker, compilePattern, concatHits, type BlockerTest, type CompileEnv, type RegexSources } from './matchers.js';
import { describeBlocker, gatedMatch, HEAVY_FIELDS, type CompiledRule, type FrozenRule, type PackInfo, type RuleSet, type RuleSource } from './rule-set-model.js';
import { keyHash, type LiteralCache, type TrieStore } from './scanner-keeping.js';
import { TextScanner } from './text-scanner.js';
import { gateCode, gateOfCode, gatesOf, or, readsClause, triggers, wideTriggers } from './gates.js';
import type { Rule, RuleFileSchema, SharedDefinitions, SharedDefinitionsSchema } from './schema.js';

export type { CompiledRule, FrozenRule, FrozenRuleSet, PackInfo, RuleSet, RuleSource, ThawInput } from './rule-set-model.js';

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
      contexts.set(name, blockers.map((c) => ({ name: `语境 ${name}：${describeBlocker(c)}`, test: compileBlocker(c, env) })));
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
          if (!('context' in b)) return [{ name: describeBlocker(b), test: compileBlocker(b, env) }];
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
            const clause = readsClause(gate);
            // of an all's parts, the one whose literals a sentence is least likely to hold (text-scanner.ts literalCost)
            const cost = (ids: readonly number[]) => scanner.literalCost(ids);
            const t = triggers(gate, cost);
            if (t) compiled.triggers = frozen.triggers = t;
            else if (clause) {
              const wide = wideTriggers(gate, cost);
              if (wide) compiled.wideTriggers = frozen.wideTriggers = wide;
            }
            compiled.match = gatedMatch(scanner, open, clause, () => parts);
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
