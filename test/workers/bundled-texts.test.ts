/**
 * The Worker has no file system: src/workers/texts.ts imports every rule file as a text module.
 * A rule file added to rules/ but not listed there would load on Node and be silently missing on
 * Workers (r9-agree's rules/agreements.yaml nearly was), so this compares the two. texts.ts imports
 * .yaml as wrangler Text modules, which Node cannot import: the test reads its source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const textsSource = readFileSync(join(root, 'src/workers/texts.ts'), 'utf8');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [relative(root, path)] : [];
  });
}

/** Paths texts.ts imports, relative to the project root. */
const imported = new Set([...textsSource.matchAll(/from '\.\.\/\.\.\/([^']+)'/g)].map((m) => m[1]));
/** Files RULE_SOURCES names. */
const listed = new Set([...textsSource.matchAll(/file: '([^']+)'/g)].map((m) => m[1]));

describe('the texts bundled into the Worker', () => {
  const onDisk = yamlFiles(join(root, 'rules')).sort();

  it('import every rule file under rules/', () => {
    expect(onDisk.length).toBeGreaterThan(10);
    expect(onDisk.filter((f) => !imported.has(f))).toEqual([]);
  });

  it('list every rule file that is not a shared definition file in RULE_SOURCES, and nothing else', () => {
    const ruleFiles = onDisk.filter((f) => f !== 'rules/shared.yaml' && !f.startsWith('rules/shared/') && f !== 'rules/vocabulary.yaml');
    expect([...listed].sort()).toEqual(ruleFiles);
  });

  it('import the legal dictionary and the place table the Node side reads', () => {
    expect(imported.has('rules/dict/legal-terms.dict')).toBe(true);
    expect(imported.has('corpus/places/divisions.tsv')).toBe(true);
  });
});
