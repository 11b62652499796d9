/**
 * Analysis in the process's one worker pool (node/worker-pool.ts, shared with the Word reader),
 * so that reading, the document model and the rules never hold the server's event loop: pages
 * and /health answer while reviews run. Each analysis has a budget (FAHU_ANALYSIS_TIMEOUT_MS,
 * default 30 s; a worker's first analysis, which loads the rules and the dictionary, gets
 * FAHU_ANALYSIS_COLD_MS more, default 90 s: ~3 s on an idle machine, 27 s at load 26 on 2 cores); a full
 * pool refuses with BUSY (429 服务器繁忙，请稍后重试). The workers use the shipped rule set
 * (rules/, FAHU_RULE_FILES as in this process): give this analyzer only with loadRuleSet().
 */
import { IngestError } from '../document/errors.js';
import { DEFAULT_LIMITS } from '../document/limits.js';
import type { Analysis, Analyzer, AnalysisRequest } from '../review/analyzer.js';
import { sharedPool, type WorkerPool } from './worker-pool.js';

const positive = (v: string | undefined, fallback: number): number => ((n) => (Number.isInteger(n) && n > 0 ? n : fallback))(Number(v));
export const ANALYSIS_TIMEOUT_MS = positive(process.env.FAHU_ANALYSIS_TIMEOUT_MS, 30_000);
export const ANALYSIS_COLD_MS = positive(process.env.FAHU_ANALYSIS_COLD_MS, 90_000);

const SAVE_AGAIN = '请在 Word 中打开并重新保存为 .docx，或粘贴正文后重新提交';

export function pooledAnalyzer(pool: WorkerPool = sharedPool, timeoutMs = ANALYSIS_TIMEOUT_MS, coldMs = ANALYSIS_COLD_MS): Analyzer {
  return (request: AnalysisRequest) =>
    pool.run<Analysis>({
      message: { kind: 'analyze', request },
      // the reader's heap limit: a worker serves reads and analyses alike
      heapMb: DEFAULT_LIMITS.docxWorkerHeapMb,
      timeoutMs,
      ...(request.rules ? { warmUp: { key: 'rules', extraMs: coldMs } } : {}),
      failure: ({ kind, detail }) =>
        kind === 'oom'
          ? new IngestError('OUT_OF_MEMORY', '分析该文件所需内存超过上限', `文件可能是压缩炸弹或已损坏，${SAVE_AGAIN}`)
          : kind === 'timeout'
            ? new IngestError('TIMEOUT', `分析该文件超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成`, `文件可能过长或结构异常，请拆分后重新提交`)
            : new IngestError('CORRUPT_DOCX', `分析该文件的进程意外退出（${detail}）`, SAVE_AGAIN),
    });
}
