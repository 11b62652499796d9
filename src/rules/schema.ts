/**
 * The rule file format (rules/*.yaml), validated with zod at load. A rule is data: a legal
 * reviewer can read and extend it; its examples prove it (`fahu rules test`).
 */
import { z } from 'zod';
import { CATEGORIES, SEVERITIES } from './schema-constants.js';

export { CATEGORIES, SEVERITIES, type Category, type Severity } from './schema-constants.js';

/** One slot of a slot pattern: a place by locality, a term class (optionally a subset), literal terms, an organisation, a small regex. */
export const PLACE_SLOTS = ['local', 'outside', 'both', 'wider', 'anywhere'] as const;
export const ORG_SLOTS = ['every', 'named', 'placeholder', 'party', 'state-owned'] as const;
export const CONTEXT_SIGNALS = ['tender', 'agreement'] as const;

export const SlotItemSchema = z.union([
  z.strictObject({ place: z.enum(PLACE_SLOTS) }),
  z.strictObject({ class: z.string().min(1), terms: z.array(z.string().min(1)).min(1).optional() }),
  z.strictObject({ terms: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ org: z.enum(ORG_SLOTS) }),
  z.strictObject({ regex: z.string().min(1) }),
]);
export type SlotItem = z.infer<typeof SlotItemSchema>;
const GapSchema = z.strictObject({ gap: z.number().int().nonnegative() });
export type Gap = z.infer<typeof GapSchema>;

/** What a slot finding quotes: the slots (first to last), some of them (1-based), or the phrase around them. */
const QuoteSchema = z.union([z.enum(['slots', 'phrase']), z.strictObject({ from: z.number().int().positive(), to: z.number().int().positive() })]);
export type QuoteSpec = z.infer<typeof QuoteSchema>;

export interface SlotPattern {
  slots: (SlotItem | Gap)[];
  near?: SlotItem[] | undefined;
  requires?: (typeof CONTEXT_SIGNALS)[number][] | undefined;
  /**
   * Where the `near` slots are read: the sentence (default), the clause, or `lead` — the clause and the sentences
   * that govern it (its ancestors' own text: "应当符合下列条件：" above "（二）在某地注册登记满五年").
   */
  scope?: 'sentence' | 'clause' | 'lead' | undefined;
  quote?: QuoteSpec | undefined;
}

/** Two amounts, scores or treatments bound to places of different locality; `near` slots must be in the same sentence. */
export interface DifferentialPattern {
  differential: 'money' | 'score' | 'either' | 'treatment';
  gap?: number | undefined;
  near?: SlotItem[] | undefined;
  /** clause: the two amounts may be in two sentences of one clause (split at ；); the hit is reported in the first. */
  scope?: 'sentence' | 'clause' | undefined;
  quote?: QuoteSpec | undefined;
}

/** An amount asked of the operator against the clause's measure of the need (src/rules/amount-compare.ts). */
export interface ExceedsPattern {
  exceeds: { demand: SlotItem; need: SlotItem; factor: number };
  gap?: number | undefined;
  scope?: 'sentence' | 'clause' | undefined;
  quote?: QuoteSpec | undefined;
}

export type Pattern =
  | ExceedsPattern
  | { terms: string[] }
  | { regex: string }
  | { all: Pattern[]; window?: number | undefined }
  | { anyOf: Pattern[] }
  | SlotPattern
  | DifferentialPattern
  | { exclusive: 'org' | 'shut-out' | 'either'; gap?: number | undefined; quote?: QuoteSpec | undefined };

const SlotPatternSchema = z.strictObject({
  slots: z.array(z.union([GapSchema, SlotItemSchema])).min(1),
  near: z.array(SlotItemSchema).min(1).optional(),
  requires: z.array(z.enum(CONTEXT_SIGNALS)).min(1).optional(),
  scope: z.enum(['sentence', 'clause', 'lead']).optional(),
  quote: QuoteSchema.optional(),
});

export const PatternSchema: z.ZodType<Pattern> = z.lazy(() =>
  z.union([
    z.strictObject({ terms: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ regex: z.string().min(1) }),
    z.strictObject({ all: z.array(PatternSchema).min(2), window: z.number().int().positive().optional() }),
    z.strictObject({ anyOf: z.array(PatternSchema).min(1) }),
    SlotPatternSchema,
    z.strictObject({ differential: z.enum(['money', 'score', 'either', 'treatment']), gap: z.number().int().positive().optional(), near: z.array(SlotItemSchema).min(1).optional(), scope: z.enum(['sentence', 'clause']).optional(), quote: QuoteSchema.optional() }),
    z.strictObject({ exclusive: z.enum(['org', 'shut-out', 'either']), gap: z.number().int().positive().optional(), quote: QuoteSchema.optional() }),
    z.strictObject({ exceeds: z.strictObject({ demand: SlotItemSchema, need: SlotItemSchema, factor: z.number().positive() }), gap: z.number().int().positive().optional(), scope: z.enum(['sentence', 'clause']).optional(), quote: QuoteSchema.optional() }),
  ]),
);

