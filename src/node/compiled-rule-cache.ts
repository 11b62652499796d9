/**
 * The compiled rule set kept on disk (compile-rules.ts FrozenRuleSet), so that a start whose rule texts and
 * compiling code are those of an earlier start neither parses, validates nor compiles the rules: it reads one file
 * and the trie (trie-cache.ts), and each rule's patterns are compiled on the first sentence its gate lets through
 * (thawRules). Measured on the 60k .docx: compiling the 168 rules cost the main thread 250–350 ms; reading this file
 * and thawing a few ms, and the rules the draft opens (46) are compiled as they first run.
 *
 * One file per set of rule texts, fahu version and compiling code (every module of src/rules and src/annotate, this
 * one and the loader, zod's version): the SHA-256 of all of them names it, so any edit of a rule file, the shared
 * definitions or the vocabulary — or of the code — makes another file, and the old one is pruned with the YAML cache
 * (same prefix, yaml-cache.ts pruneCache). It lives in the cache directory (FAHU_CACHE_DIR, else $XDG_CACHE_HOME/fahu
 * or ~/.cache/fahu), never in the package (a read-only install: nothing is written, the rules are compiled each time).
 *
 * The file is UTF-16LE text (read back as one string without decoding): a magic line, the SHA-256 of the rest, the
 * header's length, the header (JSON: the rules' own fields, gates and triggers, the scanner's ids, the packs, the term
 * classes, and where each text is) and then the texts themselves one after another (patterns and blockers, examples,
 * shared definitions, regex sources), sliced out when first needed — the examples (450,000 characters) only by `rules
 * test` and coverage. A file that is missing, truncated, of another form or whose checksum does not match is ignored
 * and written anew (to a temporary name, then renamed).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { FrozenRule, FrozenRuleSet, ThawInput } from '../rules/rule-set-model.js';
import { readTrieOf, trieDigest } from './trie-cache.js';
import { cacheDir } from './yaml-cache.js';

const MAGIC = 'fahu compiled rules 1';

/** Where a text is in the file's body: its offset and length (UTF-16 units). */
type Ref = [number, number];

/** A rule as the header holds it: its texts and its gate's instructions (JSON) by where they are. */
type HeaderRule = Omit<FrozenRule, 'compile' | 'examples' | 'gate'> & { compile: Ref; examples: Ref; gate?: boolean | Ref };

interface Header {
  /** The scanner's count and unfiltered ids; its keys and further sets (JSON) by where they are. */
  scanner: { count: number; unfiltered: number[]; keys: Ref; more: Ref };
  trie: string;
  rules: HeaderRule[];
  packs: FrozenRuleSet['packs'];
  classes: FrozenRuleSet['classes'];
  shared: Ref;
  /** JSON of each source's keyHash and where it is ([hash, offset, length]). */
  sources: Ref;
}

/** The file of a key (a SHA-256 in hex, of the rule files, fahu's version and the code: rule-loader.ts). */
export function compiledRuleFile(key: string, dir = cacheDir()): string {
  return join(dir, `rules-yaml-compiled-${key.slice(0, 32)}.txt`);
}

/**
 * What names the compiled rules besides the rule texts: the text of every module in the directories of the
 * compiling code (src/rules, src/annotate) and of the node loaders given, with the extension of this module (.js, or
 * .ts under tsx/vitest). A file that cannot be read gives a name of its own (nothing is ever shared with it).
 */
export function codeFingerprint(extra: readonly URL[]): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const h = createHash('sha256');
  try {
    for (const dir of ['../rules/', '../annotate/']) {
      const url = new URL(dir, import.meta.url);
      for (const f of readdirSync(url).filter((x) => x.endsWith(ext)).sort()) h.update(`${dir}${f}\n`).update(readFileSync(new URL(f, url)));
    }
    for (const u of [new URL(import.meta.url), ...extra]) h.update(`${u.pathname}\n`).update(readFileSync(u));
  } catch {
    h.update(`unreadable ${process.pid} ${Date.now()} ${Math.random()}`);
  }
  return h.digest('hex');
}

