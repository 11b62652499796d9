/**
 * The store's records and the zod schemas for everything that reaches it from outside
 * (forms, the JSON API, the command line). Pages and the API validate with these too.
 */
import { z } from 'zod';
import type { DocumentJson } from '../document/document-json.js';
import type { Finding } from '../rules/findings.js';
import { CATEGORIES, SEVERITIES } from '../rules/schema.js';
import { CONCLUSIONS } from '../report/writers/types.js';
import { PasswordSchema } from './password.js';
export { isStoreError, parseInput, StoreError, type StoreErrorCode } from './store-error.js';
import { DAY_PATTERN as DAY, emptyToUndefined, trimmed } from './schema-kit.js';

export const ROLES = ['reviewer', 'chief', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { reviewer: '科员', chief: '科长', admin: '管理员' };

export const REVIEW_STATUSES = ['draft', 'reviewing', 'signed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: '待审', reviewing: '审查中', signed: '已签发' };

export const FINDING_STATUSES = ['open', 'confirmed', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { open: '待处理', confirmed: '已确认', dismissed: '已排除' };

/** Rule id of findings added by a reviewer. */
export const HAND_RULE = 'manual';

export interface User {
  id: number;
  name: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface NewSession {
  /** The cookie value; only its SHA-256 is stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionInfo {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface ApiTokenInfo {
  id: number;
  userId: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface StoredDocument {
  hash: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
  bytes: Uint8Array;
}

export interface ReviewRecord {
  id: string;
  documentHash: string | null;
  title: string;
  docNumber: string | null;
  department: string;
  status: ReviewStatus;
  createdBy: number;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  signedBy: number | null;
  signedByName: string | null;
  signedAt: string | null;
  /** 作废: set when voided (with who and why); a voided record is kept, hidden from lists and statistics. */
  voidedAt: string | null;
  voidedByName: string | null;
  voidReason: string | null;
  /** The reviewer's general conclusion (one of CONCLUSIONS), with who chose it and when; required for sign-off. */
  conclusion: string | null;
  conclusionByName: string | null;
  conclusionAt: string | null;
  /** The review of an earlier version of the draft whose decisions this one inherited. */
  previousReviewId: string | null;
}

export interface ReviewSummary extends ReviewRecord {
  counts: { total: number; open: number; confirmed: number; dismissed: number };
}

/**
 * A finding as the workbench shows it: the rule's finding (from the stored review JSON) or
 * the reviewer's own, with the reviewer's decision. The text to use as the suggestion is
 * `suggestionOverride ?? suggestion`.
 */
export interface ReviewFinding extends Finding {
  status: FindingStatus;
  dismissReason: string | null;
  suggestionOverride: string | null;
  addedByHand: boolean;
  updatedBy: number | null;
  updatedAt: string | null;
  /** 'reviewId#findingId' when the decision was inherited from an earlier version's review (继承); null once decided here. */
  inheritedFrom: string | null;
}

export interface ReviewDetail {
  review: ReviewRecord;
  document: DocumentJson;
  /** In document order. */
  findings: ReviewFinding[];
  /** Industry packs the rules ran with, besides the core set (empty: core only). */
  packs: string[];
}

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  userName: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- input schemas ----

export const UserNameSchema = z
  .string()
  .trim()
  .min(1, '用户名不能为空')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[\p{L}\p{N}_.-]+$/u, '用户名只能包含文字、数字、下划线、点和连字符');

export const RoleSchema = z.enum(ROLES, { error: '角色只能是 reviewer（科员）、chief（科长）或 admin（管理员）' });

export const NewUserSchema = z.object({
  name: UserNameSchema,
  displayName: trimmed(64).optional(),
  role: RoleSchema.default('reviewer'),
  password: PasswordSchema,
});
export type NewUser = z.input<typeof NewUserSchema>;

export const FindingUpdateSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm') }),
  z.object({ action: z.literal('dismiss'), reason: trimmed(2000).min(1, '排除问题必须填写理由') }),
  z.object({ action: z.literal('reopen') }),
  /** An empty suggestion reverts to the rule's own. */
  z.object({ action: z.literal('suggest'), suggestion: trimmed(4000) }),
]);
export type FindingUpdate = z.input<typeof FindingUpdateSchema>;

export const HandFindingSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().positive(),
    category: z.enum(CATEGORIES, { error: '问题类别无效' }),
    severity: z.enum(SEVERITIES, { error: '严重程度只能是 high、medium 或 low' }).default('medium'),
    title: trimmed(200).min(1, '请填写问题概要'),
    explanation: trimmed(4000).default(''),
    suggestion: trimmed(4000).default(''),
  })
  .refine((f) => f.end > f.start, { message: '所选文字为空', path: ['end'] });
