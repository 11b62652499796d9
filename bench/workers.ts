/**
 * `npm run bench:workers`: the Worker measured against the Workers platform limits.
 *
 *   bundle      `wrangler deploy --dry-run` output, gzip-compressed (limit: 3 MB free, 10 MB paid)
 *   cold start  the first request of a fresh isolate on an empty local D1 (migrations, seeding),
 *               then, on a migrated D1, a new isolate's first /health against its first review
 *               (jieba-wasm, the rules and the decision index load on first use)
 *   review      wall time in workerd (wrangler dev) of POST /api/review with a 20,000- and a
 *               60,000-character draft, and of uploading the 60,000-character .docx; workerd's own
 *               clock stops between I/O, so the Worker cannot time itself: wall from outside is an
 *               upper bound of CPU. Beside it the CPU time (process.cpuUsage) of the same review in
 *               Node with the same jieba-wasm, rules and code.
 *   memory      the workerd process's resident memory after the reviews (one isolate; limit 128 MB
 *               per isolate, which the process figure includes plus the runtime itself)
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as jiebaWasm from 'jieba-wasm';
import { ingestBytes, ingestText } from '../src/ingest/ingest.js';
import { LEGAL_USER_DICT } from '../src/node/jieba-segmenter.js';
import { packagePath } from '../src/node/package-root.js';
import { loadRuleSet } from '../src/node/rule-files.js';
import { review } from '../src/review/review.js';
import { wasmSegmenter, type JiebaWasm } from '../src/workers/wasm-segmenter.js';

const ROOT = packagePath();
const WRANGLER = join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const ADMIN = { name: 'benchadmin', password: 'bench-pass-123' };
const MB = 1024 * 1024;

/** What the upload is made of: the wasm of jieba-wasm (its dictionary compiled in), the place table, the script, the rest. */
function partOf(file: string): string {
  if (file.endsWith('.wasm')) return 'jieba-wasm（含内置词典）';
  if (file.endsWith('divisions.tsv')) return '行政区划表 divisions.tsv';
  if (file.endsWith('.js')) return 'worker.js（应用代码与库，已压缩）';
  return '规则、法律文本与公开案例';
}

