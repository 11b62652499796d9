/**
 * The rule file format (rules/*.yaml), validated with zod at load. A rule is data: a legal
 * reviewer can read and extend it; its examples prove it (`fahu rules test`).
 */
import { z } from 'zod';

/** The fixed finding categories of the review (domain.md §2). */
export const CATEGORIES = [
  '限制市场准入和退出',
  '限制商品要素自由流动',
  '影响生产经营成本',
  '影响生产经营行为',
  '增设行政许可',
  '增设处罚或强制',
  '违法收费',
  '其他烦企扰民',
  '程序与形式',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Pattern =
  | { terms: string[] }
  | { regex: string }
  | { all: Pattern[]; window?: number | undefined }
  | { any: Pattern[] };

export const PatternSchema: z.ZodType<Pattern> = z.lazy(() =>
  z.union([
    z.strictObject({ terms: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ regex: z.string().min(1) }),
    z.strictObject({ all: z.array(PatternSchema).min(2), window: z.number().int().positive().optional() }),
    z.strictObject({ any: z.array(PatternSchema).min(1) }),
  ]),
);

/** Where a blocker looks: before/after the hit in its sentence, the sentence, the clause, or the lead sentences of the clause's ancestors. */
const Scope = z.enum(['before', 'after', 'sentence', 'clause', 'lead']).default('sentence');
const TermBlocker = z.strictObject({ terms: z.array(z.string().min(1)).min(1), scope: Scope });
const RegexBlocker = z.strictObject({ regex: z.string().min(1), scope: Scope });

/** Context that makes a look-alike lawful: a prohibition, criteria open to all, a higher law. */
export const BlockerSchema = z.union([z.strictObject({ context: z.string().min(1) }), TermBlocker, RegexBlocker]);
export type Blocker = z.infer<typeof BlockerSchema>;
export type ConcreteBlocker = z.infer<typeof TermBlocker> | z.infer<typeof RegexBlocker>;

export const ISSUER_LEVELS = ['state-council', 'ministry', 'province', 'city', 'county', 'township', 'unknown'] as const;

export const ConditionSchema = z.strictObject({
  issuerLevel: z.array(z.enum(ISSUER_LEVELS)).min(1).optional(),
  docType: z.array(z.string()).min(1).optional(),
});

export const BasisSchema = z.strictObject({
  law: z.string().min(1),
  article: z.string().min(1),
  item: z.string().optional(),
});

/** Built-in document-level checks, each a standard that no clause pattern can express. */
export const DOCUMENT_CHECKS = ['no-validity', 'long-validity', 'effective-on-issue', 'retroactive', 'repealed-law', 'no-consultation'] as const;

export const RuleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能包含小写字母、数字和连字符'),
    title: z.string().min(2),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    basis: z.array(BasisSchema).min(1),
    explanation: z.string().min(4),
    suggestion: z.string().min(4),
    /** Clause rules: what to look for in each sentence. */
    patterns: z.array(PatternSchema).min(1).optional(),
    unless: z.array(BlockerSchema).default([]),
    when: ConditionSchema.optional(),
    /** Document rules: a built-in check and its parameters. */
    check: z.enum(DOCUMENT_CHECKS).optional(),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    examples: z.strictObject({
      flag: z.array(z.string().min(1)).min(3, '至少 3 个应当命中的例句'),
      pass: z.array(z.string().min(1)).min(3, '至少 3 个不应命中的合法近似例句'),
    }),
  })
  .refine((r) => (r.patterns === undefined) !== (r.check === undefined), { message: '规则须有 patterns（条款规则）或 check（文件规则）之一，且只能有一个' });
export type Rule = z.infer<typeof RuleSchema>;

/** Optional header of a pack's rule file: the name reviewers see. */
export const PackInfoSchema = z.strictObject({ title: z.string().min(1), description: z.string().min(1).optional() });

export const RuleFileSchema = z.strictObject({ pack: PackInfoSchema.optional(), rules: z.array(RuleSchema).min(1) });

/** rules/contexts.yaml: named blocking contexts and named term sets. */
export const SharedDefinitionsSchema = z.strictObject({
  sets: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  contexts: z.record(z.string(), z.array(z.union([TermBlocker, RegexBlocker])).min(1)).default({}),
});
export type SharedDefinitions = z.infer<typeof SharedDefinitionsSchema>;
