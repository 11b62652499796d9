/** The Worker's own parts that run on Node too: the PBKDF2 hasher and the list of bundled texts. */
import { randomBytes, scryptSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scryptHasher } from '../../src/node/scrypt-hasher.js';
import { scrypt } from '../../src/workers/scrypt.js';
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
    for (const bad of ['', 'scrypt$1$2$3$4$5', 'scrypt$3$8$1$AAAA$AAAA', `${alg}$999999999$${salt}$${hash}`, `${alg}$2000$${salt}$AAAA`, `${alg}$2000$!!$${hash}`, `${alg}$abc$${salt}$${hash}`]) {
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

describe('scrypt hashes made on Node verify on Workers (a district moving its SQLite data to D1)', () => {
  it('agrees with node:crypto scrypt byte for byte (RFC 7914 vector and random inputs)', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    // RFC 7914 §12, second vector
    const rfc = await scrypt(enc('password'), enc('NaCl'), 1024, 8, 16, 64);
    expect(Buffer.from(rfc).toString('hex')).toBe('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640');
    for (const [N, r, p] of [[16, 1, 1], [256, 2, 3], [1024, 8, 1]] as const) {
      const salt = randomBytes(16);
      expect(Buffer.from(await scrypt(enc('口令 pass'), new Uint8Array(salt), N, r, p, 32))).toEqual(scryptSync('口令 pass', salt, 32, { N, r, p }));
    }
  });

  it('verifies a hash from the Node hasher with its default cost, and refuses a wrong password or an oversized cost', async () => {
    const stored = await scryptHasher().hash('节点上设的密码 moved-1');
    const onWorkers = webCryptoHasher(2000);
    expect(await onWorkers.verify('节点上设的密码 moved-1', stored)).toBe(true);
    expect(await onWorkers.verify('节点上设的密码 moved-2', stored)).toBe(false);
    const [, , , , salt, hash] = stored.split('$');
    // 128·2^20·8 bytes = 1 GiB: more than an isolate has, refused without trying
    expect(await onWorkers.verify('节点上设的密码 moved-1', `scrypt$${2 ** 20}$8$1$${salt}$${hash}`)).toBe(false);
    expect(await onWorkers.verify('节点上设的密码 moved-1', `scrypt$1000$8$1$${salt}$${hash}`)).toBe(false);
  }, 60_000);
});
