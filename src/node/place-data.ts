/** corpus/places/divisions.tsv read once per process, on first use (the annotation layer asks for it lazily). */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parsePlaceData, type PlaceData } from '../annotate/places.js';
import { packagePath } from './package-root.js';

let cached: PlaceData | undefined | null = null;
/** Load time and heap growth of the one load, for `npm run bench`. */
export const placeLoadStats = { ms: 0, heapMb: 0, divisions: 0 };

export function loadPlaceData(): PlaceData | undefined {
  if (cached !== null) return cached;
  const file = packagePath('corpus', 'places', 'divisions.tsv');
  if (!existsSync(file)) return (cached = undefined);
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  cached = parsePlaceData(readFileSync(file, 'utf8'));
  placeLoadStats.ms = performance.now() - t;
  placeLoadStats.heapMb = (process.memoryUsage().heapUsed - heap) / 1024 / 1024;
  placeLoadStats.divisions = cached.divisions.length;
  return cached;
}
