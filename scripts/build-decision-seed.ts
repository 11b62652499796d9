/**
 * Builds the seed corpus of the decision library, fixtures/decisions/seed.jsonl, from the
 * published cases in ../shared/eval/dev-clauses.jsonl — mechanically, the same rule for every
 * line (no text is special-cased):
 *
 *   key          seed:<id>
 *   clauseText   text                      title/docNumber  doc, split at a trailing （…号）
 *   issuer       issuer                    date             date, else the first date in source
 *   category     category (ok → '', 增设处罚 → 增设处罚或强制)
 *   reviewType   公平竞争审查 for the four fair-competition categories and for ok, else 合法性审核
 *   outcome      ok → 保留 (lawful); violation → 删除 when the source's opinion (note) says
 *                删除/废止/撤销/停止执行/取消, otherwise 修改
 *   reasoning    note (the source's opinion)            basis  [standard]
 *   rule         the rule fahu's own rules put the clause under (the first finding in the
 *                clause's category, else the most severe one), '' when none fires
 *   tags         subtype, tags, and 转述 (paraphrase), 节选 (excerpt), 存疑 (confidence low),
 *                附条件 (conditional), 易误判 (hard_negative)
 *   sourceKind   published, sourceRef = source (the published address)
 *
 * Usage: npx tsx scripts/build-decision-seed.ts [dev-clauses.jsonl] [out.jsonl]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeErrors, parseDecisions, toJsonl } from '../src/decisions/import-export.js';
import { reviewTypeOf, type DecisionInput } from '../src/decisions/types.js';
import { ingestText } from '../src/ingest/ingest.js';
import { packagePath } from '../src/node/package-root.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { runRules } from '../src/rules/engine.js';
import { severityRank } from '../src/rules/findings.js';

interface DevClause {
  id: string;
  text: string;
  label: 'violation' | 'ok';
  category: string;
  standard?: string;
  doc?: string;
  issuer?: string;
  source?: string;
  note?: string;
  date?: string;
  subtype?: string;
  tags?: string[];
  paraphrase?: boolean;
  excerpt?: boolean;
  confidence?: string;
  conditional?: boolean;
  hard_negative?: boolean;
}

const CATEGORY_NAMES: Record<string, string> = { ok: '', 增设处罚: '增设处罚或强制' };
const REMOVAL = /删除|废止|撤销|停止执行|取消/;

const pad = (n: string) => n.padStart(2, '0');

/** 2021年5月13日, 2024-01-23, or a gov.cn address …/content/2019-02/14/… → YYYY-MM-DD. */
export function dateOf(...texts: (string | undefined)[]): string | null {
  for (const t of texts) {
    if (!t) continue;
    const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(t) ?? /(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/.exec(t) ?? /(\d{4})-(\d{2})\/(\d{2})\/content_/.exec(t);
    if (m) return `${m[1]}-${pad(m[2] as string)}-${pad(m[3] as string)}`;
  }
  return null;
}

/** 《标题》（国办发〔2019〕6号） → title and 文号; a single 《…》 loses its brackets. */
export function titleOf(doc: string): { title: string; docNumber: string } {
  const d = doc.trim();
  const numbered = /^《([^《》]+)》[（(]([^（）()]*号)[）)]$/.exec(d);
  if (numbered) return { title: numbered[1] as string, docNumber: numbered[2] as string };
  const single = /^《([^《》]+)》$/.exec(d);
  return { title: single ? (single[1] as string) : d, docNumber: '' };
}

function main(): void {
  const input = process.argv[2] ?? join(packagePath(), '..', 'shared', 'eval', 'dev-clauses.jsonl');
  const output = process.argv[3] ?? packagePath('fixtures', 'decisions', 'seed.jsonl');
  const items = readFileSync(input, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as DevClause);
  const ruleSet = loadRuleSet();
  const decisions: DecisionInput[] = items.map((c) => {
    const category = CATEGORY_NAMES[c.category] ?? c.category;
    const findings = runRules(ingestText(c.text, { fragment: true }), ruleSet);
    const ranked = [...findings].sort((a, b) => Number(b.category === category) - Number(a.category === category) || severityRank(b.severity) - severityRank(a.severity));
    const note = c.note ?? '';
    const tags = [
      ...(c.subtype ? [c.subtype] : []),
      ...(c.tags ?? []).filter((t) => t !== c.category && t !== category),
      ...(c.paraphrase ? ['转述'] : []),
      ...(c.excerpt ? ['节选'] : []),
      ...(c.confidence === 'low' ? ['存疑'] : []),
      ...(c.conditional ? ['附条件'] : []),
      ...(c.hard_negative ? ['易误判'] : []),
    ];
    return {
      key: `seed:${c.id}`,
      ...titleOf(c.doc ?? ''),
      issuer: c.issuer ?? '',
      department: '',
      date: dateOf(c.date, c.source),
      reviewType: reviewTypeOf(category),
      clauseText: c.text,
      clausePath: '',
      category,
      rule: c.label === 'ok' ? '' : (ranked[0]?.rule ?? ''),
      outcome: c.label === 'ok' ? '保留' : REMOVAL.test(note) ? '删除' : '修改',
      reasoning: note,
      basis: c.standard ? [c.standard] : [],
      reviewer: '',
      tags: [...new Set(tags)],
      sourceKind: 'published',
      sourceRef: c.source ?? '',
    };
  });
  const text = toJsonl(decisions);
  // the seed must import cleanly, as a new install will import it
  void parseDecisions(text, 'jsonl').then((parsed) => {
    if (parsed.errors.length) throw new Error(describeErrors(parsed.errors));
    writeFileSync(output, text);
    const by = (f: (d: DecisionInput) => string) => Object.entries(decisions.reduce<Record<string, number>>((m, d) => ((m[f(d)] = (m[f(d)] ?? 0) + 1), m), {}));
    console.log(`已写入 ${output}：${decisions.length} 条审查意见`);
    console.log(`  处理结果：${by((d) => d.outcome).map(([k, n]) => `${k} ${n}`).join('，')}`);
    console.log(`  有规则归属：${decisions.filter((d) => d.rule).length}，有日期：${decisions.filter((d) => d.date).length}`);
  });
}

main();
