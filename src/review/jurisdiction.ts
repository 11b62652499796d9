/**
 * Which administrative division a review reads named places against (吴兴区 in a 吴兴区 draft is
 * local, 湖州市外 is outside). A reviewer may set it on a review; otherwise the rules read it from
 * the issuer or the title; the admin sets the section's own district as the last resort (setting
 * `review.jurisdiction`, audited by the store). A name that is no division is refused, in Chinese,
 * whoever sends it.
 */
import { divisionIn } from '../annotate/divisions.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/store-error.js';

export const JURISDICTION_SETTING = 'review.jurisdiction';

/** The division's name if `name` names one (吴兴区, 湖州市吴兴区, 织里镇), else a StoreError. */
export function checkJurisdiction(ruleSet: RuleSet | undefined, name: string): string {
  const trimmed = name.trim();
  const data = ruleSet?.places?.();
  if (!trimmed || trimmed.length > 40) throw new StoreError('INVALID', '行政区划应为 1–40 个字，如“湖州市吴兴区”');
  if (!data) return trimmed;
  const d = divisionIn(data, trimmed);
  if (!d) throw new StoreError('INVALID', `未识别的行政区划“${trimmed}”，请写全称，如“湖州市吴兴区”或“织里镇”`);
  return trimmed;
}

/** The section's own district, if the admin set one. */
export async function defaultJurisdiction(store: Store): Promise<string | undefined> {
  const saved = await store.getSetting<unknown>(JURISDICTION_SETTING);
  return typeof saved === 'string' && saved ? saved : undefined;
}

/** Sets (or, with an empty name, clears) the section's own district. */
export async function setDefaultJurisdiction(store: Store, ruleSet: RuleSet | undefined, name: string, userId: number): Promise<string | undefined> {
  const value = name.trim() ? checkJurisdiction(ruleSet, name) : '';
  await store.setSetting(JURISDICTION_SETTING, value, userId);
  return value || undefined;
}
