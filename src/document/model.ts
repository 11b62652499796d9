/**
 * The document model: one canonical text, metadata, and a clause tree whose nodes
 * point into that text by offsets. Everything downstream (rules, reports, search)
 * reads this and nothing else.
 */

/** What a node of the clause tree is. */
export type ClauseKind =
  | 'title' // 标题
  | 'docNumber' // 文号
  | 'addressee' // 主送机关
  | 'preamble' // 序言 / 导语 (text before the numbered body)
  | 'part' // a sub-document of a 印发 notice, or an attachment (附件)
  | 'chapter' // 第X章 (also 第X编)
  | 'section' // 第X节
  | 'article' // 第X条
  | 'paragraph' // 款 (article style) or an unnumbered paragraph (段)
  | 'item' // 项 （一）
  | 'subitem' // 目 1.
  | 'outline1' // 一、
  | 'outline2' // （一）
  | 'outline3' // 1.
  | 'outline4' // （1）
  | 'outline5' // ①
  | 'outline6' // 甲、
  | 'table'
  | 'row'
  | 'cell'
  | 'closing' // unnumbered closing paragraph: 施行日期、有效期、废止、解释
  | 'signature' // 落款: issuer and date
  | 'note' // footnote or endnote
  | 'text'; // anything else outside the body (e.g. 此件公开发布, 抄送)

export interface Span {
  start: number;
  end: number;
}

export interface Clause extends Span {
  /** Stable id derived from the numbering, e.g. "a12.k2.x3" or "o2.o3.o2". */
  id: string;
  kind: ClauseKind;
  /** The numbering label as written, e.g. "第十二条", "（三）", "2."; "" if none. */
  label: string;
  /** The number the label stands for (1-based), when it has one. */
  number?: number;
  /** Human path, e.g. "第十二条第二款第（三）项" or "二、（三）2.". */
  path: string;
  /** Full text of the node including its descendants (= text.slice(start, end)). */
  text: string;
  parent: string | null;
  children: string[];
  depth: number;
  /** Lead sentence or heading text after the label ("加大稳岗支持"), when there is one. */
  heading?: string;
  /** End of the node's own text, before its first child (own text = [start, ownEnd)). */
  ownEnd: number;
}

export interface Sentence extends Span {
  /** The deepest clause that contains the sentence. */
  clauseId: string;
  index: number;
}

export interface DateValue {
  /** ISO date yyyy-mm-dd. */
  date: string;
  /** The words in the text it was read from. */
  text: string;
  start: number;
  end: number;
}

export interface EffectiveDate extends Span {
  /** ISO date, when the text gives one. */
  date?: string;
  /** 自印发之日起 / 自发布之日起施行. */
  fromIssue: boolean;
  text: string;
}

export interface Validity extends Span {
  /** ISO date of the last valid day, when stated. */
  until?: string;
  /** ISO date validity starts, when stated with a range. */
  from?: string;
  /** A stated duration (暂定3年, 有效期5年); `until` is then computed from the effective date when known. */
  duration?: { years?: number; months?: number };
  text: string;
}

export type IssuerLevel = 'state-council' | 'ministry' | 'province' | 'city' | 'county' | 'township' | 'unknown';

/**
 * 公文 triage: 规章 (政府令), 行政规范性文件, 政策措施 (扶持、奖补), 招标/采购文件, 协议/合同, 会议纪要, 批复,
 * other (internal 工作方案 and the like).
 */
export type DocumentKind = 'law' | 'regulation' | 'normative' | 'policy' | 'tender' | 'agreement' | 'minutes' | 'reply' | 'other';

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  law: '法规（人大常委会通过的条例等）', regulation: '规章（政府令）', normative: '行政规范性文件', policy: '政策措施', tender: '招标采购文件',
  agreement: '协议合同', minutes: '会议纪要', reply: '批复', other: '其他文件',
};

export interface DocumentMeta {
  /** The title without its draft marker (see draftStage). */
  title: string;
  /** （征求意见稿）（送审稿）… as the title or the line under it says; absent for an issued text. */
  draftStage?: string;
  kind: DocumentKind;
  /** Why the kind was chosen, in Chinese, for the reviewer. */
  kindReason: string;
  /** 文号 as written, e.g. "国办发〔2018〕124号" or "湖吴政办发[2024]12号". */
  docNumber?: string;
  /** 文号 with the year brackets normalised to 〔〕. */
  docNumberNormalized?: string;
  issuers: string[];
  issuerLevel: IssuerLevel;
  addressees: string[];
  issueDate?: DateValue;
  effective?: EffectiveDate;
  validity?: Validity;
  /** 暂行 / 试行 in the title. */
  provisional: boolean;
  /** Document type from the title: 通知, 意见, 办法, 规定, 细则, 措施 … */
  docType?: string;
  attachments: string[];
  /** Titles (and 文号 when given) of what this document repeals. */
  repeals: string[];
  /** Numbering style of the body. */
  numberingStyle: 'article' | 'outline' | 'mixed' | 'none';
}

export interface SourceInfo {
  format: 'docx' | 'doc' | 'wps' | 'pdf' | 'txt' | 'md';
  fileName?: string;
  bytes: number;
  /** Text encoding detected for text files. */
  encoding?: string;
  /** A clause or a few, not a whole document (check --jsonl, rule examples): document-level checks do not apply. */
  fragment?: boolean;
}

export interface DocumentModel {
  /** The canonical, normalised text. Every offset points here. */
  text: string;
  /** The text as extracted, before normalisation. */
  original: string;
  /** originalOffset[i] is the offset in `original` of text[i]; one extra entry for text.length. */
  originalOffsets: Uint32Array;
  meta: DocumentMeta;
  /** Every node in document order (pre-order). */
  clauses: Clause[];
  sentences: Sentence[];
  source: SourceInfo;
  /** Notes on the input a reviewer may want to know (skipped numbers, lost parts …). */
  warnings: string[];
}
