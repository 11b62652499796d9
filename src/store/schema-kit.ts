/**
 * The zod helpers every input schema uses (store, desk, cleanup, decisions), once: a trimmed
 * string with a Chinese length message, empty form fields read as absent, the YYYY-MM-DD shape.
 */
import { z } from 'zod';

/** A trimmed string of at most `max` characters. */
export const trimmed = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);

/** An empty form field or JSON null is an absent value (for z.preprocess). */
export const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The shape of a day, YYYY-MM-DD (its validity is checked where it matters). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
