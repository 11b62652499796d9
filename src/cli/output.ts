/** Writing a command's result: to a file with --out (said on stdout), else text to stdout. */
import { writeFile } from 'node:fs/promises';
import { InputError } from './io.js';

export async function writeOutput(bytes: Uint8Array, file: string | undefined, out: (s: string) => void): Promise<void> {
  if (!file) {
    out(new TextDecoder().decode(bytes).replace(/\n$/, ''));
    return;
  }
  try {
    await writeFile(file, bytes);
  } catch (e) {
    throw new InputError(`无法写入 ${file}：${e instanceof Error ? e.message : String(e)}`);
  }
  out(`已写入 ${file}（${bytes.length} 字节）`);
}
