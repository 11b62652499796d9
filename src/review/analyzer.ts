/**
 * The analysis of one input — reading it (format by content, limits), building the document
 * model, annotating it and running the rules — behind a small interface, so that a runtime can
 * run it elsewhere: the Node server hands it to a bounded pool of worker threads
 * (node/pooled-analyzer.ts) and keeps its event loop for pages and /health; Workers and the
 * command line run it here, in-thread. Requests and results are plain data (structured-clone
 * safe). No HTTP types, no Node APIs.
 */
import type { DocumentModel } from '../document/model.js';
import { documentJson } from '../document/document-json.js';
import { ingestBytes, ingestText, type DocxReader } from '../ingest/ingest.js';
import type { RuleSet } from '../rules/ruleset.js';
import { review, type Review } from './review.js';

/** Where named places are read against: the review's own setting (checked), and the admin's default as the last resort. */
export interface PlaceSetting {
  jurisdiction?: string;
  defaultJurisdiction?: string;
}

export type AnalysisSource = { bytes: Uint8Array; fileName: string } | { text: string; markdown: boolean };

export interface AnalysisRequest {
  source: AnalysisSource;
  /** false: the document model only (`POST /api/parse`). */
  rules: boolean;
  packs: readonly string[];
  places: PlaceSetting;
}

export interface Analysis {
  document: DocumentModel;
  /** Null when the rules were not asked for. */
  review: Review | null;
}

/** Runs an analysis somewhere (a worker pool, this thread); rejects with the same errors as in-thread analysis. */
export type Analyzer = (request: AnalysisRequest) => Promise<Analysis>;

/** What in-thread analysis runs with. */
export interface AnalysisDeps {
  ruleSet?: RuleSet | undefined;
  readDocx?: DocxReader | undefined;
}

/** The rules' review of a parsed document (no findings when there is no rule set). */
export function reviewOf(deps: AnalysisDeps, doc: DocumentModel, packs: readonly string[] = [], places: PlaceSetting = {}): Review {
  if (!deps.ruleSet) return { document: documentJson(doc), findings: [] };
  return review(doc, deps.ruleSet, { packs: [...packs], ...places });
}

/** The analysis, here and now. */
export async function analyzeHere(deps: AnalysisDeps, request: AnalysisRequest): Promise<Analysis> {
  const { source } = request;
  const document =
    'bytes' in source ? await ingestBytes(source.bytes, { fileName: source.fileName, ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) }) : ingestText(source.text, { markdown: source.markdown });
  return { document, review: request.rules ? reviewOf(deps, document, request.packs, request.places) : null };
}
