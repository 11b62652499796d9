/**
 * Whole-process start-up and footprint (issue 15): `fahu review` and `fahu parse` of the
 * 60,000-character .docx and of a short text, each beside mammoth's own conversion of the same
 * .docx in the same run (the ratio is the figure: absolute times vary with the machine and its
 * load) and each round's ratio with the load average (2 shared cores: single rounds range widely); the server's idle and peak RSS. Wall time is
 * the median of the runs, peak RSS the process's own high-water mark (VmHWM, threads included) at exit.
 *
 *   node dist/bench/startup.js [runs]     or from bench/run.ts: `await startupBench(console.log)`
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { jiebaFiles } from '../src/node/jieba-dictionary.js';
import { packagePath } from '../src/node/package-root.js';

interface Run {
  ms: number;
  rssMb: number;
  /** CPU time of the process, every thread (user + system). */
  cpuMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * A preload that writes the process's peak RSS (KiB) into FAHU_BENCH_RSS at exit: VmHWM, the high-water mark of
 * its own memory (threads included). Not getrusage's maxRSS: Linux carries the forking parent's peak into the
 * child across exec, so inside `npm run bench` (a parent of 175 MiB by then) every row read the parent's peak.
 */
function preload(dir: string): string {
  const file = join(dir, 'peak-rss.cjs');
  writeFileSync(
    file,
    "process.on('exit', () => { const fs = require('fs'); let kb; try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]); } catch { kb = process.resourceUsage().maxRSS; } const cpu = process.cpuUsage(); fs.writeFileSync(process.env.FAHU_BENCH_RSS, `${kb} ${(cpu.user + cpu.system) / 1000}`); });\n",
  );
  return file;
}

