/**
 * Where a command's time goes, thread by thread: reads the .cpuprofile files of one run
 * (`node --cpu-prof --cpu-prof-dir=DIR bin/fahu.js review FILE`, one file per thread) and prints
 * each thread's span (start relative to the first thread), its self time by module (native frames
 * counted to the nearest script; node_modules by package) and the top phases by total time.
 *
 *   node dist/bench/cpu-breakdown.js DIR [rows]
 *   node dist/bench/cpu-breakdown.js DIR --timeline [bucket-ms]
 *
 * --timeline: each thread's samples in buckets of the one clock (default 20 ms), each bucket with its three
 * heaviest innermost phases (PHASES, nested as a>b; GC under its phase): when the main thread is ready for the
 * document, when the Word worker has it, and what runs after — the critical path of `fahu review`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The phases named in the breakdown, by function name (a function's total time, callees included). */
const PHASES = ['loadRuleSet', 'loadRulesFrom', 'readCompiledRules', 'thawRules', 'compileRules', 'compilePattern', 'warmUpWhileReading', 'createReview', 'safeParse', 'yamlCache', 'loadPlaceData', 'parsePlaceData', 'loadJieba', 'inspectZip', 'readDocx', 'rewriteParts', 'readTree', 'buildDocument', 'annotateDocument', 'runRules', 'findPlaces', 'findTerms', 'findOrgs', 'allHits', 'tokenize', 'findingsText', 'outlineText', '(garbage collector)'];

function moduleOf(f: Frame): string {
  const u = f.url;
  if (!u) return f.functionName.startsWith('(') ? f.functionName : '';
  if (u.includes('node_modules/')) return `npm:${(u.split('node_modules/')[1] ?? '').split('/')[0]}`;
  if (u.startsWith('node:')) return u.replace(/^node:internal\/.*/, 'node:internal');
  return u.replace(/^.*\/dist\/src\//, '').replace(/^.*\/dist\//, '');
}

export function breakdown(dir: string, rows = 15): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile);
  const t0 = Math.min(...profiles.map((p) => p.startTime));
  const out: string[] = [];
  profiles.forEach((p, k) => {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    p.samples.forEach((s, i) => {
      const dt = p.timeDeltas[i] ?? 0;
      let m = '';
      for (let cur: number | undefined = s; cur !== undefined && !m; cur = parent.get(cur)) m = moduleOf((byId.get(cur) as ProfileNode).callFrame);
      self.set(m || '(native)', (self.get(m || '(native)') ?? 0) + dt);
      const seen = new Set<string>();
      for (let cur: number | undefined = s; cur !== undefined; cur = parent.get(cur)) {
        const name = (byId.get(cur) as ProfileNode).callFrame.functionName;
        if (PHASES.includes(name) && !seen.has(name)) {
          seen.add(name);
          total.set(name, (total.get(name) ?? 0) + dt);
        }
      }
    });
    const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
    out.push(`线程 ${k}（${files[k]}）：${ms(p.startTime - t0)} 起，${ms(p.endTime - p.startTime)}`);
    out.push('  按模块（自身时间）：');
    for (const [m, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, rows)) out.push(`  ${ms(us)}  ${m}`);
    out.push('  按阶段（含所调用）：');
    for (const name of PHASES) if (total.has(name)) out.push(`  ${ms(total.get(name) as number)}  ${name}`);
  });
  return out;
}

/** Per thread, the samples in buckets of `bucketMs` on the one clock, each with its heaviest nested phases. */
export function timeline(dir: string, bucketMs = 20): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const profiles = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile);
  const t0 = Math.min(...profiles.map((p) => p.startTime));
  const out: string[] = [];
  profiles.forEach((p, k) => {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const labels = new Map<number, string>();
    const label = (id: number): string => {
      const known = labels.get(id);
      if (known !== undefined) return known;
      const name = (byId.get(id) as ProfileNode).callFrame.functionName;
      const up = parent.get(id);
      const outer = up === undefined ? '' : label(up);
      const l = name === '(idle)' || name === '(program)' ? name : PHASES.includes(name) ? (outer ? `${outer}>${name}` : name) : outer;
      labels.set(id, l);
      return l;
    };
    const buckets = new Map<number, Map<string, number>>();
    let t = p.startTime;
    p.samples.forEach((s, i) => {
      t += p.timeDeltas[i] ?? 0;
      const b = Math.floor((t - t0) / 1000 / bucketMs);
      const m = buckets.get(b) ?? new Map<string, number>();
      const l = label(s) || '(other)';
      m.set(l, (m.get(l) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
      buckets.set(b, m);
    });
    out.push(`线程 ${k}（${files[k]}）`);
    for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0]))
      out.push(`  ${String(b * bucketMs).padStart(5)} ms  ${[...m].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([l, ms]) => `${l} ${ms.toFixed(0)}`).join(' | ')}`);
  });
  return out;
}

if (process.argv[1]?.endsWith('cpu-breakdown.js') || process.argv[1]?.endsWith('cpu-breakdown.ts')) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node dist/bench/cpu-breakdown.js DIR [rows]');
  const at = process.argv.indexOf('--timeline');
  console.log((at > 0 ? timeline(dir, Number(process.argv[at + 1] ?? 20) || 20) : breakdown(dir, Number(process.argv[3] ?? 15))).join('\n'));
}
