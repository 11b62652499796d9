/**
 * 已采纳 / 未采纳 for the opinion on a later version: each 修改意见 of the review of the earlier
 * version (a confirmed finding) is adopted when it no longer fires on the new text (its fate is
 * resolved). A finding the reviewer marked by hand has no rule to run again: it counts as
 * adopted when its quoted words no longer stand in the new version (the same test that decides
 * whether it is carried over, ./inherit.ts locateHandFinding).
 */
import { compareVersions } from '../diff/compare.js';
import { characterSegmenter, type Segmenter } from '../segment/segmenter.js';
import type { ReviewDetail } from '../store/types.js';
import type { WriterOptions } from '../report/writers/types.js';
import { adoptionOf, locateHandFinding } from './inherit.js';

export type Adoption = NonNullable<WriterOptions['adoption']>[number];

/** The adoption list for `detail` when it inherited from an earlier review; undefined otherwise. */
export async function adoptionFor(getReview: (id: string) => Promise<ReviewDetail | null>, detail: ReviewDetail, segmenter: Segmenter = characterSegmenter): Promise<Adoption[] | undefined> {
  const previousId = detail.review.previousReviewId;
  const before = previousId ? await getReview(previousId) : null;
  if (!before) return undefined;
  const byRule = (d: ReviewDetail) => d.findings.filter((f) => !f.addedByHand);
  const comparison = compareVersions({ document: before.document, findings: byRule(before) }, { document: detail.document, findings: byRule(detail) }, { segmenter });
  const ruled = adoptionOf(byRule(before), comparison.fates);
  let k = 0;
  const out: Adoption[] = [];
  for (const f of before.findings) {
    if (f.status !== 'confirmed') continue;
    if (f.addedByHand) out.push({ title: f.title, path: f.path, adopted: locateHandFinding(f, before.document, detail.document, comparison) === null });
    else out.push(ruled[k++] as Adoption);
  }
  return out;
}
