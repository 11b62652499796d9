/**
 * The review pipeline, once, for every face: the JSON API, the upload form, the desk, the
 * cleanup runner and `fahu review` all call it. No HTTP types: the caller hands over bytes or
 * text, the metadata, the packs asked for and who is acting.
 *
 *   input check → packs (asked for, checked; else the admin's defaults) → ingest (format by
 *   content, limits, reading) → document model → rules → store (original by SHA-256, then the
 *   record with its findings; the store audits both)
 *
 * Order matters, so that nothing is half-stored: everything that can refuse the input runs
 * before anything is written. Without a store (the command line) nothing is saved and no
 * default packs apply.
 */
import { IngestError } from '../document/errors.js';
import type { DocumentModel } from '../document/model.js';
import type { DocxReader } from '../ingest/ingest.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Segmenter } from '../segment/segmenter.js';
import type { Store } from '../store/store.js';
import { sha256Hex } from '../store/tokens.js';
import { parseInput, StoreError } from '../store/store-error.js';
import type { ReviewRecord } from '../store/types.js';
import { checkJurisdiction, defaultJurisdiction } from './jurisdiction.js';
import { checkPacks, defaultPacks } from './packs.js';
import type { Review } from './review.js';
import { withLocalBasis } from '../local-texts/local-basis.js';
import { analyzeHere, reviewOf, type Analysis, type AnalysisRequest, type Analyzer, type PlaceSetting } from './analyzer.js';

export { reviewOf, type PlaceSetting };

/** What the pipeline runs with; the web app's AppDeps has all of it. */
export interface ReviewDeps {
  /** The compiled rules; without them a review has no findings. */
  ruleSet?: RuleSet | undefined;
  /** The word segmenter of version comparison (desk/desk-versions.ts); the rules need none. */
  segmenter?: Segmenter | undefined;
  /** Reads .docx (the Node adapter isolates it); defaults to reading in-process. */
  readDocx?: DocxReader | undefined;
  /** Where records are saved and default packs are set; absent on the command line. */
  store?: Store | undefined;
  /**
   * Runs the analysis (reading, document model, rules) elsewhere: the Node server's worker pool
   * (node/pooled-analyzer.ts), which uses the shipped rules. Absent: in this thread with the deps above.
   */
  analyze?: Analyzer | undefined;
}

export interface ReviewInput {
  bytes?: Uint8Array;
  fileName?: string;
  text?: string;
  /** Pasted text is Markdown. */
  markdown?: boolean;
  department?: string;
  title?: string;
  docNumber?: string;
  /** Industry packs to run; absent: the admin's default packs (none without a store). */
  packs?: readonly string[] | undefined;
  /** The division named places are read against (湖州市吴兴区); absent: the issuer, the title, then the admin's default. */
  jurisdiction?: string | undefined;
  /** The signed-in user saving the record (needed with a store). */
  actorId?: number | null;
  /** The original is already stored under this hash (a cleanup item): it is not stored again. */
  storedHash?: string;
  /**
   * An original reviewed before: `offer` refuses with DuplicateUploadError naming the earlier
   * records (the upload form and the API, until the user says 仍要重新预审); `allow` (default) reviews again.
   */
  duplicates?: 'offer' | 'allow';
}

/** The same original was reviewed before (records not voided, newest first). */
export class DuplicateUploadError extends StoreError {
  constructor(
    readonly hash: string,
    readonly earlier: readonly ReviewRecord[],
  ) {
    const first = earlier[0] as ReviewRecord;
    super('CONFLICT', `该文件已于 ${localTime(first.createdAt)} 审查过（《${first.title}》，${first.createdByName}${earlier.length > 1 ? `，共 ${earlier.length} 次` : ''}），可直接打开原审查记录；确需重新预审的，请选择“仍要重新预审”`);
    this.name = 'DuplicateUploadError';
  }
}

export const BOTH_FILE_AND_TEXT = '请只选择文件或只粘贴正文，不能同时提交：如要审查所选文件，请清空粘贴的正文；如要审查粘贴的正文，请移除所选文件';

