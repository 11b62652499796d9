/** Reading input for the CLI: a file path or "-" for standard input. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { IngestError } from '../document/errors.js';
import { formatBytes, type IngestLimits } from '../document/limits.js';

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
  const size = await fileSize(file);
  if (size > limits.maxInputBytes) {
    throw new IngestError('TOO_LARGE', `文件大小 ${formatBytes(size)}，超过 ${formatBytes(limits.maxInputBytes)} 的上限`, '请压缩图片或拆分文件后重新提交');
  }
  return { bytes: new Uint8Array(await readFile(file)), fileName: basename(file) };
}

/** The size of a file named on the command line; a directory or a missing file is a usage mistake. */
export async function fileSize(file: string): Promise<number> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new UsageError(`${file} 是目录，请指定一个文件`);
    return s.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`找不到文件：${file}`);
  }
}

/** A file's bytes, refused (exit code 2) when over `maxBytes`. */
export async function readFileUpTo(file: string, maxBytes: number): Promise<Uint8Array> {
  const size = await fileSize(file);
  if (size > maxBytes) throw new InputError(`${file} 大小 ${formatBytes(size)}，超过 ${formatBytes(maxBytes)} 的上限，请拆分后分别提交`);
  return new Uint8Array(await readFile(file));
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
