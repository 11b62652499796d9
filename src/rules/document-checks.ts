/**
 * Document-level checks: standards about the document as a whole (有效期, 施行日期,
 * 溯及既往, citing repealed law, public consultation) that no clause pattern can say.
 * Each returns where the problem shows and words to fill the rule's templates.
 */
import { kindNeedsValidity } from '../document/kind.js';
import type { DocumentModel, Span } from '../document/model.js';
import type { Rule } from './schema.js';

export interface CheckHit extends Span {
  vars: Record<string, string>;
}

export interface RepealedLaw {
  name: string;
  repealedOn: string;
  replacedBy: string;
}

export interface CheckContext {
  repealed: RepealedLaw[];
}

type Params = Rule['params'];
type Check = (doc: DocumentModel, params: Params, ctx: CheckContext) => CheckHit[];

const num = (p: Params, key: string, fallback: number) => (typeof p[key] === 'number' ? (p[key] as number) : fallback);

function titleSpan(doc: DocumentModel): Span {
  const t = doc.clauses.find((c) => c.kind === 'title') ?? doc.clauses[0];
  return t ? { start: t.start, end: t.end } : { start: 0, end: Math.min(doc.text.length, 20) };
}

/** Duties on enterprises: the document asks them to do, pay, file or refrain. */
const IMPOSES_DUTIES = /(企业|经营者|市场主体|申请人|投标人|供应商|中标人|乙方|承包人|承租人|经营户|商户)[^。；]{0,30}(应当|须|必须|不得|需|要求|缴纳|提交|办理|承诺)/;

function yearsBetween(fromIso: string, untilIso: string): number {
  return (Date.parse(untilIso) - Date.parse(fromIso)) / (365.25 * 24 * 3600 * 1000);
}

/** A 规章 (政府令: "湖州市人民政府令第12号") needs no validity period; only normative documents do. */
export function isGovernmentOrder(doc: DocumentModel): boolean {
  return /令/.test(doc.meta.docNumber ?? '') || /(?:人民政府|政府)令\s*(?:第\s*[\d一二三四五六七八九十百零〇]+\s*号)?/.test(doc.text.slice(0, 400));
}

const CHECKS: Record<NonNullable<Rule['check']>, Check> = {
  'no-validity': (doc) => {
    // only documents that set policy for a period (not a 规章, 招标公告, 会议纪要 or 工作方案), with a numbered body
    if (doc.meta.validity || !kindNeedsValidity(doc.meta.kind) || isGovernmentOrder(doc) || !doc.clauses.some((c) => c.label)) return [];
    // a draft whose title was not recognised reads 本文件, not 《》
    return [{ ...titleSpan(doc), vars: { title: doc.meta.title ? `《${doc.meta.title}》` : '本文件' } }];
  },
  'long-validity': (doc, p) => {
    const v = doc.meta.validity;
    if (!v) return [];
    const limit = doc.meta.provisional ? num(p, 'provisionalMaxYears', 2) : num(p, 'maxYears', 5);
    const from = v.from ?? doc.meta.effective?.date ?? doc.meta.issueDate?.date;
    const years = v.duration ? (v.duration.years ?? 0) + (v.duration.months ?? 0) / 12 : v.until && from ? yearsBetween(from, v.until) : undefined;
    if (years === undefined || years <= limit + 0.01) return [];
    return [{ start: v.start, end: v.end, vars: { years: years.toFixed(1).replace(/\.0$/, ''), limit: String(limit), kind: doc.meta.provisional ? '暂行、试行文件' : '文件' } }];
  },
  'effective-on-issue': (doc) => {
    const e = doc.meta.effective;
    if (!e) return [];
    const sameDay = e.fromIssue || (e.date !== undefined && e.date === doc.meta.issueDate?.date);
    if (!sameDay || !IMPOSES_DUTIES.test(doc.text)) return [];
    return [{ start: e.start, end: e.end, vars: { effective: e.text } }];
  },
  retroactive: (doc) => {
    const e = doc.meta.effective;
    const issued = doc.meta.issueDate?.date;
    if (e?.date && issued && e.date < issued) return [{ start: e.start, end: e.end, vars: { effective: e.date, issued } }];
    return [];
  },
  'repealed-law': (doc, _p, ctx) => {
    const out: CheckHit[] = [];
    const re = /《([^》]{2,60})》/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(doc.text)) !== null) {
      const name = (m[1] ?? '').replace(/^中华人民共和国/, '');
      const hit = ctx.repealed.find((r) => r.name.replace(/^中华人民共和国/, '') === name);
      // a document that repeals the old text itself names it lawfully
      if (!hit || /废止|失效/.test(doc.text.slice(m.index, m.index + m[0].length + 30))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, vars: { law: m[0], repealedOn: hit.repealedOn, replacedBy: hit.replacedBy ? `《${hit.replacedBy}》` : '现行规定' } });
    }
    return out;
  },
  'no-consultation': (doc) => {
    const m = /(未|没有|不再|无需|不需要)(?:向社会)?(?:公开)?征求(?:社会公众|公众|社会|企业|各方)?意见/.exec(doc.text);
    if (!m || !IMPOSES_DUTIES.test(doc.text)) return [];
    return [{ start: m.index, end: m.index + m[0].length, vars: { quote: m[0] } }];
  },
};

export function runCheck(rule: Rule, doc: DocumentModel, ctx: CheckContext): CheckHit[] {
  return rule.check ? CHECKS[rule.check](doc, rule.params, ctx) : [];
}

/** corpus/repealed.tsv: name, repealed_on, replaced_by, source. */
export function parseRepealedTsv(tsv: string): RepealedLaw[] {
  return tsv
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((cols) => (cols[0] ?? '').length > 1)
    .map(([name, repealedOn, replacedBy]) => ({ name: name ?? '', repealedOn: repealedOn ?? '', replacedBy: replacedBy ?? '' }));
}
