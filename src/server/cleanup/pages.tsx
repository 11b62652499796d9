/**
 * 专项清理 pages: the campaigns with the inventory import form, one campaign (progress per
 * department against the deadline, batch upload of texts with a progress bar, the document
 * list with filters, export), and one document (pre-check findings, decision form).
 * Everything works without the script; with it the progress bar updates by polling.
 *
 * The public entry for the routes; each page lives in its own file.
 */
export { CleanupListPage, type ImportValues } from './cleanup-list-page.js';
export { CampaignPage, type ItemFilterValues } from './cleanup-campaign-page.js';
export { CleanupItemPage, type DecisionValues } from './cleanup-item-page.js';
