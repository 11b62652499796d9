/**
 * A rule set read back from its frozen form (RuleSet.freeze, kept between processes by the Node loader's compiled rule
 * cache, node/compiled-rule-cache.ts): no YAML, no zod, no compiling until a rule's gate first lets a sentence through.
 */
import { buildVocabulary } from '../annotate/vocabulary.js';
import { resolveBasis, type Corpus, type ResolvedBasis } from '../corpus/corpus.js';
import type { CheckContext } from './document-checks.js';
import { gateOfCode, type GateTest } from './gates.js';
import { compileBlocker, compilePattern, concatHits, type BlockerTest, type CompileEnv, type Hit, type Matcher, type SentenceContext } from './matchers.js';
import { describeBlocker, gatedMatch, HEAVY_FIELDS, type CompiledRule, type RuleSet, type ThawInput } from './rule-set-model.js';
import type { ConcreteBlocker, Rule } from './schema.js';
import { keyHash } from './scanner-keeping.js';
import { TextScanner } from './text-scanner.js';

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
export function thawRules(input: ThawInput, corpus: Corpus, checkContext: CheckContext, extras: Pick<RuleSet, 'places'> = {}): RuleSet | undefined {
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
    c = blockers.map((b) => ({ name: `语境 ${name}：${describeBlocker(b)}`, test: compileBlocker(b, e) }));
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
        if (!('context' in b)) return [{ name: describeBlocker(b), test: compileBlocker(b, envOf()) }];
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
        if (f.triggers) compiled.triggers = f.triggers;
        else if (f.wideTriggers) compiled.wideTriggers = f.wideTriggers;
        compiled.match = gatedMatch(scanner, open, f.clause === true, partsOf);
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
