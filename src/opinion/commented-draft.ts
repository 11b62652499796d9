/** The draft returned with comments: the department's .docx when it sent one, else one built from the text. */
import type { DocumentModel } from '../document/model.js';
import type { ExportFinding } from '../report/writers/types.js';
import { annotateDocx, type AnnotateOptions, type AnnotateResult } from './annotate-docx.js';
import { textDraftDocx } from './text-draft.js';

export async function commentedDraft(doc: DocumentModel, bytes: Uint8Array | undefined, findings: ExportFinding[], options: AnnotateOptions = {}): Promise<AnnotateResult> {
  const listed = findings.filter((f) => f.status !== 'dismissed');
  if (doc.source.format === 'docx' && bytes) return annotateDocx(bytes, doc, listed, options);
  const draft = await textDraftDocx(doc.text, doc.meta.title);
  return annotateDocx(draft.bytes, draft.anchor, listed, options);
}
