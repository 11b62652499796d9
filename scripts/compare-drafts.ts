/**
 * What a whole draft loses or adds over a single clause (issue 9): every labelled clause of the
 * drafts of the opened probe sets is reviewed alone (one fragment, as `fahu eval` does) and inside
 * its draft (as `fahu eval --probes` counts it); the labels where the two disagree are listed, with
 * the clause that holds the quote and any finding that overlaps the quote but was attributed to
 * another clause. Unlabelled high/medium findings (title, headings, signature …) are listed too.
 *
 * Only drafts that may be read are used: the dev half of a set, and the held-out half of a set
 * that carries an OPENED file (scripts/study-sets.ts): a blind set gives nothing.
 *
 * With --wrap N the drafts are instead re-read hard-wrapped every N characters (as a crawled or pasted text
 * file has them) and compared with the drafts as written: labels whose quote is no longer found (a sentence
 * left split) or whose verdict changes are listed.
 *
 * Usage: npx tsx scripts/compare-drafts.ts [--summary] [--wrap N] [set-dir …]
 * (default: every fixtures/generalisation* set)
 */
import { probeFiles, readableSplits, studyRoots } from './study-sets.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { ingestText } from '../src/ingest/ingest.js';
import { runRules } from '../src/rules/engine.js';
import { compareAlone, evaluateDraft, readProbes, type ProbeDraft } from '../src/rules/probe-eval.js';

const argv = process.argv.slice(2);
const summaryOnly = argv.includes('--summary');
const wrapAt = argv.includes('--wrap') ? Number(argv[argv.indexOf('--wrap') + 1]) : 0;
const sets = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--wrap');
const roots = studyRoots(sets);

const files = probeFiles;
const drafts: ProbeDraft[] = [];
for (const root of roots) {
  for (const split of readableSplits(root)) {
    drafts.push(...readProbes(root, split, files).drafts.map((d) => ({ ...d, name: `${root.replace(/^.*generalisation/, 'r') || 'r1'}/${d.name}` })));
  }
}

if (wrapAt > 0) {
  const ruleSet = loadRuleSet();
  const options = {};
  const wrap = (text: string) => text.split('\n').map((l) => (l.match(new RegExp(`.{1,${wrapAt}}`, 'gu')) ?? [l]).join('\n')).join('\n');
  let lost = 0;
  let changed = 0;
  let total = 0;
  for (const d of drafts) {
    const asIs = ingestText(d.text);
    const wrapped = ingestText(wrap(d.text));
    // the wrapped original holds line breaks inside every quote: quotes are looked up in the canonical text (％ → %)
    const labels = d.labels.map((l) => ({ ...l, quote: ingestText(l.quote, { fragment: true }).text }));
    const a = evaluateDraft(d.name, asIs, runRules(asIs, ruleSet, options), labels);
    const b = evaluateDraft(d.name, wrapped, runRules(wrapped, ruleSet, options), labels);
    total += d.labels.length;
    for (const q of b.notFound.filter((q) => !a.notFound.includes(q))) {
      lost++;
      if (!summaryOnly) console.log(`  [未找到] ${d.name}：${q.slice(0, 80)}`);
    }
    const flagged = (r: typeof a, q: string) => !r.missed.includes(q) && !r.alarms.some((x) => x.quote === q);
    for (const l of labels) {
      if (b.notFound.includes(l.quote) || a.notFound.includes(l.quote)) continue;
      if (flagged(a, l.quote) !== flagged(b, l.quote)) {
        changed++;
        if (!summaryOnly) console.log(`  [${l.label === 'violation' ? '问题' : '合法'}] ${d.name} 原文:${flagged(a, l.quote) ? '命中/正确' : '漏/误'} 折行后:${flagged(b, l.quote) ? '命中/正确' : '漏/误'}：${l.quote.slice(0, 80)}`);
      }
    }
  }
  console.log(`草稿 ${drafts.length} 篇，标注 ${total} 条；每 ${wrapAt} 字折行后：找不到 ${lost} 条，结论改变 ${changed} 条`);
  process.exit(0);
}

const { labels, unlabelled } = compareAlone(drafts, loadRuleSet(), {});
const flaggedIn = (l: (typeof labels)[number]) => l.inDraft.length > 0;
const disagree = labels.filter((l) => l.alone.flagged !== flaggedIn(l));
const v = labels.filter((l) => l.label === 'violation');
const ok = labels.filter((l) => l.label === 'ok');
const line = (l: (typeof labels)[number]) =>
  `  [${l.label === 'violation' ? '问题' : '合法'}] ${l.draft} 单独:${l.alone.flagged ? l.alone.rule : '—'} 草稿中:${l.inDraft.join(',') || '—'} 所在:${l.holder}${l.elsewhere.length ? ` 别处:${l.elsewhere.join(',')}` : ''}\n      ${l.quote.slice(0, 90)}`;

console.log(`草稿 ${drafts.length} 篇，标注 ${labels.length} 条（问题 ${v.length}，合法 ${ok.length}）`);
console.log(`问题：单独标出 ${v.filter((l) => l.alone.flagged).length}，草稿中标出 ${v.filter(flaggedIn).length}`);
console.log(`合法：单独标出 ${ok.filter((l) => l.alone.flagged).length}，草稿中标出 ${ok.filter(flaggedIn).length}`);
console.log(`两者不一致 ${disagree.length} 条：单独标出而草稿中未标 ${disagree.filter((l) => l.alone.flagged).length}，草稿中标出而单独未标 ${disagree.filter((l) => !l.alone.flagged).length}`);
console.log(`标注外的高中风险提示 ${unlabelled.length} 条`);
if (!summaryOnly) {
  console.log('\n单独标出、草稿中未标：');
  for (const l of disagree.filter((x) => x.alone.flagged)) console.log(line(l));
  console.log('\n草稿中标出、单独未标：');
  for (const l of disagree.filter((x) => !x.alone.flagged)) console.log(line(l));
  console.log('\n标注外的高中风险提示：');
  for (const u of unlabelled) console.log(`  ${u.draft} [${u.rule}] ${u.clauseKind} ${u.path}：${u.quote.slice(0, 60)}`);
}
