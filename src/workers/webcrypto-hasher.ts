/**
 * PasswordHasher with WebCrypto PBKDF2-SHA-256 for Workers (no scrypt in WebCrypto). Stored as
 * `pbkdf2-sha256$iterations$salt$hash` (base64), self-describing like the Node scrypt format.
 * Workers cap PBKDF2 at 100,000 iterations, so that is the default and the upper bound.
 * A hash made on Node (`scrypt$N$r$p$salt$hash`, a district's SQLite data moved to D1) verifies
 * here too (./scrypt.ts); a password set or changed on Workers is stored as PBKDF2.
 */
import type { PasswordHasher } from '../store/password.js';
import { scrypt } from './scrypt.js';

export const PBKDF2_MAX_ITERATIONS = 100_000;
const KEY_BITS = 256;
const SALT_LENGTH = 16;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
function unb64(s: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, KEY_BITS));
}

/** Most memory a Node scrypt hash may need here (128·N·r bytes; an isolate has 128 MB). */
export const SCRYPT_MAX_BYTES = 64 * 1024 * 1024;

async function verifyScrypt(password: string, parts: string[]): Promise<boolean> {
  if (parts.length !== 6) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // the bounds of node/scrypt-hasher.ts, and the isolate's memory
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0) return false;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16 || 128 * N * r > SCRYPT_MAX_BYTES) return false;
  const salt = unb64(parts[4] ?? '');
  const hash = unb64(parts[5] ?? '');
  if (!salt || salt.length < 8 || !hash || hash.length !== 32) return false;
  return equal(await scrypt(new TextEncoder().encode(password.normalize('NFC')), salt, N, r, p, 32), hash);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function webCryptoHasher(iterations = PBKDF2_MAX_ITERATIONS): PasswordHasher {
  if (!Number.isInteger(iterations) || iterations < 1000 || iterations > PBKDF2_MAX_ITERATIONS) throw new Error(`PBKDF2 iterations must be 1000–${PBKDF2_MAX_ITERATIONS}`);
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
      return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts[0] === 'scrypt') return verifyScrypt(password, parts);
      if (parts.length !== 4 || parts[0] !== 'pbkdf2-sha256') return false;
      const n = Number(parts[1]);
      // bounds: a tampered row must not make verification hang
      if (!Number.isInteger(n) || n < 1000 || n > PBKDF2_MAX_ITERATIONS) return false;
      const salt = unb64(parts[2] ?? '');
      const hash = unb64(parts[3] ?? '');
      if (!salt || salt.length < 8 || !hash || hash.length !== KEY_BITS / 8) return false;
      return equal(await derive(password, salt, n), hash);
    },
  };
}
