/** The shipped rule set compiled from the bundled texts, once per isolate. */
import { parsePlaceData, type PlaceData } from '../annotate/divisions.js';
import { parseRepealedTsv } from '../rules/document-checks.js';
import { compileRuleSet, type RuleSet } from '../rules/ruleset.js';
import { RULE_SOURCES, SHARED_DEFINITIONS, TEXTS } from './texts.js';

let places: PlaceData | undefined;
let cached: RuleSet | undefined;

export function bundledRuleSet(): RuleSet {
  cached ??= compileRuleSet([...RULE_SOURCES], [...SHARED_DEFINITIONS], TEXTS.corpus, { repealed: parseRepealedTsv(TEXTS.repealedTsv) }, {
    vocabulary: TEXTS.vocabulary,
    places: () => (places ??= parsePlaceData(TEXTS.divisionsTsv)),
  });
  return cached;
}

/**
 * The same rule set compiled on first use (the first review), not at boot: an isolate's first
 * /health or sign-in page does not pay for compiling the rules.
 */
export function lazyBundledRuleSet(): RuleSet {
  return {
    get rules() {
      return bundledRuleSet().rules;
    },
    get packs() {
      return bundledRuleSet().packs;
    },
    get checkContext() {
      return bundledRuleSet().checkContext;
    },
    get corpus() {
      return bundledRuleSet().corpus;
    },
    get vocabulary() {
      return bundledRuleSet().vocabulary;
    },
    places: () => bundledRuleSet().places?.(),
  };
}
