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
import { charMask, parsePlaceData, placeLines, type PlaceData, type PlaceLines } from '../annotate/divisions.js';
import { packagePath } from './package-root.js';

let cached: PlaceData | undefined | null = null;
/** The names of some texts only: valid for any text of the characters in `mask`. */
let partial: { mask: Uint8Array; data: PlaceData } | undefined;
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
    if (partial && covers(partial.mask, forText)) return partial.data;
    const mask = charMask(forText, partial?.mask.slice());
    partial = { mask, data: lines ? parsePlaceData(lines.tsv, mask, lines) : parsePlaceData(readFileSync(file, 'utf8'), mask) };
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
