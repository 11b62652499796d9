/** Reads the metadata of a draft from its clause tree and text. */
import { DATE_IN_TEXT, parseChineseDate } from './dates.js';
import { documentKindOf, splitDraftStage } from './kind.js';
import { DOC_TYPE_RE, isDateLine, isDraftMarker, issuerAndDate } from './line-kinds.js';
import { findValidity } from './validity.js';
import type { Clause, DocumentMeta, EffectiveDate, IssuerLevel } from './model.js';

const MUNICIPALITIES = /^(北京市|上海市|天津市|重庆市)/;

export function issuerLevelOf(name: string | undefined): IssuerLevel {
  if (!name) return 'unknown';
  if (/^国务院(办公厅)?$/.test(name)) return 'state-council';
  const n = name.replace(/自治区/g, '省').replace(/地区/g, '市');
  if (/镇|乡(?!村)|街道/.test(n)) return 'township';
  if (/[区县旗]/.test(n)) return 'county';
  if (MUNICIPALITIES.test(n) || /省/.test(n)) return 'province';
  if (/市|州|盟/.test(n)) return 'city';
  if (/(部|委|总局|署|局|委员会|银行|办公厅)$/.test(n)) return 'ministry';
  return 'unknown';
}

function normalizeDocNumber(raw: string): string {
  return raw.replace(/\s+/g, '').replace(/[\[［(（【]((?:19|20)\d{2})[\]］)）】]/, '〔$1〕');
}

function findEffective(text: string, issueIso: string | undefined): EffectiveDate | undefined {
  const re = /自([^。；，]{0,30}?)起(?:施行|执行|实施|生效)/g;
  let found: EffectiveDate | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const what = m[1] ?? '';
    const date = parseChineseDate(what);
    const fromIssue = /(印发|发布|公布|签发|下发)之日/.test(what);
    if (!date && !fromIssue) continue;
    // the last statement wins: the closing provisions come last
    found = { start: m.index, end: m.index + m[0].length, text: m[0], fromIssue };
    if (date) found.date = date;
    else if (fromIssue && issueIso) found.date = issueIso;
  }
  return found;
}

function findRepeals(text: string): string[] {
  const out: string[] = [];
  const re = /《([^》]{2,80})》\s*([（(][^）)]{0,40}号[）)])?\s*(?:同时|予以|即行|相应)?废止/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(`《${m[1]}》${m[2] ? m[2].replace('(', '（').replace(')', '）') : ''}`);
  return out;
}

function findAttachments(clauses: Clause[], text: string): string[] {
  const list = clauses.find((c) => c.kind === 'text' && /^附件\s*[：:]/.test(c.text));
  if (list) {
    const body = list.text.replace(/^附件\s*[：:]\s*/, '');
    const items = body.split(/\n|(?=\b\d{1,2}[.．、])/).map((s) => s.replace(/^\d{1,2}[.．、]\s*/, '').trim()).filter(Boolean);
    if (items.length > 0) return items;
  }
  void text;
  return clauses.filter((c) => c.kind === 'part' && c.path.startsWith('附件')).map((c) => c.text.split('\n')[1] ?? c.path);
}

export function extractMeta(text: string, clauses: Clause[]): DocumentMeta {
  const split = splitDraftStage((clauses.find((c) => c.kind === 'title')?.text ?? '').replace(/\n/g, ''));
  const title = split.title;
  const markerLine = clauses.find((c) => c.kind === 'text' && isDraftMarker(c.text.trim()));
  const draftStage = split.draftStage ?? (markerLine ? splitDraftStage(markerLine.text.trim()).draftStage : undefined);
  const docNumbers = clauses.filter((c) => c.kind === 'docNumber' && c.parent === null).map((c) => c.text.trim());
  // a 规章's number may take two lines: 湖州市人民政府令 / 第25号
  const docNo = docNumbers.length > 1 && /令$/.test(docNumbers[0] as string) ? docNumbers.slice(0, 2).join('') : docNumbers[0];
  const signatures = clauses.filter((c) => c.kind === 'signature');
  const issuers: string[] = [];
  let issueDate: DocumentMeta['issueDate'];
  for (const s of signatures) {
    const both = issuerAndDate(s.text.trim());
    if (both) {
      if (!issuers.includes(both.issuer)) issuers.push(both.issuer);
      const iso = parseChineseDate(both.date);
      const at = s.start + s.text.lastIndexOf(both.date);
      if (iso && !issueDate) issueDate = { date: iso, text: both.date, start: at, end: at + both.date.length };
    } else if (isDateLine(s.text)) {
      const iso = parseChineseDate(s.text);
      if (iso && !issueDate) issueDate = { date: iso, text: s.text, start: s.start, end: s.end };
      if (issueDate) break;
    } else {
      for (const name of s.text.split(/\s+/)) if (name && !issuers.includes(name)) issuers.push(name);
    }
  }
  if (issuers.length === 0) {
    const prefix = /^(.{2,30}?)关于/.exec(title);
    if (prefix?.[1]) issuers.push(prefix[1]);
  }
  const addressee = clauses.find((c) => c.kind === 'addressee');
  const addressees = addressee
    ? addressee.text.replace(/[：:]$/, '').split(/[，；]/).map((s) => s.trim()).filter(Boolean)
    : [];
  const effective = findEffective(text, issueDate?.date);
  const validity = findValidity(text, effective?.date);
  const typeMatch = DOC_TYPE_RE.exec(title);
  const kinds = new Set(clauses.map((c) => c.kind));
  const hasArticle = kinds.has('article');
  const hasOutline = kinds.has('outline1') || kinds.has('outline2');
  const { kind, reason } = documentKindOf({ title, ...(docNo ? { docNumber: docNo } : {}), issuers, text, hasNumberedBody: hasArticle || hasOutline });
  const meta: DocumentMeta = {
    title,
    kind,
    kindReason: reason,
    issuers,
    issuerLevel: issuerLevelOf(issuers[0]),
    addressees,
    provisional: /暂行|试行/.test(title),
    attachments: findAttachments(clauses, text),
    repeals: findRepeals(text),
    numberingStyle: hasArticle && hasOutline ? 'mixed' : hasArticle ? 'article' : hasOutline ? 'outline' : 'none',
  };
  if (draftStage) meta.draftStage = draftStage;
  if (docNo) {
    meta.docNumber = docNo;
    meta.docNumberNormalized = normalizeDocNumber(docNo);
  }
  if (issueDate) meta.issueDate = issueDate;
  if (effective) meta.effective = effective;
  if (validity) meta.validity = validity;
  if (typeMatch?.[1]) meta.docType = typeMatch[1];
  void DATE_IN_TEXT;
  return meta;
}
