/**
 * The annotation layer and the rules in `npm run bench`: the division dataset's one lazy
 * load (time, CPU, heap kept), a 62,000-character draft reviewed with annotation (wall and
 * CPU medians: the CPU figure is the one to compare when other work shares the machine),
 * and the generalisation lines (dev-set recall per document kind and the sources below
 * 0.75) when ../shared/eval is there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestBytes, ingestText } from '../src/ingest/ingest.js';
import { packagePath } from '../src/node/package-root.js';
import { loadPlaceData, placeLoadStats } from '../src/node/place-data.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { runRules } from '../src/rules/engine.js';
import { evaluate, groupReport, kindOf, sourceOf, type LabelledClause, type Verdict } from '../src/rules/evaluate.js';
import { primaryFinding } from '../src/rules/findings.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function annotationBench(log: (s: string) => void): Promise<void> {
  const sharedEval = join(packagePath(), '..', 'shared', 'eval');
  const ruleSet = loadRuleSet();

  global.gc?.();
  const cpu0 = process.cpuUsage();
  loadPlaceData();
  const cpu = process.cpuUsage(cpu0);
  global.gc?.();
  log(`\n行政区划数据（corpus/places/divisions.tsv，${placeLoadStats.divisions} 个区划）：首次使用时加载一次 ${placeLoadStats.ms.toFixed(0)} ms（CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms），堆增量 ${placeLoadStats.heapMb.toFixed(1)} MB`);

  const docsDir = join(sharedEval, 'docs');
  const sources = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(docsDir, f)) : [];
  if (sources.length === 0) for (const f of readdirSync(packagePath('fixtures', 'text')).filter((x) => x.endsWith('.txt'))) sources.push(packagePath('fixtures', 'text', f));
  let text = '';
  for (let i = 0; text.length < 62_000 && sources.length > 0; i++) text += `${readFileSync(sources[i % sources.length] as string, 'utf8')}\n`;
  const bytes = new TextEncoder().encode(text);
  const wall: number[] = [];
  const cpus: number[] = [];
  let findings = 0;
  for (let i = 0; i < 15; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const doc = await ingestBytes(bytes, { fileName: 'long.txt' });
    findings = runRules(doc, ruleSet, { packs: ['tongzhuang'] }).length;
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  log(`审查含标注（解析 + 分词 + 标注 + 全部规则）：${text.length} 字文本稿中位 ${median(wall).toFixed(1)} ms（CPU 中位 ${median(cpus).toFixed(1)} ms），${findings} 条问题`);

  const devFile = join(sharedEval, 'dev-clauses.jsonl');
  if (!existsSync(devFile)) {
    log('泛化：未找到 ../shared/eval/dev-clauses.jsonl，跳过');
    return;
  }
  const items = readFileSync(devFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabelledClause & { paraphrase?: boolean })
    .filter((i) => !i.paraphrase)
    .map((i) => ({ ...i, id: String(i.id) }));
  const verdicts = new Map<string, Verdict>();
  for (const item of items) {
    const top = primaryFinding(runRules(ingestText(item.text, { fragment: true }), ruleSet).filter((f) => f.severity !== 'low'));
    verdicts.set(item.id, top ? { flagged: true, category: top.category, rule: top.rule } : { flagged: false });
  }
  const r = evaluate(items, verdicts);
  log(`泛化（开发集 ${items.length} 条）：召回 ${pct(r.recall)}（${r.caught}/${r.violations}），误报 ${pct(r.falseAlarmRate)}（${r.falseAlarms}/${r.ok}），类别 ${pct(r.categoryAccuracy)}`);
  log(`  按文件种类：${groupReport(items, verdicts, kindOf).map((g) => `${g.group} ${g.caught}/${g.violations}`).join('，')}`);
  const bySource = groupReport(items, verdicts, sourceOf).filter((g) => g.violations >= 2);
  const low = bySource.filter((g) => g.caught / g.violations < 0.75);
  log(`  按来源文件（至少 2 条违规的 ${bySource.length} 个来源）：召回低于 0.75 的 ${low.length} 个${low.length ? `（${low.map((g) => `${g.group.slice(0, 30)} ${g.caught}/${g.violations}`).join('；')}）` : ''}`);
}
