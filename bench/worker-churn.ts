/**
 * What a worker that ends leaves behind (issue 12 soak, session 6): starts and ends pool workers
 * N times and prints the process's RssAnon after each end. Each step runs one job in a fresh
 * worker (maxJobs 1), then waits for the thread to be gone. Modes:
 * - `review`: a whole review of the bench's 10,000-character draft (rules, places; no jieba since windows count characters);
 * - `parse`: the document model only (no rules, no dictionary);
 * - `jieba`: a bare worker that loads nodejieba with the shipped dictionary and cuts once.
 * Usage: node dist/bench/worker-churn.js [review|parse|jieba] [N=8]
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { pooledAnalyzer } from '../src/node/pooled-analyzer.js';
import { benchDraft } from './bench-draft.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { WorkerPool } from '../src/node/worker-pool.js';

const mode = process.argv[2] ?? 'review';
const steps = Number(process.argv[3] ?? 8);

function statusMb(field: string): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}


const settle = () => new Promise((r) => setTimeout(r, 500));
const text = benchDraft();
const packs = loadRuleSet().packs.map((p) => p.name);
const pool = new WorkerPool({ size: 1, waiting: 1, queueTimeoutMs: 600_000, maxJobs: 1, idleMs: 0, recycleHeapMb: 0 });
const analyze = pooledAnalyzer(pool, 600_000);

async function jiebaWorker(): Promise<void> {
  const segmenter = new URL('../src/node/jieba-segmenter.js', import.meta.url).href;
  const w = new Worker(`import(${JSON.stringify(segmenter)}).then((m) => { m.jiebaSegmenter().cut('对外地企业实行差别待遇'); require('node:worker_threads').parentPort.postMessage('done'); });`, { eval: true });
  await new Promise((r) => w.once('message', r));
  await w.terminate();
}

const first = statusMb('RssAnon');
console.log(`mode ${mode}, ${steps} workers started and ended one after another; RssAnon before ${first.toFixed(0)} MB`);
let prev = first;
for (let i = 1; i <= steps; i++) {
  if (mode === 'jieba') await jiebaWorker();
  else await analyze({ source: { text, markdown: false }, rules: mode === 'review', packs, places: {} });
  await settle();
  const now = statusMb('RssAnon');
  console.log(`  worker ${String(i).padStart(2)} ended: RssAnon ${now.toFixed(0)} MB (${now - prev >= 0 ? '+' : ''}${(now - prev).toFixed(1)})`);
  prev = now;
}
const per = (prev - first) / steps;
console.log(`per worker: ${per >= 0 ? '+' : ''}${per.toFixed(1)} MB RssAnon left behind`);
await pool.close();
