/**
 * What a worker's young generation costs (issue 12 soak, session 8): one pool worker analyses the
 * load bench's 10,000-character draft N times for each young-generation size given, alternating
 * the sizes round by round (the machine is shared: alternating spreads its load over both), and
 * prints per size the median and p95 time per review and the worker's V8 heap after the last job.
 * Usage: node dist/bench/young-gen.js [N=60] [sizes=16,64]
 */
import { performance } from 'node:perf_hooks';
import { pooledAnalyzer } from '../src/node/pooled-analyzer.js';
import { benchDraft } from './bench-draft.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { WorkerPool } from '../src/node/worker-pool.js';

const n = Number(process.argv[2] ?? 60);
const sizes = (process.argv[3] ?? '16,64').split(',').map(Number);
const ROUNDS = 3;


const text = benchDraft();
const packs = loadRuleSet().packs.map((p) => p.name);
const pools = new Map(sizes.map((mb) => [mb, new WorkerPool({ size: 1, waiting: 1, queueTimeoutMs: 600_000, idleMs: 0, maxJobs: 0, recycleHeapMb: 0, youngMb: mb })]));
const times = new Map<number, number[]>(sizes.map((mb) => [mb, []]));
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] ?? NaN;

for (const [, pool] of pools) await pooledAnalyzer(pool, 600_000)({ source: { text, markdown: false }, rules: true, packs, places: {} }); // warm
for (let round = 0; round < ROUNDS; round++) {
  for (const mb of sizes) {
    const analyze = pooledAnalyzer(pools.get(mb) as WorkerPool, 600_000);
    for (let i = 0; i < Math.ceil(n / ROUNDS); i++) {
      const t = performance.now();
      await analyze({ source: { text, markdown: false }, rules: true, packs, places: {} });
      times.get(mb)?.push(performance.now() - t);
    }
  }
}
for (const mb of sizes) {
  const xs = times.get(mb) ?? [];
  const heap = (pools.get(mb) as WorkerPool).workerHeaps()[0];
  console.log(`young ${String(mb).padStart(3)} MB: ${xs.length} reviews, median ${q(xs, 0.5).toFixed(0)} ms, p95 ${q(xs, 0.95).toFixed(0)} ms; heap after ${heap?.used}/${heap?.total} MB`);
}
for (const [, pool] of pools) await pool.close();
