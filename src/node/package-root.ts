/** Finds files shipped with the package (rules/, corpus/, fixtures/) from src/ or dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'fahu') return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('fahu package root not found');
    dir = up;
  }
}

export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

let version: string | undefined;

/** fahu's version (package.json), e.g. for cache keys. */
export function packageVersion(): string {
  return (version ??= String((JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version?: string }).version ?? ''));
}
