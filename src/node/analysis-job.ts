/**
 * The analysis inside a pool worker: the shipped rule set and the jieba segmenter, each loaded on
 * the first job of this worker and kept for the next, and the binary reader in this thread (the
 * worker is the isolation). The same code as in-thread analysis (review/analyzer.ts analyzeHere).
 *
 * Before the pool ends a healthy worker it calls releaseNativeMemory(): nodejieba keeps its
 * dictionaries in C++ objects owned by its addon instance, and that instance has no destructor, so
 * a worker thread that ends with the dictionary loaded leaves it in the process for ever — about
 * 19 MB of RssAnon per ended worker (`node dist/bench/worker-churn.js jieba 6`: 33 → 147 MB over 6
 * workers). nodejieba's load() deletes the dictionaries it holds before it builds the new ones, so
 * loading a one-word dictionary frees the big one and leaves ~0 behind (4.7 MB per worker over 6,
 * most of it the first thread's arena).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodejieba from 'nodejieba';
import { analyzeHere, type Analysis, type AnalysisDeps, type AnalysisRequest } from '../review/analyzer.js';
import { inThreadBinaryReader } from './binary-reader.js';
import { jiebaLoaded, jiebaSegmenter } from './jieba-segmenter.js';
import { loadRuleSet } from './rule-files.js';

let deps: AnalysisDeps | undefined;
let released = false;

export function analyzeInThisWorker(request: AnalysisRequest): Promise<Analysis> {
  // after the release the dictionary is a stub: this worker must not cut again (the pool ends it)
  if (released) return Promise.reject(new Error('该工作线程已释放词典，不能再分析'));
  // a parse needs neither the rules nor the dictionary
  if (!request.rules) return analyzeHere({ readDocx: inThreadBinaryReader }, request);
  deps ??= { ruleSet: loadRuleSet(), segmenter: jiebaSegmenter(), readDocx: inThreadBinaryReader };
  return analyzeHere(deps, request);
}

/** A valid one-word dictionary set for nodejieba (cppjieba checks every table: no empty one, four HMM states). */
const STUB: Record<'dict' | 'hmmDict' | 'userDict' | 'idfDict' | 'stopWordDict', string> = {
  dict: '的 1 uj\n',
  // start probabilities, the 4×4 transitions, one emission each for B, E, M, S
  hmmDict: ['-0.26 -3.14e+100 -3.14e+100 -1.46', '-3.14e+100 -0.51 -0.92 -3.14e+100', '-0.59 -3.14e+100 -3.14e+100 -0.81', '-3.14e+100 -0.33 -1.26 -3.14e+100', '-0.72 -3.14e+100 -3.14e+100 -0.67', '的:-1.0', '的:-1.0', '的:-1.0', '的:-1.0', ''].join('\n'),
  userDict: '的\n',
  idfDict: '的 1.0\n',
  stopWordDict: '的\n',
};

/**
 * Frees the native memory this worker holds before it ends: swaps nodejieba's dictionaries for a
 * one-word stub (see above). Returns whether there was a dictionary to free. The worker answers
 * no analysis afterwards.
 */
export function releaseNativeMemory(): boolean {
  released = true;
  deps = undefined;
  if (!jiebaLoaded()) return false;
  const dir = mkdtempSync(join(tmpdir(), 'fahu-jieba-stub-'));
  try {
    const paths = Object.fromEntries(Object.entries(STUB).map(([k, text]) => [k, (writeFileSync(join(dir, k), text), join(dir, k))]));
    nodejieba.load(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return true;
}
