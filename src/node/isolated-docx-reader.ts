/**
 * Reads a .docx in a worker thread with a heap limit and a time limit, so that a crafted
 * file (a zip bomb that slipped past the byte count, a pathological XML) cannot take the
 * server or the CLI down with it.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractedText } from '../document/build.js';
import { IngestError, type IngestErrorCode } from '../ingest/errors.js';
import type { DocxReader } from '../ingest/ingest.js';

const fromSources = import.meta.url.endsWith('.ts');
const workerUrl = new URL(fromSources ? './docx-worker.ts' : './docx-worker.js', import.meta.url);

/** Under vitest the worker is TypeScript: a small bootstrap registers tsx first. */
function startWorker(options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!fromSources) return new Worker(workerUrl, options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

export const isolatedDocxReader: DocxReader = (bytes, limits) =>
  new Promise<ExtractedText>((resolve, reject) => {
    let settled = false;
    const worker = startWorker({
      workerData: { bytes, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.docxWorkerHeapMb, maxYoungGenerationSizeMb: 64 },
    });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new IngestError('TIMEOUT', `读取 Word 文档超过 ${Math.round(limits.docxTimeoutMs / 1000)} 秒仍未完成`, '文件可能已损坏或结构异常，请在 Word 中打开并重新保存为 .docx'))),
      limits.docxTimeoutMs,
    );
    worker.once('message', (msg: { ok: true; value: ExtractedText } | { ok: false; error: { code: IngestErrorCode; message: string; hint: string } }) =>
      settle(() => (msg.ok ? resolve(msg.value) : reject(new IngestError(msg.error.code, msg.error.message, msg.error.hint)))),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new IngestError('OUT_OF_MEMORY', '读取该 Word 文档所需内存超过上限', '文件可能是压缩炸弹或已损坏，请在 Word 中打开并重新保存为 .docx')
            : new IngestError('CORRUPT_DOCX', `无法读取 Word 文档（${e.message.slice(0, 80)}）`, '请在 Word 中打开并重新保存为 .docx'),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new IngestError('CORRUPT_DOCX', `读取 Word 文档的进程意外退出（${code}）`, '请在 Word 中打开并重新保存为 .docx'))));
  });
