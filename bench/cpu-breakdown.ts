/**
 * Where a command's time goes, thread by thread: reads the .cpuprofile files of one run
 * (`node --cpu-prof --cpu-prof-dir=DIR bin/fahu.js review FILE`, one file per thread) and prints
 * each thread's span (start relative to the first thread), its self time by module (native frames
 * counted to the nearest script; node_modules by package) and the top phases by total time.
 *
 *   node dist/bench/cpu-breakdown.js DIR [rows]
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
const PHASES = ['loadRuleSet', 'compileRules', 'safeParse', 'yamlCache', 'loadPlaceData', 'parsePlaceData', 'loadJieba', 'inspectZip', 'readDocx', 'rewriteParts', 'readTree', 'buildDocument', 'annotateDocument', 'runRules', 'findPlaces', 'findTerms', 'findOrgs', 'allHits', 'tokenize', 'findingsText', 'outlineText', '(garbage collector)'];

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

if (process.argv[1]?.endsWith('cpu-breakdown.js') || process.argv[1]?.endsWith('cpu-breakdown.ts')) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node dist/bench/cpu-breakdown.js DIR [rows]');
  console.log(breakdown(dir, Number(process.argv[3] ?? 15)).join('\n'));
}
