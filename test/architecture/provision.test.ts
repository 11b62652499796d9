/** The pretest step (scripts/provision-test-env.mjs): installs what the tests need, or says in one line what to install. */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = 'scripts/provision-test-env.mjs';
/**
 * The script as user nobody may read it: a checkout may sit in a directory only its owner can enter (a clone
 * into `mktemp -d` is 0700), so nobody runs a copy in a world-readable temporary folder (the script is self-contained).
 */
function scriptForNobody(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fahu-provision-'));
  chmodSync(dir, 0o755);
  const copy = join(dir, 'provision-test-env.mjs');
  copyFileSync(SCRIPT, copy);
  chmodSync(copy, 0o644);
  return copy;
}
const run = (env: Record<string, string>, asNobody = false) => {
  const cmd = asNobody ? 'runuser' : process.execPath;
  const args = asNobody ? ['-u', 'nobody', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, scriptForNobody()] : [SCRIPT];
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasRunuser = spawnSync('sh', ['-c', 'command -v runuser'], { stdio: 'ignore' }).status === 0;

describe('the pretest provisioning step', () => {
  it('is what npm test and .ci/run run first, and the native packages’ install scripts are allowed', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; allowScripts: Record<string, boolean> };
    expect(pkg.scripts['pretest']).toBe(`node ${SCRIPT}`);
    expect(readFileSync('.ci/run', 'utf8')).toContain(`node ${SCRIPT}`);
    expect(pkg.allowScripts).toMatchObject({ nodejieba: true, 'better-sqlite3': true, esbuild: true, workerd: true });
  });

  it('decides every install script in the lock file, so npm 11 warns of none not yet covered by allowScripts', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts: Record<string, boolean> };
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean; name?: string }> };
    // the lock file keeps no registry URL (omit-lockfile-registry-resolved): npm matches by the folder's package name
    const withScripts = Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.hasInstallScript).map(([path, p]) => p.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    expect([...new Set(withScripts)].filter((name) => typeof pkg.allowScripts[name] !== 'boolean')).toEqual([]);
  });

  it('plans an apt-get install of what is missing', () => {
    const r = run({ CHROMIUM_PATH: '/nonexistent/chromium', FAHU_PROVISION_DRY_RUN: '1' });
    expect(r.code).toBe(0);
    // as root (or with sudo) the plan, otherwise the one line saying what to install
    expect(r.out + r.err).toMatch(/apt-get install .*\bchromium\b/);
  });

  it.skipIf(!isRoot || !hasRunuser)('without root: one clear line, exit 0 (browser tests skip), or exit 1 when the browser is required', () => {
    // FAHU_REQUIRE_BROWSER set to 0: .ci/run exports 1 for the whole run, and the child inherits it
    const soft = run({ CHROMIUM_PATH: '/nonexistent/chromium', FAHU_REQUIRE_BROWSER: '0' }, true);
    expect(soft.code).toBe(0);
    expect(soft.err.trim().split('\n')).toHaveLength(1);
    expect(soft.err).toContain('apt-get install -y chromium');
    const hard = run({ CHROMIUM_PATH: '/nonexistent/chromium', FAHU_REQUIRE_BROWSER: '1' }, true);
    expect(hard.code).toBe(1);
  });
});
