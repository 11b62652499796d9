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
  /** The division named places were read against, and where it came from; absent when none was found. */
  jurisdiction?: ReviewJurisdiction;
}

export interface ReviewJurisdiction {
  name: string;
  /** option: set on the review; issuer: the 发文机关; title: the title; setting: the section's default. */
  source: 'option' | 'issuer' | 'title' | 'setting';
}

export const JURISDICTION_SOURCE_LABELS: Record<ReviewJurisdiction['source'], string> = {
  option: '审查时设定',
  issuer: '发文机关',
  title: '标题',
  setting: '本科室默认',
};
