#!/usr/bin/env node
/**
 * What `npm test` needs besides node_modules, provisioned before it runs (npm runs this as
 * `pretest`; `.ci/run` calls it too):
 *   chromium                  the browser tests (test/browser/, playwright-core drives it)
 *   fonts-wqy-microhei        a Chinese font, so their screenshots show text, not boxes
 *   libreoffice-writer-nogui  fixtures from .docx to .doc/.pdf (npm run fixtures)
 *   poppler-utils             checking those PDFs (pdftotext)
 * Plain Node (it runs before anything is compiled), no download of its own: Debian packages
 * through apt-get only.
 *
 * Present: nothing happens. Missing, and root (or password-less sudo) with apt-get: installs
 * them. Otherwise it prints one line saying what to install and exits 0; the browser tests then
 * skip with that reason, the rest run. FAHU_REQUIRE_BROWSER=1 (set by .ci/run) turns both
 * into failures instead. FAHU_PROVISION_DRY_RUN=1 prints the command without running it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasChineseFont = () => {
  try {
    return /wqy|noto\s*(sans|serif)\s*cjk|source han/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
};

const NEEDS = [
  { pkg: 'chromium', browser: true, present: () => existsSync(CHROMIUM) },
  { pkg: 'fonts-wqy-microhei', browser: true, present: hasChineseFont },
  { pkg: 'libreoffice-writer-nogui', browser: false, present: () => onPath('soffice') },
  { pkg: 'poppler-utils', browser: false, present: () => onPath('pdftotext') },
];

const required = process.env.FAHU_REQUIRE_BROWSER === '1';
const missing = () => NEEDS.filter((n) => !n.present());

function report(left) {
  const pkgs = left.map((n) => n.pkg).join(' ');
  const browserGone = left.some((n) => n.browser && n.pkg === 'chromium');
  const line = `测试环境缺少 ${pkgs}：请以 root 运行 apt-get install -y ${pkgs}${browserGone ? '（在此之前浏览器测试将跳过）' : ''} · missing ${pkgs}: run apt-get install -y ${pkgs} as root${browserGone ? ' (browser tests are skipped until then)' : ''}`;
  console.error(line);
  process.exit(required && left.some((n) => n.browser) ? 1 : 0);
}

const left = missing();
if (left.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!onPath('apt-get') || (!root && !sudo)) report(left);

const prefix = root ? [] : ['sudo', '-n'];
const pkgs = left.map((n) => n.pkg);
const steps = [
  [...prefix, 'apt-get', 'update', '-qq'],
  [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...pkgs],
];
if (process.env.FAHU_PROVISION_DRY_RUN === '1') {
  for (const s of steps) console.log(`would run: ${s.join(' ')}`);
  process.exit(0);
}
console.error(`安装测试所需的 Debian 软件包 · installing: ${pkgs.join(' ')}`);
for (const [cmd, ...args] of steps) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) break;
}
const still = missing();
if (still.length) report(still);