export type HandFinding = z.input<typeof HandFindingSchema>;

/** The reviewer's general conclusion: one of the opinion's choices, or null to clear it. */
export const ConclusionSchema = z.object({
  conclusion: z.preprocess((v) => (v === '' ? null : v), z.enum(CONCLUSIONS, { error: `审查结论只能是 ${CONCLUSIONS.join('、')}` }).nullable()),
});
export type ConclusionInput = z.input<typeof ConclusionSchema>;

export const ReviewMetaSchema = z.object({
  department: trimmed(100).default(''),
  title: trimmed(300).optional(),
  docNumber: trimmed(100).optional(),
});
export type ReviewMeta = z.input<typeof ReviewMetaSchema>;

/** Which records a list shows with respect to 作废: not voided (default), only voided, or all. */
export const VOIDED_FILTERS = ['hide', 'only', 'all'] as const;
export type VoidedFilter = (typeof VOIDED_FILTERS)[number];
export const VOIDED_FILTER_LABELS: Record<VoidedFilter, string> = { hide: '不含已作废', only: '仅已作废', all: '含已作废' };
export function VoidedFilterSchema() {
  return z.enum(VOIDED_FILTERS, { error: '作废筛选只能是 hide（不含已作废）、only（仅已作废）或 all（全部）' });
}

/** SQL condition for a voided filter on a table alias with a voided_at column. */
export function voidedCondition(filter: VoidedFilter, alias: string): string | null {
  return filter === 'hide' ? `${alias}.voided_at IS NULL` : filter === 'only' ? `${alias}.voided_at IS NOT NULL` : null;
}

/** 作废 needs a reason, kept with the record and in the audit log. */
export const VoidSchema = z.object({ reason: z.string({ error: '作废须填写理由' }).trim().min(1, '作废须填写理由').max(500, '作废理由不能超过 500 个字符') });
export type VoidInput = z.input<typeof VoidSchema>;

/** The admin's purge of voided test data: only records voided at least N days ago, and only with the typed phrase. */
export const PURGE_PHRASE = '永久删除';
export const PurgeSchema = z.object({
  olderThanDays: z.coerce.number({ error: '天数应为整数' }).int('天数应为整数').min(1, '至少保留 1 天').max(3650, '天数不能超过 3650'),
  confirm: z.string({ error: `请输入“${PURGE_PHRASE}”以确认` }).trim().refine((v) => v === PURGE_PHRASE, `请输入“${PURGE_PHRASE}”以确认：永久删除后无法恢复`),
});
export type PurgeInput = z.input<typeof PurgeSchema>;

/** History filters; strings are accepted so a query string can be passed as it is. */
export const ReviewQuerySchema = z.object({
  department: z.preprocess(emptyToUndefined, trimmed(100).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(REVIEW_STATUSES, { error: '状态无效' }).optional()),
  /** Local dates (China Standard Time), inclusive. */
  from: z.preprocess(emptyToUndefined, z.string().regex(DAY, '日期格式应为 YYYY-MM-DD').optional()),
  to: z.preprocess(emptyToUndefined, z.string().regex(DAY, '日期格式应为 YYYY-MM-DD').optional()),
  /** Words in the title or 文号. */
  q: z.preprocess(emptyToUndefined, trimmed(100).optional()),
  createdBy: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
  /** Voided records: hidden by default, `only` or `all` to see them. */
  voided: z.preprocess(emptyToUndefined, VoidedFilterSchema().default('hide')),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(20)),
});
export type ReviewQuery = z.input<typeof ReviewQuerySchema>;

export const AuditQuerySchema = z.object({
  action: z.preprocess(emptyToUndefined, trimmed(64).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(50)),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const DocumentInputSchema = z.object({
  bytes: z.instanceof(Uint8Array).refine((b) => b.length > 0, '文件为空'),
  fileName: trimmed(255).min(1, '缺少文件名'),
  mime: trimmed(255).default('application/octet-stream'),
});
export type DocumentInput = z.input<typeof DocumentInputSchema>;

export const ApiTokenNameSchema = trimmed(64).min(1, '请填写令牌用途，例如“命令行”');

export const SettingKeySchema = z.string().trim().min(1).max(100).regex(/^[a-z0-9_.-]+$/, '设置项名称无效');
