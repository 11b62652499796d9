/**
 * The shipped rule set (rule-loader.ts) with the schemas at hand: loading this module loads zod. Every caller
 * uses it but `fahu review`, which asks rule-loader.ts's loadRuleSetLazily.
 */
import type { RuleSet } from '../rules/compile-rules.js';
import { RULE_SCHEMAS } from '../rules/rule-schemas.js';
import { loadRuleSetWith } from './rule-loader.js';

export { availablePacks, ruleSources, sharedDefinitions } from './rule-loader.js';

/** The shipped rule set, compiled once per process. */
export function loadRuleSet(): RuleSet {
  return loadRuleSetWith(RULE_SCHEMAS);
}
