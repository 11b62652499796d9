/**
 * The rule engine: runs every compiled rule over the sentences of a document (clause
 * rules) or over the document as a whole (document checks) and returns findings, with
 * overlapping ones merged. Web-standard; no segmenter (a word window counts characters: matchers.ts windowChars).
 */
import { annotateDocument, type DocumentAnnotations, type SentenceAnnotations } from '../annotate/annotate.js';
import { capPerRule } from './cap-per-rule.js';
import type { Clause, DocumentModel } from '../document/model.js';
import { runCheck } from './document-checks.js';
import { readsProcurement } from '../annotate/document-kind.js';
import { foldSameProblem, mergeOverlapping, type Finding } from './findings.js';
import type { Hit, SentenceContext } from './matchers.js';
import type { CompiledRule, RuleSet } from './ruleset.js';

export interface RunOptions {
  /** Rule packs to enable besides the core set (e.g. "tongzhuang"). */
  packs?: string[];
  /** Only these rule ids (rules test). */
  only?: string[];
  /** The jurisdiction set on the review (a division name: 吴兴区, 湖州市吴兴区); else read from the issuer. */
  jurisdiction?: string;
  /** The section's own district (admin setting): used when the document names no jurisdiction. */
  defaultJurisdiction?: string;
  /** Annotations already computed for this document (rules explain). */
  annotations?: DocumentAnnotations;
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

function applies(r: CompiledRule, doc: DocumentModel, options: RunOptions): boolean {
  if (options.only && !options.only.includes(r.rule.id)) return false;
  if (r.pack && !(options.packs ?? []).includes(r.pack)) return false;
  const when = r.rule.when;
  if (when?.issuerLevel && !when.issuerLevel.includes(doc.meta.issuerLevel)) return false;
  if (when?.docType && !when.docType.some((t) => (doc.meta.docType ?? '').includes(t))) return false;
  if (when?.exceptKind?.includes(doc.meta.kind)) return false;
  return true;
}

export function finding(r: CompiledRule, doc: DocumentModel, clause: Clause | undefined, start: number, end: number, vars: Record<string, string>): Finding {
  const quote = doc.text.slice(start, end);
  const all = { quote, path: clause?.path ?? '', title: doc.meta.title, ...vars };
  return {
    id: `${r.rule.id}@${start}`,
    rule: r.rule.id,
    title: r.rule.title,
    category: r.rule.category,
    severity: r.rule.severity,
    clauseId: clause?.id ?? '',
    path: clause?.path ?? '',
    quote,
    start,
    end,
    basis: r.basis,
    explanation: fill(r.rule.explanation, all),
    suggestion: fill(r.rule.suggestion, all),
  };
}

/** The deepest clause containing [start, end). */
function clauseAt(doc: DocumentModel, byId: Map<string, Clause>, start: number): Clause | undefined {
  const sentence = doc.sentences.find((s) => s.start <= start && start < s.end);
  if (sentence) return byId.get(sentence.clauseId);
  let best: Clause | undefined;
  for (const c of doc.clauses) if (c.start <= start && start < c.end && (!best || c.depth >= best.depth)) best = c;
  return best;
}

/**
 * The nearest earlier clause of the same parent and another kind, over the run of same-parent, same-kind clauses
 * just before `index` (-1: none — the run meets a clause of another parent, or the start). Every clause of such a
 * run has the same answer: `known` keeps it by index, so a list of n items is walked once, not n²/2 times.
 */
function siblingBefore(clauses: readonly Clause[], index: number, known: Map<number, number>): number {
  const clause = clauses[index] as Clause;
  let i = index - 1;
  for (; i >= 0; i--) {
    const c = clauses[i] as Clause;
    if (c.parent !== clause.parent) {
      i = -1;
      break;
    }
    if (c.kind !== clause.kind) break;
    const k = known.get(i);
    if (k !== undefined) {
      i = k;
      break;
    }
  }
  known.set(index, i);
  return i;
}

/**
 * The own text of a clause's ancestors (up to three levels), nearest first; and, for an enumerated item that the
 * reader left beside its lead-in rather than under it ("应当符合下列条件：" then "（一）…（二）…" as siblings), the
 * lead-in: the nearest earlier sibling of another kind whose text ends with a colon, over the items before it.
 */
function leadOf(doc: DocumentModel, byId: Map<string, Clause>, clause: Clause, index: number, before: Map<number, number> = new Map()): string {
  const parts: string[] = [];
  if (clause.kind.startsWith('outline') || clause.kind.startsWith('item')) {
    const at = siblingBefore(doc.clauses, index, before);
    if (at >= 0) {
      const c = doc.clauses[at] as Clause;
      const own = doc.text.slice(c.start, c.ownEnd).trim();
      if (/[：:]$/.test(own)) parts.push(own);
    }
  }
  let p = clause.parent ? byId.get(clause.parent) : undefined;
  for (let i = 0; p && i < 3; i++, p = p.parent ? byId.get(p.parent) : undefined) {
    if (p.kind !== 'title') parts.push(doc.text.slice(p.start, p.ownEnd));
  }
  return parts.join('\n');
}

/** The annotations of a document under a rule set (what the slot rules read). */
export function documentAnnotations(doc: DocumentModel, ruleSet: RuleSet, options: RunOptions = {}): DocumentAnnotations {
  return (
    options.annotations ??
    annotateDocument(doc, { vocabulary: ruleSet.vocabulary, ...(ruleSet.places ? { places: ruleSet.places } : {}), ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}), ...(options.defaultJurisdiction ? { defaultJurisdiction: options.defaultJurisdiction } : {}) })
  );
}

