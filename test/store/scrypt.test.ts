import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, scryptHasher } from '../../src/node/scrypt-hasher.js';
import { fastHasher } from './helpers.js';

describe('scrypt password hasher', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await fastHasher.hash('correct horse 电池');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await fastHasher.verify('correct horse 电池', stored)).toBe(true);
    expect(await fastHasher.verify('correct horse 电池 ', stored)).toBe(false);
    expect(await fastHasher.verify('', stored)).toBe(false);
  });

  it('salts every hash and reads the parameters from the stored string', async () => {
    const a = await fastHasher.hash('same-password');
    const b = await fastHasher.hash('same-password');
    expect(a).not.toBe(b);
    // a hasher with other defaults still verifies: parameters travel with the hash
    expect(await scryptHasher({ N: 2048, r: 8, p: 1 }).verify('same-password', a)).toBe(true);
  });

  it('default parameters work within memory limits', async () => {
    const h = scryptHasher();
    const stored = await h.hash('default-params');
    expect(stored.startsWith(`scrypt$${DEFAULT_SCRYPT.N}$${DEFAULT_SCRYPT.r}$${DEFAULT_SCRYPT.p}$`)).toBe(true);
    expect(await h.verify('default-params', stored)).toBe(true);
  });

  it('returns false (no throw, no hang) for malformed or hostile stored strings', async () => {
    const good = await fastHasher.hash('password-1');
    const [, , , , salt, hash] = good.split('$');
    for (const bad of ['', 'plain', 'bcrypt$x', `scrypt$1000$8$1$${salt}$${hash}`, `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, `scrypt$1024$8$1$${salt}$AAAA`, `scrypt$1024$0$1$${salt}$${hash}`]) {
      expect(await fastHasher.verify('password-1', bad)).toBe(false);
    }
  });
});
