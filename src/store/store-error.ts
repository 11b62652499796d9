/**
 * The store's error and the parse of outside input into it, without zod or the schemas (store/types.ts
 * re-exports both): the review path (`fahu review`, the analysis) throws StoreError and so loaded zod's 95
 * modules for it — 70–90 ms of the command's main thread — where no schema of the store is used.
 */
import type { z } from 'zod';

/** QUOTA: the storage quota for originals is used up (store/storage-quota.ts). */
export type StoreErrorCode = 'INVALID' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'QUOTA';

/** A refused store operation: a code the API maps to a status, and a Chinese message. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown): e is StoreError {
  return e instanceof StoreError;
}

/** Parses outside input, turning zod's issues into one StoreError('INVALID') with Chinese messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new StoreError('INVALID', r.error.issues.map((i) => i.message).join('；'));
}