/** "2026-12-01 10:00" in China Standard Time. */
function localTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface ReviewOutcome {
  /** The parsed document (for text output on the command line). */
  document: DocumentModel;
  review: Review;
}

export interface CreatedReview extends ReviewOutcome {
  /** The saved record; null without a store. */
  record: ReviewRecord | null;
}

export interface SavedReview extends ReviewOutcome {
  record: ReviewRecord;
}

const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The packs a review runs: those asked for (checked), else the admin's defaults. */
export async function packsFor(deps: ReviewDeps, requested: readonly string[] | undefined): Promise<string[]> {
  if (requested) return checkPacks(deps.ruleSet, requested);
  return deps.store ? defaultPacks(deps.store, deps.ruleSet) : [];
}

export async function placeSettingFor(deps: ReviewDeps, requested: string | undefined): Promise<PlaceSetting> {
  const out: PlaceSetting = {};
  if (requested !== undefined && requested.trim() !== '') out.jurisdiction = checkJurisdiction(deps.ruleSet, requested);
  const fallback = deps.store ? await defaultJurisdiction(deps.store) : undefined;
  if (fallback) out.defaultJurisdiction = fallback;
  return out;
}

/** A file name the store accepts (1–255 characters), keeping the extension. */
function storableName(name: string | undefined, fallback: string): string {
  const n = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim() || fallback;
  return n.length <= 255 ? n : n.slice(n.length - 255);
}

interface Original {
  document: DocumentModel;
  /** Null when the rules were not asked for. */
  review: Review | null;
  bytes: Uint8Array;
  fileName: string;
}

/** The input as it would be stored (the bytes hashed for the duplicate check) and as the analysis reads it. */
function sourceOf(input: ReviewInput): { source: AnalysisRequest['source']; bytes: Uint8Array; fileName: string } {
  if (input.bytes && input.bytes.length > 0 && input.text?.trim()) throw new StoreError('INVALID', BOTH_FILE_AND_TEXT);
  if (input.bytes) {
    const fileName = storableName(input.fileName, '上传文件');
    return { source: { bytes: input.bytes, fileName }, bytes: input.bytes, fileName };
  }
  if (typeof input.text === 'string') {
    const markdown = input.markdown === true;
    return { source: { text: input.text, markdown }, bytes: new TextEncoder().encode(input.text), fileName: storableName(input.fileName, markdown ? '粘贴文本.md' : '粘贴文本.txt') };
  }
  throw new IngestError('EMPTY_FILE', '没有收到文件或文字', '请上传 .docx 文件或粘贴文件正文');
}

/** Reads the input and, with `rules`, reviews it: through deps.analyze when set, else here. */
async function analyseOriginal(deps: ReviewDeps, input: ReviewInput | ReturnType<typeof sourceOf>, rules: Omit<AnalysisRequest, 'source'>): Promise<Original> {
  const { source, bytes, fileName } = 'source' in input ? input : sourceOf(input);
  const analysis: Analysis = await (deps.analyze ? deps.analyze({ source, ...rules }) : analyzeHere(deps, { source, ...rules }));
  return { ...analysis, bytes, fileName };
}

/** The analysis with the rules' review (never null). */
function reviewed(o: Original): Review {
  if (!o.review) throw new Error('analysis returned no review');
  return o.review;
}

/** The review citing the section's imported texts where a rule has a local basis (none without a store). */
async function citingLocalTexts(deps: ReviewDeps, review: Review): Promise<Review> {
  if (!deps.store || !deps.ruleSet?.rules.some((r) => r.rule.localBasis?.length)) return review;
  // the store's modules (and zod's) load only with a store: a review without one (`fahu review`) needs neither
  const { LocalTextStore } = await import('../local-texts/local-text-store.js');
  return withLocalBasis(review, deps.ruleSet, await new LocalTextStore(deps.store).laws());
}