/** Every sentence the clause rules read, with its context (annotations, lead, clause). */
export function* sentenceContexts(doc: DocumentModel, annotations: DocumentAnnotations): Generator<{ ctx: SentenceContext; clause: Clause; offset: number }> {
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const indexOf = new Map(doc.clauses.map((c, i) => [c.id, i]));
  const clauseAnnotations = new Map<string, SentenceAnnotations>();
  const leadAnnotations = new Map<string, SentenceAnnotations>();
  // the clause's own text and its lead, once per clause (its sentences follow one another)
  let last: { clause: Clause; text: string; lead: string } | undefined;
  const before = new Map<number, number>();
  for (const s of doc.sentences) {
    const clause = byId.get(s.clauseId);
    if (!clause || clause.kind === 'title' || clause.kind === 'docNumber' || clause.kind === 'signature') continue;
    const text = doc.text.slice(s.start, s.end);
    if (last?.clause !== clause) last = { clause, text: doc.text.slice(clause.start, clause.ownEnd), lead: leadOf(doc, byId, clause, indexOf.get(clause.id) ?? 0, before) };
    const clauseText = last.text;
    const lead = last.lead;
    const ctx: SentenceContext = {
      text,
      lead,
      clauseText,
      documentText: doc.text,
      annotations: annotations.sentence(text, s.start),
      clauseAnnotations: () => {
        let a = clauseAnnotations.get(clause.id);
        if (!a) clauseAnnotations.set(clause.id, (a = annotations.sentence(clauseText, clause.start)));
        return a;
      },
      // the lead's offsets are not the document's: near slots only ask whether a span is there
      leadAnnotations: () => {
        let a = leadAnnotations.get(clause.id);
        if (!a) leadAnnotations.set(clause.id, (a = annotations.sentence(lead ? `${lead}\n${clauseText}` : clauseText, clause.start)));
        return a;
      },
      document: annotations,
    };
    yield { ctx, clause, offset: s.start };
  }
}

/**
 * Which of the rules may run on a sentence, from the sentence's literal bits (CompiledRule.triggers) and, for
 * the rules whose gate reads the clause (CompiledRule.wideTriggers), its clause's (`clause()`, asked only when
 * the sentence's own bits hold none of theirs): the rules without either, and those with a trigger among the
 * bits. Marks rule i with the stamp of the call. Each rule's triggers are (word, mask) pairs of the bits, looked
 * at rule by rule (about 300 pairs for 150 rules), not the sentence's set bits one by one (about 300 of them a
 * sentence on the 60k draft, each with its list of rules).
 */