/**
 * Where a blocker looks. before/after: in the sentence before/after the hit (`within` N
 * characters if given); phrase: overlapping the hit or earlier in its phrase (no ，；： between);
 * phrase-after: later in its phrase; hit: inside the hit; slot-negated: a negation directly
 * (≤ `within`, default 3 characters) before one of the slots; sentence, clause, lead (the
 * clause's ancestors' own text), document.
 */
export const BLOCKER_SCOPES = ['before', 'after', 'phrase', 'phrase-after', 'hit', 'slot-negated', 'sentence', 'clause', 'lead', 'document'] as const;
export type BlockerScope = (typeof BLOCKER_SCOPES)[number];
const Scope = z.enum(BLOCKER_SCOPES).default('sentence');
const Within = z.number().int().nonnegative().optional();
const TermBlocker = z.strictObject({ terms: z.array(z.string().min(1)).min(1), scope: Scope, within: Within });
const RegexBlocker = z.strictObject({ regex: z.string().min(1), scope: Scope, within: Within });
const ClassBlocker = z.strictObject({ class: z.string().min(1), scope: Scope, within: Within });
/** The act's subject is a government body (a department's own duty), or an operator. */
const SubjectBlocker = z.strictObject({ subject: z.enum(['government', 'operator']) });

/** Context that makes a look-alike lawful: a prohibition, criteria open to all, a higher law. */
export const BlockerSchema = z.union([z.strictObject({ context: z.string().min(1) }), TermBlocker, RegexBlocker, ClassBlocker, SubjectBlocker]);
export type Blocker = z.infer<typeof BlockerSchema>;
export type ConcreteBlocker = z.infer<typeof TermBlocker> | z.infer<typeof RegexBlocker> | z.infer<typeof ClassBlocker> | z.infer<typeof SubjectBlocker>;

export const ISSUER_LEVELS = ['state-council', 'ministry', 'province', 'city', 'county', 'township', 'unknown'] as const;

export const ConditionSchema = z.strictObject({
  issuerLevel: z.array(z.enum(ISSUER_LEVELS)).min(1).optional(),
  docType: z.array(z.string()).min(1).optional(),
  /** Kinds of document the rule does not apply to: a 法规 (law) may set what a normative document may not. */
  exceptKind: z.array(z.enum(['law', 'regulation', 'normative', 'policy', 'tender', 'agreement', 'minutes', 'reply', 'other'])).min(1).optional(),
});

export const BasisSchema = z.strictObject({
  law: z.string().min(1),
  article: z.string().min(1),
  item: z.string().optional(),
});

/**
 * A basis in a text the section imports itself (浙江省行政规范性文件管理办法): named by title or
 * 文号, with the article, or with `find` — a word the article contains — when the article number
 * is not known in advance. Cited only when a person has imported the text; `drops` names the
 * words of the sentence of the explanation that says the basis is not in the library, left out then.
 */
export const LocalBasisSchema = z
  .strictObject({
    law: z.string().min(1),
    article: z.string().min(1).optional(),
    find: z.string().min(1).optional(),
    drops: z.string().min(1).optional(),
  })
  .refine((b) => b.article !== undefined || b.find !== undefined, { message: 'localBasis 须写明 article 或 find' });
export type LocalBasis = z.infer<typeof LocalBasisSchema>;

/** Kinds of document an example comes from (`rules test` reports them per rule). */
export const EXAMPLE_KINDS = ['policy', 'tender', 'agreement', 'management'] as const;
/**
 * An example: a sentence (flag examples may mark the words the finding must quote with 【…】),
 * or { text, kind, jurisdiction } when it says which kind of document it is from and, for
 * named places, whose draft it is (吴兴区).
 */
export const ExampleSchema = z.union([
  z.string().min(1),
  z.strictObject({ text: z.string().min(1), kind: z.enum(EXAMPLE_KINDS).optional(), jurisdiction: z.string().min(1).optional() }),
]);
export type Example = z.infer<typeof ExampleSchema>;

/** Built-in document-level checks, each a standard that no clause pattern can express. */
export const DOCUMENT_CHECKS = ['no-validity', 'long-validity', 'effective-on-issue', 'retroactive', 'repealed-law', 'no-consultation'] as const;

export const RuleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能包含小写字母、数字和连字符'),
    title: z.string().min(2),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    basis: z.array(BasisSchema).min(1),
    localBasis: z.array(LocalBasisSchema).optional(),
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
      flag: z.array(ExampleSchema).min(3, '至少 3 个应当命中的例句'),
      pass: z.array(ExampleSchema).min(3, '至少 3 个不应命中的合法近似例句'),
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
  /** Word families: a plain word of a rule's term list stands for every word of its family (供应 for 供货 too). */
  families: z.array(z.array(z.string().min(1)).min(2)).default([]),
  contexts: z.record(z.string(), z.array(z.union([TermBlocker, RegexBlocker, ClassBlocker, SubjectBlocker])).min(1)).default({}),
});
export type SharedDefinitions = z.infer<typeof SharedDefinitionsSchema>;
