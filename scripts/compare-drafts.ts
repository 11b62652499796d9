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
 * Usage: npx tsx scripts/compare-drafts.ts [--summary] [set-dir …]
 * (default: every fixtures/generalisation* set)
 */
import { probeFiles, readableSplits, studyRoots } from './study-sets.js';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { compareAlone, readProbes, type ProbeDraft } from '../src/rules/probe-eval.js';

const argv = process.argv.slice(2);
const summaryOnly = argv.includes('--summary');
const sets = argv.filter((a) => !a.startsWith('--'));
const roots = studyRoots(sets);

const files = probeFiles;
const drafts: ProbeDraft[] = [];
for (const root of roots) {
  for (const split of readableSplits(root)) {
    drafts.push(...readProbes(root, split, files).drafts.map((d) => ({ ...d, name: `${root.replace(/^.*generalisation/, 'r') || 'r1'}/${d.name}` })));
  }
}

const { labels, unlabelled } = compareAlone(drafts, loadRuleSet(), { segmenter: jiebaSegmenter() });
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
