/**
 * `fahu review` / `fahu parse` of a Word file: the reader's worker is started before the command
 * loads the rest of itself (the rules engine, the document model, zod — about 0.3–0.5 s of module
 * loading under load), and loads its own libraries (jszip, mammoth, xmldom — another 0.2–0.4 s)
 * meanwhile, on the other core. A file that only looks like one (any argument that is a zip) costs
 * a spare idle worker at most: it is unreferenced and never keeps the process alive.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { withLimits } from '../document/limits.js';

function isZip(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50; // PK\3\4
  } catch {
    return false; // no such file, a directory: the command says so
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function startReaderEarly(args: readonly string[]): Promise<void> {
  if (!args.some((a) => !a.startsWith('-') && isZip(a))) return;
  // the Word reader is the command's own work, at its priority (read by the worker when it starts)
  process.env.FAHU_WORKER_NICE ??= '0';
  const { sharedPool } = await import('../node/worker-pool.js');
  sharedPool.prestart(withLimits().docxWorkerHeapMb, { kind: 'preload', format: 'docx' });
}
