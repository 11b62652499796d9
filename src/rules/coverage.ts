/**
 * The coverage table: for each article (and item) the rules cite, which rules cite it.
 * Printed by `fahu rules coverage` and kept in rules/README.md (a test compares them).
 */
import type { RuleSet } from './ruleset.js';

/** Items every rule set must cover: 公平竞争审查条例 第八条至第十一条 (19 items). */
export const REQUIRED_ITEMS: { law: string; article: string; items: number }[] = [
  { law: '公平竞争审查条例', article: '第八条', items: 5 },
  { law: '公平竞争审查条例', article: '第九条', items: 6 },
  { law: '公平竞争审查条例', article: '第十条', items: 4 },
  { law: '公平竞争审查条例', article: '第十一条', items: 4 },
];

const ITEM_NAMES = '一二三四五六七八九十';
export const itemLabel = (i: number) => `（${ITEM_NAMES[i - 1] ?? String(i)}）`;

export interface CoverageRow {
  law: string;
  article: string;
  item?: string;
  rules: string[];
}

/** Rows in corpus order of laws, articles and items; required items appear even when uncovered. */
export function coverage(ruleSet: RuleSet): CoverageRow[] {
  const rows = new Map<string, CoverageRow>();
  const key = (law: string, article: string, item?: string) => `${law}|${article}|${item ?? ''}`;
  for (const req of REQUIRED_ITEMS) {
    for (let i = 1; i <= req.items; i++) rows.set(key(req.law, req.article, itemLabel(i)), { law: req.law, article: req.article, item: itemLabel(i), rules: [] });
  }
  for (const r of ruleSet.rules) {
    for (const b of r.rule.basis) {
      const k = key(b.law, b.article, b.item);
      const row = rows.get(k) ?? { law: b.law, article: b.article, ...(b.item ? { item: b.item } : {}), rules: [] };
      const id = r.pack ? `${r.rule.id}（${r.pack}）` : r.rule.id;
      if (!row.rules.includes(id)) row.rules.push(id);
      rows.set(k, row);
    }
  }
  const lawOrder = ruleSet.corpus.laws.map((l) => l.name);
  const articleOrder = (law: string, article: string) => ruleSet.corpus.laws.find((l) => l.name === law)?.articles.findIndex((a) => a.article === article) ?? -1;
  return [...rows.values()].sort(
    (a, b) =>
      lawOrder.indexOf(a.law) - lawOrder.indexOf(b.law) ||
      articleOrder(a.law, a.article) - articleOrder(b.law, b.article) ||
      (a.item ? ITEM_NAMES.indexOf(a.item.slice(1, -1)) : -1) - (b.item ? ITEM_NAMES.indexOf(b.item.slice(1, -1)) : -1),
  );
}

export function coverageMarkdown(rows: CoverageRow[]): string {
  const lines = ['| 依据 | 规则 |', '|---|---|'];
  for (const r of rows) lines.push(`| ${r.law} ${r.article}${r.item ?? ''} | ${r.rules.length ? r.rules.join('、') : '（未覆盖）'} |`);
  return lines.join('\n');
}
