/** Reading input for the CLI: a file path or "-" for standard input. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IngestError } from '../ingest/errors.js';
import { formatBytes, type IngestLimits } from '../ingest/limits.js';

export async function readInput(file: string, limits: IngestLimits): Promise<{ bytes: Uint8Array; fileName?: string }> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      total += (chunk as Buffer).length;
      if (total > limits.maxInputBytes) {
        throw new IngestError('TOO_LARGE', `标准输入超过 ${formatBytes(limits.maxInputBytes)} 的上限`, '请拆分后分别提交');
      }
      chunks.push(chunk as Buffer);
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks)) };
  }
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new UsageError(`${file} 是目录，请指定一个文件`);
    size = s.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`找不到文件：${file}`);
  }
  if (size > limits.maxInputBytes) {
    throw new IngestError('TOO_LARGE', `文件大小 ${formatBytes(size)}，超过 ${formatBytes(limits.maxInputBytes)} 的上限`, '请压缩图片或拆分文件后重新提交');
  }
  return { bytes: new Uint8Array(await readFile(file)), fileName: basename(file) };
}

/** Wrong command line: exit code 2 with usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Refused input that is not a usage mistake (a taken name, a short password): exit code 2, message only. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
