/**
 * The load bench (issue 12 item 2): the real server in its own process on loopback
 * (bench/load-server.ts), 20 concurrent reviews of a 10,000-character draft through the JSON
 * API, while /health and a signed-in page (审查记录) are sampled every 50 ms. Prints p50/p95/p99
 * of each and the errors. `--soak SECONDS` (at most 3600) keeps the 20 reviewers going that long,
 * prints the server's RSS every 30 s (sampled every 5 s) and a verdict: the slope per minute (least
 * squares) and the first against the last minute. The server's idle RSS is printed before any
 * request and again after the load, once its workers' idle shutdown (FAHU_WORKER_IDLE_MS, 15 s
 * here unless set) has passed. Bounded in count and time either way; no pass/fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchDraft } from './bench-draft.js';

const CONCURRENT = 20;
const DRAFT_CHARS = 10_000;
const SAMPLE_MS = 50;
const SOAK_MAX_S = 3600;
const SOAK_MAX_REVIEWS = 100_000;
/** The bench server ends idle workers after this (the server's default is 60 s). */
const IDLE_MS = Number(process.env.FAHU_WORKER_IDLE_MS ?? 15_000);
/** RSS is "stable" when it grows by less than this per minute and the last minute is within this of the first. */
const STABLE_MB_PER_MIN = 5;
const STABLE_LAST_VS_FIRST = 0.05;

type Log = (s: string) => void;


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}

const line = (name: string, xs: number[], errors: number) =>
  `${name.padEnd(22)} n=${String(xs.length).padStart(5)}  p50 ${pct(xs, 50).toFixed(0).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(0).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(0).padStart(6)} ms  max ${Math.max(0, ...xs).toFixed(0).padStart(6)} ms  错误 ${errors}`;

/** A field of the server's /proc status in MB (VmRSS: resident memory, its worker threads included; RssAnon, RssFile). */
function statusMb(pid: number | undefined, field = 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
const rssMb = (pid: number | undefined): number => statusMb(pid);

/** The parts of the server's memory it prints every 5 s (bench/load-server.ts), MB. */
interface MemParts {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  workers: { jobs: number; used: number; total: number; external: number }[];
  pool: { started: number; recycled: number; idleEnded: number; failed: number };
}

/**
 * Anonymous RSS that no V8 heap accounts for: RssAnon less the main thread's heap and external
 * memory and each live worker's. Under the soak this part, not a heap, is what grows (malloc arenas
 * of ended worker threads, native addons); the main thread's live heap stayed ~42 MB.
 */
export function nativeMb(anonMb: number, m: Pick<MemParts, 'heapTotal' | 'external' | 'workers'>): number {
  return anonMb - m.heapTotal - m.external - m.workers.reduce((a, w) => a + w.total + w.external, 0);
}

/** One line: anonymous vs file-backed RSS, the main thread's heap, the workers' heaps. */
function partsLine(pid: number | undefined, m: MemParts | undefined): string {
  const anon = statusMb(pid, 'RssAnon');
  const file = statusMb(pid, 'RssFile');
  const head = `匿名 ${anon.toFixed(0)} / 文件 ${file.toFixed(0)} MB`;
  if (!m) return head;
  const workers = m.workers.map((w) => `${w.total}`).join('+') || '无';
  return `${head}；主线程堆 ${m.heapUsed}/${m.heapTotal}、external ${m.external} MB；工作线程堆 ${workers} MB（已启动 ${m.pool.started}、回收 ${m.pool.recycled}）；其余本机内存 ${nativeMb(anon, m).toFixed(0)} MB`;
}

/** The memory settings the bench's server runs with (environment as passed to it; unset: the server's defaults). */
function serverSettings(): string {
  const env = (k: string, dflt: string) => `${k}=${process.env[k] ?? `${dflt}（默认）`}`;
  return [`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? '2'}`, env('FAHU_WORKER_YOUNG_MB', '16'), env('FAHU_HEAP_GROWING_PERCENT', '50'), env('FAHU_WORKER_MAX_JOBS', '2000'), env('FAHU_WORKER_RECYCLE_MB', '160'), `FAHU_WORKER_IDLE_MS=${IDLE_MS}`, ...(process.env.GLIBC_TUNABLES ? [`GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES}`] : [])].join('，');
}

const loadNow = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

interface Server {
  child: ChildProcess;
  /** The server's last `mem` line. */
  mem: () => MemParts | undefined;
  base: string;
  token: string;
  cookie: string;
  dir: string;
}

async function start(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-load-'));
  const port = await freePort();
  // FAHU_BENCH_NODE_ARGS: flags for the server's node (e.g. --cpu-prof --cpu-prof-dir=DIR to see where its time goes)
  const nodeArgs = (process.env.FAHU_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, 'load-server.js'), dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', DATA_DIR: dir, FAHU_WORKER_IDLE_MS: String(IDLE_MS) } });
  let mem: MemParts | undefined;
  const ready = await new Promise<{ token: string; user: string; password: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the server did not start within 120 s')), 120_000);
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const lines = out.split('\n');
      out = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('mem ')) mem = JSON.parse(l.slice(4)) as MemParts;
        else if (l.startsWith('{')) {
          clearTimeout(timer);
          resolve(JSON.parse(l) as { token: string; user: string; password: string });
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  // sign in as a browser does, for the page samples
  const form = await fetch(`${base}/login`);
  const csrfCookie = (form.headers.getSetCookie().find((c) => c.startsWith('fahu_login_csrf=')) ?? '').split(';')[0] as string;
  const csrfValue = decodeURIComponent(csrfCookie.slice(csrfCookie.indexOf('=') + 1));
  const login = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual', headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: ready.user, password: ready.password, _csrf: csrfValue.slice(0, csrfValue.lastIndexOf('.')) }),
  });
  const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('fahu_session=')) ?? '').split(';')[0] as string;
  if (!cookie) throw new Error(`sign-in failed (${login.status})`);
  return { child, mem: () => mem, base, token: ready.token, cookie, dir };
}

