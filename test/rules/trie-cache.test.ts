/**
 * The literal trie kept on disk (node/trie-cache.ts): a scanner whose store holds the trie of its very literals
 * answers as one that builds it; one whose literals differ in any way (a literal, an id, where one literal ends
 * and the next begins, a lone surrogate) builds its own; a damaged or foreign file is ignored and rewritten.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trieCache } from '../../src/node/trie-cache.js';
import type { TrieStore } from '../../src/rules/scanner-keeping.js';
import { TextScanner } from '../../src/rules/text-scanner.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'fahu-trie-'));
  dirs.push(d);
  return d;
};

/** A store that counts its hits and writes. */
function counted(store: TrieStore) {
  const n = { hits: 0, sets: 0 };
  return {
    n,
    store: {
      get: (m) => {
        const a = store.get(m);
        if (a) n.hits++;
        return a;
      },
      set: (m, a) => {
        n.sets++;
        store.set(m, a);
      },
    } satisfies TrieStore,
  };
}

function scannerOf(phrases: string[][], store?: TrieStore): TextScanner {
  const s = new TextScanner(undefined, store);
  for (const p of phrases) s.phraseGate(p);
  return s;
}

const TEXTS = ['本地企业优先采购本区产品', '外地供应商不得参与', '\ud800孤', '孤\udc00', 'abcab', ''];
const bitsOf = (s: TextScanner) => TEXTS.map((t) => [...s.possible(t)]);

describe('trie cache', () => {
  const phrases = [['本地', '本区', '本地企业'], ['外地', '供应商'], ['\ud800孤', 'ab', 'b'], ['采购', '本地']];

  it('reads back the trie of the same literals, and answers as one built', () => {
    const dir = tempDir();
    const first = counted(trieCache(dir));
    const built = bitsOf(scannerOf(phrases, first.store));
    expect(first.n).toEqual({ hits: 0, sets: 1 });
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const again = counted(trieCache(dir));
    expect(bitsOf(scannerOf(phrases, again.store))).toEqual(built);
    expect(again.n).toEqual({ hits: 1, sets: 0 });
    expect(bitsOf(scannerOf(phrases))).toEqual(built);
  });

  it('builds its own trie for literals that differ in any way', () => {
    const dir = tempDir();
    scannerOf(phrases, trieCache(dir)).possible('x');
    const variants = [
      [['本地', '本区', '本地企'], ...phrases.slice(1)], // a literal
      [...phrases.slice(0, 3), ['采购', '本地', '外']], // one more
      [['本地本区', '本地企业'], ...phrases.slice(1)], // where literals part
      [phrases[0] as string[], ['外地', '供应商'], ['\udbff孤', 'ab', 'b'], phrases[3] as string[]], // a lone surrogate
      [phrases[1] as string[], phrases[0] as string[], ...phrases.slice(2)], // ids in another order
    ];
    for (const v of variants) {
      const c = counted(trieCache(dir));
      expect(bitsOf(scannerOf(v, c.store))).toEqual(bitsOf(scannerOf(v)));
      expect(c.n.hits).toBe(0);
    }
  });

  it('ignores a damaged or foreign file and writes it anew', () => {
    const dir = tempDir();
    const built = bitsOf(scannerOf(phrases, trieCache(dir)));
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.bin')) as string);
    for (const junk of [Buffer.alloc(0), Buffer.from('not a trie at all, not at all, not at all, not at all, not at all'), Buffer.alloc(4096, 7)]) {
      writeFileSync(file, junk);
      const c = counted(trieCache(dir));
      expect(bitsOf(scannerOf(phrases, c.store))).toEqual(built);
      expect(c.n).toEqual({ hits: 0, sets: 1 });
    }
    const c = counted(trieCache(dir));
    expect(bitsOf(scannerOf(phrases, c.store))).toEqual(built);
    expect(c.n.hits).toBe(1);
  });

  it('leaves the trie built when the directory cannot be written', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const c = counted(trieCache(join(file, 'below')));
    expect(bitsOf(scannerOf(phrases, c.store))).toEqual(bitsOf(scannerOf(phrases)));
  });
});
