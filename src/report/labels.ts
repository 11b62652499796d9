/** The one set of severity labels and the one grouping by category every view and writer uses. */
import { CATEGORIES, type Category, type Severity } from '../rules/schema-constants.js';

export const SEVERITY_LABELS: Record<Severity, string> = { high: '高', medium: '中', low: '低' };

export interface CategoryGroup<T> {
  category: Category;
  items: T[];
}

/** Findings by category, in the rule schema's category order; empty categories left out. */
export function groupByCategory<T extends { category: Category }>(findings: readonly T[]): CategoryGroup<T>[] {
  return CATEGORIES.map((category) => ({ category, items: findings.filter((f) => f.category === category) })).filter((g) => g.items.length > 0);
}

/** "高 1，中 2，低 0" for a group of findings. */
export function severityCounts(findings: readonly { severity: Severity }[]): string {
  return (['high', 'medium', 'low'] as const).map((s) => `${SEVERITY_LABELS[s]} ${findings.filter((f) => f.severity === s).length}`).join('，');
}
