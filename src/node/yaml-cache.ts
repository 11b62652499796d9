/**
 * The rule files' YAML, parsed once and kept on disk as JSON: parsing the ~200 KB of rules with
 * the yaml package costs 0.5–2.5 s of every start, reading the cache 3 ms (measured; the rest of
 * compiling — zod, patterns — stays). One file per set of rule texts and fahu version, named by
 * the SHA-256 of both, so any edit of a rule file makes a new cache. The cache lives in
 * FAHU_CACHE_DIR, else $XDG_CACHE_HOME/fahu or ~/.cache/fahu; when it cannot be read or written,
 * YAML is parsed as before.
 *
 * Several installs share the directory (a test checkout beside the installed fahu, two versions
 * during an upgrade), each with its own rule texts: a cache file is never removed by another
 * install while it is in use. Every start that uses a file refreshes its time; only files unused
 * for STALE_DAYS are removed, and the newest MAX_FILES are always kept; beyond HARD_MAX_FILES even recent ones go. A missing, truncated or
 * corrupt file (or one that is not an object of parsed texts) is ignored and rebuilt; it is
 * written to a temporary name and renamed, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createRequire } from 'node:module';

const PREFIX = 'rules-yaml-';
/**
 * How a cache file is written: JSON in UTF-16LE, which is read back as a string without decoding (the 3 MB of the
 * validated rules and required literals, mostly Chinese: 3–4 ms instead of 17–23 ms for UTF-8). Part of the
 * file's name, so that an install writing the older UTF-8 files beside this one never reads its files (nor they
 * this one's).
 */
const ENCODING = 'utf16le';
/** The file's encoding and the form of its tables (rows in order, `table`): part of its name, like ENCODING. */
const FORMAT = `${ENCODING} rows-1`;

/** The yaml package, loaded on the first miss only (its import costs 30–90 ms of a start that has every text cached). */
let yamlParse: ((text: string) => unknown) | undefined;
const parse = (text: string): unknown => (yamlParse ??= (createRequire(import.meta.url)('yaml') as { parse: (t: string) => unknown }).parse)(text);
/** Cache files unused for this long are removed by the next start that writes one. */
export const STALE_DAYS = 14;
/** Cache files kept whatever their age (the newest first). */
export const MAX_FILES = 8;
/**
 * Beyond this many (the newest first) files are removed even if used within STALE_DAYS: a rule author's day of edits
 * writes a file per edit (measured: 1,432 files, 3.2 GB in one developer's cache), and a removed file is only rebuilt.
 */
export const HARD_MAX_FILES = 48;
const DAY_MS = 86_400_000;

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.FAHU_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'fahu');
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The SHA-256 of each text, as yamlCache's `hashes` (the loader makes two caches of the same texts: it hashes them once). */
export const textHashes = (texts: readonly string[]): string[] => texts.map(sha);

export interface YamlCache {
  parse: (text: string) => unknown;
  /** Writes the cache if anything was parsed anew; never throws. */
  save: () => void;
  /** Texts answered from the cache so far. */
  hits: () => number;
  /** The cache file of these texts. */
  file: string;
  /**
   * A table of values computed from the rule texts, kept in the same file (the required literals
   * of each rule regex): `get` answers undefined for a key not in it; `set` has the next save write it.
   * Kept as rows in the order they were asked for: a start asking in the same order reads them in turn.
   */
  table: (name: string, family?: TableFamily) => { get: (key: string) => unknown; set: (key: string, value: unknown) => void };
}

/**
 * Tables of one kind whose name changes with the code that computes them (the regex sources: named by a hash of the
 * expanding code): a table of the family written by this start is put last, and on the save only the `keep` written
 * last are kept — the tables of code changed since are removed, not carried in the file for ever (two checkouts
 * sharing the file still keep one each with `keep` 2).
 */
export interface TableFamily {
  /** What every name of the family starts with (the name itself must, too). */
  prefix: string;
  /** Tables of the family kept, the one written last included (at least 1). */
  keep: number;
}

/** A row of a table: its key and its value. */
type Row = [string, unknown];
const isRow = (r: unknown): r is Row => Array.isArray(r) && r.length === 2 && typeof r[0] === 'string';

function readEntries(file: string): Record<string, unknown> {
  try {
    const value = JSON.parse(readFileSync(file, ENCODING)) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      // in use: other installs' pruning keeps it (a read-only directory: never mind)
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        /* read-only */
      }
      return value as Record<string, unknown>;
    }
  } catch {
    // no cache yet, or unreadable / corrupt: parse, and write it anew
  }
  return {};
}

