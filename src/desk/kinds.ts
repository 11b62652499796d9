/**
 * The kinds of request the section reviews (7a: 合法性审查全覆盖) — 行政规范性文件, 政策措施,
 * 重大行政决策, 行政协议/合同, 其他 — each with its own time limit, 送审材料 checklist and rule
 * packs. All three are settings an administrator edits (stored under `desk.kinds`); the defaults
 * below are the section's starting point, not quotations of any regulation: `limitBasis` says what
 * each limit rests on. A kind without its own limit (null) takes the general review period.
 */
import { z } from 'zod';
import { emptyToUndefined } from '../store/schema-kit.js';

export const REQUEST_KINDS = ['normative', 'policy', 'major', 'contract', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  normative: '行政规范性文件',
  policy: '政策措施',
  major: '重大行政决策',
  contract: '行政协议/合同',
  other: '其他',
};
/** Kinds the period report's coverage lines name: 重大行政决策 and 涉企政策 (政策措施). */
export const COVERAGE_KINDS: readonly RequestKind[] = ['major', 'policy'];

export const KINDS_SETTING_KEY = 'desk.kinds';

export interface KindSettings {
  /** Working days after receipt the review is due; null: the general review period (期限设置). */
  reviewDays: number | null;
  /** 送审材料 expected with the draft, in the order the page lists them. */
  checklist: string[];
  /** Industry packs a 预审 of this kind runs; empty: the administrator's default packs. */
  packs: string[];
}

const GENERAL_CHECKLIST = ['起草说明', '征求意见情况', '合法性审查表', '公平竞争审查表'];

export const DEFAULT_KINDS: Record<RequestKind, KindSettings> = {
  normative: { reviewDays: null, checklist: GENERAL_CHECKLIST, packs: [] },
  policy: { reviewDays: null, checklist: GENERAL_CHECKLIST, packs: [] },
  major: { reviewDays: null, checklist: ['公众参与', '专家论证', '风险评估', '合法性审查', '集体讨论决定'], packs: [] },
  contract: { reviewDays: 10, checklist: ['起草说明', '合同文本', '相对方资质材料', '合法性审查表'], packs: [] },
  other: { reviewDays: null, checklist: ['起草说明'], packs: [] },
};

const item = z.string().trim().min(1, '材料名称不能为空').max(60, '材料名称不能超过 60 个字符');
export const KindSettingsSchema = z.object({
  reviewDays: z.preprocess(emptyToUndefined, z.coerce.number({ error: '审查期限应为整数' }).int('审查期限应为整数').min(1, '审查期限至少为 1 个工作日').max(60, '审查期限不能超过 60 个工作日').nullable().default(null)),
  checklist: z.array(item).max(30, '送审材料最多 30 项').refine((l) => new Set(l).size === l.length, '送审材料有重复的项目'),
  packs: z.array(z.string().trim().min(1).max(60)).max(20, '规则包最多 20 个'),
});
export const KindsSettingsSchema = z.object(Object.fromEntries(REQUEST_KINDS.map((k) => [k, KindSettingsSchema])) as Record<RequestKind, typeof KindSettingsSchema>);
export type KindsSettings = Record<RequestKind, KindSettings>;
/** Kinds to change, each in part ({ major: { checklist: [...] } }), from the API. */
export const KindsInputSchema = z.object(Object.fromEntries(REQUEST_KINDS.map((k) => [k, KindSettingsSchema.partial().optional()])) as Record<RequestKind, z.ZodOptional<ReturnType<typeof KindSettingsSchema.partial>>>).strict();

/**
 * What a kind's time limit rests on, as the kinds page and API say it. Only one text fahu holds
 * sets a review period: 国办发〔2018〕115号 （五） (corpus/legal) — 合法性审核 of a 行政规范性文件
 * 一般不少于5个工作日，最长不超过15个工作日. A normative document on the general period within those
 * 15 days cites it; every other limit (政策措施, 重大行政决策, 行政协议/合同 …, or one changed by the
 * administrator) is the section's own setting and is said to be so, citing nothing.
 */
export const GUOBANFA_115_LIMIT = '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）第二部分第（五）项：“合法性审核时间一般不少于5个工作日，最长不超过15个工作日”';
export const OWN_SETTING = '本科室工作设置（本库未收录规定该类审查期限的法律文件）';

export function limitBasis(kind: RequestKind, kinds: KindsSettings, generalReviewDays: number): { days: number; basis: string; cited: boolean } {
  const own = kinds[kind].reviewDays;
  const days = own ?? generalReviewDays;
  if (kind === 'normative' && days <= 15) return { days, basis: GUOBANFA_115_LIMIT, cited: true };
  return { days, basis: OWN_SETTING, cited: false };
}

/** Stored settings over the defaults, kind by kind (a kind whose stored value no longer parses keeps its default). */
export function kindsFrom(stored: unknown): KindsSettings {
  const out = { ...DEFAULT_KINDS };
  if (stored && typeof stored === 'object') {
    for (const k of REQUEST_KINDS) {
      const parsed = KindSettingsSchema.safeParse({ ...DEFAULT_KINDS[k], ...((stored as Record<string, unknown>)[k] as object | undefined) });
      if (parsed.success) out[k] = parsed.data;
    }
  }
  return out;
}

/** A checklist typed one item a line (or separated by 、，,；;) into its items. */
export function checklistFromText(text: string): string[] {
  return text.split(/[\n、，,；;]+/).map((s) => s.trim()).filter(Boolean);
}

/** The 送审材料 of a request not yet marked received, in checklist order. */
export function missingMaterials(checklist: readonly string[], received: ReadonlySet<string>): string[] {
  return checklist.filter((i) => !received.has(i));
}
