/** zod schemas of what reaches the cleanup campaign over HTTP (the API validates with them; OpenAPI describes them). */
import { z } from 'zod';
import { DECISIONS } from './model.js';
import { emptyToUndefined } from '../store/schema-kit.js';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const DecisionBodySchema = z.object({
  decision: z.enum(DECISIONS, { error: '结论只能是 keep（继续有效）、amend（修改）、repeal（废止）或 invalid（宣布失效）' }),
  reason: z.string().max(2000, '理由不能超过 2000 个字符').optional(),
  clauses: z.array(z.string().max(200)).max(200).optional(),
});
export const DeadlineBodySchema = z.object({ deadline: z.union([DAY, z.null(), z.literal('')]) });
export const ItemQuerySchema = z.object({
  department: z.preprocess(emptyToUndefined, z.string().max(100).optional()),
  decision: z.preprocess(emptyToUndefined, z.enum([...DECISIONS, 'undecided'], { error: '结论筛选无效' }).optional()),
});
export const ExportQuerySchema = z.object({ format: z.preprocess(emptyToUndefined, z.enum(['csv', 'xlsx'], { error: 'format 只能是 csv 或 xlsx' }).default('csv')) });
export const PeriodQuerySchema = z.object({ from: z.preprocess(emptyToUndefined, DAY.optional()), to: z.preprocess(emptyToUndefined, DAY.optional()) });
