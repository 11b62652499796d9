/**
 * Reads the rule set from rules/ (and rules/packs/NAME/), the corpus and the repealed-law list, without
 * loading zod: rule-files.ts's loadRuleSet hands the schemas in (every caller but one), and `fahu review`
 * asks loadRuleSetLazily, which loads them only when a rule text is not known validated (a rule file changed
 * since the last run) — the other 95 modules of zod cost its main thread 70–90 ms, which the rules then wait for.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join, relative } from 'node:path';
import type { Corpus } from '../corpus/corpus.js';
import { parseRepealedTsv } from '../rules/document-checks.js';
import { compileRules, SchemasNeeded, type RuleSchemas, type RuleSet, type RuleSetExtras, type RuleSource } from '../rules/compile-rules.js';
import { thawRules } from '../rules/thaw-rules.js';
import { codeFingerprint, compiledRuleFile, readCompiledRules, writeCompiledRules } from './compiled-rule-cache.js';
import { packagePath, packageVersion } from './package-root.js';
import { loadPlaceData } from './place-data.js';
import { trieCache } from './trie-cache.js';
import { cacheDir, textHashes, yamlCache, type YamlCache } from './yaml-cache.js';

const SHARED_FILE = 'shared.yaml';
const VOCABULARY_FILE = 'vocabulary.yaml';

function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== SHARED_FILE && f !== VOCABULARY_FILE).sort().map((f) => join(dir, f)) : [];
}

/**
 * FAHU_RULE_FILES (comma-separated paths under rules/, e.g. "market-entry.yaml,packs/tongzhuang")
 * loads only those files: a development aid for writing one area's rules in isolation.
 */
function selected(file: string, rulesDir: string): boolean {
  const only = process.env.FAHU_RULE_FILES;
  if (!only) return true;
  const rel = relative(rulesDir, file);
  return only.split(',').some((p) => p.trim() && (rel === p.trim() || rel.startsWith(`${p.trim().replace(/\/$/, '')}/`)));
}

/** A rule file as read, not yet decoded (ruleSources decodes it; the compiled rule cache only hashes it). */
interface RuleFileBytes {
  file: string;
  bytes: Buffer;
  pack?: string;
}

function ruleFileBytes(rulesDir = packagePath('rules')): RuleFileBytes[] {
  const root = packagePath();
  const core = yamlFiles(rulesDir).filter((f) => selected(f, rulesDir)).map((f) => ({ file: relative(root, f), bytes: readFileSync(f) }));
  const packsDir = join(rulesDir, 'packs');
  const packs = existsSync(packsDir)
    ? readdirSync(packsDir)
        .filter((p) => statSync(join(packsDir, p)).isDirectory())
        .flatMap((pack) => yamlFiles(join(packsDir, pack)).filter((f) => selected(f, rulesDir)).map((f) => ({ file: relative(root, f), bytes: readFileSync(f), pack })))
    : [];
  return [...core, ...packs];
}

const decoded = (files: RuleFileBytes[]): RuleSource[] => files.map((f) => ({ file: f.file, content: f.bytes.toString('utf8'), ...(f.pack ? { pack: f.pack } : {}) }));

export function ruleSources(rulesDir = packagePath('rules')): RuleSource[] {
  return decoded(ruleFileBytes(rulesDir));
}

export function availablePacks(rulesDir = packagePath('rules')): string[] {
  const packsDir = join(rulesDir, 'packs');
  return existsSync(packsDir) ? readdirSync(packsDir).filter((p) => statSync(join(packsDir, p)).isDirectory()).sort() : [];
}

/** rules/shared.yaml plus rules/shared/*.yaml (each area keeps its own term sets). */
export function sharedDefinitions(rulesDir = packagePath('rules')): string[] {
  return sharedBytes(rulesDir).map((b) => b.toString('utf8'));
}

function sharedBytes(rulesDir = packagePath('rules')): Buffer[] {
  return [join(rulesDir, SHARED_FILE), ...yamlFiles(join(rulesDir, 'shared'))].filter(existsSync).map((f) => readFileSync(f));
}

