/** The schemas compileRules validates rule texts with (RuleSetExtras.schemas): loading this module loads zod. */
import { VocabularySchema } from '../annotate/vocabulary-schema.js';
import type { RuleSchemas } from './compile-rules.js';
import { RuleFileSchema, SharedDefinitionsSchema } from './schema.js';

export const RULE_SCHEMAS: RuleSchemas = { rules: RuleFileSchema, shared: SharedDefinitionsSchema, vocabulary: VocabularySchema };
