/**
 * The rule and corpus texts bundled into the Worker (no file system there): every file the Node
 * side reads from rules/ and corpus/, imported as text modules (wrangler.toml [[rules]] Text).
 * test/workers/bundled-texts.test.ts fails when rules/ gains a file that is not listed here.
 */
import laws from '../../corpus/laws.json' with { type: 'json' };
import divisions from '../../corpus/places/divisions.tsv';
import repealedTsv from '../../corpus/repealed.tsv';
import seed from '../../fixtures/decisions/seed.jsonl';
import legalDict from '../../rules/dict/legal-terms.dict';
import agreements from '../../rules/agreements.yaml';
import amounts from '../../rules/amounts.yaml';
import burden from '../../rules/burden.yaml';
import conduct from '../../rules/conduct.yaml';
import cost from '../../rules/cost.yaml';
import document from '../../rules/document.yaml';
import exceptions from '../../rules/exceptions.yaml';
import freeFlow from '../../rules/free-flow.yaml';
import legality from '../../rules/legality.yaml';
import marketEntry from '../../rules/market-entry.yaml';
import tender from '../../rules/tender.yaml';
import tongzhuang from '../../rules/packs/tongzhuang/tongzhuang.yaml';
import shared from '../../rules/shared.yaml';
import sharedConduct from '../../rules/shared/conduct.yaml';
import sharedCost from '../../rules/shared/cost.yaml';
import sharedEntry from '../../rules/shared/entry.yaml';
import sharedFlow from '../../rules/shared/flow.yaml';
import sharedLegality from '../../rules/shared/legality.yaml';
import sharedTender from '../../rules/shared/tender.yaml';
import vocabulary from '../../rules/vocabulary.yaml';
import type { Corpus } from '../corpus/corpus.js';
import type { RuleSource } from '../rules/ruleset.js';

/** rules/*.yaml in name order (as node/rule-files.ts lists them), then the packs. */
export const RULE_SOURCES: readonly RuleSource[] = [
  { file: 'rules/agreements.yaml', content: agreements },
  { file: 'rules/amounts.yaml', content: amounts },
  { file: 'rules/burden.yaml', content: burden },
  { file: 'rules/conduct.yaml', content: conduct },
  { file: 'rules/cost.yaml', content: cost },
  { file: 'rules/document.yaml', content: document },
  { file: 'rules/exceptions.yaml', content: exceptions },
  { file: 'rules/free-flow.yaml', content: freeFlow },
  { file: 'rules/legality.yaml', content: legality },
  { file: 'rules/market-entry.yaml', content: marketEntry },
  { file: 'rules/tender.yaml', content: tender },
  { file: 'rules/packs/tongzhuang/tongzhuang.yaml', content: tongzhuang, pack: 'tongzhuang' },
];

/** rules/shared.yaml, then rules/shared/*.yaml in name order. */
export const SHARED_DEFINITIONS: readonly string[] = [shared, sharedConduct, sharedCost, sharedEntry, sharedFlow, sharedLegality, sharedTender];

export const TEXTS = {
  corpus: laws as unknown as Corpus,
  repealedTsv,
  vocabulary,
  divisionsTsv: divisions,
  legalDict,
  seedJsonl: seed,
};
