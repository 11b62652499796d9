/**
 * The section's own header for every document it sends (审查意见书, 公平竞争审查表, 工作报告):
 * the bureau's name instead of the placeholder 区司法局, the 发文机关标志 over the red line, the
 * 落款 and a contact line. Stored as the setting `opinion.template`, written by an administrator
 * only (the store checks the role and records the change in the audit log); read by everyone.
 */
import { z } from 'zod';
import { DEFAULT_TEMPLATE, type OpinionTemplate } from '../report/writers/types.js';
import type { Store } from '../store/store.js';
import { parseInput } from '../store/types.js';

export const TEMPLATE_SETTING = 'opinion.template';

const line = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`);

export const HeaderTemplateSchema = z.object({
  bureau: line('机关名称', 40).min(2, '机关名称至少 2 个字，如“湖州市吴兴区司法局”'),
  mark: line('发文机关标志', 40).default(''),
  signature: line('落款', 40).default(''),
  contact: line('联系方式', 120).default(''),
  opening: line('开头语', 200).min(1, '开头语不能为空').default(DEFAULT_TEMPLATE.opening),
  closing: line('结束语', 200).min(1, '结束语不能为空').default(DEFAULT_TEMPLATE.closing),
});

export type HeaderTemplateInput = z.input<typeof HeaderTemplateSchema>;

/** The saved template, or the default (区司法局) when the admin has not set one; a damaged value falls back too. */
export async function headerTemplate(store: Store): Promise<OpinionTemplate> {
  const saved = await store.getSetting<unknown>(TEMPLATE_SETTING);
  const parsed = HeaderTemplateSchema.safeParse(saved);
  return parsed.success ? { ...DEFAULT_TEMPLATE, ...parsed.data } : { ...DEFAULT_TEMPLATE };
}

/** Checks and saves the template (administrators only, audited by the store); returns what was stored. */
export async function setHeaderTemplate(store: Store, input: unknown, actorId: number | null): Promise<OpinionTemplate> {
  const value = parseInput(HeaderTemplateSchema, input);
  await store.setSetting(TEMPLATE_SETTING, value, actorId);
  return { ...DEFAULT_TEMPLATE, ...value };
}
