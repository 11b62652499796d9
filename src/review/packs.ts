/**
 * Which industry packs a workbench review runs. The admin chooses the packs enabled by
 * default (setting `rules.packs`, audited by the store); a reviewer may tick them on or off
 * for one upload. Unknown pack names are refused, not ignored.
 */
import type { RuleSet } from '../rules/ruleset.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/store-error.js';

export const PACKS_SETTING = 'rules.packs';

/** The admin's default packs, limited to packs the rule set still has. */
export async function defaultPacks(store: Store, ruleSet: RuleSet | undefined): Promise<string[]> {
  const saved = await store.getSetting<unknown>(PACKS_SETTING);
  const known = new Set((ruleSet?.packs ?? []).map((p) => p.name));
  return Array.isArray(saved) ? saved.filter((p): p is string => typeof p === 'string' && known.has(p)) : [];
}

/** Checks requested pack names against the rule set; duplicates dropped, order kept. */
export function checkPacks(ruleSet: RuleSet | undefined, requested: readonly string[]): string[] {
  const known = new Set((ruleSet?.packs ?? []).map((p) => p.name));
  const unknown = requested.filter((p) => !known.has(p));
  if (unknown.length) {
    const have = [...known].join('、') || '（无）';
    throw new StoreError('INVALID', `没有这个规则包：${unknown.join('、')}。可用的规则包：${have}`);
  }
  return [...new Set(requested)];
}

/** Saves the admin's default packs (the store audits the change as settings.update). */
export async function setDefaultPacks(store: Store, ruleSet: RuleSet | undefined, packs: readonly string[], userId: number): Promise<string[]> {
  const checked = checkPacks(ruleSet, packs);
  await store.setSetting(PACKS_SETTING, checked, userId);
  return checked;
}
