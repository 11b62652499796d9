/**
 * Measuring against labelled clauses: recall on violations, false alarms on lawful
 * clauses, category accuracy, a per-category table, and the misses and false alarms.
 * A clause counts as flagged when it has a high or medium finding.
 */
import { guessKind } from '../annotate/document-kind.js';

export interface LabelledClause {
  id: string;
  text: string;
  label: 'violation' | 'ok';
  category: string;
  /** Where the clause was published (a notice, a case file, a URL). */
  source?: string | undefined;
  /** The title of the document the clause is from. */
  doc?: string | undefined;
  issuer?: string | undefined;
}

export interface Verdict {
  flagged: boolean;
  category?: string;
  rule?: string;
}

export interface EvalReport {
  violations: number;
  ok: number;
  caught: number;
  falseAlarms: number;
  recall: number;
  falseAlarmRate: number;
  categoryAccuracy: number;
  perCategory: { category: string; total: number; caught: number; rightCategory: number }[];
  misses: { id: string; category: string; text: string }[];
  alarms: { id: string; text: string; category?: string; rule?: string }[];
}

/** The data names 增设处罚 what domain.md calls 增设处罚或强制. */
const sameCategory = (a: string | undefined, b: string) => a !== undefined && (a === b || a.startsWith(b) || b.startsWith(a));

export function evaluate(items: LabelledClause[], verdicts: Map<string, Verdict>): EvalReport {
  const violations = items.filter((i) => i.label === 'violation');
  const oks = items.filter((i) => i.label === 'ok');
  const caught = violations.filter((i) => verdicts.get(i.id)?.flagged);
  const alarms = oks.filter((i) => verdicts.get(i.id)?.flagged);
  const right = caught.filter((i) => sameCategory(verdicts.get(i.id)?.category, i.category));
  const categories = [...new Set(violations.map((v) => v.category))].sort();
  return {
    violations: violations.length,
    ok: oks.length,
    caught: caught.length,
    falseAlarms: alarms.length,
    recall: violations.length ? caught.length / violations.length : 0,
    falseAlarmRate: oks.length ? alarms.length / oks.length : 0,
    categoryAccuracy: caught.length ? right.length / caught.length : 0,
    perCategory: categories.map((category) => {
      const of = violations.filter((v) => v.category === category);
      const c = of.filter((v) => verdicts.get(v.id)?.flagged);
      return { category, total: of.length, caught: c.length, rightCategory: c.filter((v) => sameCategory(verdicts.get(v.id)?.category, v.category)).length };
    }),
    misses: violations.filter((v) => !verdicts.get(v.id)?.flagged).map((v) => ({ id: v.id, category: v.category, text: v.text })),
    alarms: alarms.map((a) => {
      const v = verdicts.get(a.id);
      return { id: a.id, text: a.text, ...(v?.category ? { category: v.category } : {}), ...(v?.rule ? { rule: v.rule } : {}) };
    }),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function evalReportText(r: EvalReport, label: string): string {
  const lines = [
    `${label}`,
    `  违规条款召回率：${pct(r.recall)}（${r.caught}/${r.violations}）`,
    `  合法条款误报率：${pct(r.falseAlarmRate)}（${r.falseAlarms}/${r.ok}）`,
    `  类别准确率：${pct(r.categoryAccuracy)}（命中条款中类别正确的比例）`,
    '  分类别：',
    ...r.perCategory.map((c) => `    ${c.category.padEnd(10, '　')} ${String(c.caught).padStart(3)}/${String(c.total).padEnd(3)} 召回 ${pct(c.total ? c.caught / c.total : 0).padStart(6)}  类别正确 ${c.rightCategory}`),
  ];
  return lines.join('\n');
}

/** The approach most deployed tools use: a plain list of sensitive words, first hit decides the category. */
export const BASELINE_WORDS: [string, string][] = [
  ['指定', '限制市场准入和退出'], ['品牌', '限制市场准入和退出'], ['迁出', '限制市场准入和退出'], ['注册资本', '限制市场准入和退出'],
  ['本地', '限制商品要素自由流动'], ['外地', '限制商品要素自由流动'], ['分支机构', '限制商品要素自由流动'], ['分公司', '限制商品要素自由流动'],
  ['税收', '影响生产经营成本'], ['返还', '影响生产经营成本'], ['贡献', '影响生产经营成本'], ['保证金', '影响生产经营成本'], ['奖励', '影响生产经营成本'],
  ['价格', '影响生产经营行为'], ['许可', '增设行政许可'], ['备案', '增设行政许可'], ['处罚', '增设处罚或强制'], ['收费', '违法收费'], ['证明', '其他烦企扰民'],
];

export function baselineVerdict(text: string): Verdict {
  for (const [word, category] of BASELINE_WORDS) if (text.includes(word)) return { flagged: true, category, rule: `词表：${word}` };
  return { flagged: false };
}

export interface GroupRow {
  group: string;
  violations: number;
  caught: number;
  ok: number;
  falseAlarms: number;
}

/** The source a clause comes from, without the copy it was taken from: "samr_cases.html（…副本）" → "samr_cases.html". */
export const sourceOf = (i: LabelledClause) => (i.source ?? i.doc ?? '（未注明来源）').split(/[（(]/)[0]?.replace(/^github:\S+\s+/, '').trim() || '（未注明来源）';
/** The kind of document a clause comes from, guessed from its document title and its words. */
export const kindOf = (i: LabelledClause) => guessKind(i.text, i.doc ?? '');

/** Recall and false alarms per group (per source document, per document kind): a rule that only knows one source's wording shows up. */
export function groupReport(items: LabelledClause[], verdicts: Map<string, Verdict>, keyOf: (i: LabelledClause) => string): GroupRow[] {
  const rows = new Map<string, GroupRow>();
  for (const i of items) {
    const key = keyOf(i);
    const row = rows.get(key) ?? { group: key, violations: 0, caught: 0, ok: 0, falseAlarms: 0 };
    const flagged = verdicts.get(i.id)?.flagged === true;
    if (i.label === 'violation') {
      row.violations++;
      if (flagged) row.caught++;
    } else {
      row.ok++;
      if (flagged) row.falseAlarms++;
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.violations - a.violations || a.group.localeCompare(b.group));
}

export function groupReportText(rows: GroupRow[], label: string, minViolations = 1): string {
  const shown = rows.filter((r) => r.violations >= minViolations);
  const lines = [`${label}（${shown.length} 组${minViolations > 1 ? `，至少 ${minViolations} 条违规` : ''}）`];
  for (const r of shown) {
    const recall = r.violations ? r.caught / r.violations : 1;
    lines.push(`  ${pct(recall).padStart(6)} ${String(r.caught).padStart(3)}/${String(r.violations).padEnd(3)} 误报 ${r.falseAlarms}/${r.ok}  ${recall < 0.75 ? '低于0.75 ' : ''}${r.group.slice(0, 70)}`);
  }
  const below = shown.filter((r) => r.violations > 0 && r.caught / r.violations < 0.75).length;
  lines.push(`  召回率低于 0.75 的组：${below}`);
  return lines.join('\n');
}
