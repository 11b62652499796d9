/** The Worker's own parts that run on Node too: the PBKDF2 hasher and the list of bundled texts. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PBKDF2_MAX_ITERATIONS, webCryptoHasher } from '../../src/workers/webcrypto-hasher.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('webCryptoHasher (PBKDF2-SHA-256)', () => {
  const hasher = webCryptoHasher(2000);

  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hasher.hash('正确的密码 correct-1');
    expect(stored).toMatch(/^pbkdf2-sha256\$2000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await hasher.verify('正确的密码 correct-1', stored)).toBe(true);
    expect(await hasher.verify('正确的密码 correct-2', stored)).toBe(false);
    expect(await hasher.hash('正确的密码 correct-1')).not.toBe(stored); // a fresh salt each time
  });

  it('refuses malformed or tampered rows without throwing, and iterations beyond the Workers cap', async () => {
    const stored = await hasher.hash('password-123');
    const [alg, , salt, hash] = stored.split('$');
    for (const bad of ['', 'scrypt$1$2$3$4$5', `${alg}$999999999$${salt}$${hash}`, `${alg}$2000$${salt}$AAAA`, `${alg}$2000$!!$${hash}`, `${alg}$abc$${salt}$${hash}`]) {
      expect(await hasher.verify('password-123', bad)).toBe(false);
    }
    expect(() => webCryptoHasher(PBKDF2_MAX_ITERATIONS + 1)).toThrow();
  });
});

describe('the texts bundled into the Worker (src/workers/texts.ts)', () => {
  const source = readFileSync(join(ROOT, 'src', 'workers', 'texts.ts'), 'utf8');
  const imported = new Set([...source.matchAll(/from '\.\.\/\.\.\/([^']+)'/g)].map((m) => m[1]));
  const files = (dir: string): string[] => readdirSync(join(ROOT, dir)).flatMap((f) => (statSync(join(ROOT, dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

  it('include every rule file, the user dictionary and the corpus the Node side reads', () => {
    const rules = files('rules').filter((f) => /\.(ya?ml|dict)$/.test(f)).map((f) => relative(ROOT, join(ROOT, f)));
    expect(rules.length).toBeGreaterThan(10);
    expect(rules.filter((f) => !imported.has(f))).toEqual([]);
    for (const f of ['corpus/laws.json', 'corpus/repealed.tsv', 'corpus/places/divisions.tsv', 'fixtures/decisions/seed.jsonl']) expect(imported.has(f), f).toBe(true);
  });

  it('name each rule source by its path and pack as node/rule-files.ts does', () => {
    const entries = [...source.matchAll(/\{ file: '([^']+)', content: \w+(?:, pack: '([^']+)')? \}/g)];
    expect(entries.length).toBe(readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml') && f !== 'shared.yaml' && f !== 'vocabulary.yaml').length + 1);
    for (const m of entries) {
      expect(imported.has(m[1] as string), m[1]).toBe(true);
      expect(m[2]).toBe(/^rules\/packs\/([^/]+)\//.exec(m[1] as string)?.[1]);
    }
  });
});
