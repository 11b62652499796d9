/** zod schemas of what reaches the cleanup campaign over HTTP (the API validates with them; OpenAPI describes them). */
import { z } from 'zod';
import { DECISIONS } from './model.js';
import { emptyToUndefined } from '../store/schema-kit.js';
import { VoidedFilterSchema } from '../store/types.js';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const DecisionBodySchema = z.object({
  decision: z.enum(DECISIONS, { error: '结论只能是 keep（继续有效）、amend（修改）、repeal（废止）或 invalid（宣布失效）' }),
  reason: z.string().max(2000, '理由不能超过 2000 个字符').optional(),
  clauses: z.array(z.string().max(200)).max(200).optional(),
  /** 法律依据: the legal basis, apart from the document's own clauses (涉及条款). */
  basis: z.string().max(1000, '法律依据不能超过 1000 个字符').optional(),
});
export const PacksBodySchema = z.object({ packs: z.union([z.array(z.string().max(100)).max(50), z.null()], { error: 'packs 应为规则包名称的数组，或 null（使用管理员的默认规则包）' }) });
export const CampaignQuerySchema = z.object({ voided: z.preprocess(emptyToUndefined, VoidedFilterSchema().default('hide')) });
export const DeadlineBodySchema = z.object({ deadline: z.union([DAY, z.null(), z.literal('')]) });
export const ItemQuerySchema = z.object({
  department: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
  decision: z.preprocess(emptyToUndefined, z.enum([...DECISIONS, 'undecided'], { error: '结论筛选无效' }).optional()),
  voided: z.preprocess(emptyToUndefined, VoidedFilterSchema().default('hide')),
  /** 1: only documents past their validity. */
  expired: z.preprocess(emptyToUndefined, z.enum(['1', '0'], { error: 'expired 只能是 1 或 0' }).optional()),
});
export const ExportQuerySchema = z.object({ format: z.preprocess(emptyToUndefined, z.enum(['csv', 'xlsx'], { error: 'format 只能是 csv 或 xlsx' }).default('csv')) });
export const PeriodQuerySchema = z.object({ from: z.preprocess(emptyToUndefined, DAY.optional()), to: z.preprocess(emptyToUndefined, DAY.optional()) });
