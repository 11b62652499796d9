/**
 * Loads rule files (YAML text) into a compiled rule set (compile-rules.ts), parsing the YAML with
 * the yaml package unless a parser is handed in, validating with the zod schemas unless others are.
 */
import { parse } from 'yaml';
import type { Corpus } from '../corpus/corpus.js';
import type { CheckContext } from './document-checks.js';
import { compileRules, type RuleSet, type RuleSetExtras, type RuleSource } from './compile-rules.js';
import { RULE_SCHEMAS } from './rule-schemas.js';

export * from './compile-rules.js';

export function compileRuleSet(sources: RuleSource[], shared: string[], corpus: Corpus, checkContext: CheckContext, extras: RuleSetExtras = {}): RuleSet {
  return compileRules(sources, shared, corpus, checkContext, { ...extras, parseYaml: extras.parseYaml ?? parse, schemas: extras.schemas ?? RULE_SCHEMAS });
}
