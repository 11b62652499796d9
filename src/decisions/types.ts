/**
 * A prior review decision (审查意见): how a clause was judged, why, and on what basis — from
 * the section's own signed-off reviews or from a published case. Reviewers search them to
 * decide alike cases alike. Schemas validate everything that reaches the store from outside
 * (import files, the API); messages are Chinese.
 */
import { z } from 'zod';
import { CATEGORIES } from '../rules/schema.js';
import { DAY_PATTERN as DAY } from '../store/schema-kit.js';

export const REVIEW_TYPES = ['合法性审核', '公平竞争审查', '专项清理'] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

export const OUTCOMES = ['修改', '删除', '保留', '不予出台', '适用例外'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SOURCE_KINDS = ['own', 'published'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = { own: '本科室审查', published: '公开案例' };

/** What a decision says; the store adds id, revision and times. */
export interface DecisionInput {
  /**
   * Natural key that makes imports idempotent: `seed:<id>` for the seed corpus,
   * `review:<reviewId>:<findingId>` for the section's own reviews, anything unique for imports.
   */
  key: string;
  title: string;
  docNumber: string;
  issuer: string;
  department: string;
  /** YYYY-MM-DD, or null when the source gives no date. */
  date: string | null;
  reviewType: ReviewType;
  clauseText: string;
  clausePath: string;
  /** One of the fixed finding categories, or '' for a clause judged lawful. */
  category: string;
  /** The fahu rule id the clause falls under, or ''. */
  rule: string;
  outcome: Outcome;
  reasoning: string;
  /** The articles the decision rests on, as the source cites them. */
  basis: string[];
  reviewer: string;
  tags: string[];
  sourceKind: SourceKind;
  /** Where it comes from: the published case's address, or the review record's path. */
  sourceRef: string;
  /**
   * The published notice a published case comes from (通报, 典型案例): its authority, title, date
   * and address (URL or 文号) — what a precedent line cites instead of a database path.
   */
  noticeAuthority?: string;
  noticeTitle?: string;
  noticeDate?: string | null;
  noticeAddress?: string;
}

export interface Decision extends DecisionInput {
  noticeAuthority: string;
  noticeTitle: string;
  noticeDate: string | null;
  noticeAddress: string;
  id: number;
  /** The own review it was taken from, if any. */
  reviewId: string | null;
  findingId: string | null;
  createdAt: string;
  updatedAt: string;
}

const text = (max: number) => z.string({ error: '应为文字' }).trim().max(max, `不能超过 ${max} 个字符`);

function validDay(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const DaySchema = z
  .string()
  .trim()
  .regex(DAY, '日期格式应为 YYYY-MM-DD')
  .refine(validDay, '日期不存在');

const list = (max: number, label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v),
    z.array(text(max), { error: `${label}应为文字列表` }).max(50, `${label}最多 50 项`),
  );

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** One decision as it arrives from a file or the API (optional fields default to empty). */
export const DecisionInputSchema = z.object({
  key: text(200).min(1, 'key 不能为空').optional(),
  title: text(300).default(''),
  docNumber: text(100).default(''),
  issuer: text(200).default(''),
  department: text(100).default(''),
  date: z.preprocess(emptyToNull, DaySchema.nullable()).default(null),
  reviewType: z.enum(REVIEW_TYPES, { error: `reviewType 只能是 ${REVIEW_TYPES.join('、')}` }),
  clauseText: text(10_000).min(1, 'clauseText（条款原文）不能为空'),
  clausePath: text(100).default(''),
  category: text(50)
    .refine((c) => c === '' || (CATEGORIES as readonly string[]).includes(c), `category 只能为空（合法条款）或 ${CATEGORIES.join('、')} 之一`)
    .default(''),
  rule: text(100).default(''),
  outcome: z.enum(OUTCOMES, { error: `outcome 只能是 ${OUTCOMES.join('、')}` }),
  reasoning: text(10_000).default(''),
  basis: list(4000, 'basis').default([]),
  reviewer: text(100).default(''),
  tags: list(50, 'tags').default([]),
  sourceKind: z.enum(SOURCE_KINDS, { error: 'sourceKind 只能是 own（本科室审查）或 published（公开案例）' }).default('published'),
  sourceRef: text(2000).default(''),
  noticeAuthority: text(200).default(''),
  noticeTitle: text(300).default(''),
  noticeDate: z.preprocess(emptyToNull, DaySchema.nullable()).default(null),
  noticeAddress: text(2000).default(''),
});
export type DecisionInputRaw = z.input<typeof DecisionInputSchema>;

/** The columns of an export, in order (CSV header and JSONL field order). */
export const DECISION_FIELDS = [
  'key', 'title', 'docNumber', 'issuer', 'department', 'date', 'reviewType', 'clauseText', 'clausePath', 'category', 'rule', 'outcome', 'reasoning',
  'basis', 'reviewer', 'tags', 'sourceKind', 'sourceRef', 'noticeAuthority', 'noticeTitle', 'noticeDate', 'noticeAddress',
] as const satisfies readonly (keyof DecisionInput)[];

/** Fair-competition categories; the others are legality review (合法性审核). */
export const FAIR_COMPETITION_CATEGORIES: readonly string[] = ['限制市场准入和退出', '限制商品要素自由流动', '影响生产经营成本', '影响生产经营行为'];

export function reviewTypeOf(category: string): ReviewType {
  return category === '' || FAIR_COMPETITION_CATEGORIES.includes(category) ? '公平竞争审查' : '合法性审核';
}
