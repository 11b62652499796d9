import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Adapter folders may use Node; everything else must run on Workers too. */
const ADAPTERS = ['src/node', 'src/cli'];
const NODE_ONLY_PACKAGES = ['nodejieba', 'better-sqlite3', '@hono/node-server', 'exceljs'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') || p.endsWith('.tsx') ? [p] : [];
  });
}

describe('the core uses web-standard APIs only', () => {
  const core = files('src').filter((f) => !ADAPTERS.some((a) => f.startsWith(a)));

  it('has core files to check', () => {
    expect(core.length).toBeGreaterThan(10);
  });

  it.each(core.map((f) => [relative('.', f)]))('%s imports nothing Node-only', (file) => {
    const source = readFileSync(file, 'utf8');
    const imports = [...source.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
    for (const spec of imports) {
      expect(spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
      expect(builtinModules.includes(spec), `${file} imports ${spec}`).toBe(false);
      expect(NODE_ONLY_PACKAGES.includes(spec), `${file} imports ${spec}`).toBe(false);
      expect(/\.\.\/(node|cli)\//.test(spec), `${file} imports adapter ${spec}`).toBe(false);
    }
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    expect(/\b(Buffer|process)\.\w/.test(code), `${file} uses Buffer or process`).toBe(false);
  });
});
