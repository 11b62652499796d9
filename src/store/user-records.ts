/**
 * Accounts: creation, roles, disabling, passwords (hashed with the Store's PasswordHasher, the
 * policy of ./password-policy.ts), and the check of a name and password. Split out of the
 * Store, which stays the one entry point and delegates here with its StoreContext.
 */
import type { PasswordHasher } from './password.js';
import { PasswordSchema } from './password.js';
import { checkPasswordPolicy } from './password-policy.js';
import { stmt } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { randomToken } from './tokens.js';
import { NewUserSchema, parseInput, RoleSchema, StoreError, UserNameSchema, type NewUser, type Role, type User } from './types.js';
import { toUser, type UserRow } from './user-row.js';

export class UserRecords {
  constructor(
    private readonly ctx: StoreContext,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(input: NewUser, actorId: number | null): Promise<User> {
    const u = parseInput(NewUserSchema, input);
    await this.ctx.requireAdmin(actorId);
    checkPasswordPolicy(u.password, u.name);
    if (await this.findByName(u.name)) throw new StoreError('CONFLICT', `用户名 ${u.name} 已存在`);
    const passwordHash = await this.hasher.hash(u.password);
    const at = this.ctx.iso();
    try {
      await this.ctx.db.batch([
        stmt('INSERT INTO users (name, display_name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)', u.name, u.displayName || u.name, u.role, passwordHash, at),
        this.ctx.auditStmt(actorId, 'user.create', `user:${u.name}`, { role: u.role }),
      ]);
    } catch (e) {
      if (/UNIQUE/i.test(String(e))) throw new StoreError('CONFLICT', `用户名 ${u.name} 已存在`);
      throw e;
    }
    return (await this.findByName(u.name)) as User;
  }

  async get(id: number): Promise<User | null> {
    const row = await this.ctx.db.first<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row ? toUser(row) : null;
  }

  async findByName(name: string): Promise<User | null> {
    const row = await this.ctx.db.first<UserRow>('SELECT * FROM users WHERE name = ?', [name.trim()]);
    return row ? toUser(row) : null;
  }

  async list(): Promise<User[]> {
    return (await this.ctx.db.all<UserRow>('SELECT * FROM users ORDER BY name')).map(toUser);
  }

  async count(): Promise<number> {
    return (await this.ctx.db.first<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0;
  }

  async setRole(userId: number, role: Role, actorId: number | null): Promise<User> {
    const r = parseInput(RoleSchema, role);
    await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    if (user.role === 'admin' && r !== 'admin') await this.keepOneAdmin(user);
    await this.ctx.db.batch([stmt('UPDATE users SET role = ? WHERE id = ?', r, userId), this.ctx.auditStmt(actorId, 'user.role', `user:${user.name}`, { from: user.role, to: r })]);
    return (await this.get(userId)) as User;
  }

  /** Disabling ends the user's sessions and revokes their API tokens (re-enabling does not bring them back). */
  async setDisabled(userId: number, disabled: boolean, actorId: number | null): Promise<User> {
    await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    if (disabled && user.role === 'admin') await this.keepOneAdmin(user);
    await this.ctx.db.batch([
      stmt('UPDATE users SET disabled = ? WHERE id = ?', disabled ? 1 : 0, userId),
      ...(disabled ? [stmt('DELETE FROM sessions WHERE user_id = ?', userId), stmt('DELETE FROM api_tokens WHERE user_id = ?', userId)] : []),
      this.ctx.auditStmt(actorId, disabled ? 'user.disable' : 'user.enable', `user:${user.name}`, {}),
    ]);
    return (await this.get(userId)) as User;
  }

  /**
   * By the user themself, an admin, or the command line. Ends the user's sessions and revokes
   * all their API tokens (作废全部访问令牌): whoever had the old password may have made one.
   */
  async setPassword(userId: number, password: string, actorId: number | null): Promise<void> {
    const pw = parseInput(PasswordSchema, password);
    if (actorId !== userId) await this.ctx.requireAdmin(actorId);
    const user = await this.ctx.requireUser(userId);
    checkPasswordPolicy(pw, user.name);
    const hash = await this.hasher.hash(pw);
    await this.ctx.db.batch([
      stmt('UPDATE users SET password_hash = ? WHERE id = ?', hash, userId),
      stmt('DELETE FROM sessions WHERE user_id = ?', userId),
      stmt('DELETE FROM api_tokens WHERE user_id = ?', userId),
      this.ctx.auditStmt(actorId, 'user.password', `user:${user.name}`, {}),
    ]);
  }

  /** The user for a right name and password, or null (wrong, unknown or disabled: the caller says only “用户名或密码错误”). */
  async authenticate(name: string, password: string): Promise<User | null> {
    const parsed = UserNameSchema.safeParse(name);
    const row = parsed.success ? await this.ctx.db.first<UserRow>('SELECT * FROM users WHERE name = ?', [parsed.data]) : null;
    if (!row) {
      // spend the same time as a real check, so timing does not tell which names exist
      await this.hasher.verify(password, await this.dummyHash());
      return null;
    }
    const ok = await this.hasher.verify(password, row.password_hash);
    return ok && !row.disabled ? toUser(row) : null;
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hasher.hash(randomToken(16));
    return this.dummy;
  }

  private async keepOneAdmin(user: User): Promise<void> {
    const n = (await this.ctx.db.first<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`, [user.id]))?.n ?? 0;
    if (n === 0) throw new StoreError('CONFLICT', `${user.name} 是唯一可用的管理员，不能停用或降级`);
  }
}