/** Writes a frozen rule set to `file` (its trie must be in the trie cache of `dir` already); never throws. */
export function writeCompiledRules(file: string, frozen: FrozenRuleSet): boolean {
  try {
    // only what JSON gives back unchanged (a rule's fields are read back from JSON)
    if (frozen.rules.some((r) => !isDeepStrictEqual(JSON.parse(JSON.stringify(r.own)), r.own))) return false;
    const body: string[] = [];
    let at = 0;
    const put = (text: string): Ref => {
      body.push(text);
      const ref: Ref = [at, text.length];
      at += text.length;
      return ref;
    };
    const sources = frozen.sources.map(([h, s]) => [h, ...put(s)]);
    const header: Header = {
      scanner: { count: frozen.scanner.count, unfiltered: frozen.scanner.unfiltered, keys: put(JSON.stringify(frozen.scanner.keys)), more: put(JSON.stringify(frozen.scanner.more)) },
      trie: trieDigest(frozen.trie),
      rules: frozen.rules.map((r) => {
        const { gate, ...rest } = r;
        return { ...rest, compile: put(r.compile), examples: put(r.examples), ...(gate !== undefined ? { gate: typeof gate === 'boolean' ? gate : put(JSON.stringify(gate)) } : {}) };
      }),
      packs: frozen.packs,
      classes: frozen.classes,
      shared: put(frozen.shared),
      sources: put(JSON.stringify(sources)),
    };
    const rest = `${JSON.stringify(header)}${body.join('')}`;
    const headerLength = rest.length - at;
    const content = `${String(headerLength)}\n${rest}`;
    const text = `${MAGIC}\n${createHash('sha256').update(content, 'utf16le').digest('hex')}\n${content}`;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(text, 'utf16le'));
    renameSync(tmp, file);
    return true;
  } catch {
    return false; // a read-only cache directory: compiled next time too
  }
}

const isRef = (r: unknown, size: number): r is Ref => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && (r[0] as number) >= 0 && (r[1] as number) >= 0 && (r[0] as number) + (r[1] as number) <= size;

/** The compiled rules of `file` as thawRules takes them, if the file is there and sound; undefined otherwise. */
export function readCompiledRules(file: string): ThawInput | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const text = bytes.toString('utf16le');
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    if (first < 0 || second < 0 || text.slice(0, first) !== MAGIC) return undefined;
    const digest = text.slice(first + 1, second);
    // the checksum over the content's bytes as they are (no re-encoding)
    if (createHash('sha256').update(bytes.subarray(2 * (second + 1))).digest('hex') !== digest) return undefined;
    const third = text.indexOf('\n', second + 1);
    const headerLength = Number(text.slice(second + 1, third));
    const start = third + 1;
    if (!Number.isInteger(headerLength) || headerLength <= 0 || start + headerLength > text.length) return undefined;
    const header = JSON.parse(text.slice(start, start + headerLength)) as Header;
    const base = start + headerLength;
    const size = text.length - base;
    if (!header || !Array.isArray(header.rules) || !header.scanner || !Number.isInteger(header.scanner.count) || !Array.isArray(header.scanner.unfiltered)) return undefined;
    if (![header.shared, header.sources, header.scanner.keys, header.scanner.more].every((r) => isRef(r, size))) return undefined;
    if (header.rules.some((r) => !isRef(r.compile, size) || !isRef(r.examples, size) || !(r.gate === undefined || typeof r.gate === 'boolean' || isRef(r.gate, size)) || !Array.isArray(r.keys) || !r.own)) return undefined;
    const trie = readTrieOf(header.trie, dirname(file));
    if (!trie) return undefined;
    try {
      // in use: the YAML cache's pruning keeps it
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      /* read-only */
    }
    const slice = ([o, n]: Ref) => () => text.slice(base + o, base + o + n);
    const json = <T>(ref: Ref) => () => JSON.parse(text.slice(base + ref[0], base + ref[0] + ref[1])) as T;
    let sources: Map<string, Ref> | undefined;
    return {
      scanner: { count: header.scanner.count, unfiltered: header.scanner.unfiltered, keys: json<[string, number][]>(header.scanner.keys), more: json<[number, number[]][]>(header.scanner.more) },
      trie,
      rules: header.rules.map((r) => {
        const { gate, ...rest } = r;
        return { ...rest, compile: slice(r.compile), examples: slice(r.examples), ...(gate !== undefined ? { gate: typeof gate === 'boolean' ? gate : json<number[]>(gate) } : {}) };
      }),
      packs: header.packs,
      classes: header.classes,
      shared: slice(header.shared),
      source(hash) {
        sources ??= new Map(json<[string, number, number][]>(header.sources)().map(([h, o, n]) => [h, [o, n]]));
        const ref = sources.get(hash);
        return ref ? text.slice(base + ref[0], base + ref[0] + ref[1]) : undefined;
      },
    };
  } catch {
    return undefined;
  }
}
