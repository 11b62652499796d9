/**
 * The versions of a request's draft (第1版, 第2版 …) as the reviewer works with them — any two
 * compared (clauses aligned by content, word differences, obligation shifts, each finding's
 * fate, from src/diff), and the 预审 of one version, which inherits the decisions of the review
 * of the latest earlier version for the findings still there (a dismissal keeps its reason,
 * marked 继承; a finding marked by hand is copied where its words still stand). The page, the JSON API and the command line all call these, so every face
 * inherits alike; the store enforces what it writes (open findings only, audited).
 */
import { compareVersions, type VersionComparison } from '../diff/compare.js';
import { documentJson, type DocumentJson } from '../document/document-json.js';
import { ingestBytes } from '../ingest/ingest.js';
import { handCarryOver, inheritedDecisions } from '../opinion/inherit.js';
import { createReview, packsFor, reviewOf, type ReviewDeps } from '../review/create-review.js';
import type { Finding } from '../rules/findings.js';
import { characterSegmenter } from '../segment/segmenter.js';
import type { Store } from '../store/store.js';
import { StoreError, type ReviewRecord } from '../store/types.js';
import type { DeskStore } from './desk-store.js';
import type { DraftVersion, LinkedReview } from './desk-types.js';

export const versionLabel = (v: number) => `第${v}版`;

export interface ComparedSide {
  version: number;
  label: string;
  fileName: string;
  /** The linked review whose findings the fates use; null: the rules were run for the comparison. */
  reviewId: string | null;
}

export interface DeskComparison {
  from: ComparedSide;
  to: ComparedSide;
  comparison: VersionComparison;
}

export interface VersionReview {
  record: ReviewRecord;
  version: number;
  /** The earlier version's review the decisions came from, or null (first version, none reviewed, too different). */
  fromReviewId: string | null;
  fromVersion: number | null;
  inherited: number;
  /** The earlier review was there but the two texts are unrelated (两份文件差异过大): nothing inherited. */
  tooDifferent: boolean;
}

function pickVersion(versions: DraftVersion[], n: number | undefined, requestId: number): DraftVersion {
  if (versions.length === 0) throw new StoreError('INVALID', '请先上传送审稿');
  if (n === undefined) return versions[versions.length - 1] as DraftVersion;
  const v = versions.find((x) => x.version === n);
  if (!v) throw new StoreError('NOT_FOUND', `送审件 ${requestId} 没有第 ${n} 版（现有 ${versions.map((x) => versionLabel(x.version)).join('、')}）`);
  return v;
}

/** The latest review (not voided) linked as a review of version `n`. */
function reviewOfVersion(reviews: LinkedReview[], n: number): LinkedReview | undefined {
  return reviews.filter((r) => r.version === n && !r.voided).pop();
}

/** The review of the latest earlier version that has one. */
function earlierReview(reviews: LinkedReview[], n: number): LinkedReview | undefined {
  const earlier = reviews.filter((r) => r.version !== null && r.version < n && !r.voided);
  const top = Math.max(...earlier.map((r) => r.version as number));
  return earlier.filter((r) => r.version === top).pop();
}

async function sideOf(deps: ReviewDeps & { store: Store }, v: DraftVersion, reviews: LinkedReview[]): Promise<{ side: ComparedSide; document: DocumentJson; findings: Finding[] }> {
  const side = { version: v.version, label: versionLabel(v.version), fileName: v.fileName, reviewId: null as string | null };
  const linked = reviewOfVersion(reviews, v.version);
  const detail = linked ? await deps.store.getReview(linked.id) : null;
  if (detail) return { side: { ...side, reviewId: detail.review.id }, document: detail.document, findings: detail.findings };
  const doc = await deps.store.getDocument(v.documentHash);
  if (!doc) throw new StoreError('NOT_FOUND', `${versionLabel(v.version)}的原件缺失，请重新上传`);
  const model = await ingestBytes(doc.bytes, { fileName: doc.fileName, ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) });
  return { side, document: documentJson(model), findings: reviewOf(deps, model, await packsFor(deps, undefined)).findings };
}

/** Compares 第`from`版 with 第`to`版 of a request's draft. */
export async function compareDeskVersions(deps: ReviewDeps & { store: Store }, desk: DeskStore, requestId: number, from: number, to: number): Promise<DeskComparison> {
  await desk.requireRequest(requestId);
  if (from === to) throw new StoreError('INVALID', '请选择两个不同的版本进行比较');
  const versions = await desk.versions(requestId);
  const [a, b] = [pickVersion(versions, from, requestId), pickVersion(versions, to, requestId)];
  const reviews = await desk.linkedReviews(requestId);
  const [x, y] = [await sideOf(deps, a, reviews), await sideOf(deps, b, reviews)];
  const comparison = compareVersions({ document: x.document, findings: x.findings }, { document: y.document, findings: y.findings }, { segmenter: deps.segmenter ?? characterSegmenter });
  return { from: x.side, to: y.side, comparison };
}

/**
 * 预审 of 第`version`版 (default: the latest), linked to the request; the decisions of the review
 * of the latest earlier version carry over to the findings still there.
 */
export async function reviewDeskVersion(deps: ReviewDeps & { store: Store }, desk: DeskStore, requestId: number, version: number | undefined, actorId: number): Promise<VersionReview> {
  const request = await desk.requireRequest(requestId);
  if (request.voidedAt) throw new StoreError('CONFLICT', `送审件 ${requestId} 已作废，不能再办理（如需继续，请先撤销作废）`);
  const v = pickVersion(await desk.versions(requestId), version, requestId);
  const doc = await deps.store.getDocument(v.documentHash);
  if (!doc) throw new StoreError('NOT_FOUND', `${versionLabel(v.version)}的原件缺失，请重新上传`);
  const earlier = earlierReview(await desk.linkedReviews(requestId), v.version);
  // the request's kind may name its own packs (kinds.ts); none: the administrator's defaults
  const kindPacks = (await desk.kindSettings())[request.kind].packs;
  const { record } = await createReview(deps, { bytes: doc.bytes, fileName: doc.fileName, storedHash: doc.hash, department: request.department, title: request.title, actorId, ...(kindPacks.length ? { packs: kindPacks } : {}) });
  await desk.linkReview(requestId, record.id, actorId, v.version);
  await desk.assignIfUnassigned(requestId, actorId);
  const out: VersionReview = { record, version: v.version, fromReviewId: null, fromVersion: null, inherited: 0, tooDifferent: false };
  const [before, now] = earlier ? [await deps.store.getReview(earlier.id), await deps.store.getReview(record.id)] : [null, null];
  if (!earlier || !before || !now) return out;
  const comparison = compareVersions(before, now, { segmenter: deps.segmenter ?? characterSegmenter });
  if (comparison.tooDifferent) return { ...out, tooDifferent: true };
  const decisions = inheritedDecisions(before.findings, comparison.fates);
  // the reviewer's own findings have no rule to fire again: copied where their words still stand
  const hand = handCarryOver(before.findings, before.document, now.document, comparison);
  const inherited = await deps.store.inheritDecisions(record.id, before.review.id, decisions, actorId, hand);
  return { ...out, record: (await deps.store.getReviewRecord(record.id)) ?? record, fromReviewId: before.review.id, fromVersion: earlier.version, inherited };
}

// the comparison's wording, for the request page (the server reaches src/diff through here)
export { CHANGE_LABELS, changeHeading, fateLines, shiftLines, summaryLines } from '../diff/diff-report.js';
export { FATE_LABELS } from '../diff/fates.js';
