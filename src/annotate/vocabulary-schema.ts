/**
 * rules/vocabulary.yaml's format, validated with zod at load. Apart from vocabulary.ts, which the
 * annotation layer loads on every review: a rule set read from the validated cache needs no zod.
 */
import { z } from 'zod';

export const VocabularySchema = z.strictObject({
  classes: z.record(z.string().regex(/^[a-z][a-z-]*$/, '词类名称只能用小写字母和连字符'), z.array(z.string().min(1)).min(1)),
});
