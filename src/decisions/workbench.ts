/**
 * What the review workbench's routes call (one line each): recording a signed-off review's
 * decisions, and the precedents under a report's findings. Web-standard.
 */
import type { DecisionSearch, SimilarDecision } from '../search/decision-search.js';
import type { Store } from '../store/store.js';
import type { ReviewDetail } from '../store/types.js';
import { DecisionStore } from './decision-store.js';
import { recordReviewDecisions } from './from-review.js';
import { precedentsFor } from './precedents.js';

/**
 * After a sign-off: the review's confirmed and dismissed findings become decisions. A failure
 * here does not undo the sign-off; the decisions are recorded at the next start instead
 * (recordMissedReviews).
 */
export async function recordSignOff(deps: { store: Store; decisions?: DecisionSearch | undefined }, reviewId: string): Promise<void> {
  try {
    await recordReviewDecisions(deps.store, deps.decisions?.store ?? new DecisionStore(deps.store.db), reviewId);
  } catch (e) {
    console.error('审查意见未能记录（下次启动时补记）：', e);
  }
}

/** Precedents for a report's findings, or undefined when decision search is not enabled. */
export async function reportPrecedents(search: DecisionSearch | undefined, detail: ReviewDetail): Promise<Record<string, SimilarDecision[]> | undefined> {
  if (!search || detail.findings.length === 0) return undefined;
  try {
    return await precedentsFor(search, detail);
  } catch (e) {
    console.error('以往审查意见未能检索：', e);
    return undefined;
  }
}
