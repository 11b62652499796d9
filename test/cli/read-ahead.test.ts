/** `fahu review` starts reading a Word file before it compiles the rules (cli/load-document.ts readAhead). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/cli/load-document.js';
import type { ExtractedText } from '../../src/document/build.js';
import type { DocxReader } from '../../src/ingest/ingest.js';
import { packagePath } from '../../src/node/package-root.js';

const extracted: ExtractedText = { original: '正文', rows: [], notes: [], joinWrappedLines: false, markdown: false };

function recordingReader(events: string[], fail = false): DocxReader {
  return Object.assign(
    async (_bytes: Uint8Array, _limits: unknown, format?: string) => {
      events.push(`read ${format}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push('read done');
      if (fail) throw new Error('损坏');
      return extracted;
    },
    { formats: ['docx', 'doc', 'wps', 'pdf'] as const },
  );
}

describe('readAhead', () => {
  const docx = new Uint8Array(readFileSync(packagePath('fixtures', 'docx', 'article-typed.docx')));

  it('starts the Word read first, runs the loads meanwhile, and hands the review the read under way', async () => {
    const events: string[] = [];
    const reader = await readAhead({ bytes: docx, fileName: 'a.docx' }, () => events.push('meanwhile'), recordingReader(events));
    expect(events[0]).toBe('read docx');
    expect(events.filter((e) => e === 'meanwhile')).toHaveLength(1);
    expect(await reader(docx, {} as never, 'docx')).toBe(extracted);
    // no second read of the same bytes; other bytes are read anew
    expect(events.filter((e) => e.startsWith('read docx'))).toHaveLength(1);
    await reader(new Uint8Array(docx), {} as never, 'docx');
    expect(events.filter((e) => e.startsWith('read docx'))).toHaveLength(2);
  });

  it('leaves a text draft alone (its loads stay lazy) and reports a failed read when the review asks', async () => {
    const events: string[] = [];
    const text = new TextEncoder().encode('关于印发某办法的通知\n一、本办法自印发之日起施行。\n');
    const reader = await readAhead({ bytes: text, fileName: 'a.txt' }, () => events.push('meanwhile'), recordingReader(events));
    expect(events).toEqual([]);
    expect(reader.formats).toContain('pdf');
    const failing = await readAhead({ bytes: docx, fileName: 'a.docx' }, () => events.push('meanwhile'), recordingReader(events, true));
    await expect(failing(docx, {} as never, 'docx')).rejects.toThrow('损坏');
  });
});
