/**
 * What every writer takes: a review (the document, its findings with the reviewer's decisions
 * when there are any, the record's particulars) and options; what it gives: bytes.
 * The CLI, GET /api/reviews/{id}/export and the report page use the same map (writers.ts).
 */
import type { CorpusLaw } from '../../corpus/corpus.js';
import type { Finding } from '../../rules/findings.js';
import type { DocumentJson } from '../../document/document-json.js';

export type FindingDecision = 'open' | 'confirmed' | 'dismissed';

/** A finding as a writer sees it: the rule's, with the reviewer's decision when reviewed. */
export interface ExportFinding extends Finding {
  status?: FindingDecision;
  dismissReason?: string | null;
  suggestionOverride?: string | null;
  /** The decision was carried over from an earlier version's review. */
  inherited?: boolean;
}

/** The review record's particulars: who, when, for whom. All optional for a CLI review. */
export interface ExportRecord {
  id?: string;
  title?: string;
  docNumber?: string | null;
  department?: string;
  reviewer?: string;
  chief?: string | null;
  /** ISO date or timestamp the draft was received (the record's creation). */
  receivedAt?: string;
  signedAt?: string | null;
  /** 第N版 of a desk request, when known. */
  version?: number;
}

/** The section's own header and signature, edited on the admin page. */
export interface OpinionTemplate {
  /** The bureau's name, e.g. "某某区司法局". */
  bureau: string;
  /** 发文机关标志 over the red line (default: the bureau's name). */
  mark?: string;
  /** 落款 under the text (default: the bureau's name). */
  signature?: string;
  /** Text after the addressee, before the findings. */
  opening: string;
  /** Closing sentence before the signature. */
  closing: string;
  /** Contact line (联系人、电话), optional. */
  contact: string;
}

export const DEFAULT_TEMPLATE: OpinionTemplate = {
  bureau: '区司法局',
  opening: '你单位报送的《{title}》收悉。经审查，现提出如下意见：',
  closing: '请你单位根据以上意见对文件进行修改完善，并将采纳情况书面反馈我局。',
  contact: '',
};

/** 发文机关标志 (defaults to the bureau's name). */
export const markOf = (t: OpinionTemplate): string => t.mark || t.bureau;
/** 落款 (defaults to the bureau's name). */
export const signatureOf = (t: OpinionTemplate): string => t.signature || t.bureau;

/** The conclusions a reviewer chooses from; the tool never chooses one. */
export const CONCLUSIONS = ['合法，可以出台', '修改后可以出台', '不合法，不得出台', '不属于行政规范性文件'] as const;

export interface WriterOptions {
  /** The legal texts, for citation titles (《…通知》（国办发〔2018〕37号）). */
  laws?: readonly CorpusLaw[];
  /** The reviewer's general conclusion; absent: a blank for the reviewer to fill in. */
  conclusion?: string;
  template?: OpinionTemplate;
  /** ISO date for the 落款 (default: the signing date, else today). */
  date?: string;
  /** Include an internal appendix listing dismissed and open findings. */
  appendix?: boolean;
  /** Earlier 修改意见 and whether each was adopted (a later version's opinion). */
  adoption?: { title: string; path: string; adopted: boolean }[];
}

export interface ReviewExport {
  document: DocumentJson;
  findings: ExportFinding[];
  packs?: string[];
  record?: ExportRecord;
}

export interface Writer {
  format: string;
  label: string;
  mime: string;
  extension: string;
  write(review: ReviewExport, options?: WriterOptions): Promise<Uint8Array>;
}
