/**
 * Worker thread body: reads .docx files one at a time under the limits its parent set. The
 * parent keeps a worker alive between files (starting one costs ~300 ms), and throws it away
 * after a timeout, an out-of-memory stop or a crash.
 */
import { parentPort } from 'node:worker_threads';
import { readDocx } from '../ingest/docx/read-docx.js';
import { isIngestError } from '../document/errors.js';
import type { IngestLimits } from '../document/limits.js';

parentPort?.on('message', ({ id, bytes, limits }: { id: number; bytes: Uint8Array; limits: IngestLimits }) => {
  readDocx(bytes, limits).then(
    (value) => parentPort?.postMessage({ id, ok: true, value }),
    (e: unknown) =>
      parentPort?.postMessage({
        id,
        ok: false,
        error: isIngestError(e) ? e.toJSON() : { code: 'CORRUPT_DOCX', message: `无法读取 Word 文档（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）`, hint: '请在 Word 中打开并重新保存为 .docx' },
      }),
  );
});