async function timed(fn: () => Promise<Response>, ok: (r: Response) => boolean): Promise<{ ms: number; ok: boolean; status: number }> {
  const t = performance.now();
  try {
    const r = await fn();
    await r.arrayBuffer();
    return { ms: performance.now() - t, ok: ok(r), status: r.status };
  } catch {
    return { ms: performance.now() - t, ok: false, status: 0 };
  }
}

interface Samples {
  health: number[];
  page: number[];
  reviews: number[];
  errors: { health: number; page: number; reviews: number };
  statuses: Map<number, number>;
}

const newSamples = (): Samples => ({ health: [], page: [], reviews: [], errors: { health: 0, page: 0, reviews: 0 }, statuses: new Map() });

/** Samples /health and the history page every SAMPLE_MS until `stop` resolves. */
async function sampler(s: Server, out: () => Samples, stop: Promise<void>): Promise<void> {
  let done = false;
  void stop.then(() => (done = true));
  const loop = async (path: string, key: 'health' | 'page', headers: Record<string, string>) => {
    while (!done) {
      const r = await timed(() => fetch(`${s.base}${path}`, { headers }), (x) => x.status === 200);
      const o = out();
      o[key].push(r.ms);
      if (!r.ok) o.errors[key]++;
      await new Promise((res) => setTimeout(res, SAMPLE_MS));
    }
  };
  await Promise.all([loop('/health', 'health', {}), loop('/reviews', 'page', { cookie: s.cookie })]);
}

function review(s: Server, text: string, out: () => Samples, n: number): Promise<void> {
  return timed(
    () => fetch(`${s.base}/api/reviews`, { method: 'POST', headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text, department: '区市场监管局', title: `压测稿 ${n}`, again: true }) }),
    (r) => r.status === 201,
  ).then((r) => {
    const o = out();
    o.reviews.push(r.ms);
    o.statuses.set(r.status, (o.statuses.get(r.status) ?? 0) + 1);
    if (!r.ok) o.errors.reviews++;
  });
}

function report(log: Log, title: string, x: Samples): void {
  log(title);
  log(line('预审 POST /api/reviews', x.reviews, x.errors.reviews));
  log(line('GET /health', x.health, x.errors.health));
  log(line('页面 GET /reviews', x.page, x.errors.page));
  if ([...x.statuses.keys()].some((k) => k !== 201)) log(`  预审状态码：${[...x.statuses].map(([k, v]) => `${k}×${v}`).join('，')}`);
}

/** The server's RSS once it has been left alone for `ms`. */
async function idleRss(s: Server, ms: number): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return rssMb(s.child.pid);
}