function bundleSize(): { raw: number; gzip: number; parts: Map<string, number> } {
  const out = mkdtempSync(join(tmpdir(), 'fahu-bundle-'));
  try {
    execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', out], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    let raw = 0;
    let gzip = 0;
    const parts = new Map<string, number>();
    for (const f of readdirSync(out)) {
      const p = join(out, f);
      if (!statSync(p).isFile() || f.endsWith('.map') || f === 'README.md') continue;
      const bytes = readFileSync(p);
      raw += bytes.length;
      const g = gzipSync(bytes, { level: 9 }).length;
      gzip += g;
      parts.set(partOf(f), (parts.get(partOf(f)) ?? 0) + g);
    }
    return { raw, gzip, parts };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function startDev(state: string): Promise<{ base: string; child: ChildProcess }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [WRANGLER, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--show-interactive-dev-session=false', '--var', `ADMIN_NAME:${ADMIN.name}`, '--var', `ADMIN_PASSWORD:${ADMIN.password}`, '--var', 'SECURE_COOKIES:0'], {
    cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev did not start:\n${out}`)), 120_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (/Ready on http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
  });
  return { base: `http://127.0.0.1:${port}`, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${base}/login`, { headers: { connection: 'close' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...ADMIN, _csrf: csrf }) });
  const cookie = cookieOf(res);
  const page = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '' };
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

/** Resident memory of the workerd processes under `root` (wrangler's process tree, from /proc), 0 where /proc is absent. */
function workerdRssMb(root: number): number {
  try {
    const parent = new Map<number, number>();
    for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // the process ended meanwhile
      }
    }
    const under = (pid: number): boolean => pid === root || (pid > 1 && under(parent.get(pid) ?? 0));
    let kb = 0;
    for (const pid of parent.keys()) {
      if (!under(pid)) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (/^Name:\s+workerd/m.test(status)) kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    return kb / 1024;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const size = bundleSize();
  console.log(`Worker 包体：${(size.raw / MB).toFixed(2)} MB，gzip 后 ${(size.gzip / MB).toFixed(2)} MB（上限：免费版 3 MB，付费版 10 MB）${size.gzip > 3 * MB ? ' — 超过免费版上限，需付费版（Workers Paid）' : ''}`);
  for (const [part, g] of [...size.parts].sort((a, b) => b[1] - a[1])) console.log(`  ${part}：gzip ${(g / MB).toFixed(2)} MB`);
  console.log('  免费版不可行的原因不止包体：一次审查的 CPU 在数百毫秒（见下），免费版每个请求只有 10 ms；付费版（10 MB、默认 30 秒 CPU）是合适的方案。去掉 jieba-wasm 的内置词典（改为在 JS 中按 dist/dict 的精简词典分词，或不带 default-dict 重新编译 jieba-rs）可降到约 1.3 MB。');

  const docxBytes = new Uint8Array(readFileSync(packagePath('fixtures', 'docx', 'long-draft-60k.docx')));
  const longText = (await ingestBytes(docxBytes, { fileName: 'long-draft-60k.docx' })).text;
  const drafts: [string, string][] = [['20,000 字', longText.slice(0, 20_000)], ['60,000 字', longText.slice(0, 60_000)]];

  // Node with the Worker's code: CPU of the same review, and the memory an isolate would hold (rules, jieba-wasm)
  const before = process.memoryUsage();
  const seg = wasmSegmenter(jiebaWasm as unknown as JiebaWasm, readFileSync(LEGAL_USER_DICT, 'utf8'));
  seg.cut('对外地企业实行差别待遇'); // the decision index's segmenter, held by the isolate (the rules cut no words)
  const rules = loadRuleSet();
  for (const [name, text] of drafts) {
    const cpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c = process.cpuUsage();
      review(ingestText(text), rules);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    console.log(`Node 审查 ${name}：CPU 中位 ${median(cpu).toFixed(0)} ms`);
  }
  const after = process.memoryUsage();
  const held = (after.heapUsed - before.heapUsed + after.external - before.external + after.arrayBuffers - before.arrayBuffers) / MB;
  console.log(`规则 + jieba-wasm（含 WebAssembly 内存）+ 一次 60,000 字审查后新增内存：约 ${held.toFixed(0)} MB（isolate 上限 128 MB${held > 128 ? '，已超过：应把审查放到独立的 Worker 或队列消费者' : ''}）`);

  const state = mkdtempSync(join(tmpdir(), 'fahu-bench-d1-'));
  let dev: { base: string; child: ChildProcess } | undefined;
  try {
    dev = await startDev(state);
    const first = dev.base;
    const [cold] = await timed(() => fetch(`${first}/health`).then((r) => r.text()));
    console.log(`冷启动（空 D1：建表、载入公开案例）：首个请求 ${cold.toFixed(0)} ms`);
    await stop(dev.child);
    dev = undefined;
    dev = await startDev(state);
    const second = dev.base;
    const [warmD1] = await timed(() => fetch(`${second}/health`).then((r) => r.text()));
    console.log(`冷启动（已建表的 D1，新的 isolate）：首个 /health ${warmD1.toFixed(0)} ms（迁移检查、会话密钥；jieba-wasm、规则和意见库索引推迟到首次审查）（平台限制：启动脚本 1 秒；本应用在首个请求中启动，计入该请求的 CPU）`);
    const s = await signIn(dev.base);
    const { base } = dev;
    const reviewOnce = (text: string) => fetch(`${base}/api/review`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    const clause = '外地企业在本区参与政府采购的，须在本区设立分支机构。';
    const [firstReview] = await timed(() => reviewOnce(clause).then((r) => r.text()));
    const [secondReview] = await timed(() => reviewOnce(clause).then((r) => r.text()));
    console.log(`同一 isolate 的首次审查（一句条款，含初始化 jieba-wasm、编译规则）：${firstReview.toFixed(0)} ms；第二次：${secondReview.toFixed(0)} ms`);
    for (const [name, text] of drafts) {
      const walls: number[] = [];
      for (let i = 0; i < 3; i++) {
        const [ms, res] = await timed(() => fetch(`${base}/api/review`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ text }) }));
        if (res.status !== 200) throw new Error(`POST /api/review ${res.status}: ${(await res.text()).slice(0, 200)}`);
        const body = (await res.json()) as { findings: unknown[] };
        if (i === 0) console.log(`  （${name}：${body.findings.length} 个问题）`);
        walls.push(ms);
      }
      console.log(`workerd 审查 ${name}（粘贴正文）：中位 ${median(walls).toFixed(0)} ms 墙钟（CPU 上限：付费版默认 30 秒，可调至 5 分钟；免费版 10 ms）`);
    }
    const walls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const form = new FormData();
      form.set('file', new File([docxBytes], `long-${i}.docx`));
      form.set('department', '区司法局');
      form.set('title', `长文件 ${i}`);
      form.set('again', '1');
      const [ms, res] = await timed(() => fetch(`${base}/api/reviews`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, body: form }));
      if (res.status >= 300) throw new Error(`POST /api/reviews ${res.status}: ${(await res.text()).slice(0, 200)}`);
      walls.push(ms);
    }
    console.log(`workerd 上传并审查 long-draft-60k.docx（Word 在 isolate 内读取，原件存入 R2）：中位 ${median(walls).toFixed(0)} ms 墙钟`);
    console.log(`workerd 进程常驻内存：${workerdRssMb(dev.child.pid ?? 0).toFixed(0)} MB（wrangler 启动的 workerd，含运行时本身；平台限制：每个 isolate 128 MB）`);
  } finally {
    if (dev) await stop(dev.child);
    rmSync(state, { recursive: true, force: true });
  }
}

await main();
