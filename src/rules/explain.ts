/**
 * `fahu rules explain <id> "<sentence>"`: the annotations of a sentence and, for one rule,
 * each raw hit with the blockers that stop it — what a reviewer or a rule author needs to
 * see why a rule fires or stays silent.
 */
import { JURISDICTION_SOURCE_LABELS } from './review-result.js';
import { ingestText } from '../ingest/ingest.js';
import { documentAnnotations, sentenceContexts } from './engine.js';
import type { RuleSet } from './ruleset.js';

export interface Explanation {
  rule: string;
  /** Why the rule does not run on this text at all, if it does not. */
  notApplicable?: string;
  jurisdiction?: string;
  kind: string;
  signals: string[];
  warnings: string[];
  sentences: {
    text: string;
    places: string[];
    orgs: string[];
    classes: string[];
    hits: { quote: string; slots: string[]; blockedBy: string[] }[];
  }[];
}

const LOCALITY: Record<string, string> = { local: '本地', outside: '外地', both: '内外', wider: '上级', unknown: '未知' };

export function explainRule(ruleSet: RuleSet, id: string, text: string, options: { jurisdiction?: string } = {}): Explanation {
  const r = ruleSet.rules.find((x) => x.rule.id === id);
  if (!r) throw new Error(`没有编号为 ${id} 的规则`);
  const doc = ingestText(text, { fragment: !text.includes('\n') });
  const annotations = documentAnnotations(doc, ruleSet, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {});
  const out: Explanation = { rule: id, kind: annotations.kind, signals: Object.entries(annotations.signals).filter(([, v]) => v).map(([k]) => k), warnings: [], sentences: [] };
  if (!r.match) out.notApplicable = '这是文件规则（check），只对整篇文件运行';
  const when = r.rule.when;
  if (when?.issuerLevel && !when.issuerLevel.includes(doc.meta.issuerLevel)) out.notApplicable = `只适用于发文层级 ${when.issuerLevel.join('、')}，本文为 ${doc.meta.issuerLevel}`;
  for (const { ctx } of sentenceContexts(doc, annotations)) {
    const a = ctx.annotations;
    if (!a) continue;
    const classes = [...ruleSet.vocabulary.classes.keys()].flatMap((c) => {
      const t = a.terms(c);
      return t.length ? [`${c}：${[...new Set(t.map((x) => x.text))].join('、')}`] : [];
    });
    const hits = (r.match?.(ctx) ?? []).map((hit) => {
      const q = hit.quote ?? hit;
      return {
        quote: ctx.text.slice(q.start, q.end),
        slots: (hit.slots ?? []).map((sl) => ctx.text.slice(sl.start, sl.end)),
        blockedBy: r.blockers.filter((b) => b.test(ctx, hit)).map((b) => b.name),
      };
    });
    out.sentences.push({
      text: ctx.text,
      places: a.places().map((p) => `${p.text}（${LOCALITY[p.locality]}${p.restricted ? '，限于区域内' : ''}${p.presumed ? '，推定本地' : ''}${p.government ? '，机关名称' : ''}）`),
      orgs: a.orgs().map((o) => `${o.text}（${o.kind}）`),
      classes,
      hits,
    });
  }
  const j = annotations.jurisdiction();
  if (j) out.jurisdiction = `${j.division.name}（${JURISDICTION_SOURCE_LABELS[j.source]}）`;
  out.warnings = annotations.warnings();
  return out;
}

export function explanationText(e: Explanation): string {
  const lines = [`规则 ${e.rule}`, `  行政区划：${e.jurisdiction ?? '未识别'}；文件种类：${e.kind}${e.signals.length ? `（${e.signals.join('、')}）` : ''}`];
  for (const w of e.warnings) lines.push(`  提示：${w}`);
  if (e.notApplicable) lines.push(`  不适用：${e.notApplicable}`);
  for (const s of e.sentences) {
    lines.push(`  句子：${s.text}`);
    lines.push(`    地名：${s.places.join('；') || '无'}`);
    lines.push(`    组织：${s.orgs.join('；') || '无'}`);
    lines.push(`    词类：${s.classes.join('；') || '无'}`);
    if (s.hits.length === 0) lines.push('    结果：未命中');
    for (const h of s.hits) {
      lines.push(`    命中：“${h.quote}”${h.slots.length ? `（槽位：${h.slots.join(' | ')}）` : ''}`);
      lines.push(h.blockedBy.length ? `      被阻断：${h.blockedBy.join('；')}` : '      结果：报出');
    }
  }
  return lines.join('\n');
}