export async function loadBench(log: Log, options: { soakSeconds?: number } = {}): Promise<void> {
  const text = benchDraft(DRAFT_CHARS);
  const s = await start();
  try {
    log(`\n负载（issue 12 第 2 项）：服务器独立进程，${CONCURRENT} 个并发预审，每份 ${text.length} 字；每 ${SAMPLE_MS} ms 取样 /health 和审查记录页`);
    log(`服务器设置：${serverSettings()}`);
    const idleBefore = await idleRss(s, 2000);
    log(`服务器空闲 RSS（启动后、任何预审之前）：${idleBefore.toFixed(0)} MB（${partsLine(s.child.pid, s.mem())}）`);
    // cold start: the first analyses load the rules and the dictionary in each worker
    const t0 = performance.now();
    const cold = newSamples();
    await Promise.all([0, 1].map((i) => review(s, text, () => cold, i)));
    log(`冷启动（两个工作线程首次载入规则和词典）：${(performance.now() - t0).toFixed(0)} ms；服务器 RSS ${rssMb(s.child.pid).toFixed(0)} MB`);

    // the machine as it is: /health and the page with no review running (other processes share the cores)
    const idle = newSamples();
    let quiet!: () => void;
    const idleStop = new Promise<void>((r) => (quiet = r));
    const idleSampling = sampler(s, () => idle, idleStop);
    await new Promise((r) => setTimeout(r, 5000));
    quiet();
    await idleSampling;
    log(`空载基线（5 s，无预审；本机 1 分钟负载 ${loadavg()[0]?.toFixed(1)}，${availableParallelism()} 核）：`);
    log(line('GET /health', idle.health, idle.errors.health));
    log(line('页面 GET /reviews', idle.page, idle.errors.page));

    // three rounds of 20 at once
    const x = newSamples();
    let release!: () => void;
    const stop = new Promise<void>((r) => (release = r));
    const sampling = sampler(s, () => x, stop);
    const t1 = performance.now();
    for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => review(s, text, () => x, round * CONCURRENT + i)));
    release();
    await sampling;
    report(log, `3 轮 × ${CONCURRENT} 个并发预审，用时 ${((performance.now() - t1) / 1000).toFixed(1)} s；服务器 RSS ${rssMb(s.child.pid).toFixed(0)} MB`, x);

    const seconds = Math.min(SOAK_MAX_S, Math.max(0, Math.floor(options.soakSeconds ?? 0)));
    if (seconds > 0) await soak(log, s, text, seconds);

    const atEnd = rssMb(s.child.pid);
    const idleAfter = await idleRss(s, IDLE_MS + 5000);
    log(`服务器空闲 RSS：负载前 ${idleBefore.toFixed(0)} MB；负载结束时 ${atEnd.toFixed(0)} MB；空闲 ${((IDLE_MS + 5000) / 1000).toFixed(0)} s（工作线程空闲 ${(IDLE_MS / 1000).toFixed(0)} s 后退出）后 ${idleAfter.toFixed(0)} MB（issue 15 目标 ≤ 250 MB：${idleAfter <= 250 ? '达到' : '未达到'}；${partsLine(s.child.pid, s.mem())}）`);
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    rmSync(s.dir, { recursive: true, force: true });
  }
}

