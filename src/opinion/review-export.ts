/** A stored review (record, document, findings with decisions) as the writers take it. */
import type { ReviewDetail } from '../store/types.js';
import type { ReviewExport } from '../report/writers/types.js';

export function reviewExportOf(detail: ReviewDetail): ReviewExport {
  const r = detail.review;
  return {
    document: detail.document,
    findings: detail.findings.map((f) => ({ ...f, inherited: f.inheritedFrom !== null })),
    packs: detail.packs,
    record: {
      id: r.id,
      title: r.title,
      docNumber: r.docNumber,
      department: r.department,
      reviewer: r.createdByName,
      chief: r.signedByName,
      receivedAt: r.createdAt,
      signedAt: r.signedAt,
    },
  };
}
