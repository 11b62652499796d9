/**
 * `fahu rules lint`: warnings a rule author should act on, none of which stops loading —
 * a regex longer than 100 characters (say it with classes and slots), the same regex in
 * more than one rule (make it a named context or a term class), flag examples from fewer
 * than three kinds of document, a rule without lawful look-alikes, a `^` in the regex of a slot
 * after the first (slot regexes are searched over the whole sentence, so `^` is its start and
 * such a slot can never follow another one).
 */
import { readExample } from './examples.js';
import type { RuleSet } from './ruleset.js';
import type { Blocker, Pattern } from './schema.js';

export const LONG_REGEX = 100;
export const MIN_KINDS = 3;

export interface LintWarning {
  rule: string;
  file: string;
  message: string;
}

function patternRegexes(p: Pattern): string[] {
  if ('regex' in p) return [p.regex];
  if ('all' in p) return p.all.flatMap(patternRegexes);
  if ('anyOf' in p) return p.anyOf.flatMap(patternRegexes);
  if ('slots' in p) return [...p.slots, ...(p.near ?? [])].flatMap((s) => ('regex' in s ? [s.regex] : []));
  return [];
}

const blockerRegexes = (b: Blocker): string[] => ('regex' in b ? [b.regex] : []);

/** Whether a regex source anchors at the start (`^` outside a character class and not escaped). */
export function anchorsAtStart(source: string): boolean {
  return source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').includes('^');
}

/** Regexes of the slots after the first one: a `^` there means the sentence's start. */
function laterSlotRegexes(p: Pattern): string[] {
  if ('all' in p) return p.all.flatMap(laterSlotRegexes);
  if ('anyOf' in p) return p.anyOf.flatMap(laterSlotRegexes);
  if (!('slots' in p)) return [];
  const items = p.slots.filter((s) => !('gap' in s));
  return items.slice(1).flatMap((s) => ('regex' in s ? [s.regex] : []));
}

export function lintRules(ruleSet: RuleSet): LintWarning[] {
  const warnings: LintWarning[] = [];
  const owners = new Map<string, string[]>();
  for (const r of ruleSet.rules) {
    const where = { rule: r.rule.id, file: r.file };
    const regexes = [...(r.rule.patterns ?? []).flatMap(patternRegexes), ...r.rule.unless.flatMap(blockerRegexes)];
    for (const re of new Set(regexes)) {
      if (re.length > LONG_REGEX) warnings.push({ ...where, message: `正则长 ${re.length} 字符（超过 ${LONG_REGEX}），宜改用词类、槽位或共用语境：${re.slice(0, 40)}…` });
      owners.set(re, [...(owners.get(re) ?? []), r.rule.id]);
    }
    for (const re of new Set((r.rule.patterns ?? []).flatMap(laterSlotRegexes))) {
      if (anchorsAtStart(re)) warnings.push({ ...where, message: `槽位的正则在整句上查找，^ 只在句首成立，不在首个槽位的这一槽永远接不上前一槽：${re.slice(0, 40)}` });
    }
    if (r.rule.check) continue; // document checks: examples are whole documents
    const kinds = new Set(r.rule.examples.flag.map((e) => readExample(e).kind));
    if (kinds.size < MIN_KINDS) warnings.push({ ...where, message: `应命中的例句只来自 ${kinds.size} 类文件（${[...kinds].join('、')}），至少应有 ${MIN_KINDS} 类（policy、tender、agreement、management）` });
    if (r.rule.examples.pass.length === 0) warnings.push({ ...where, message: '没有合法近似例句（pass）' });
  }
  for (const [re, ids] of owners) {
    const distinct = [...new Set(ids)];
    if (distinct.length < 2) continue;
    const file = ruleSet.rules.find((r) => r.rule.id === distinct[0])?.file ?? '';
    warnings.push({ rule: distinct.join('、'), file, message: `同一正则出现在 ${distinct.length} 条规则中，宜改为共用语境或词类：${re.slice(0, 50)}${re.length > 50 ? '…' : ''}` });
  }
  return warnings;
}
