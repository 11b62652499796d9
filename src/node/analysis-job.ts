/**
 * The analysis inside a pool worker: the shipped rule set and the jieba segmenter, each loaded on
 * the first job of this worker and kept for the next, and the binary reader in this thread (the
 * worker is the isolation). The same code as in-thread analysis (review/analyzer.ts analyzeHere).
 */
import { analyzeHere, type Analysis, type AnalysisDeps, type AnalysisRequest } from '../review/analyzer.js';
import { inThreadBinaryReader } from './binary-reader.js';
import { jiebaSegmenter } from './jieba-segmenter.js';
import { loadRuleSet } from './rule-files.js';

let deps: AnalysisDeps | undefined;

export function analyzeInThisWorker(request: AnalysisRequest): Promise<Analysis> {
  // a parse needs neither the rules nor the dictionary
  if (!request.rules) return analyzeHere({ readDocx: inThreadBinaryReader }, request);
  deps ??= { ruleSet: loadRuleSet(), segmenter: jiebaSegmenter(), readDocx: inThreadBinaryReader };
  return analyzeHere(deps, request);
}
