/**
 * Every check of a password against an account goes through here, rate limited with
 * ./attempt-limiter.ts, so no face (login form, 我的账号, a later API) checks one unlimited:
 *   signIn          per user name and address (5 failures in 15 minutes) and per address
 *                   across names (30), a right password clears the name's count;
 *   confirmPassword the current password before a change, per account (5) and per address (30).
 * The limit is taken before the hash is computed, so concurrent guesses cannot pass it.
 */
import type { AttemptLimiter } from './attempt-limiter.js';
import type { User } from './types.js';

/** Failed sign-ins allowed per user name and address within LOGIN_WINDOW_MS. */
export const LOGIN_MAX_FAILURES = 5;
/** Failed password checks allowed from one address (any user names) within LOGIN_WINDOW_MS. */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 30;
/** Wrong current passwords allowed per account within LOGIN_WINDOW_MS (我的账号). */
export const CONFIRM_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export type PasswordCheck = { outcome: 'ok'; user: User } | { outcome: 'wrong' } | { outcome: 'limited'; message: string };

const MINUTES = LOGIN_WINDOW_MS / 60_000;

export class PasswordChecks {
  constructor(
    private readonly limiter: AttemptLimiter,
    /** The account for a right name and password (Store.authenticate). */
    private readonly authenticate: (name: string, password: string) => Promise<User | null>,
  ) {}

  async signIn(name: string, password: string, address: string): Promise<PasswordCheck> {
    return this.check(
      [
        { key: `login:${name.trim().toLowerCase()}@${address}`, max: LOGIN_MAX_FAILURES, resetOnSuccess: true },
        { key: `login-address:${address}`, max: LOGIN_MAX_FAILURES_PER_ADDRESS },
      ],
      () => this.authenticate(name, password),
      `登录失败次数过多，请 ${MINUTES} 分钟后再试`,
    );
  }

  /** The signed-in user's current password (before changing it). */
  async confirmPassword(user: User, password: string, address: string): Promise<PasswordCheck> {
    return this.check(
      [
        { key: `confirm:${user.id}`, max: CONFIRM_MAX_FAILURES, resetOnSuccess: true },
        { key: `login-address:${address}`, max: LOGIN_MAX_FAILURES_PER_ADDRESS },
      ],
      async () => {
        const found = await this.authenticate(user.name, password);
        return found?.id === user.id ? found : null;
      },
      `当前密码输错次数过多，请 ${MINUTES} 分钟后再试`,
    );
  }

  private async check(limits: Parameters<AttemptLimiter['reserve']>[0], verify: () => Promise<User | null>, limited: string): Promise<PasswordCheck> {
    const reservation = await this.limiter.reserve(limits, LOGIN_WINDOW_MS);
    if (!reservation) return { outcome: 'limited', message: limited };
    const user = await verify();
    await this.limiter.settle(reservation, user !== null);
    return user ? { outcome: 'ok', user } : { outcome: 'wrong' };
  }
}
