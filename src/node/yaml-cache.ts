/**
 * The rule files' YAML, parsed once and kept on disk as JSON: parsing the ~200 KB of rules with
 * the yaml package costs 0.5–2.5 s of every start, reading the cache 3 ms (measured; the rest of
 * compiling — zod, patterns — stays). One file per set of rule texts, named by the SHA-256 of all
 * of them, so any edit of a rule file makes a new cache and the old one is removed. A value that
 * JSON would not keep as it is is never cached. The cache lives in FAHU_CACHE_DIR, else
 * $XDG_CACHE_HOME/fahu or ~/.cache/fahu; when it cannot be read or written, YAML is parsed as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const PREFIX = 'rules-yaml-';

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FAHU_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'fahu');
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export interface YamlCache {
  parse: (text: string) => unknown;
  /** Writes the cache if anything was parsed anew; never throws. */
  save: () => void;
  /** Texts answered from the cache so far. */
  hits: () => number;
}

/** `texts`: every YAML text that will be parsed (the cache key). */
export function yamlCache(texts: readonly string[], dir = cacheDir()): YamlCache {
  const key = sha(texts.map(sha).join('\n'));
  const file = join(dir, `${PREFIX}${key.slice(0, 32)}.json`);
  let entries: Record<string, unknown> = {};
  try {
    entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // no cache yet (or unreadable): parse
  }
  let fresh = false;
  let hits = 0;
  return {
    parse(text) {
      const id = sha(text);
      if (Object.prototype.hasOwnProperty.call(entries, id)) {
        hits++;
        return entries[id];
      }
      const value = parse(text) as unknown;
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(value ?? null)), value ?? null)) {
        entries[id] = value ?? null;
        fresh = true;
      }
      return value;
    },
    save() {
      if (!fresh) return;
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entries));
        renameSync(tmp, file);
        for (const f of readdirSync(dir)) if (f.startsWith(PREFIX) && join(dir, f) !== file && !f.endsWith('.tmp')) unlinkSync(join(dir, f));
        fresh = false;
      } catch {
        // a read-only home: parse next time too
      }
    },
    hits: () => hits,
  };
}
