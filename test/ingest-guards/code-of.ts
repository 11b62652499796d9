import { IngestError } from '../../src/ingest/errors.js';

/** The refusal code a promise ends with (undefined when it succeeds). */
export async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof IngestError ? e.code : `not an IngestError: ${String(e)}`;
  }
}
