/**
 * A diagnostic for the direct .docx reader (ingest/docx/direct-reader.ts): with FAHU_DOCX_SHADOW=FILE every
 * .docx read in this process (or worker) is read through mammoth's path too, and one line per file is
 * appended to FILE: SAME, DIFF (with both texts' lengths and the first difference, the file written beside
 * FILE) or DEFERRED (the reason the direct reader gave). Off (nothing loaded, nothing compared) unless the variable is set.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { setDocxShadow } from '../ingest/docx/read-docx.js';

const file = process.env.FAHU_DOCX_SHADOW;
if (file) {
  setDocxShadow((direct, mammoth, bytes) => {
    let line: string;
    if (!direct.ok) line = `DEFERRED\t${direct.reason}\t${'error' in mammoth ? 'mammoth refuses' : 'mammoth reads'}`;
    else if ('error' in mammoth) line = `DIFF\tdirect reads, mammoth refuses: ${String((mammoth.error as Error).message ?? mammoth.error).slice(0, 120)}`;
    else if (isDeepStrictEqual(direct.text, mammoth.text)) line = `SAME\t${direct.text.original.length}`;
    else {
      const a = direct.text.original;
      const b = mammoth.text.original;
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      line = `DIFF\t${a.length} vs ${b.length} at ${i}: ${JSON.stringify(a.slice(i, i + 40))} / ${JSON.stringify(b.slice(i, i + 40))}`;
    }
    if (line.startsWith('DIFF')) {
      // the file itself beside the log, to look at
      const name = `${file}.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.docx`;
      writeFileSync(name, bytes);
      line += `\t${name}`;
    }
    appendFileSync(file, `${line}\n`);
  });
}
