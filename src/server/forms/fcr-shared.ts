/** What the 公平竞争审查表 page and API share: the form of a review as stored over the proposal, and the .docx answer. */
import type { Context } from 'hono';
import { effectiveFcrForm, FcrFormError, fcrFormDocx, FcrFormStore, fcrStandards, findingsByStandard, headerTemplate, reviewExportOf, type FcrFormValues, type FcrStandards, type StoredFcrForm } from '../../review/core.js';
import { StoreError, type ReviewDetail } from '../../store/types.js';
import { attachment } from '../kit/api-kit.js';
import type { AppEnv } from '../env.js';

type C = Context<AppEnv>;

export interface FcrView {
  detail: ReviewDetail;
  standards: FcrStandards;
  stored: StoredFcrForm | null;
  values: FcrFormValues;
  hints: Record<string, { path: string; title: string }[]>;
}

/** The standards from the loaded corpus; a server without it refuses in Chinese. */
export function standardsOf(c: C): FcrStandards {
  try {
    return fcrStandards(c.var.deps.ruleSet?.corpus.laws ?? []);
  } catch (e) {
    if (e instanceof FcrFormError) throw new StoreError('INVALID', e.message);
    throw e;
  }
}

export const fcrStore = (c: C) => new FcrFormStore(c.var.deps.store);

/** The review's form as shown and written; null when there is no such review. */
export async function fcrView(c: C, reviewId: string): Promise<FcrView | null> {
  const detail = await c.var.deps.store.getReview(reviewId);
  if (!detail) return null;
  const standards = standardsOf(c);
  const stored = await fcrStore(c).get(reviewId);
  const review = reviewExportOf(detail);
  const hints = Object.fromEntries([...findingsByStandard(review, standards)].map(([k, list]) => [k, list.map((f) => ({ path: f.path, title: f.title }))]));
  return { detail, standards, stored, values: effectiveFcrForm(review, standards, stored?.values ?? null), hints };
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 80);

export async function fcrDocxResponse(c: C, view: FcrView): Promise<Response> {
  const bytes = await fcrFormDocx(reviewExportOf(view.detail), view.standards, view.values, { template: await headerTemplate(c.var.deps.store) });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Content-Disposition': attachment(`公平竞争审查表-${safeName(view.detail.review.title)}.docx`),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}
