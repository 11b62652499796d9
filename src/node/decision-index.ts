/**
 * Decision search on Node: the seed corpus on a new install, decisions of signed reviews that
 * were missed, and the index — loaded from `<DATA_DIR>/decision-index.v8` when that snapshot
 * belongs to this database, otherwise built from the rows. Either way it is then caught up
 * with the database (see DecisionSearch), so a snapshot can be old but never stale.
 *
 * Snapshots use v8.serialize: Orama's saved state holds Maps, the posting-list index's (the
 * engine of large libraries, see LARGE_INDEX_MIN) typed arrays, and a JSON string of a large
 * index would pass V8's string length limit. The snapshot names its engine. They are written
 * only for corpora where loading beats rebuilding (PERSIST_MIN_DECISIONS, measured by
 * `npm run bench`: 100,000 decisions load in about 0.3 s against 12 s or more to rebuild).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { openDecisionLibrary, type DecisionIndexDeps } from '../boot/boot.js';
import type { DecisionSearch, IndexSnapshot } from '../decisions/decision-search.js';
import type { Segmenter } from '../segment/segmenter.js';
import type { Store } from '../store/store.js';
import { jiebaSegmenter } from './jieba-segmenter.js';
import { packagePath } from './package-root.js';

export const SEED_FILE = packagePath('fixtures', 'decisions', 'seed.jsonl');
export const INDEX_FILE_NAME = 'decision-index.v8';
/** Below this many decisions a rebuild takes well under a second: no snapshot is kept. */
export const PERSIST_MIN_DECISIONS = 5_000;

export interface OpenedDecisionSearch {
  search: DecisionSearch;
  /** How the index was made this time. */
  loadedFrom: 'snapshot' | 'rows';
  ms: number;
  seeded: number;
  recovered: number;
}

export function readSnapshot(file: string): IndexSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return deserialize(readFileSync(file)) as IndexSnapshot;
  } catch {
    return undefined; // a damaged snapshot is rebuilt from the rows
  }
}

export async function writeSnapshot(search: DecisionSearch, file: string): Promise<void> {
  const bytes = serialize(await search.snapshot());
  writeFileSync(`${file}.tmp`, bytes);
  renameSync(`${file}.tmp`, file);
}

/** The Node side of the decision index for boot(): the seed file, the snapshot under `dir`, written when it pays. */
export function nodeDecisionIndex(options: { dir?: string | undefined; seed?: boolean; persistMin?: number } = {}): DecisionIndexDeps {
  const file = options.dir ? join(options.dir, INDEX_FILE_NAME) : undefined;
  return {
    seedJsonl: () => (options.seed === false || !existsSync(SEED_FILE) ? undefined : readFileSync(SEED_FILE, 'utf8')),
    loadSnapshot: () => (file ? readSnapshot(file) : undefined),
    saveSnapshot: async (search, { snapshot, rev }) => {
      if (file && search.size >= (options.persistMin ?? PERSIST_MIN_DECISIONS) && (!snapshot || snapshot.rev !== rev)) await writeSnapshot(search, file);
    },
  };
}

export function openDecisionSearch(
  store: Store,
  options: { dir?: string | undefined; seed?: boolean; segmenter?: Segmenter; persistMin?: number } = {},
): Promise<OpenedDecisionSearch> {
  return openDecisionLibrary(store, options.segmenter ?? jiebaSegmenter(), nodeDecisionIndex(options));
}