/** Removes this install's and other installs' cache files unused for STALE_DAYS beyond the newest MAX_FILES, and any beyond the newest HARD_MAX_FILES. */
export function pruneCache(dir: string, keep: string, now = Date.now()): string[] {
  const removed: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && join(dir, f) !== keep)
    .map((f) => {
      try {
        return { f, mtime: statSync(join(dir, f)).mtimeMs };
      } catch {
        return undefined; // removed meanwhile
      }
    })
    .filter((x): x is { f: string; mtime: number } => x !== undefined)
    .sort((a, b) => b.mtime - a.mtime);
  files.forEach(({ f, mtime }, i) => {
    // a .tmp left by a process that died while writing is stale after a day
    const stale = f.endsWith('.tmp') ? now - mtime > DAY_MS : i >= HARD_MAX_FILES - 1 || (now - mtime > STALE_DAYS * DAY_MS && i >= MAX_FILES - 1);
    if (!stale) return;
    try {
      unlinkSync(join(dir, f));
      removed.push(f);
    } catch {
      // another start removed it first
    }
  });
  return removed;
}

/** `texts`: every YAML text that will be parsed (the cache key, with `version`); `hashes`: theirs (textHashes), if known. */
export function yamlCache(texts: readonly string[], dir = cacheDir(), version = '', hashes: readonly string[] = textHashes(texts)): YamlCache {
  const key = sha(`${FORMAT}\n${version}\n${hashes.join('\n')}`);
  const file = join(dir, `${PREFIX}${key.slice(0, 32)}.json`);
  // read on first use: a start that needs no parsed text (every rule file validated before, rule-files.ts) reads nothing
  let read: Record<string, unknown> | undefined;
  const all = () => (read ??= readEntries(file));
  // in use even when not read: other installs' pruning keeps it
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    /* none yet, or read-only */
  }
  let fresh = false;
  let hits = 0;
  const changed = new Set<{ write: () => void }>();
  return {
    file,
    parse(text) {
      const entries = all();
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
        for (const t of changed) t.write();
        changed.clear();
        writeFileSync(tmp, Buffer.from(JSON.stringify(all()), ENCODING));
        renameSync(tmp, file);
        fresh = false;
        pruneCache(dir, file);
      } catch {
        // a read-only home: parse next time too
      }
    },
    hits: () => hits,
    table(name, family) {
      // "rows:" never starts a SHA-256 key of a parsed text
      const id = `rows:${name}`;
      if (family && !name.startsWith(family.prefix)) throw new Error(`table ${name} is not of the family ${family.prefix}`);
      const entries = all();
      const stored = entries[id];
      const rows = Array.isArray(stored) ? stored.filter(isRow) : [];
      // the rows in the order this start asks for them: the next start, asking in the same order, finds each at
      // the cursor by one comparison of its key (no object of 10,000 long keys to parse, nor a lookup by hash)
      let at = 0;
      let byKey: Map<string, number> | undefined;
      const asked: Row[] = [];
      const table = {
        get(key: string): unknown {
          const row = rows[at];
          if (row !== undefined && row[0] === key) {
            at++;
            asked.push(row);
            return row[1];
          }
          // out of the stored order (the rules asked in another order): by key, and written in this order next save
          byKey ??= new Map(rows.map((r, i) => [r[0], i]));
          const i = byKey.get(key);
          if (i === undefined) return undefined;
          at = i + 1;
          asked.push(rows[i] as Row);
          changed.add(table);
          fresh = true;
          return (rows[i] as Row)[1];
        },
        set(key: string, value: unknown) {
          asked.push([key, value]);
          changed.add(table);
          fresh = true;
        },
        /** The rows to write: those asked for, in that order (the last value of a key), then those not asked for. */
        write() {
          const out = new Map<string, unknown>();
          for (const [k, v] of asked) out.set(k, v);
          for (const [k, v] of rows) if (!out.has(k)) out.set(k, v);
          if (!family) {
            entries[id] = [...out];
            return;
          }
          // last in the file's order (the one written last), then only the newest `keep` of the family stay
          delete entries[id];
          entries[id] = [...out];
          const kin = Object.keys(entries).filter((k) => k.startsWith(`rows:${family.prefix}`));
          for (const k of kin.slice(0, Math.max(0, kin.length - Math.max(1, family.keep)))) delete entries[k];
        },
      };
      return table;
    },
  };
}
