/**
 * `fahu review FILE --format fcr-form`: the 公平竞争审查表 of a review without a store (every
 * finding counts, as in the CLI's opinion). The header is the section's saved template when the
 * data directory (DATA_DIR) already has a database, else the default.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusLaw } from '../corpus/corpus.js';
import { FcrFormError, fcrStandards, proposedFcrForm } from '../opinion/fcr-form.js';
import { fcrFormDocx } from '../opinion/fcr-form-docx.js';
import { headerTemplate } from '../opinion/header-template.js';
import { DEFAULT_TEMPLATE, type OpinionTemplate, type ReviewExport } from '../report/writers/types.js';
import { withStore } from './data-store.js';
import { UsageError } from './io.js';

export async function savedTemplate(): Promise<OpinionTemplate> {
  const { dataDir } = await import('../node/sqlite-driver.js');
  if (!existsSync(join(dataDir(), 'fahu.sqlite'))) return DEFAULT_TEMPLATE;
  return withStore((store) => headerTemplate(store));
}

export async function fcrFormFromCli(review: ReviewExport, laws: readonly CorpusLaw[], conclusion?: string): Promise<Uint8Array> {
  let standards;
  try {
    standards = fcrStandards(laws);
  } catch (e) {
    if (e instanceof FcrFormError) throw new UsageError(e.message);
    throw e;
  }
  const values = { ...proposedFcrForm(review, standards), ...(conclusion ? { conclusion } : {}) };
  return fcrFormDocx(review, standards, values, { template: await savedTemplate() });
}
