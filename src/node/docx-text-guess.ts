/**
 * `fahu review` of a Word file: a rough text of the draft, read on this thread from the zip straight away — the main
 * part (word/document.xml) inflated and stripped of its markup — so that the rules it may open are compiled while the
 * worker is still reading the file (RuleSet.compileFor), not after its text arrives. Only a guess: a word split
 * across runs is missed, a deleted revision's words are there, entities are not decoded; compiling ahead changes no
 * answer (a rule the real text opens and the guess did not is compiled then, as before; one only the guess opens costs
 * its compile). Undefined for anything that is not a plain deflated or stored main part within `maxBytes` inflated:
 * the worker reads and refuses such files as before (a zip bomb cannot make this read more than `maxBytes`).
 */
import { inflateRawSync } from 'node:zlib';
import { entryData, readCentralDirectory } from '../ingest/zip-guard.js';

export function docxTextGuess(bytes: Uint8Array, maxBytes: number): string | undefined {
  try {
    const entries = readCentralDirectory(bytes);
    const main = entries.find((e) => e.name === 'word/document.xml');
    if (!main || main.encrypted || main.uncompressedSize > maxBytes) return undefined;
    const data = entryData(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), main);
    const xml = main.method === 0 ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : main.method === 8 ? inflateRawSync(data, { maxOutputLength: maxBytes }) : undefined;
    if (!xml) return undefined;
    return xml.toString('utf8').replace(/<\/w:p>/g, '\n').replace(/<[^>]*>/g, '');
  } catch {
    return undefined; // damaged, over the bound: the worker says why
  }
}
