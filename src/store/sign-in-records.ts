/**
 * Sign-in records: login attempts (for rate limiting), browser sessions and API tokens. Split
 * out of the Store, which stays the one entry point and delegates here with its StoreContext.
 * Session cookies and API tokens are kept only as their SHA-256.
 */
import { stmt } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { randomToken, sha256Hex } from './tokens.js';
import { ApiTokenNameSchema, parseInput, StoreError, type ApiTokenInfo, type NewSession, type SessionInfo, type User } from './types.js';
import { toUser, type UserRow } from './user-row.js';

const API_TOKEN_PREFIX = 'fahu_';

export class SignInRecords {
  constructor(
    private readonly ctx: StoreContext,
    /** Session lifetime when the caller gives none. */
    private readonly sessionTtlMs: number,
  ) {}

  // ---------------------------------------------------------------- login rate limiting

  async recordLoginAttempt(key: string, success: boolean): Promise<void> {
    await this.ctx.db.run('INSERT INTO login_attempts (key, at, success) VALUES (?, ?, ?)', [key, this.ctx.iso(), success ? 1 : 0]);
  }

  async recentLoginFailures(key: string, windowMs: number): Promise<number> {
    const row = await this.ctx.db.first<{ n: number }>(
      `SELECT count(*) AS n FROM login_attempts WHERE key = ? AND success = 0 AND at > ?
         AND at > coalesce((SELECT max(at) FROM login_attempts WHERE key = ? AND success = 1), '')`,
      [key, this.ctx.iso(-windowMs), key],
    );
    return row?.n ?? 0;
  }

  // ---------------------------------------------------------------- sessions

  async createSession(userId: number, ttlMs = this.sessionTtlMs): Promise<NewSession> {
    const user = await this.ctx.requireUser(userId);
    if (user.disabled) throw new StoreError('FORBIDDEN', '该账号已停用');
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const expiresAt = this.ctx.iso(ttlMs);
    await this.ctx.db.run('INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [await sha256Hex(token), userId, csrfToken, this.ctx.iso(), expiresAt]);
    return { token, csrfToken, expiresAt };
  }

  async getSession(token: string): Promise<SessionInfo | null> {
    if (!token) return null;
    const row = await this.ctx.db.first<UserRow & { csrf_token: string; expires_at: string }>(
      `SELECT u.*, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
      [await sha256Hex(token), this.ctx.iso()],
    );
    return row ? { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(token: string): Promise<void> {
    await this.ctx.db.run('DELETE FROM sessions WHERE id = ?', [await sha256Hex(token)]);
  }

  async purgeExpired(keepAttemptsMs = 24 * 3600_000): Promise<{ sessions: number; loginAttempts: number }> {
    const [s, a] = await this.ctx.db.batch([stmt('DELETE FROM sessions WHERE expires_at <= ?', this.ctx.iso()), stmt('DELETE FROM login_attempts WHERE at < ?', this.ctx.iso(-keepAttemptsMs))]);
    return { sessions: s?.changes ?? 0, loginAttempts: a?.changes ?? 0 };
  }

  // ---------------------------------------------------------------- API tokens

  async createApiToken(userId: number, name: string, actorId: number | null): Promise<{ id: number; token: string }> {
    const label = parseInput(ApiTokenNameSchema, name);
    if (actorId !== userId) await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    const token = randomToken(32, API_TOKEN_PREFIX);
    const [r] = await this.ctx.db.batch([
      stmt('INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES (?, ?, ?, ?)', userId, await sha256Hex(token), label, this.ctx.iso()),
      this.ctx.auditStmt(actorId, 'token.create', `user:${user.name}`, { name: label }),
    ]);
    return { id: r?.lastRowId ?? 0, token };
  }

  async verifyApiToken(token: string): Promise<User | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const hash = await sha256Hex(token);
    const row = await this.ctx.db.first<UserRow & { token_id: number }>(
      'SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0',
      [hash],
    );
    if (!row) return null;
    await this.ctx.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [this.ctx.iso(), row.token_id]);
    return toUser(row);
  }

  async listApiTokens(userId: number): Promise<ApiTokenInfo[]> {
    const rows = await this.ctx.db.all<{ id: number; user_id: number; name: string; created_at: string; last_used_at: string | null }>(
      'SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY id',
      [userId],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  /** 作废全部访问令牌: every token of the user; how many there were. */
  async revokeAllApiTokens(userId: number, actorId: number | null): Promise<number> {
    if (actorId !== userId) await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    const [r] = await this.ctx.db.batch([
      stmt('DELETE FROM api_tokens WHERE user_id = ?', userId),
      this.ctx.auditStmt(actorId, 'token.revoke-all', `user:${user.name}`, {}, true),
    ]);
    return r?.changes ?? 0;
  }

  async revokeApiToken(userId: number, tokenId: number, actorId: number | null): Promise<void> {
    if (actorId !== userId) await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    const [r] = await this.ctx.db.batch([
      stmt('DELETE FROM api_tokens WHERE id = ? AND user_id = ?', tokenId, userId),
      this.ctx.auditStmt(actorId, 'token.revoke', `user:${user.name}`, { tokenId }, true),
    ]);
    if (!r?.changes) throw new StoreError('NOT_FOUND', '没有这个访问令牌');
  }
}
