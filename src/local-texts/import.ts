/**
 * Importing a text the section holds (.docx, .txt, .md): read with the ingest stage and the
 * document builder that read every draft — title, 文号, issuer, dates, articles — then stored.
 * Every face (CLI, page, API) imports through here, so they refuse alike.
 */
import type { DocxReader } from '../ingest/ingest.js';
import { ingestBytes } from '../ingest/ingest.js';
import type { Store } from '../store/store.js';
import { LocalTextStore } from './local-text-store.js';
import type { ImportMeta, LocalText } from './types.js';

export async function importLocalText(
  deps: { store: Store; readDocx?: DocxReader | undefined },
  input: { bytes: Uint8Array; fileName?: string | undefined; meta?: ImportMeta },
  actorId: number | null,
): Promise<LocalText> {
  const texts = new LocalTextStore(deps.store);
  // the role is checked before the file is read: a refused user learns nothing about the file
  await texts.checkImporter(actorId);
  const doc = await ingestBytes(input.bytes, { ...(input.fileName ? { fileName: input.fileName } : {}), ...(deps.readDocx ? { readDocx: deps.readDocx } : {}) });
  return texts.importDocument(doc, input.bytes, input.meta ?? {}, actorId);
}
