/** Worker thread body: reads one .docx under the limits its parent set. */
import { parentPort, workerData } from 'node:worker_threads';
import { readDocx } from '../ingest/docx/read-docx.js';
import { isIngestError } from '../ingest/errors.js';
import type { IngestLimits } from '../ingest/limits.js';

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: IngestLimits };

readDocx(bytes, limits).then(
  (value) => parentPort?.postMessage({ ok: true, value }),
  (e: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: isIngestError(e) ? e.toJSON() : { code: 'CORRUPT_DOCX', message: `无法读取 Word 文档（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）`, hint: '请在 Word 中打开并重新保存为 .docx' },
    }),
);
