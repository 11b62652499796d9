/**
 * Version comparison of a 60,000-character pair (target: under 1 s): the long Word fixture
 * against a revision of it made here — every seventh paragraph edited (应当→可以, a changed
 * amount), every eleventh dropped, two moved to the end, a new one every thirteenth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { compareVersions } from '../src/diff/compare.js';
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
  const a = { document: documentJson(oldDoc) };
  const b = { document: documentJson(newDoc) };
  const times: number[] = [];
  let result = compareVersions(a, b, { segmenter });
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    result = compareVersions(a, b, { segmenter });
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  const k = result.counts;
  log(
    `\n版本比较（${oldDoc.text.length} 字 → ${newDoc.text.length} 字）：中位 ${times[2]?.toFixed(0)} ms，最大 ${times[4]?.toFixed(0)} ms；对应 ${Math.round(result.similarity * 100)}%，修改 ${k.changed}，移动 ${k.moved}，新增 ${k.added}，删除 ${k.removed}，拆分 ${k.split}，合并 ${k.merged}，义务用语 ${k.shifts}，数额期限 ${k.values}，超时 ${result.timedOut}`,
  );
}
