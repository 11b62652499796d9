/**
 * A review: the parsed document and its findings, in the fixed JSON shape that `fahu review
 * --format json` prints, the API answers and the store saves as is. Defined here, beside the
 * findings, so that the store can keep it without importing the review pipeline above it.
 */
import type { DocumentJson } from '../document/document-json.js';
import type { Finding } from './findings.js';

export interface Review {
  document: DocumentJson;
  findings: Finding[];
  /** Industry packs run besides the core rules; absent when none were. */
  packs?: string[];
}