/** 20 reviewers in a loop for `seconds` (and at most SOAK_MAX_REVIEWS reviews), RSS every 30 s. */
async function soak(log: Log, s: Server, text: string, seconds: number): Promise<void> {
  log(`\n持续负载 ${seconds} s：${CONCURRENT} 个预审者循环提交，每 30 s 输出一次（该时段的分位数与服务器 RSS）；开始时本机负载 ${loadNow()}（1/5/15 分钟，${availableParallelism()} 核）`);
  const end = performance.now() + seconds * 1000;
  const all = newSamples();
  let window = newSamples();
  const both = (): Samples => window;
  let count = 0;
  let release!: () => void;
  const stop = new Promise<void>((r) => (release = r));
  const sampling = sampler(s, both, stop);
  const rss: number[] = [];
  /** [seconds since the start, MB] every 5 s, for the verdict; the same for the main thread's heap and the workers' heaps. */
  const points: [number, number][] = [];
  const mainHeap: [number, number][] = [];
  const workerHeap: [number, number][] = [];
  const native: [number, number][] = [];
  const started = performance.now();
  const every5 = setInterval(() => {
    const t = (performance.now() - started) / 1000;
    points.push([t, rssMb(s.child.pid)]);
    const m = s.mem();
    if (m) {
      mainHeap.push([t, m.heapTotal + m.external]);
      workerHeap.push([t, m.workers.reduce((a, w) => a + w.total + w.external, 0)]);
      native.push([t, nativeMb(statusMb(s.child.pid, 'RssAnon'), m)]);
    }
  }, 5000);
  const tick = setInterval(() => {
    const w = window;
    window = newSamples();
    for (const k of ['health', 'page', 'reviews'] as const) {
      all[k].push(...w[k]);
      all.errors[k] += w.errors[k];
    }
    for (const [k, v] of w.statuses) all.statuses.set(k, (all.statuses.get(k) ?? 0) + v);
    const mb = rssMb(s.child.pid);
    rss.push(mb);
    log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(5)} s  RSS ${mb.toFixed(0).padStart(5)} MB  预审 ${String(w.reviews.length).padStart(4)} 份（p95 ${pct(w.reviews, 95).toFixed(0)} ms）  /health p95 ${pct(w.health, 95).toFixed(0)} ms  页面 p95 ${pct(w.page, 95).toFixed(0)} ms  错误 ${w.errors.reviews + w.errors.health + w.errors.page}`);
    log(`         ${partsLine(s.child.pid, s.mem())}`);
  }, 30_000);
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (performance.now() < end && count < SOAK_MAX_REVIEWS) await review(s, text, both, count++);
    }),
  );
  clearInterval(tick);
  clearInterval(every5);
  release();
  await sampling;
  for (const k of ['health', 'page', 'reviews'] as const) {
    all[k].push(...window[k]);
    all.errors[k] += window.errors[k];
  }
  report(log, `持续负载合计：${count} 份预审，RSS 起 ${(rss[0] ?? NaN).toFixed(0)} MB → 止 ${(rss.at(-1) ?? NaN).toFixed(0)} MB（最高 ${Math.max(...rss).toFixed(0)} MB）`, all);
  log(`${rssVerdict(points, warmUpSeconds(seconds))}；结束时本机负载 ${loadNow()}`);
  const warm = warmUpSeconds(seconds);
  log(`  各部分斜率（预热 ${warm} s 之后）：主线程堆+external ${fmtSlope(slopePerMin(mainHeap.filter(([x]) => x > warm)))}，工作线程堆+external 合计 ${fmtSlope(slopePerMin(workerHeap.filter(([x]) => x > warm)))}，其余本机内存（匿名 RSS 减各堆）${fmtSlope(slopePerMin(native.filter(([x]) => x > warm)))}`);
}

/** The first part of a soak left out of the verdict: the pool starts its workers, V8 and SQLite size their heaps and caches. */
export function warmUpSeconds(soakSeconds: number): number {
  return Math.min(60, Math.floor(soakSeconds / 5));
}

/** Least-squares slope in MB per minute of [seconds, MB] points (NaN for fewer than 2). */
export function slopePerMin(points: readonly [number, number][]): number {
  const ok = points.filter(([, mb]) => Number.isFinite(mb));
  const n = ok.length;
  if (n < 2) return NaN;
  const mx = ok.reduce((a, [x]) => a + x, 0) / n;
  const my = ok.reduce((a, [, y]) => a + y, 0) / n;
  return (ok.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / ok.reduce((a, [x]) => a + (x - mx) ** 2, 0)) * 60;
}

const fmtSlope = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(1)} MB/分钟` : '—');

/**
 * The soak's verdict on RSS, after the warm-up: the least-squares slope (MB per minute) of the
 * samples taken after `warmUpS`, and the first minute after the warm-up against the last minute.
 * Stable: slope < STABLE_MB_PER_MIN and the last minute within STABLE_LAST_VS_FIRST of the first.
 * The slope over the whole soak, warm-up included, is printed beside it.
 */
export function rssVerdict(points: readonly [number, number][], warmUpS = 0): string {
  const all = points.filter(([, mb]) => Number.isFinite(mb));
  const ok = all.filter(([x]) => x > warmUpS);
  if (ok.length < 4) return 'RSS 判定：样本不足';
  const n = ok.length;
  const slope = slopePerMin(ok);
  const whole = slopePerMin(all);
  const from = ok[0]?.[0] ?? 0;
  const end = ok[n - 1]?.[0] ?? 0;
  const mean = (xs: [number, number][]) => xs.reduce((a, [, y]) => a + y, 0) / Math.max(1, xs.length);
  const first = mean(ok.filter(([x]) => x <= from + 60));
  const last = mean(ok.filter(([x]) => x > end - 60));
  const stable = slope < STABLE_MB_PER_MIN && last <= first * (1 + STABLE_LAST_VS_FIRST);
  return `RSS 判定（预热 ${warmUpS} s 之后，${((end - from) / 60).toFixed(1)} 分钟）：${n} 个样本（每 5 s），斜率 ${fmtSlope(slope)}（含预热 ${fmtSlope(whole)}）；预热后第一分钟平均 ${first.toFixed(0)} MB，最后一分钟平均 ${last.toFixed(0)} MB（${last >= first ? '+' : ''}${(((last - first) / first) * 100).toFixed(1)} %）→ ${stable ? '稳定' : '不稳定'}（稳定：斜率 < ${STABLE_MB_PER_MIN} MB/分钟且末分钟不超过首分钟 ${STABLE_LAST_VS_FIRST * 100} %）`;
}