function runOnce(dir: string, args: string[], env: Record<string, string> = {}): Run {
  const rssFile = join(dir, 'rss.txt');
  const t = performance.now();
  // a rule cache of the bench's own: other checkouts sharing ~/.cache/fahu replace each other's (measured: a miss costs 1.8 s)
  const r = spawnSync(process.execPath, ['-r', preload(dir), ...args], { env: { ...process.env, FAHU_CACHE_DIR: join(dir, 'cache'), ...env, FAHU_BENCH_RSS: rssFile }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')}: exit ${r.status} ${String(r.stderr).slice(0, 200)}`);
  const [kb, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  return { ms, rssMb: (kb ?? NaN) / 1024, cpuMs: cpuMs ?? NaN };
}

export interface StartupRow {
  name: string;
  ms: number;
  rssMb: number;
  /** Median CPU time of the process (every thread): on a loaded machine it moves less than the wall time. */
  cpuMs?: number;
  /** Wall time over mammoth's in the same rounds. */
  ratio?: number;
}

/** The 1-minute load average (Linux /proc/loadavg; NaN elsewhere): the figures mean little without it on 2 cores. */
function loadNow(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

export async function startupBench(log: (s: string) => void, runs = 3): Promise<StartupRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-startup-'));
  const loadBefore = loadNow();
  const docx = packagePath('fixtures', 'docx', 'long-draft-60k.docx');
  const text = packagePath('fixtures', 'text', 'draft-utf8.txt');
  const fahu = packagePath('bin', 'fahu.js');
  const mammothScript = join(dir, 'mammoth.mjs');
  writeFileSync(mammothScript, `import mammoth from ${JSON.stringify(packagePath('node_modules', 'mammoth', 'lib', 'index.js'))};\nimport { readFileSync } from 'node:fs';\nawait mammoth.convertToHtml({ buffer: readFileSync(process.argv[2]) });\n`);
  const cases: [string, string[], Record<string, string>?][] = [
    ['mammoth 自身转换 60k .docx', [mammothScript, docx]],
    ['fahu review 60k .docx', [fahu, 'review', docx]],
    ['fahu parse 60k .docx', [fahu, 'parse', docx]],
    [`fahu review 短文本（${readFileSync(text, 'utf8').length} 字）`, [fahu, 'review', text]],
    ['fahu parse 短文本', [fahu, 'parse', text]],
    // no row with the full jieba dictionary (FAHU_DICT=full) any more: no review loads jieba (a word window counts
    // characters), so that row ran the very same path as the one above it — its spread was the machine's noise alone
  ];
  // warm the rule cache and the disk once, then interleave the cases so load hits them alike
  runOnce(dir, [fahu, 'review', text]);
  const results = cases.map(() => [] as Run[]);
  const failures: string[] = [];
  for (let i = 0; i < runs; i++)
    cases.forEach(([name, args, env], j) => {
      try {
        results[j]?.push(runOnce(dir, args, env));
      } catch (e) {
        // an overloaded machine can push the Word reader past its time limit: say so, go on
        failures.push(`${name}：${e instanceof Error ? e.message.split('\n')[0]?.slice(-80) : String(e)}`);
      }
    });
  const mammothMs = median((results[0] ?? []).map((r) => r.ms));
  const rows: StartupRow[] = cases.map(([name], j) => {
    const rs = results[j] ?? [];
    const ms = rs.length ? median(rs.map((r) => r.ms)) : NaN;
    return { name, ms, rssMb: rs.length ? Math.max(...rs.map((r) => r.rssMb)) : NaN, cpuMs: rs.length ? median(rs.map((r) => r.cpuMs)) : NaN, ...(j > 0 ? { ratio: ms / mammothMs } : {}) };
  });
  const loadAfter = loadNow();
  // each round's ratio beside the medians: a single round ranges widely on a shared 2-core machine
  const perRound = (results[1] ?? []).map((r, i) => r.ms / ((results[0] ?? [])[i]?.ms ?? NaN));
  log(`\n启动与内存（整个进程，${runs} 轮交替运行，墙钟中位数，RSS 峰值；1 分钟负载 ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}）`);
  for (const f of failures) log(`  失败 ${f}`);
  for (const r of rows) log(`  ${r.name.padEnd(36)} ${r.ms.toFixed(0).padStart(6)} ms  ${r.rssMb.toFixed(0).padStart(4)} MiB  CPU ${((r.cpuMs ?? NaN) / 1000).toFixed(2)} s${r.ratio !== undefined ? `  ${r.ratio.toFixed(2)}× mammoth` : ''}`);
  // the median round and the spread: on a shared 2-core machine the median of the walls alone hides how often a round misses
  const spread = perRound.length ? `；中位数 ${median(perRound).toFixed(2)}，范围 ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}，≤ 1.5 的 ${perRound.filter((x) => x <= 1.5).length}/${perRound.length} 轮` : '';
  log(`  fahu review 60k .docx 每轮与 mammoth 之比：${perRound.map((x) => x.toFixed(2)).join(' ')}${spread}`);
  // the first start seeds the decision library and builds its index; a usual start is the second
  await serverRss(fahu, dir);
  const server = await serverRss(fahu, dir);
  rows.push({ name: '服务空闲', ms: server.startMs, rssMb: server.idleMb }, { name: '服务峰值（启动至空闲）', ms: server.startMs, rssMb: server.peakMb });
  // the server loads jieba at start (the decision index): with the full dictionary (no dist/dict — a build by tsc
  // alone, or one under way — or FAHU_DICT=full) it idles at ~385 MiB instead of ~165, whatever the parent's size
  const dictionary = jiebaFiles().kind === 'trimmed' ? '精简 jieba 词典' : '完整 jieba 词典（dist/dict 中没有精简词典，或 FAHU_DICT=full）';
  log(`  fahu serve：启动 ${server.startMs.toFixed(0)} ms，空闲 RSS ${server.idleMb.toFixed(0)} MiB，峰值 ${server.peakMb.toFixed(0)} MiB，${dictionary}`);
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

/** Linux: VmRSS and VmHWM of a process. */
function procRss(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function serverRss(fahu: string, dir: string): Promise<{ startMs: number; idleMb: number; peakMb: number }> {
  const t = performance.now();
  const child = spawn(process.execPath, [fahu, 'serve', '--port', '0'], { env: { ...process.env, DATA_DIR: join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += String(d);
        if (out.includes('已启动')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`fahu serve exited ${code}`)));
    });
    const startMs = performance.now() - t;
    await new Promise((r) => setTimeout(r, 3000));
    const { rss, hwm } = procRss(child.pid as number);
    return { startMs, idleMb: rss, peakMb: hwm };
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

if (process.argv[1]?.endsWith('startup.js') || process.argv[1]?.endsWith('startup.ts')) await startupBench(console.log, Number(process.argv[2] ?? 3));