let cached: RuleSet | undefined;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Named by the analysis: a change of requiredLiterals that gives other answers takes a new name. */
const LITERALS_TABLE = 'required-literals-1';

// unreadable (an odd install): a name of its own, so that nothing computed by other code is taken
const readOr = (read: () => string) => {
  try {
    return read();
  } catch {
    return `unreadable ${process.pid} ${Date.now()}`;
  }
};
/** The text of one of fahu's own modules (relative to this one, without the extension). */
const own = (name: string) => readOr(() => readFileSync(new URL(import.meta.url.endsWith('.ts') ? `${name}.ts` : `${name}.js`, import.meta.url), 'utf8'));

/**
 * The table of regex sources (CompileEnv.sources), named by the code that makes them from the rule texts (the term
 * lists expanded, sorted and escaped, the keys they are found by), so that a checkout whose expanding code changed
 * makes its sources afresh: the file it lives in is already named by the rule texts. The tables of older code are
 * removed from the file as newer ones are written (the two written last are kept: yaml-cache.ts TableFamily).
 */
const SOURCES_FAMILY = { prefix: 'regex-sources-1-', keep: 2 };
const sourcesTable = () => `${SOURCES_FAMILY.prefix}${sha(`${own('../rules/pattern-text')}\n${own('../rules/matchers')}\n${own('../annotate/vocabulary')}`).slice(0, 16)}`;

/**
 * What names the cache of validated rule files besides the rule texts and fahu's version: the schemas' own
 * text and zod's version, so that a schema edited in a checkout validates afresh.
 */
const zodVersion = () => readOr(() => String((JSON.parse(readFileSync(packagePath('node_modules', 'zod', 'package.json'), 'utf8')) as { version?: string }).version));

function schemaFingerprint(): string {
  return sha(`zod ${zodVersion()}\n${own('../rules/schema')}\n${own('../rules/schema-constants')}\n${own('../annotate/vocabulary')}\n${own('../annotate/vocabulary-schema')}`);
}

/** What zod gave is kept only when JSON gives it back unchanged (no undefined values, no class instances). */
function validatedTable(cache: YamlCache, hashOf: ReadonlyMap<string, string>): NonNullable<RuleSetExtras['validated']> {
  const table = cache.table('validated-2');
  // by the kind and the SHA-256 of the text, hashed once for both caches (a text not among the loader's: hashed here)
  const key = (kind: string, text: string) => `${kind}\n${hashOf.get(text) ?? sha(text)}`;
  return {
    get: (kind, text) => table.get(key(kind, text)),
    set(kind, text, value) {
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(value)), value)) table.set(key(kind, text), value);
    },
  };
}

/** The shipped rule set, compiled once per process; `schemas` absent: see loadRuleSetLazily (throws SchemasNeeded). */
export function loadRuleSetWith(schemas?: RuleSchemas): RuleSet {
  return (cached ??= loadRulesFrom({ ...(schemas ? { schemas } : {}) }).ruleSet);
}

/** Where loadRulesFrom reads from and keeps its caches (tests: a copy of rules/ and a cache directory of their own). */
export interface LoadOptions {
  rulesDir?: string;
  cacheDir?: string;
  schemas?: RuleSchemas;
}

/**
 * The rule set of `rulesDir` (default the package's rules/), not kept in this process: from the compiled rule cache
 * when it holds these rule files compiled by this code (`compiled: 'read'`), else compiled and then kept there
 * (`'written'`, or `'none'` when it could not be: a read-only cache directory).
 */
