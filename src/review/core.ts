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
export { adoptionFor, type Adoption } from '../opinion/adoption.js';
export { EXPORT_FORMATS, WRITERS } from '../report/writers.js';
export { CONCLUSIONS } from '../report/writers/types.js';
export { SEVERITY_LABELS } from '../report/labels.js';
export { servedType, storedType } from '../ingest/stored-type.js';
// 公平竞争审查表 and the section's header template (src/opinion)
export { effectiveFcrForm, fcrStandards, findingsByStandard, FcrFormError, FcrFormSchema, FCR_LAW, type FcrFormInput, type FcrFormValues, type FcrStandards } from '../opinion/fcr-form.js';
export { fcrFormDocx } from '../opinion/fcr-form-docx.js';
export { FcrFormStore, FCR_AUDIT_ACTION, type StoredFcrForm } from '../opinion/fcr-form-store.js';
export { headerTemplate, HeaderTemplateSchema, setHeaderTemplate, TEMPLATE_SETTING } from '../opinion/header-template.js';
export { DEFAULT_TEMPLATE, markOf, signatureOf, type OpinionTemplate } from '../report/writers/types.js';
