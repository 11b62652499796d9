/** The JSON shape of a parsed document, shared by `fahu parse`, `fahu review` and the API. */
import type { Clause, DocumentMeta, DocumentModel } from './model.js';

export interface ClauseJson {
  id: string;
  kind: Clause['kind'];
  label: string;
  path: string;
  heading?: string;
  text: string;
  start: number;
  end: number;
  parent: string | null;
}

export interface DocumentJson {
  meta: DocumentMeta;
  text: string;
  clauses: ClauseJson[];
  warnings: string[];
  source: DocumentModel['source'];
}

export function documentJson(doc: DocumentModel): DocumentJson {
  return {
    meta: doc.meta,
    text: doc.text,
    clauses: doc.clauses.map((c) => {
      const out: ClauseJson = { id: c.id, kind: c.kind, label: c.label, path: c.path, text: c.text, start: c.start, end: c.end, parent: c.parent };
      if (c.heading) out.heading = c.heading;
      return out;
    }),
    warnings: doc.warnings,
    source: doc.source,
  };
}

/** `fahu review` output until the rule engine lands: the document and no findings. */
export function reviewJson(doc: DocumentModel): { document: DocumentJson; findings: never[] } {
  return { document: documentJson(doc), findings: [] };
}
