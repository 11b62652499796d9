/**
 * What the faces (server/, cli/) use of the core below the pipeline: vocabularies, limits and
 * error tests. They import these from here, or as types, so that the server reaches the core
 * only through review/ and the stores (test/architecture checks it).
 */
export { isIngestError } from '../document/errors.js';
export { DEFAULT_LIMITS, formatBytes } from '../document/limits.js';
export { documentJson } from '../document/document-json.js';
export { severityRank } from '../rules/findings.js';
export { CATEGORIES, SEVERITIES } from '../rules/schema.js';
// the downloads of a review (审查意见书 and the other writers, the draft returned with comments)
export { ingestBytes, ingestText } from '../ingest/ingest.js';
export { commentedDraft } from '../opinion/commented-draft.js';
export { reviewExportOf } from '../opinion/review-export.js';
export { adoptionFor } from '../opinion/adoption.js';
export { EXPORT_FORMATS, WRITERS } from '../report/writers.js';
export { CONCLUSIONS } from '../report/writers/types.js';
export { SEVERITY_LABELS } from '../report/labels.js';
export { servedType, storedType } from '../ingest/stored-type.js';
