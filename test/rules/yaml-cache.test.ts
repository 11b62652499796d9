/** The on-disk cache of the rule files' parsed YAML (src/node/yaml-cache.ts). */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ruleSources, sharedDefinitions } from '../../src/node/rule-files.js';
import { yamlCache } from '../../src/node/yaml-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'fahu-yaml-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yaml cache', () => {
  const texts = [...ruleSources().map((s) => s.content), ...sharedDefinitions()];

  it('answers the second start from disk with what the yaml package parses', () => {
    const first = yamlCache(texts, dir);
    const parsed = texts.map((t) => first.parse(t));
    expect(first.hits()).toBe(0);
    first.save();
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const second = yamlCache(texts, dir);
    const again = texts.map((t) => second.parse(t));
    expect(second.hits()).toBe(texts.length);
    expect(again).toEqual(parsed);
    expect(again).toEqual(texts.map((t) => parse(t) as unknown));
  });

  it('starts a new cache when a rule text changes, and removes the old one', () => {
    const edited = [...texts.slice(1), 'rules: []\n'];
    const cache = yamlCache(edited, dir);
    edited.forEach((t) => cache.parse(t));
    expect(cache.hits()).toBe(0);
    cache.save();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(1);
    expect(yamlCache(texts, dir).parse(texts[0] as string)).toEqual(parse(texts[0] as string));
  });

  it('does not cache what JSON would change (.inf), and survives an unwritable directory', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-inf-'));
    const text = 'a: .inf\n';
    const c = yamlCache([text], own);
    expect(c.parse(text)).toEqual({ a: Infinity });
    c.save();
    expect(readdirSync(own)).toHaveLength(0);
    rmSync(own, { recursive: true });
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const d = yamlCache(['b: 1\n'], join(blocker, 'sub'));
    expect(d.parse('b: 1\n')).toEqual({ b: 1 });
    expect(() => d.save()).not.toThrow();
  });
});
