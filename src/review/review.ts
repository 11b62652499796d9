/** A review: the parsed document and its findings, in the fixed JSON shape. */
import type { DocumentModel } from '../document/model.js';
import { documentJson } from '../document/document-json.js';
import { documentAnnotations, runRules, type RunOptions } from '../rules/engine.js';
import type { Review } from '../rules/review-result.js';
import type { RuleSet } from '../rules/ruleset.js';

export type { Review };

export function review(doc: DocumentModel, ruleSet: RuleSet, options: RunOptions = {}): Review {
  const annotations = documentAnnotations(doc, ruleSet, options);
  const result: Review = { document: documentJson(doc), findings: runRules(doc, ruleSet, { ...options, annotations }) };
  if (options.packs?.length) result.packs = [...options.packs];
  const j = annotations.jurisdiction();
  if (j) result.jurisdiction = { name: j.division.name, source: j.source };
  return result;
}
