/**
 * The analysis inside a pool worker: the shipped rule set, loaded on the first job of this worker
 * and kept for the next, and the binary reader in this thread (the worker is the isolation). The
 * same code as in-thread analysis (review/analyzer.ts analyzeHere). No jieba: a rule's word window
 * counts characters (rules/matchers.ts windowChars), so a worker holds no native dictionary that
 * would outlive the thread.
 */
import { analyzeHere, type Analysis, type AnalysisDeps, type AnalysisRequest } from '../review/analyzer.js';
import { inThreadBinaryReader } from './binary-reader.js';
import { loadRuleSet } from './rule-files.js';

let deps: AnalysisDeps | undefined;

export function analyzeInThisWorker(request: AnalysisRequest): Promise<Analysis> {
  // a parse needs no rules
  if (!request.rules) return analyzeHere({ readDocx: inThreadBinaryReader }, request);
  deps ??= { ruleSet: loadRuleSet(), readDocx: inThreadBinaryReader };
  return analyzeHere(deps, request);
}
