/**
 * 公平竞争审查表: one box per standard of 《公平竞争审查条例》第八条至第十一条 (是否涉及, with a
 * note), the 第十二条 exception with its justification, and the reviewer's conclusion. The
 * standards are read from the corpus (the regulation's own items), never typed here. The tool
 * only proposes: a box is 涉及 when a confirmed finding cites that item (or the article, for its
 * catch-all 其他… item); the reviewer edits every box and the stored form is what is written.
 */
import { z } from 'zod';
import type { CorpusLaw } from '../corpus/corpus.js';
import type { ExportFinding, ReviewExport } from '../report/writers/types.js';

export const FCR_LAW = '公平竞争审查条例';
export const FCR_ARTICLES = ['第八条', '第九条', '第十条', '第十一条'] as const;
export const EXCEPTION_ARTICLE = '第十二条';

export interface FcrStandard {
  /** "第八条（三）". */
  key: string;
  article: string;
  item: string;
  /** The item's text as the regulation words it. */
  text: string;
}

export interface FcrArticle {
  article: string;
  /** "限制或者变相限制市场准入和退出". */
  heading: string;
  standards: FcrStandard[];
}

export interface FcrStandards {
  articles: FcrArticle[];
  /** 第十二条's lead sentence and its 情形 (一)–(四). */
  exception: { lead: string; grounds: { item: string; text: string }[] };
}

export class FcrFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FcrFormError';
  }
}

const stripNumber = (text: string, article: string) => text.replace(new RegExp(`^${article}\\s*`), '');

/** The standards of 第八条至第十一条 and the exception of 第十二条, from the corpus. */
export function fcrStandards(laws: readonly CorpusLaw[]): FcrStandards {
  const law = laws.find((l) => l.name === FCR_LAW);
  if (!law) throw new FcrFormError(`语料库中没有《${FCR_LAW}》，无法生成公平竞争审查表`);
  const articleOf = (name: string) => {
    const a = law.articles.find((x) => x.article === name);
    if (!a || a.items.length === 0) throw new FcrFormError(`语料库中的《${FCR_LAW}》缺少${name}的各项`);
    return a;
  };
  const articles = FCR_ARTICLES.map((name) => {
    const a = articleOf(name);
    const lead = stripNumber(a.text.split('\n')[0] ?? '', name);
    const heading = /下列(.+?)的内容/.exec(lead)?.[1] ?? lead;
    return { article: name, heading, standards: a.items.map((i) => ({ key: `${name}${i.item}`, article: name, item: i.item, text: i.text.replace(/^（[一二三四五六七八九十]+）/, '').replace(/[；。]$/, '') })) };
  });
  const ex = articleOf(EXCEPTION_ARTICLE);
  return {
    articles,
    exception: { lead: stripNumber(ex.text.split('\n')[0] ?? '', EXCEPTION_ARTICLE), grounds: ex.items.map((i) => ({ item: i.item, text: i.text.replace(/^（[一二三四五六七八九十]+）/, '').replace(/[；。]$/, '') })) },
  };
}

const text = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`).default('');

export const FcrBoxSchema = z.object({
  involved: z.boolean({ error: '是否涉及只能是“是”或“否”' }),
  note: text('说明', 500),
});

export const FcrFormSchema = z
  .object({
    boxes: z.record(z.string().regex(/^第[一二三四五六七八九十]+条（[一二三四五六七八九十]+）$/, '审查标准编号无效'), FcrBoxSchema),
    exception: z
      .object({
        applies: z.boolean({ error: '是否适用第十二条只能是“是”或“否”' }).default(false),
        ground: z.union([z.literal(''), z.string().regex(/^（[一二三四]）$/, '第十二条的情形只能是（一）至（四）')]).default(''),
        justification: text('适用例外的理由', 1000),
        alternatives: text('替代方案的说明', 500),
        term: text('实施期限或终止条件', 200),
      })
      .default({ applies: false, ground: '', justification: '', alternatives: '', term: '' }),
    conclusion: text('审查结论', 300),
  })
  .superRefine((f, ctx) => {
    if (f.exception.applies && !f.exception.ground) ctx.addIssue({ code: 'custom', message: '适用第十二条例外时须选择所符合的情形' });
    if (f.exception.applies && !f.exception.justification) ctx.addIssue({ code: 'custom', message: '适用第十二条例外时须说明理由（第十七条：应当在审查结论中详细说明）' });
    if (f.exception.applies && !f.exception.term) ctx.addIssue({ code: 'custom', message: '适用第十二条例外时须写明实施期限或终止条件' });
  });

export type FcrFormValues = z.output<typeof FcrFormSchema>;
export type FcrFormInput = z.input<typeof FcrFormSchema>;

/** Checks that every box names a standard of the regulation (the schema checks the shape). */
export function checkFcrForm(values: FcrFormValues, standards: FcrStandards): FcrFormValues {
  const keys = new Set(standards.articles.flatMap((a) => a.standards.map((s) => s.key)));
  const unknown = Object.keys(values.boxes).filter((k) => !keys.has(k));
  if (unknown.length) throw new FcrFormError(`《${FCR_LAW}》第八条至第十一条中没有${unknown.join('、')}`);
  if (values.exception.ground && !standards.exception.grounds.some((g) => g.item === values.exception.ground)) throw new FcrFormError(`第十二条没有第${values.exception.ground}项`);
  return values;
}

/** The findings that count: confirmed ones (a review without decisions: all of them). */
function countedFindings(review: ReviewExport): ExportFinding[] {
  const decided = review.findings.some((f) => f.status !== undefined);
  return review.findings.filter((f) => (decided ? f.status === 'confirmed' : true));
}

/** Confirmed findings per standard: a basis naming the item, or the article alone (its last, 其他… item). */
export function findingsByStandard(review: ReviewExport, standards: FcrStandards): Map<string, ExportFinding[]> {
  const out = new Map<string, ExportFinding[]>();
  for (const f of countedFindings(review)) {
    const keys = new Set<string>();
    for (const b of f.basis) {
      if (b.law !== FCR_LAW) continue;
      const a = standards.articles.find((x) => x.article === b.article);
      if (!a) continue;
      const s = b.item ? a.standards.find((x) => x.item === b.item) : a.standards[a.standards.length - 1];
      if (s) keys.add(s.key);
    }
    for (const k of keys) out.set(k, [...(out.get(k) ?? []), f]);
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

const where = (f: ExportFinding) => f.path || '全文';

/** What the tool proposes before the reviewer edits: 涉及 where a confirmed finding cites the standard. */
export function proposedFcrForm(review: ReviewExport, standards: FcrStandards): FcrFormValues {
  const hits = findingsByStandard(review, standards);
  const boxes: FcrFormValues['boxes'] = {};
  for (const a of standards.articles) {
    for (const s of a.standards) {
      const list = hits.get(s.key) ?? [];
      boxes[s.key] = { involved: list.length > 0, note: list.map((f) => `${where(f)}：${f.title}`).join('；') };
    }
  }
  return { boxes, exception: { applies: false, ground: '', justification: '', alternatives: '', term: '' }, conclusion: '' };
}

/** The stored form over the proposal: boxes the reviewer saved win; standards added to the corpus later start from the proposal. */
export function effectiveFcrForm(review: ReviewExport, standards: FcrStandards, stored: FcrFormValues | null): FcrFormValues {
  const proposed = proposedFcrForm(review, standards);
  if (!stored) return proposed;
  return { ...stored, boxes: { ...proposed.boxes, ...stored.boxes } };
}
