/** Password hashing behind an interface: scrypt on Node (src/node/scrypt-hasher.ts), something else on Workers. */
import { z } from 'zod';

export interface PasswordHasher {
  /** A self-describing string (algorithm, parameters, salt, hash). */
  hash(password: string): Promise<string>;
  /** Constant-time comparison; false (never a throw) for a malformed stored string. */
  verify(password: string, stored: string): Promise<boolean>;
}

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be used to exhaust the server. */
export const MAX_PASSWORD_LENGTH = 256;

/** Length in characters (code points), so four emoji are not “8 characters”. */
export const PasswordSchema = z
  .string()
  .refine((s) => [...s].length >= MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .refine((s) => s.length <= MAX_PASSWORD_LENGTH, `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);
