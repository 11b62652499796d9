/**
 * The seed corpus (fixtures/decisions/seed.jsonl, published cases) goes into a new install
 * once, so that search works from the first minute. Once: a section that deletes seed
 * decisions does not get them back on the next start.
 */
import type { DecisionStore } from './decision-store.js';
import { DecisionImportError, parseDecisions } from './import-export.js';

/** Loads the seed unless this database has had it; returns the number of decisions added. */
export async function loadSeedOnce(store: DecisionStore, seedJsonl: string): Promise<number> {
  if (await store.seededAt()) return 0;
  const parsed = await parseDecisions(seedJsonl, 'jsonl');
  if (parsed.errors.length) throw new DecisionImportError(parsed.errors);
  const r = await store.upsertMany(parsed.rows.map((r) => r.decision));
  await store.markSeeded();
  return r.inserted;
}
