/**
 * Version comparison of a 60,000-character pair (target: under 1 s): the long Word fixture
 * against a revision of it made here — every seventh paragraph edited (应当→可以, a changed
 * amount), every eleventh dropped, two moved to the end, a new one every thirteenth. Timed
 * twice: the comparison alone (compareVersions, with the findings' fates), and the whole
 * `fahu diff OLD.docx NEW.txt --out` as the command runs it (both files read, both versions
 * reviewed by the rules, compared, the text report written), rules and dictionary loaded.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { main } from '../src/cli/main.js';
import { compareVersions } from '../src/diff/compare.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { review } from '../src/review/review.js';
import { ingestBytes, ingestText } from '../src/ingest/ingest.js';
import { jiebaSegmenter } from '../src/node/jieba-segmenter.js';
import { packagePath } from '../src/node/package-root.js';
import { documentJson } from '../src/document/document-json.js';

export function revise(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  const moved: string[] = [];
  lines.forEach((line, i) => {
    if (i > 5 && i % 11 === 0) return;
    if (i > 5 && i % 29 === 0) {
      moved.push(line);
      return;
    }
    out.push(i > 5 && i % 7 === 0 ? line.replace('应当', '可以').replace(/(\d+)万元/, (_, n) => `${Number(n) * 2}万元`).replace(/。$/, '，具体办法另行制定。') : line);
    if (i > 5 && i % 13 === 0) out.push('申报单位应当如实填报材料，不得弄虚作假。');
  });
  return [...out, ...moved].join('\n');
}

export async function versionDiffBench(log: (s: string) => void): Promise<void> {
  const file = packagePath('fixtures', 'docx', 'long-draft-60k.docx');
  if (!existsSync(file)) return;
  const oldDoc = await ingestBytes(new Uint8Array(readFileSync(file)), { fileName: 'long-draft-60k.docx' });
  const newDoc = ingestText(revise(oldDoc.text));
  const segmenter = jiebaSegmenter();
  const ruleSet = loadRuleSet();
  const a = { document: documentJson(oldDoc), findings: review(oldDoc, ruleSet).findings };
  const b = { document: documentJson(newDoc), findings: review(newDoc, ruleSet).findings };
  const times: number[] = [];
  let result = compareVersions(a, b, { segmenter });
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    result = compareVersions(a, b, { segmenter });
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  const k = result.counts;
  const fates = result.fates.reduce((m, f) => ({ ...m, [f.fate]: (m[f.fate] ?? 0) + 1 }), {} as Record<string, number>);
  log(
    `\n版本比较（${oldDoc.text.length} 字 → ${newDoc.text.length} 字）：中位 ${times[2]?.toFixed(0)} ms，最大 ${times[4]?.toFixed(0)} ms（目标 < 1000 ms：${(times[4] ?? 0) < 1000 ? '达到' : '未达到'}）；对应 ${Math.round(result.similarity * 100)}%，修改 ${k.changed}，移动 ${k.moved}，新增 ${k.added}，删除 ${k.removed}，拆分 ${k.split}，合并 ${k.merged}，义务用语 ${k.shifts}，数额期限 ${k.values}，超时 ${result.timedOut}；问题去向：已解决 ${fates['resolved'] ?? 0}，仍存在 ${fates['still'] ?? 0}，新出现 ${fates['new'] ?? 0}`,
  );

  // the whole command, in process (start-up is measured by the start-up bench)
  const dir = mkdtempSync(join(tmpdir(), 'fahu-bench-diff-'));
  try {
    const newFile = join(dir, 'revised.txt');
    writeFileSync(newFile, newDoc.text);
    const args = ['diff', file, newFile, '--out', join(dir, 'diff.txt')];
    const quiet = () => {};
    const code = await main(args, quiet, quiet); // warm: the rules and the dictionary load once
    if (code !== 0) throw new Error(`fahu diff exited ${code}`);
    const whole: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await main(args, quiet, quiet);
      whole.push(performance.now() - t);
    }
    whole.sort((x, y) => x - y);
    const median = whole[1] ?? 0;
    log(`fahu diff 全过程（读取 .docx 和 .txt、两版各跑一遍规则、比较、写出）：中位 ${median.toFixed(0)} ms，最大 ${whole[2]?.toFixed(0)} ms；其中比较约 ${times[2]?.toFixed(0)} ms，其余为读取和预审`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
