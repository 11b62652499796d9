/** The on-disk cache of the rule files' parsed YAML (src/node/yaml-cache.ts). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ruleSources, sharedDefinitions } from '../../src/node/rule-files.js';
import { HARD_MAX_FILES, MAX_FILES, pruneCache, STALE_DAYS, yamlCache } from '../../src/node/yaml-cache.js';

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

  it('keeps a table of computed values (the rule regexes\' required literals) in the same file', () => {
    const own = mkdtempSync(join(dir, 'table-'));
    const first = yamlCache(['x: 1\n'], own);
    first.parse('x: 1\n');
    const literals = first.table('required-literals-test');
    expect(literals.get('g/本地|本县')).toBeUndefined();
    literals.set('g/本地|本县', ['本地', '本县']);
    literals.set('g/\\d+', null);
    first.save();
    const second = yamlCache(['x: 1\n'], own).table('required-literals-test');
    expect(second.get('g/本地|本县')).toEqual(['本地', '本县']);
    expect(second.get('g/\\d+')).toBeNull();
    expect(second.get('g/外地')).toBeUndefined();
  });

  it('starts a new cache when a rule text or the version changes, and leaves the other install\'s cache in place', () => {
    const edited = [...texts.slice(1), 'rules: []\n'];
    const cache = yamlCache(edited, dir);
    edited.forEach((t) => cache.parse(t));
    expect(cache.hits()).toBe(0);
    cache.save();
    // two installs sharing the directory: neither removes the other's file (a miss costs ~1.8 s a start)
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    const original = yamlCache(texts, dir);
    expect(original.parse(texts[0] as string)).toEqual(parse(texts[0] as string));
    expect(original.hits()).toBe(1);
    const otherVersion = yamlCache(texts, dir, '9.9.9');
    expect(otherVersion.file).not.toBe(original.file);
    expect(otherVersion.parse(texts[0] as string)).toEqual(parse(texts[0] as string));
    expect(otherVersion.hits()).toBe(0);
  });

  it('writes the file as UTF-16LE JSON (read back without decoding), lone surrogates and all', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-utf16-'));
    const first = yamlCache(['x: 1\n'], own);
    first.parse('x: 1\n');
    first.table('t').set('本地\ud800', ['外地', '\udc00']);
    first.save();
    const bytes = readFileSync(first.file);
    expect(bytes.byteLength % 2).toBe(0);
    expect((JSON.parse(bytes.toString('utf16le')) as Record<string, unknown>)['rows:t']).toEqual([['本地\ud800', ['外地', '\udc00']]]);
    expect(yamlCache(['x: 1\n'], own).table('t').get('本地\ud800')).toEqual(['外地', '\udc00']);
    rmSync(own, { recursive: true });
  });

  it('keeps a table\'s rows in the order asked: read in turn, found out of order too, and then written in the new order', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-rows-'));
    const first = yamlCache(['x: 1\n'], own);
    first.parse('x: 1\n');
    const t = first.table('t');
    for (const k of ['a', 'b', 'c']) t.set(k, k.toUpperCase());
    t.set('b', 'B2');
    first.save();
    const rowsOf = (file: string) => (JSON.parse(readFileSync(file).toString('utf16le')) as Record<string, unknown>)['rows:t'];
    expect(rowsOf(first.file)).toEqual([['a', 'A'], ['b', 'B2'], ['c', 'C']]);
    const second = yamlCache(['x: 1\n'], own);
    const u = second.table('t');
    expect(['c', 'zz', 'a', 'b'].map((k) => u.get(k))).toEqual(['C', undefined, 'A', 'B2']);
    second.save();
    expect(rowsOf(second.file)).toEqual([['c', 'C'], ['a', 'A'], ['b', 'B2']]);
    const third = yamlCache(['x: 1\n'], own).table('t');
    expect(['c', 'a', 'b'].map((k) => third.get(k))).toEqual(['C', 'A', 'B2']);
    rmSync(own, { recursive: true });
  });

  it('keeps only the newest tables of a family (the regex sources of code changed since are removed), and other tables', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-family-'));
    const family = { prefix: 'sources-', keep: 2 };
    const tablesOf = (file: string) => Object.keys(JSON.parse(readFileSync(file).toString('utf16le')) as Record<string, unknown>).filter((k) => k.startsWith('rows:')).sort();
    // four versions of the code, one after another, each writing its own table beside a table of another name
    for (const code of ['a', 'b', 'c', 'd']) {
      const cache = yamlCache(['x: 1\n'], own);
      cache.parse('x: 1\n');
      cache.table(`sources-${code}`, family).set('k', code);
      if (code === 'a') cache.table('literals').set('k', 'L');
      cache.save();
    }
    const file = yamlCache(['x: 1\n'], own).file;
    expect(tablesOf(file)).toEqual(['rows:literals', 'rows:sources-c', 'rows:sources-d']);
    // the table written last is kept, whichever it is: c again (a checkout of that code) drops the older of the others
    const again = yamlCache(['x: 1\n'], own);
    expect(again.table('sources-c', family).get('k')).toBe('c');
    again.table('sources-e', family).set('k', 'e');
    again.table('sources-c', family).set('k2', 'c2');
    again.save();
    expect(tablesOf(file)).toEqual(['rows:literals', 'rows:sources-c', 'rows:sources-e']);
    const last = yamlCache(['x: 1\n'], own);
    expect([last.table('sources-c', family).get('k'), last.table('literals').get('k')]).toEqual(['c', 'L']);
    // a table read and not changed is not rewritten, and nothing of the family is removed for it
    last.save();
    expect(tablesOf(file)).toEqual(['rows:literals', 'rows:sources-c', 'rows:sources-e']);
    expect(() => last.table('other', family)).toThrow();
    rmSync(own, { recursive: true });
  });

  it('removes only files unused for STALE_DAYS beyond the newest MAX_FILES, and refreshes the one in use', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-prune-'));
    const now = Date.now();
    const old = new Date(now - (STALE_DAYS + 1) * 86_400_000);
    const names = Array.from({ length: MAX_FILES + 3 }, (_, i) => `rules-yaml-${String(i).padStart(32, '0')}.json`);
    names.forEach((n, i) => {
      writeFileSync(join(own, n), '{}');
      // the first two were used recently, the rest long ago (older the later)
      const t = i < 2 ? new Date(now - i * 1000) : new Date(old.getTime() - i * 1000);
      utimesSync(join(own, n), t, t);
    });
    writeFileSync(join(own, 'unrelated.json'), '{}');
    const keep = join(own, names[names.length - 1] as string);
    const removed = pruneCache(own, keep, now);
    const left = readdirSync(own);
    expect(left).toContain('unrelated.json');
    expect(left).toContain(names[names.length - 1]);
    expect(left).toContain(names[0]);
    expect(left).toContain(names[1]);
    expect(left.filter((f) => f.startsWith('rules-yaml-'))).toHaveLength(MAX_FILES);
    expect(removed).toHaveLength(names.length - MAX_FILES);
    // reading a file marks it as used
    const c = yamlCache(['x: 1\n'], own);
    c.parse('x: 1\n');
    c.save();
    utimesSync(c.file, old, old);
    yamlCache(['x: 1\n'], own);
    expect(statSync(c.file).mtimeMs).toBeGreaterThan(now - 60_000);
    rmSync(own, { recursive: true });
  });

  it('keeps no more than HARD_MAX_FILES however recently they were used (a day of rule edits)', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-hard-'));
    const now = Date.now();
    const names = Array.from({ length: HARD_MAX_FILES + 5 }, (_, i) => `rules-yaml-${String(i).padStart(32, '0')}.json`);
    names.forEach((n, i) => {
      writeFileSync(join(own, n), '{}');
      const t = new Date(now - i * 60_000); // all used within the last hour, the first most recently
      utimesSync(join(own, n), t, t);
    });
    const keep = join(own, names[names.length - 1] as string);
    const removed = pruneCache(own, keep, now);
    const left = readdirSync(own);
    expect(left).toHaveLength(HARD_MAX_FILES);
    expect(left).toContain(names[names.length - 1]);
    expect(left).toContain(names[0]);
    expect(removed).toEqual(names.slice(HARD_MAX_FILES - 1, names.length - 1));
    rmSync(own, { recursive: true });
  });

  it('rebuilds a corrupt or truncated cache file', () => {
    const own = mkdtempSync(join(tmpdir(), 'fahu-yaml-corrupt-'));
    const text = 'c: [1, 2]\n';
    const first = yamlCache([text], own);
    first.parse(text);
    first.save();
    for (const bad of ['{"trunc', '[1,2]', 'null', '']) {
      writeFileSync(first.file, bad);
      const c = yamlCache([text], own);
      expect(c.parse(text)).toEqual({ c: [1, 2] });
      expect(c.hits()).toBe(0);
      c.save();
      const again = yamlCache([text], own);
      expect(again.parse(text)).toEqual({ c: [1, 2] });
      expect(again.hits()).toBe(1);
    }
    rmSync(own, { recursive: true });
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