function candidates(rules: CompiledRule[]): (bits: Uint32Array, clause: () => Uint32Array) => { marks: Uint32Array; stamp: number } {
  const always: number[] = [];
  // (rule, word, mask) triples, the rules in order; the wide rules' apart, read on the clause's bits too
  const own: number[] = [];
  const wide: number[] = [];
  const triples = (i: number, ids: readonly number[], out: number[]) => {
    const words = new Map<number, number>();
    for (const id of ids) words.set(id >>> 5, (words.get(id >>> 5) ?? 0) | (1 << (id & 31)));
    for (const [w, m] of words) out.push(i, w, m);
  };
  rules.forEach((r, i) => {
    if (r.triggers) triples(i, r.triggers, own);
    else if (r.wideTriggers) triples(i, r.wideTriggers, wide);
    else always.push(i);
  });
  const ownT = Int32Array.from(own);
  const wideT = Int32Array.from(wide);
  const marks = new Uint32Array(rules.length);
  const out = { marks, stamp: 0 };
  return (bits, clause) => {
    const stamp = ++out.stamp;
    for (const i of always) marks[i] = stamp;
    for (let k = 0; k < ownT.length; k += 3) {
      const i = ownT[k] as number;
      if (marks[i] !== stamp && ((bits[ownT[k + 1] as number] as number) & (ownT[k + 2] as number)) !== 0) marks[i] = stamp;
    }
    if (wideT.length === 0) return out;
    let clauseBits: Uint32Array | undefined;
    for (let k = 0; k < wideT.length; k += 3) {
      const i = wideT[k] as number;
      if (marks[i] === stamp) continue;
      const w = wideT[k + 1] as number;
      const m = wideT[k + 2] as number;
      if (((bits[w] as number) & m) !== 0 || (((clauseBits ??= clause())[w] as number) & m) !== 0) marks[i] = stamp;
    }
    return out;
  };
}

export function runRules(doc: DocumentModel, ruleSet: RuleSet, options: RunOptions = {}): Finding[] {
  const active = ruleSet.rules.filter((r) => applies(r, doc, options));
  const clauseRules = active.filter((r) => r.match);
  // a fragment (one clause) has no title, dates or closing provisions to check
  const documentRules = doc.source.fragment ? [] : active.filter((r) => r.rule.check);
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));
  const findings: Finding[] = [];
  const annotations = documentAnnotations(doc, ruleSet, options);

  const literalBits = ruleSet.literalBits;
  const pick = literalBits ? candidates(clauseRules) : undefined;
  for (const { ctx, clause, offset } of sentenceContexts(doc, annotations)) {
    // the rules' gates read the sentence's annotations, of its own text here
    // (the clause's bits as the rules' own gates read them: compile-rules.ts clauseBits)
    const own = literalBits && (!ctx.annotations || ctx.annotations.text === ctx.text);
    const bits = own ? literalBits(ctx.text) : undefined;
    let clauseBits: Uint32Array | undefined;
    const ofClause = () => (clauseBits ??= (literalBits as (text: string) => Uint32Array)(ctx.clauseAnnotations ? ctx.clauseAnnotations().text : ctx.text));
    const run = pick && bits ? pick(bits, ofClause) : undefined;
    for (let i = 0; i < clauseRules.length; i++) {
      if (run && run.marks[i] !== run.stamp) continue;
      const r = clauseRules[i] as CompiledRule;
      // the rule's own gate on the bits at hand, then its patterns (what r.match does: CompiledRule.gate)
      let hits: readonly Hit[];
      if (bits && r.gate && r.open) {
        if (!r.gate(bits, ofClause)) continue;
        hits = r.open(ctx);
      } else hits = r.match ? r.match(ctx) : [];
      for (let h = 0; h < hits.length; h++) {
        const hit = hits[h] as Hit;
        if (r.blocked(ctx, hit)) continue;
        const q = hit.quote ?? hit;
        findings.push(finding(r, doc, clause, offset + q.start, offset + q.end, {}));
      }
    }
  }
  // a document check (no validity period, a repealed law) is a problem of its own even where it is anchored on a
  // clause (a text without a title: the first one): it takes no clause finding into its `related`, nor is taken
  const documentFindings: Finding[] = [];
  for (const r of documentRules) {
    for (const hit of runCheck(r.rule, doc, ruleSet.checkContext)) {
      documentFindings.push(finding(r, doc, clauseAt(doc, byId, hit.start), hit.start, hit.end, hit.vars));
    }
  }
  const packOf = new Map(ruleSet.rules.map((r) => [r.rule.id, r.pack]));
  // asked in the merge's comparisons, so once per clause
  const procurementClauses = new Map<string, boolean>();
  const inProcurement = (f: Finding) => {
    let v = procurementClauses.get(f.clauseId);
    if (v === undefined) procurementClauses.set(f.clauseId, (v = annotations.kind === 'tender' || readsProcurement(byId.get(f.clauseId)?.text ?? '')));
    return v;
  };
  return capPerRule(foldSameProblem([...mergeOverlapping(findings, inProcurement), ...mergeOverlapping(documentFindings)].sort((a, b) => a.start - b.start), (id) => packOf.get(id)));
}