/** The document model of the input, without rules or storage (`POST /api/parse`). */
export async function parseDocument(deps: ReviewDeps, input: ReviewInput): Promise<DocumentModel> {
  return (await analyseOriginal(deps, input, { rules: false, packs: [], places: {} })).document;
}

/** Reviews the input without saving anything (the stateless `POST /api/review`). */
export async function runReview(deps: ReviewDeps, input: ReviewInput): Promise<ReviewOutcome> {
  const packs = await packsFor(deps, input.packs);
  const places = await placeSettingFor(deps, input.jurisdiction);
  const original = await analyseOriginal(deps, input, { rules: true, packs, places });
  return { document: original.document, review: await citingLocalTexts(deps, reviewed(original)) };
}

/** Reviews the input and, with a store, saves the original and the record. */
export async function createReview(deps: ReviewDeps & { store: Store }, input: ReviewInput): Promise<SavedReview>;
export async function createReview(deps: ReviewDeps, input: ReviewInput): Promise<CreatedReview>;
export async function createReview(deps: ReviewDeps, input: ReviewInput): Promise<CreatedReview> {
  const store = deps.store;
  if (store && input.actorId == null) throw new StoreError('FORBIDDEN', '请先登录');
  const meta = store ? parseInput((await import('../store/types.js')).ReviewMetaSchema, { department: input.department ?? '', title: input.title || undefined, docNumber: input.docNumber || undefined }) : null;
  const packs = await packsFor(deps, input.packs);
  const places = await placeSettingFor(deps, input.jurisdiction);
  const source = sourceOf(input);
  // a duplicate is refused before the analysis runs: no wasted work, and the answer comes at once
  if (store && input.duplicates === 'offer') {
    const hash = input.storedHash ?? (await sha256Hex(source.bytes));
    const earlier = await store.reviewsOfDocument(hash);
    if (earlier.length) throw new DuplicateUploadError(hash, earlier);
  }
  const original = await analyseOriginal(deps, source, { rules: true, packs, places });
  const result = await citingLocalTexts(deps, reviewed(original));
  if (!store || !meta) return { document: original.document, review: result, record: null };

  const actorId = input.actorId as number;
  let hash = input.storedHash;
  if (!hash) {
    const mime = MIME[original.document.source.format] ?? 'application/octet-stream';
    hash = (await store.putDocument({ bytes: original.bytes as Uint8Array<ArrayBuffer>, fileName: original.fileName, mime }, actorId)).hash;
  }
  const record = await store.createReview(result, { ...meta, documentHash: hash }, actorId);
  return { document: original.document, review: result, record };
}

/** What a form sent once or again gets: the record it made (resubmitted: the one the first send made). */
export type LandedReview = (SavedReview & { resubmitted: false }) | { record: ReviewRecord; resubmitted: true };

/**
 * createReview for a rendered form carrying a submit token: the first send makes the record;
 * a send of the same form again (Back + 开始预审, a double click) lands on that record instead
 * of making another. A refused send frees the token so the corrected form can go again.
 * Without a token it is plain createReview.
 */
export async function createReviewOnce(deps: ReviewDeps & { store: Store }, input: ReviewInput, submitToken: string | undefined): Promise<LandedReview> {
  const store = deps.store;
  if (!submitToken || input.actorId == null) return { ...(await createReview(deps, input)), resubmitted: false };
  const claim = await store.claimSubmitToken(submitToken, input.actorId);
  if (!claim.claimed) {
    const earlier = claim.reviewId ? await store.getReviewRecord(claim.reviewId) : null;
    if (!earlier) throw new StoreError('CONFLICT', '这份表单已提交，正在分析中，请稍候在“审查记录”中查看，不要重复提交');
    return { record: earlier, resubmitted: true };
  }
  try {
    const saved = await createReview(deps, input);
    await store.settleSubmitToken(submitToken, saved.record.id);
    return { ...saved, resubmitted: false };
  } catch (e) {
    await store.settleSubmitToken(submitToken, null);
    throw e;
  }
}
