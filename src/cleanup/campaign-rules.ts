/**
 * The cleanup campaign's own checks, shared by every face: who may do what, a campaign's
 * name and deadline, and the shapes of an import result and an item filter.
 */
import { StoreError, type Role, type VoidedFilter } from '../store/types.js';
import { DAY_PATTERN as DAY } from '../store/schema-kit.js';
import type { Campaign, Decision } from './model.js';

/** Who may do what in the campaign. Everyone signed in may look and export. */
export const CLEANUP_ROLES = {
  /** Import inventories and attach texts. */
  edit: ['reviewer', 'chief', 'admin'] as Role[],
  /** Decide on a document: a legal judgment, so the section's reviewers and chief. */
  decide: ['reviewer', 'chief'] as Role[],
  /** Change a campaign's deadline and its packs; void a campaign (its creator may too). */
  deadline: ['chief', 'admin'] as Role[],
};

export interface ImportResult {
  campaign: Campaign;
  created: boolean;
  imported: number;
}

export interface ItemFilter {
  department?: string;
  /** A decision, or 'undecided'. */
  decision?: Decision | 'undecided';
  /** Voided items: hidden by default. */
  voided?: VoidedFilter;
  /** Only items past their validity (有效期). */
  expired?: boolean;
}

export function checkCampaignName(name: string): string {
  const n = name.trim();
  if (!n) throw new StoreError('INVALID', '请填写专项清理的名称');
  if (n.length > 100) throw new StoreError('INVALID', '专项清理名称不能超过 100 个字符');
  return n;
}

export function checkDeadline(deadline: string | null | undefined): string | null {
  if (deadline === undefined || deadline === null || deadline.trim() === '') return null;
  const d = deadline.trim();
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, day));
  if (!DAY.test(d) || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== day) throw new StoreError('INVALID', `截止日期“${d}”无效，应写成 YYYY-MM-DD，如 2026-12-31`);
  return d;
}
