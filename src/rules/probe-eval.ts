/**
 * Measuring on the generalisation probes (fixtures/generalisation/, issue 9): written clauses
 * with their kind of document and 实施办法 item, and whole drafts whose every clause is labelled.
 *
 * Clauses are reviewed exactly as `fahu eval` does (one fragment each, a high or medium finding
 * counts, the primary finding gives the category) and reported overall, per kind and per item.
 * Drafts are reviewed whole; a labelled quote counts as flagged when a high or medium finding
 * lies in the clause that holds the quote (the deepest clause containing it) or in one of its
 * sub-clauses that the quote runs into — not in a sub-clause after a quoted lead sentence.
 * Web-standard: the caller reads the files (see readProbes).
 */
import type { Clause, DocumentModel } from '../document/model.js';
import { ingestText } from '../ingest/ingest.js';
import { runRules } from './engine.js';
import { evaluate, evalReportText, type EvalReport, type LabelledClause, type Verdict } from './evaluate.js';
import { readsProcurement } from '../annotate/document-kind.js';
import { primaryFinding, type Finding } from './findings.js';
import type { RuleSet } from './ruleset.js';

export interface ProbeClause extends LabelledClause {
  kind: string;
  /** The item it breaches, e.g. 实施办法第十九条（三）; '' for a lawful clause. */
  item: string;
  /** Set by readProbes; the report prints the texts of dev material only. */
  split?: ProbeSplit;
  /** Set by readProbes when the set's held-out half has been opened as study material (an OPENED file in the set). */
  opened?: boolean;
}

export interface DraftLabel {
  quote: string;
  label: 'violation' | 'ok';
  category: string;
}

export interface ProbeDraft {
  name: string;
  text: string;
  labels: DraftLabel[];
  split?: ProbeSplit;
  opened?: boolean;
}

export interface ProbeRow {
  key: string;
  violations: number;
  caught: number;
  rightCategory: number;
  ok: number;
  falseAlarms: number;
}

export interface DraftResult {
  name: string;
  split?: ProbeSplit;
  opened?: boolean;
  violations: number;
  flagged: number;
  ok: number;
  leftAlone: number;
  /** The same counts when a finding counts only for the sentence its quote is in (what the printed opinion shows). */
  flaggedByQuote: number;
  leftAloneByQuote: number;
  missed: string[];
  /** Violations flagged only through another sentence of the same clause (no quote in the sentence itself). */
  flaggedElsewhere: string[];
  alarms: { quote: string; rule: string }[];
  /** Labels whose quote is not in the draft's text (a broken sidecar). */
  notFound: string[];
  /** High or medium findings outside every labelled clause. */
  unlabelledFindings: number;
}

export interface ProbeReport {
  clauses: EvalReport & { perKind: ProbeRow[]; perItem: ProbeRow[] };
  drafts: DraftResult[];
  draftTotals: {
    violations: number;
    flagged: number;
    ok: number;
    leftAlone: number;
    problemShare: number;
    lawfulShare: number;
    flaggedByQuote: number;
    leftAloneByQuote: number;
  };
}

export interface ReviewOptions {
  packs?: string[];
}

const sameCategory = (a: string | undefined, b: string) => a !== undefined && (a === b || a.startsWith(b) || b.startsWith(a));

const notLow = (f: Finding) => f.severity !== 'low';

/** The verdict `fahu eval` gives a single clause. */
export function clauseVerdict(text: string, ruleSet: RuleSet, options: ReviewOptions): Verdict {
  const findings = runRules(ingestText(text, { fragment: true }), ruleSet, options).filter(notLow);
  const top = primaryFinding(findings, () => readsProcurement(text));
  return top ? { flagged: true, category: top.category, rule: top.rule } : { flagged: false };
}

function rows(items: ProbeClause[], verdicts: Map<string, Verdict>, keyOf: (i: ProbeClause) => string): ProbeRow[] {
  const byKey = new Map<string, ProbeRow>();
  for (const i of items) {
    const key = keyOf(i);
    if (!key) continue;
    const row = byKey.get(key) ?? { key, violations: 0, caught: 0, rightCategory: 0, ok: 0, falseAlarms: 0 };
    const v = verdicts.get(i.id);
    if (i.label === 'violation') {
      row.violations++;
      if (v?.flagged) row.caught++;
      if (v?.flagged && sameCategory(v.category, i.category)) row.rightCategory++;
    } else {
      row.ok++;
      if (v?.flagged) row.falseAlarms++;
    }
    byKey.set(key, row);
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key, 'zh'));
}

