/**
 * corpus/places/divisions.tsv read once per process, on first use (the annotation layer asks for it lazily).
 * A command reviewing one draft (`fahu review`) may ask for the names of that draft only
 * (`placeDataForOneDocument`): the annotation layer hands over every text it will read places in,
 * and only names made of its characters are indexed — a short draft then indexes a few hundred of
 * the 60,000 names (measured: the full index is most of a short review's start). The server and
 * every other caller load the whole table, once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { charMask, occurrencesOf, parsePlaceData, placeLines, type PlaceData, type PlaceLines } from '../annotate/divisions.js';
import { packagePath } from './package-root.js';

let cached: PlaceData | undefined | null = null;
/**
 * The names of one text only (`text`, loadPlaceData's forText): the divisions `mask` keeps (as many as the
 * characters of the texts asked for so far can name, parsePlaceData's `only`) whose names occur in `text`
 * (parsePlaceData's `inText`) — valid for `text` and every text within it, as the annotation layer reads it.
 */
let partial: { mask: Uint8Array; text: string; data: PlaceData } | undefined;
let oneDocument = false;
/** Load time and heap growth of the one load, for `npm run bench`. */
export const placeLoadStats = { ms: 0, heapMb: 0, divisions: 0 };

/** This process reviews one draft: loadPlaceData(text) indexes only the names that text can hold. */
export function placeDataForOneDocument(): void {
  oneDocument = true;
}

/** The table read and its lines found ahead (preparePlaceLines), for the one document's filtered reading. */
let lines: PlaceLines | undefined;

/**
 * After placeDataForOneDocument: reads the table and finds its lines now (about a third of the filtered load),
 * before the document's text is known — `fahu review` does it while the Word file is still being read. Changes
 * no answer.
 */
export function preparePlaceLines(): void {
  if (!oneDocument || lines || cached !== null) return;
  const file = packagePath('corpus', 'places', 'divisions.tsv');
  if (existsSync(file)) lines = placeLines(readFileSync(file, 'utf8'));
}

/**
 * After placeDataForOneDocument: indexes the names `text` (the document's text, before its model is built) can hold
 * now, as loadPlaceData(text) would. loadPlaceData then answers with it for any text made of `text` and lines within
 * it (the annotation layer's: the document's text, then its title, issuers and jurisdiction options) — the very data
 * it would make for that text (the same characters, and the same names occur). Changes no answer.
 */
export function preparePlaceData(text: string): void {
  if (!oneDocument || cached !== null || partial) return;
  loadPlaceData(text);
}

/** Whether `text` is `within` followed by lines of `within` only ('\n'-joined; empty ones too): it holds the same names. */
function madeOf(text: string, within: string): boolean {
  if (!text.startsWith(within)) return false;
  if (text.length === within.length) return true;
  if (text.charCodeAt(within.length) !== 10) return false;
  for (const line of text.slice(within.length + 1).split('\n')) if (line && !within.includes(line)) return false;
  return true;
}

function covers(mask: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (mask[text.charCodeAt(i)] === 0) return false;
  return true;
}

/** `forText`: every text places will be read in (used only after placeDataForOneDocument). */
export function loadPlaceData(forText?: string): PlaceData | undefined {
  if (cached !== null) return cached;
  const file = packagePath('corpus', 'places', 'divisions.tsv');
  if (!existsSync(file)) return (cached = undefined);
  if (oneDocument && forText !== undefined) {
    if (partial && (partial.text === forText || (madeOf(forText, partial.text) && covers(partial.mask, forText)))) return partial.data;
    // the mask grows as before (the texts' characters so far): the divisions made are those it makes, for this text's names
    const mask = partial && covers(partial.mask, forText) ? partial.mask : charMask(forText, partial?.mask.slice());
    const inText = occurrencesOf(forText);
    partial = { mask, text: forText, data: lines ? parsePlaceData(lines.tsv, mask, lines, inText) : parsePlaceData(readFileSync(file, 'utf8'), mask, undefined, inText) };
    return partial.data;
  }
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  cached = parsePlaceData(readFileSync(file, 'utf8'));
  placeLoadStats.ms = performance.now() - t;
  placeLoadStats.heapMb = (process.memoryUsage().heapUsed - heap) / 1024 / 1024;
  placeLoadStats.divisions = cached.divisions.length;
  return cached;
}
