/** A draft named on the command line, read within the limits and ingested (Word files in a guarded worker). */
import type { DocumentModel } from '../document/model.js';
import { ingestBytes } from '../ingest/ingest.js';
import { withLimits } from '../document/limits.js';
import { isolatedDocxReader } from '../node/isolated-docx-reader.js';
import { readInput, UsageError } from './io.js';

export async function loadDraft(file: string | undefined): Promise<{ doc: DocumentModel; bytes: Uint8Array }> {
  if (!file) throw new UsageError('缺少文件参数（文件路径，或 - 表示标准输入）');
  const input = await readInput(file, withLimits());
  const doc = await ingestBytes(input.bytes, { ...(input.fileName ? { fileName: input.fileName } : {}), readDocx: isolatedDocxReader });
  return { doc, bytes: input.bytes };
}

export async function loadDocument(file: string | undefined): Promise<DocumentModel> {
  return (await loadDraft(file)).doc;
}