/** Figures on labelled clauses from verdicts already computed (evaluate, plus per kind and per item). */
export function evaluateProbeClauses(items: ProbeClause[], verdicts: Map<string, Verdict>): ProbeReport['clauses'] {
  return { ...evaluate(items, verdicts), perKind: rows(items, verdicts, (i) => i.kind), perItem: rows(items, verdicts, (i) => (i.label === 'violation' ? i.item : '')) };
}

/** Offset of the quote in the document's canonical text, also when normalisation changed it. */
export function locate(doc: DocumentModel, quote: string): { start: number; end: number } | undefined {
  const at = doc.text.indexOf(quote);
  if (at >= 0) return { start: at, end: at + quote.length };
  const o = doc.original.indexOf(quote);
  if (o < 0) return undefined;
  const toText = (offset: number) => {
    let lo = 0;
    let hi = doc.originalOffsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((doc.originalOffsets[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { start: toText(o), end: toText(o + quote.length) };
}

/** The deepest clause containing the span. */
function holderOf(doc: DocumentModel, span: { start: number; end: number }): Clause | undefined {
  return doc.clauses.filter((c) => c.start <= span.start && span.end <= c.end).sort((a, b) => b.depth - a.depth)[0];
}

/** The findings that count for a label: in the clause that holds its quote, or a sub-clause the quote runs into. */
function labelHits(doc: DocumentModel, serious: Finding[], clauseOf: Map<string, Clause>, span: { start: number; end: number }): Finding[] {
  const holder = holderOf(doc, span);
  return holder
    ? serious.filter((f) => {
        const c = clauseOf.get(f.clauseId);
        return c !== undefined && c.start >= holder.start && c.end <= holder.end && c.start < span.end && span.start < c.end;
      })
    : [];
}

/** Checks one draft against its labels with the findings already computed. */
export function evaluateDraft(name: string, doc: DocumentModel, findings: Finding[], labels: DraftLabel[]): DraftResult {
  const serious = findings.filter(notLow);
  const clauseOf = new Map(doc.clauses.map((c) => [c.id, c]));
  const result: DraftResult = {
    name,
    violations: 0,
    flagged: 0,
    ok: 0,
    leftAlone: 0,
    flaggedByQuote: 0,
    leftAloneByQuote: 0,
    missed: [],
    flaggedElsewhere: [],
    alarms: [],
    notFound: [],
    unlabelledFindings: 0,
  };
  const used = new Set<Finding>();
  for (const label of labels) {
    const span = locate(doc, label.quote);
    if (!span) {
      result.notFound.push(label.quote);
      continue;
    }
    const hits = labelHits(doc, serious, clauseOf, span);
    for (const h of hits) used.add(h);
    const overlaps = (x: { start: number; end: number }) => x.start < span.end && span.start < x.end;
    const quoted = hits.some((f) => overlaps(f) || (f.others ?? []).some(overlaps));
    if (label.label === 'violation') {
      result.violations++;
      if (quoted) result.flaggedByQuote++;
      if (hits.length) result.flagged++;
      else result.missed.push(label.quote);
      if (hits.length && !quoted) result.flaggedElsewhere.push(label.quote);
    } else {
      result.ok++;
      if (!quoted) result.leftAloneByQuote++;
      if (hits.length === 0) result.leftAlone++;
      else result.alarms.push({ quote: label.quote, rule: hits[0]?.rule ?? '' });
    }
  }
  result.unlabelledFindings = serious.filter((f) => !used.has(f)).length;
  return result;
}

export function evaluateProbes(clauses: ProbeClause[], drafts: ProbeDraft[], ruleSet: RuleSet, options: ReviewOptions = {}): ProbeReport {
  const verdicts = new Map(clauses.map((c) => [c.id, clauseVerdict(c.text, ruleSet, options)]));
  const draftResults = drafts.map((d) => {
    const doc = ingestText(d.text);
    return { ...evaluateDraft(d.name, doc, runRules(doc, ruleSet, options), d.labels), ...(d.split ? { split: d.split } : {}), ...(d.opened ? { opened: true } : {}) };
  });
  const sum = (f: (r: DraftResult) => number) => draftResults.reduce((n, r) => n + f(r), 0);
  const violations = sum((r) => r.violations);
  const flagged = sum((r) => r.flagged);
  const ok = sum((r) => r.ok);
  const leftAlone = sum((r) => r.leftAlone);
  const flaggedByQuote = sum((r) => r.flaggedByQuote);
  const leftAloneByQuote = sum((r) => r.leftAloneByQuote);
  return {
    clauses: evaluateProbeClauses(clauses, verdicts),
    drafts: draftResults,
    draftTotals: { violations, flagged, ok, leftAlone, problemShare: violations ? flagged / violations : 0, lawfulShare: ok ? leftAlone / ok : 0, flaggedByQuote, leftAloneByQuote },
  };
}

export interface ProbeFiles {
  /** File names in a directory ([] when it does not exist). */
  list(dir: string): string[];
  read(path: string): string;
}

export type ProbeSplit = 'dev' | 'heldout';

function jsonLines<T>(text: string, file: string, check: (x: unknown) => x is T): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new Error(`${file} 第 ${i + 1} 行不是有效的 JSON`);
      }
      if (!check(data)) throw new Error(`${file} 第 ${i + 1} 行缺少必需字段`);
      return data;
    });
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isLabel = (x: unknown): x is 'violation' | 'ok' => x === 'violation' || x === 'ok';
const isProbeClause = (x: unknown): x is ProbeClause =>
  isObject(x) && typeof x.id === 'string' && typeof x.text === 'string' && isLabel(x.label) && typeof x.category === 'string' && typeof x.kind === 'string' && typeof x.item === 'string';
const isDraftLabel = (x: unknown): x is DraftLabel => isObject(x) && typeof x.quote === 'string' && x.quote.length > 0 && isLabel(x.label) && typeof x.category === 'string';

/**
 * Reads clauses-<split>.jsonl and drafts/<split>/ of each split asked for (both by default). A set
 * whose held-out half was opened as study material carries an OPENED file (when, by whom, why);
 * its held-out texts are then printed like dev material.
 */
export function readProbes(root: string, split: ProbeSplit | undefined, files: ProbeFiles): { clauses: ProbeClause[]; drafts: ProbeDraft[] } {
  const splits: ProbeSplit[] = split ? [split] : ['dev', 'heldout'];
  const opened = files.list(root).includes('OPENED') ? { opened: true } : {};
  const clauses: ProbeClause[] = [];
  const drafts: ProbeDraft[] = [];
  for (const s of splits) {
    const file = `${root}/clauses-${s}.jsonl`;
    clauses.push(...jsonLines(files.read(file), file, isProbeClause).map((c) => ({ ...c, split: s, ...opened })));
    const dir = `${root}/drafts/${s}`;
    for (const name of files.list(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const base = name.slice(0, -'.txt'.length);
      const labelFile = `${dir}/${base}.labels.jsonl`;
      drafts.push({ name: `${s}/${base}`, text: files.read(`${dir}/${name}`), labels: jsonLines(files.read(labelFile), labelFile, isDraftLabel), split: s, ...opened });
    }
  }
  return { clauses, drafts };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function rowText(r: ProbeRow): string {
  const recall = r.violations ? `召回 ${String(r.caught).padStart(3)}/${String(r.violations).padEnd(3)} ${pct(r.caught / r.violations).padStart(6)}  类别正确 ${r.rightCategory}` : '召回 —';
  const alarms = r.ok ? `  误报 ${r.falseAlarms}/${r.ok}` : '';
  return `    ${r.key}  ${recall}${alarms}`;
}

/**
 * The report as text. Misses and false alarms are listed with their words only for dev material
 * (and for material read without a split); of the held-out half only the figures are shown, so
 * that running the command does not show rule authors the held-out texts.
 */
export function probeReportText(r: ProbeReport, label: string, items: ProbeClause[] = []): string {
  const t = r.draftTotals;
  const visible = (x: { split?: ProbeSplit; opened?: boolean } | undefined) => x?.split !== 'heldout' || x.opened === true;
  const byId = new Map(items.map((i) => [i.id, i]));
  const misses = r.clauses.misses.filter((m) => visible(byId.get(m.id)));
  const alarms = r.clauses.alarms.filter((a) => visible(byId.get(a.id)));
  const hidden = r.clauses.misses.length + r.clauses.alarms.length - misses.length - alarms.length;
  return [
    evalReportText(r.clauses, label),
    '  按文件类型：',
    ...r.clauses.perKind.map(rowText),
    '  按审查标准条目：',
    ...r.clauses.perItem.map(rowText),
    '',
    `整篇草稿（${r.drafts.length} 篇）：`,
    `  标注问题被标出：${pct(t.problemShare)}（${t.flagged}/${t.violations}）`,
    `  标注合法条款未被标出：${pct(t.lawfulShare)}（${t.leftAlone}/${t.ok}）`,
    `  只按引文所在的句子计：问题被标出 ${t.flaggedByQuote}/${t.violations}，合法未被标出 ${t.leftAloneByQuote}/${t.ok}`,
    ...r.drafts.flatMap((d) => [
      `  ${d.name}：问题 ${d.flagged}/${d.violations}，合法未标 ${d.leftAlone}/${d.ok}，标注外的高中风险提示 ${d.unlabelledFindings}`,
      ...(visible(d) ? d.missed.map((q) => `    漏报：${q.slice(0, 60)}`) : []),
      ...(visible(d) ? d.flaggedElsewhere.map((q) => `    只在同一条款的其他句子上有提示：${q.slice(0, 60)}`) : []),
      ...(visible(d) ? d.alarms.map((a) => `    误报 [${a.rule}]：${a.quote.slice(0, 60)}`) : []),
      ...d.notFound.map((q, i) => `    标注原文在草稿中找不到：${visible(d) ? q.slice(0, 60) : `第 ${i + 1} 处`}`),
    ]),
    '',
    `条款漏报（${misses.length}）：`,
    ...misses.map((m) => `  ${m.id} [${m.category}] ${m.text.slice(0, 80)}`),
    `条款误报（${alarms.length}）：`,
    ...alarms.map((a) => `  ${a.id} [${a.rule ?? ''}] ${a.text.slice(0, 80)}`),
    ...(hidden ? [`（保留集的 ${hidden} 条漏报和误报只计数，不显示条文。）`] : []),
  ].join('\n');
}

/** One label of a draft, reviewed alone (as the clause eval does) and inside the draft. */
export interface AloneComparison {
  draft: string;
  quote: string;
  label: 'violation' | 'ok';
  category: string;
  /** The verdict on the quote read alone, as one fragment. */
  alone: Verdict;
  /** Rules of the high/medium findings that count for the label inside the draft. */
  inDraft: string[];
  /** The path and kind of the clause holding the quote in the draft. */
  holder: string;
  /** High/medium findings inside the draft that overlap the quote but do not count for it (another clause). */
  elsewhere: string[];
}

/** Unlabelled high/medium findings of a draft, with where they are (title, heading, signature …). */
export interface UnlabelledFinding {
  draft: string;
  rule: string;
  clauseKind: string;
  path: string;
  quote: string;
}

/**
 * Reviews every labelled clause of each draft alone and inside its draft; `fahu eval --probes`
 * does not print this (scripts/compare-drafts.ts does). Used to find what a whole draft loses or
 * adds over a single clause: jurisdiction, kind of document, clause attribution.
 */
export function compareAlone(drafts: ProbeDraft[], ruleSet: RuleSet, options: ReviewOptions = {}): { labels: AloneComparison[]; unlabelled: UnlabelledFinding[] } {
  const labels: AloneComparison[] = [];
  const unlabelled: UnlabelledFinding[] = [];
  for (const d of drafts) {
    const doc = ingestText(d.text);
    const serious = runRules(doc, ruleSet, options).filter(notLow);
    const clauseOf = new Map(doc.clauses.map((c) => [c.id, c]));
    const used = new Set<Finding>();
    for (const label of d.labels) {
      const span = locate(doc, label.quote);
      if (!span) continue;
      const hits = labelHits(doc, serious, clauseOf, span);
      for (const h of hits) used.add(h);
      const holder = holderOf(doc, span);
      const elsewhere = serious.filter((f) => !hits.includes(f) && f.start < span.end && span.start < f.end);
      labels.push({
        draft: d.name,
        quote: label.quote,
        label: label.label,
        category: label.category,
        alone: clauseVerdict(label.quote, ruleSet, options),
        inDraft: hits.map((h) => h.rule),
        holder: holder ? `${holder.kind} ${holder.path}` : '(none)',
        elsewhere: elsewhere.map((f) => `${f.rule}@${clauseOf.get(f.clauseId)?.path ?? ''}`),
      });
    }
    for (const f of serious) {
      if (used.has(f)) continue;
      const c = clauseOf.get(f.clauseId);
      unlabelled.push({ draft: d.name, rule: f.rule, clauseKind: c?.kind ?? '', path: c?.path ?? '', quote: f.quote });
    }
  }
  return { labels, unlabelled };
}
