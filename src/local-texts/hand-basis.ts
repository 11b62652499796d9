/**
 * A hand-added finding with the basis a reviewer picked (the 依据 picker): each article named is
 * looked up in the imported texts, then the bundled corpus, and stored with its text — a basis
 * nobody can type in, so the finding cites only what the library holds. Page and API both call this.
 */
import type { CorpusLaw } from '../corpus/corpus.js';
import type { Store } from '../store/store.js';
import { parseInput, type HandFinding, type ReviewFinding } from '../store/types.js';
import { z } from 'zod';
import { resolvePicked, searchArticles, type ArticleHit } from './local-basis.js';
import { LocalTextStore } from './local-text-store.js';
import { ArticleRefSchema, type ArticleRef } from './types.js';

export const PickedBasisSchema = z.array(ArticleRefSchema, { error: 'basis 应为依据条款的数组（law、article、item）' }).max(5, '依据最多 5 条');

export async function addHandFindingWithBasis(
  store: Store,
  bundled: readonly CorpusLaw[],
  reviewId: string,
  input: HandFinding,
  picked: unknown,
  actorId: number,
): Promise<ReviewFinding> {
  const refs = parseInput(PickedBasisSchema, picked ?? []);
  const local = refs.length ? await new LocalTextStore(store).laws() : [];
  const basis = refs.map((r) => resolvePicked(bundled, local, r));
  return store.addHandFinding(reviewId, input, actorId, basis);
}

/** The picker's search over the bundled and the imported texts. */
export async function pickArticles(store: Store, bundled: readonly CorpusLaw[], query: string, limit = 20): Promise<ArticleHit[]> {
  return searchArticles(bundled, await new LocalTextStore(store).laws(), query, limit);
}