export function loadRulesFrom(options: LoadOptions = {}): { ruleSet: RuleSet; compiled: 'read' | 'written' | 'none' } {
  const rulesDir = options.rulesDir ?? packagePath('rules');
  const dir = options.cacheDir ?? cacheDir();
  const schemas = options.schemas;
  const corpus = JSON.parse(readFileSync(packagePath('corpus', 'laws.json'), 'utf8')) as Corpus;
  const repealed = parseRepealedTsv(readFileSync(packagePath('corpus', 'repealed.tsv'), 'utf8'));
  const vocabularyFile = join(rulesDir, VOCABULARY_FILE);
  const vocabularyBytes = existsSync(vocabularyFile) ? readFileSync(vocabularyFile) : undefined;
  const files = ruleFileBytes(rulesDir);
  const sharedFiles = sharedBytes(rulesDir);
  // the rule set compiled by an earlier start of the same rule files and code (compiled-rule-cache.ts), named by
  // their bytes (not decoded: a start that finds it reads no text of them): no YAML, no zod, no compile — each
  // rule's patterns are compiled when its gate first lets a sentence through
  const key = createHash('sha256').update(`${packageVersion()}\n${codeFingerprint([new URL(import.meta.url)])}\nzod ${zodVersion()}\n`);
  for (const f of files) key.update(`rule file ${f.file} ${f.pack ?? ''} ${f.bytes.length}\n`).update(f.bytes);
  for (const b of sharedFiles) key.update(`shared ${b.length}\n`).update(b);
  key.update(vocabularyBytes ? `vocabulary ${vocabularyBytes.length}\n` : 'no vocabulary\n').update(vocabularyBytes ?? '');
  const compiledFile = compiledRuleFile(key.digest('hex'), dir);
  const frozen = readCompiledRules(compiledFile);
  const thawed = frozen && thawRules(frozen, corpus, { repealed }, { places: loadPlaceData });
  if (thawed) return { ruleSet: thawed, compiled: 'read' };
  const vocabulary = vocabularyBytes?.toString('utf8');
  const sources = decoded(files);
  const shared = sharedFiles.map((b) => b.toString('utf8'));
  // the parsed YAML comes from a cache on disk keyed by the rule texts and fahu's version (yaml-cache.ts)
  const texts = [...sources.map((s) => `${s.file}\n${s.content}`), ...shared, vocabulary ?? ''];
  // each text hashed once (1.8 MB of rules): a rule file's key is the hash of its name and its content's hash
  const contents = [...sources.map((s) => s.content), ...shared, vocabulary ?? ''];
  const contentHashes = textHashes(contents);
  const hashOf = new Map(contents.map((c, i) => [c, contentHashes[i] as string]));
  const hashes = contentHashes.map((h, i) => (i < sources.length ? sha(`${(sources[i] as RuleSource).file}\n${h}`) : h));
  const yaml = yamlCache(texts, dir, packageVersion(), hashes);
  // a second, smaller file for the same texts: what was computed from them (validated rule files, required
  // literals). A start that finds every text validated reads only this one, and neither parses nor validates
  const known = yamlCache(texts, dir, `${packageVersion()}\nvalidated\n${schemaFingerprint()}`, hashes);
  // so do the required literals of the rule regexes (text-scanner.ts): analysing 1,200 regexes costs 0.1–0.2 s of a cold start
  // and zod's answer for each rule file (validating them costs 0.15–0.35 s under load)
  const ruleSet = compileRules(sources, shared, corpus, { repealed }, { ...(vocabulary !== undefined ? { vocabulary } : {}), places: loadPlaceData, parseYaml: yaml.parse, literals: known.table(LITERALS_TABLE), sources: known.table(sourcesTable(), SOURCES_FAMILY), tries: trieCache(dir), validated: validatedTable(known, hashOf), freeze: true, ...(schemas ? { schemas } : {}) });
  yaml.save();
  known.save();
  // kept for the next start: the trie first (the compiled rules name it), then the rules
  ruleSet.prepare?.();
  const made = ruleSet.freeze?.();
  return { ruleSet, compiled: made && writeCompiledRules(compiledFile, made) ? 'written' : 'none' };
}

/**
 * The shipped rule set as loadRuleSet gives it, but zod and the schemas are loaded only when a rule text is not
 * in the validated cache (then the rules are compiled again with them: a miss throws before anything is kept).
 */
export async function loadRuleSetLazily(): Promise<RuleSet> {
  try {
    return loadRuleSetWith();
  } catch (e) {
    if (!(e instanceof SchemasNeeded)) throw e;
  }
  return loadRuleSetWith((await import('../rules/rule-schemas.js')).RULE_SCHEMAS);
}
