/** A review: the parsed document and its findings, in the fixed JSON shape. */
import type { DocumentModel } from '../document/model.js';
import { documentJson, type DocumentJson } from '../document/document-json.js';
import { runRules, type RunOptions } from '../rules/engine.js';
import type { Finding } from '../rules/findings.js';
import type { RuleSet } from '../rules/ruleset.js';

export interface Review {
  document: DocumentJson;
  findings: Finding[];
  /** Industry packs run besides the core rules; absent when none were. */
  packs?: string[];
}

export function review(doc: DocumentModel, ruleSet: RuleSet, options: RunOptions = {}): Review {
  const result: Review = { document: documentJson(doc), findings: runRules(doc, ruleSet, options) };
  if (options.packs?.length) result.packs = [...options.packs];
  return result;
}
