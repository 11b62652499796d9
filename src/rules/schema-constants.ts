/**
 * The finding categories and severities of the rule format (schema.ts re-exports them), apart from
 * the zod schemas: reports and the review path read them, and load no zod for them.
 */

/** The fixed finding categories of the review (domain.md §2). */
export const CATEGORIES = [
  '限制市场准入和退出',
  '限制商品要素自由流动',
  '影响生产经营成本',
  '影响生产经营行为',
  '增设行政许可',
  '增设处罚或强制',
  '违法收费',
  '其他烦企扰民',
  '程序与形式',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
