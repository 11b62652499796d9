/**
 * `npm run bench`: parse time and memory for the fixtures and the real documents, a
 * 60,000-character draft, and jieba segmentation of it, then the other benches, the server
 * under load last. Prints tables; no pass/fail. `npm run bench -- --load` runs only the load
 * bench; `-- --soak 300` the load bench and a 300-second soak.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestBytes } from '../src/ingest/ingest.js';
import { jiebaSegmenter, loadJieba } from '../src/node/jieba-segmenter.js';
import { isolatedDocxReader } from '../src/node/isolated-docx-reader.js';
import { packagePath } from '../src/node/package-root.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { runRules } from '../src/rules/engine.js';
import { annotationBench } from './annotation.js';
import { cleanupBatchBench } from './cleanup-batch.js';
import { hostileInputsBench } from './hostile-inputs.js';
import { relevanceBench } from './search-relevance.js';
import { scaleBench } from './search-scale.js';
import { startupBench } from './startup.js';

interface Row {
  name: string;
  chars: number;
  clauses: number;
  medianMs: number;
  maxMs: number;
  heapMb: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function measure(name: string, bytes: Uint8Array, fileName: string, runs: number, isolated = false): Promise<Row> {
  const times: number[] = [];
  let chars = 0;
  let clauses = 0;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const doc = await ingestBytes(bytes, { fileName, ...(isolated ? { readDocx: isolatedDocxReader } : {}) });
    times.push(performance.now() - t0);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    chars = doc.text.length;
    clauses = doc.clauses.length;
  }
  return { name, chars, clauses, medianMs: median(times), maxMs: Math.max(...times), heapMb: (heapPeak - heapBefore) / 1024 / 1024 };
}

function filesIn(dir: string, ext: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => ext.test(f)).sort().map((f) => join(dir, f)) : [];
}

async function main() {
  const rows: Row[] = [];
  const fixtureFiles = [
    ...filesIn(packagePath('fixtures', 'docx'), /\.docx$/),
    ...filesIn(packagePath('fixtures', 'text'), /\.(txt|md)$/),
  ];
  const evalDocs = filesIn(join(packagePath(), '..', 'shared', 'eval', 'docs'), /\.txt$/);
  for (const f of [...fixtureFiles, ...evalDocs]) {
    const bytes = new Uint8Array(readFileSync(f));
    const name = f.split('/').slice(-2).join('/');
    rows.push(await measure(name, bytes, name, 10));
  }
  const long = packagePath('fixtures', 'docx', 'long-draft-60k.docx');
  if (existsSync(long)) rows.push(await measure('long-draft-60k.docx（独立线程读取）', new Uint8Array(readFileSync(long)), 'long-draft-60k.docx', 5, true));

  // a 60,000-character plain-text draft made of the real documents
  let text = '';
  const sources = evalDocs.length > 0 ? evalDocs : fixtureFiles.filter((f) => f.endsWith('.txt'));
  for (let i = 0; text.length < 60_000 && sources.length > 0; i++) text += `${readFileSync(sources[i % sources.length] as string, 'utf8')}\n`;
  const textBytes = new TextEncoder().encode(text);
  rows.push(await measure(`合成文本稿（${text.length} 字）`, textBytes, 'long.txt', 10));

  console.log('解析耗时与内存（中位数 / 最大值，堆增量为多次运行中的峰值）');
  console.log(['文件'.padEnd(58), '字数'.padStart(7), '节点'.padStart(6), '中位ms'.padStart(8), '最大ms'.padStart(8), '堆MB'.padStart(7)].join(' '));
  for (const r of rows) {
    console.log([r.name.padEnd(60).slice(0, 60), String(r.chars).padStart(8), String(r.clauses).padStart(7), r.medianMs.toFixed(1).padStart(9), r.maxMs.toFixed(1).padStart(9), r.heapMb.toFixed(1).padStart(8)].join(' '));
  }

  const t0 = performance.now();
  const seg = jiebaSegmenter();
  const dictionary = loadJieba().kind; // the dictionary loads on the first cut: load it here to time it
  const loadMs = performance.now() - t0;
  const sentences = text.split(/(?<=[。！？；\n])/);
  const t1 = performance.now();
  let tokens = 0;
  for (const s of sentences) tokens += seg.cut(s).length;
  const cutMs = performance.now() - t1;
  // review: parse + every rule (no segmentation: windows count characters) (rules compiled once, outside the loop)
  const tRules = performance.now();
  const ruleSet = loadRuleSet();
  const compileMs = performance.now() - tRules;
  const reviewTimes: number[] = [];
  let findingCount = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const doc = await ingestBytes(textBytes, { fileName: 'long.txt' });
    findingCount = runRules(doc, ruleSet, { packs: ['tongzhuang'] }).length;
    reviewTimes.push(performance.now() - t);
  }
  console.log(`\n审查（解析 + 全部 ${ruleSet.rules.length} 条规则，含童装规则包）：${text.length} 字文本稿中位 ${median(reviewTimes).toFixed(1)} ms，最大 ${Math.max(...reviewTimes).toFixed(1)} ms，${findingCount} 条问题；规则编译 ${compileMs.toFixed(0)} ms（每进程一次）`);
  if (existsSync(long)) {
    const docxBytes = new Uint8Array(readFileSync(long));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const doc = await ingestBytes(docxBytes, { fileName: 'long-draft-60k.docx' });
      runRules(doc, ruleSet, { packs: ['tongzhuang'] });
      times.push(performance.now() - t);
    }
    console.log(`审查 long-draft-60k.docx（同进程读取 Word）：中位 ${median(times).toFixed(1)} ms`);
  }
  console.log(`\n分词（nodejieba + 法律用户词典，${dictionary === 'trimmed' ? '精简词典' : '完整词典'}）：词典加载 ${loadMs.toFixed(0)} ms；${text.length} 字按句切分 ${cutMs.toFixed(1)} ms，${tokens} 个词；RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

const soakAt = process.argv.indexOf('--soak');
if (soakAt >= 0 || process.argv.includes('--load')) {
  await (await import('./load.js')).loadBench(console.log, soakAt >= 0 ? { soakSeconds: Number(process.argv[soakAt + 1]) || 300 } : {});
  process.exit(0);
}

await main();
// the annotation layer: place dataset load, review with annotation (CPU), generalisation on the dev set
await annotationBench(console.log);
// bombs, the reader pool, .doc/.wps/PDF
await hostileInputsBench(console.log);
// decision search (审查意见库): relevance on the seed query set, then 10,000 and 100,000 decisions
await relevanceBench(console.log);
await scaleBench(console.log);
// the cleanup campaign's background pre-check: 10,000 short texts, then 1,000 .docx through the Word reader's workers
await cleanupBatchBench(console.log, { documents: 10_000 });
await cleanupBatchBench(console.log, { documents: 1_000, docx: true });
// whole-process start-up and memory beside mammoth's own conversion; the server's idle RSS
await startupBench(console.log);
// two versions of the 60,000-character draft compared (fahu diff)
await (await import('./version-diff.js')).versionDiffBench(console.log);
// the server under load: 20 concurrent reviews while /health and a page are sampled
await (await import('./load.js')).loadBench(console.log);
