/**
 * The rule set's literal trie (rules/literal-trie.ts) kept on disk beside the parsed YAML (yaml-cache.ts): one
 * binary file per trie, named by the SHA-256 of what it was made of (TextScanner's every (literal, id) in order),
 * so a file is only ever read for the very literals it was built from, whatever the rule files or the code that
 * asked for them. Reading it (3 MB of typed arrays) costs a few milliseconds of a start; building the trie of
 * 17,000 literals 40–60 ms. A file that is missing, short, of another byte order or not a trie is ignored and
 * written anew (to a temporary name, then renamed); a directory that cannot be written leaves the trie built
 * each time, as before. The files share the YAML cache's prefix, so its pruning (STALE_DAYS, MAX_FILES) keeps them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiteralTrieArrays } from '../rules/literal-trie.js';
import type { TrieMaterial, TrieStore } from '../rules/scanner-keeping.js';
import { cacheDir } from './yaml-cache.js';

const MAGIC = 0x46544931; // "FTI1"
const BYTE_ORDER = 0x01020304;
/** magic, byte order, the 32 bytes of the SHA-256, then the six arrays' lengths. */
const HEADER_INTS = 2 + 8 + 6;

// the literals as UTF-16 units (utf8 would merge lone surrogates), then the counts that part them
const sha = (made: TrieMaterial) => createHash('sha256').update(made.units, 'utf16le').update(new Uint8Array(made.counts.buffer, made.counts.byteOffset, made.counts.byteLength)).digest();

/** The trie file of `digest` (the SHA-256 of what the trie is made of). */
export function trieFile(dir: string, digest: Buffer): string {
  return join(dir, `rules-yaml-trie-${digest.toString('hex').slice(0, 32)}.bin`);
}

function readTrie(file: string, digest: Buffer): LiteralTrieArrays | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.byteLength < HEADER_INTS * 4) return undefined;
  try {
    // in use: the YAML cache's pruning keeps it
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    /* read-only */
  }
  // a copy of our own, aligned for the typed arrays (a read buffer may start anywhere in its memory)
  const buffer = bytes.byteOffset % 4 === 0 ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const base = bytes.byteOffset % 4 === 0 ? bytes.byteOffset : 0;
  const head = new Int32Array(buffer, base, HEADER_INTS);
  if (head[0] !== MAGIC || head[1] !== BYTE_ORDER) return undefined;
  if (!Buffer.from(buffer, base + 8, 32).equals(digest)) return undefined;
  const [fromN, unitN, toN, atN, pairsN, firstsN] = Array.from(head.subarray(10)) as [number, number, number, number, number, number];
  const pad4 = (n: number) => (n + 3) & ~3;
  const size = HEADER_INTS * 4 + 4 * fromN + pad4(2 * unitN) + 4 * toN + 4 * atN + 4 * pairsN + pad4(firstsN);
  if ([fromN, unitN, toN, atN, pairsN, firstsN].some((n) => !Number.isInteger(n) || n < 0) || size !== bytes.byteLength) return undefined;
  let at = base + HEADER_INTS * 4;
  const take = <T>(make: (b: ArrayBufferLike, offset: number, n: number) => T, n: number, width: number): T => {
    const out = make(buffer, at, n);
    at += width === 4 ? 4 * n : pad4(width * n);
    return out;
  };
  return {
    from: take((b, o, n) => new Int32Array(b, o, n), fromN, 4),
    unit: take((b, o, n) => new Uint16Array(b, o, n), unitN, 2),
    to: take((b, o, n) => new Int32Array(b, o, n), toN, 4),
    at: take((b, o, n) => new Int32Array(b, o, n), atN, 4),
    pairs: take((b, o, n) => new Int32Array(b, o, n), pairsN, 4),
    firsts: take((b, o, n) => new Uint8Array(b, o, n), firstsN, 1),
  };
}

function writeTrie(dir: string, file: string, digest: Buffer, a: LiteralTrieArrays): void {
  const head = new Int32Array(HEADER_INTS);
  head[0] = MAGIC;
  head[1] = BYTE_ORDER;
  new Uint8Array(head.buffer).set(digest, 8);
  head.set([a.from.length, a.unit.length, a.to.length, a.at.length, a.pairs.length, a.firsts.length], 10);
  const pad = (view: ArrayBufferView) => new Uint8Array((4 - (view.byteLength % 4)) % 4);
  const parts = [head, a.from, a.unit, pad(a.unit), a.to, a.at, a.pairs, a.firsts, pad(a.firsts)].map((v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, file);
}

/** The SHA-256 of what a trie is made of, in hex: the name of its file (compiled-rule-cache.ts keeps it). */
export function trieDigest(made: TrieMaterial): string {
  return sha(made).toString('hex');
}

/** The trie of a digest (trieDigest) read from `dir`, if its file is there and sound; undefined otherwise. */
export function readTrieOf(digest: string, dir = cacheDir()): LiteralTrieArrays | undefined {
  if (!/^[0-9a-f]{64}$/.test(digest)) return undefined;
  const bytes = Buffer.from(digest, 'hex');
  return readTrie(trieFile(dir, bytes), bytes);
}

/** The trie store of `dir` (default: the YAML cache's directory, FAHU_CACHE_DIR). Never throws. */
export function trieCache(dir = cacheDir()): TrieStore {
  return {
    get(made) {
      const digest = sha(made);
      return readTrie(trieFile(dir, digest), digest);
    },
    set(made, arrays) {
      try {
        const digest = sha(made);
        writeTrie(dir, trieFile(dir, digest), digest, arrays);
      } catch {
        // a read-only cache: the trie is built next time too
      }
    },
  };
}
