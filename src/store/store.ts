/**
 * The workbench's storage: accounts, sessions, API tokens, uploaded originals, reviews with
 * the reviewer's decisions, the audit log and settings — over any SqlDriver (SQLite on Node,
 * D1 on Workers). Input from outside is validated here with the zod schemas of ./types.ts;
 * refusals throw StoreError with a Chinese message.
 *
 * `actorId` is the signed-in user doing the operation, or null for the local command line
 * (which has the machine's trust; it is recorded as such in the audit log).
 *
 * Login attempts, sessions and API tokens live in ./sign-in-records.ts, reviews, findings and
 * sign-off in ./review-records.ts; the Store delegates to them and lends them its helpers
 * (./store-context.ts), so callers keep this one class.
 */
import type { Review } from '../rules/review-result.js';
import type { PasswordHasher } from './password.js';
import { PasswordSchema } from './password.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { PasswordChecks, type PasswordCheck } from './password-checks.js';
import { checkPasswordPolicy } from './password-policy.js';
import { DEFAULT_STORAGE_QUOTA_BYTES, downloadName, fitsQuota, quotaRefusal, storageUsage } from './storage-quota.js';
import { ReviewRecords } from './review-records.js';
import { SignInRecords } from './sign-in-records.js';
import { stmt, type SqlDriver, type SqlStatement, type SqlValue } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { randomToken, sha256Hex } from './tokens.js';
import {
  AuditQuerySchema, DocumentInputSchema, NewUserSchema, parseInput, RoleSchema, ROLE_LABELS, SettingKeySchema, StoreError, UserNameSchema,
  type ApiTokenInfo, type AuditEntry, type AuditQuery, type DocumentInput, type FindingUpdate, type HandFinding, type NewSession, type NewUser, type Page,
  type ReviewDetail, type ReviewFinding, type ReviewMeta, type ReviewQuery, type ReviewRecord, type ReviewSummary, type Role, type SessionInfo,
  type StoredDocument, type User, type VoidInput,
} from './types.js';
import { toUser, type UserRow } from './user-row.js';

export interface StoreOptions {
  hasher: PasswordHasher;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Session lifetime, default 8 hours (a working day). */
  sessionTtlMs?: number;
  /** Offset of local time from UTC for date filters, default +8 h (China Standard Time). */
  utcOffsetMinutes?: number;
  /** Total bytes of stored originals allowed (./storage-quota.ts), default 8 GiB. */
  storageQuotaBytes?: number;
}

export class Store {
  private readonly hasher: PasswordHasher;
  private readonly now: () => Date;
  private readonly signIn: SignInRecords;
  private readonly reviews: ReviewRecords;
  private readonly passwordChecks: PasswordChecks;
  /** Total bytes of originals allowed. */
  readonly storageQuotaBytes: number;

  constructor(
    readonly db: SqlDriver,
    options: StoreOptions,
  ) {
    this.hasher = options.hasher;
    this.now = options.now ?? (() => new Date());
    this.storageQuotaBytes = options.storageQuotaBytes ?? DEFAULT_STORAGE_QUOTA_BYTES;
    const context: StoreContext = {
      db,
      iso: this.iso.bind(this),
      auditStmt: this.auditStmt.bind(this),
      requireUser: this.requireUser.bind(this),
      requireActor: this.requireActor.bind(this),
      requireAdmin: this.requireAdmin.bind(this),
    };
    this.signIn = new SignInRecords(context, options.sessionTtlMs ?? 8 * 3600_000);
    this.reviews = new ReviewRecords(context, options.utcOffsetMinutes ?? 480);
    this.passwordChecks = new PasswordChecks(new AttemptLimiter(context), this.authenticate.bind(this));
  }

  /** The store's clock (tests set it): other parts built on the store keep the same time. */
  currentTime(): Date {
    return this.now();
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  // ---------------------------------------------------------------- users

  async createUser(input: NewUser, actorId: number | null): Promise<User> {
    const u = parseInput(NewUserSchema, input);
    await this.requireAdmin(actorId);
    checkPasswordPolicy(u.password, u.name);
    if (await this.findUserByName(u.name)) throw new StoreError('CONFLICT', `用户名 ${u.name} 已存在`);
    const passwordHash = await this.hasher.hash(u.password);
    const at = this.iso();
    try {
      await this.db.batch([
        stmt('INSERT INTO users (name, display_name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)', u.name, u.displayName || u.name, u.role, passwordHash, at),
        this.auditStmt(actorId, 'user.create', `user:${u.name}`, { role: u.role }),
      ]);
    } catch (e) {
      if (/UNIQUE/i.test(String(e))) throw new StoreError('CONFLICT', `用户名 ${u.name} 已存在`);
      throw e;
    }
    return (await this.findUserByName(u.name)) as User;
  }

  async getUser(id: number): Promise<User | null> {
    const row = await this.db.first<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
    return row ? toUser(row) : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    const row = await this.db.first<UserRow>('SELECT * FROM users WHERE name = ?', [name.trim()]);
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.all<UserRow>('SELECT * FROM users ORDER BY name')).map(toUser);
  }

  async countUsers(): Promise<number> {
    return (await this.db.first<{ n: number }>('SELECT count(*) AS n FROM users'))?.n ?? 0;
  }

  async setRole(userId: number, role: Role, actorId: number | null): Promise<User> {
    const r = parseInput(RoleSchema, role);
    await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    if (user.role === 'admin' && r !== 'admin') await this.keepOneAdmin(user);
    await this.db.batch([stmt('UPDATE users SET role = ? WHERE id = ?', r, userId), this.auditStmt(actorId, 'user.role', `user:${user.name}`, { from: user.role, to: r })]);
    return (await this.getUser(userId)) as User;
  }

  /** Disabling ends the user's sessions and revokes their API tokens (re-enabling does not bring them back). */
  async setDisabled(userId: number, disabled: boolean, actorId: number | null): Promise<User> {
    await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    if (disabled && user.role === 'admin') await this.keepOneAdmin(user);
    await this.db.batch([
      stmt('UPDATE users SET disabled = ? WHERE id = ?', disabled ? 1 : 0, userId),
      ...(disabled ? [stmt('DELETE FROM sessions WHERE user_id = ?', userId), stmt('DELETE FROM api_tokens WHERE user_id = ?', userId)] : []),
      this.auditStmt(actorId, disabled ? 'user.disable' : 'user.enable', `user:${user.name}`, {}),
    ]);
    return (await this.getUser(userId)) as User;
  }

  /**
   * By the user themself, an admin, or the command line. Ends the user's sessions and revokes
   * all their API tokens (作废全部访问令牌): whoever had the old password may have made one.
   */
  async setPassword(userId: number, password: string, actorId: number | null): Promise<void> {
    const pw = parseInput(PasswordSchema, password);
    if (actorId !== userId) await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    checkPasswordPolicy(pw, user.name);
    const hash = await this.hasher.hash(pw);
    await this.db.batch([
      stmt('UPDATE users SET password_hash = ? WHERE id = ?', hash, userId),
      stmt('DELETE FROM sessions WHERE user_id = ?', userId),
      stmt('DELETE FROM api_tokens WHERE user_id = ?', userId),
      this.auditStmt(actorId, 'user.password', `user:${user.name}`, {}),
    ]);
  }

  /** The user for a right name and password, or null (wrong, unknown or disabled: the caller says only “用户名或密码错误”). */
  async authenticate(name: string, password: string): Promise<User | null> {
    const parsed = UserNameSchema.safeParse(name);
    const row = parsed.success ? await this.db.first<UserRow>('SELECT * FROM users WHERE name = ?', [parsed.data]) : null;
    if (!row) {
      // spend the same time as a real check, so timing does not tell which names exist
      await this.hasher.verify(password, await this.dummyHash());
      return null;
    }
    const ok = await this.hasher.verify(password, row.password_hash);
    return ok && !row.disabled ? toUser(row) : null;
  }

  /** Sign-in with a rate limit per name and address, taken before the password is hashed (./password-checks.ts). */
  checkSignIn(name: string, password: string, address: string): Promise<PasswordCheck> {
    return this.passwordChecks.signIn(name, password, address);
  }

  /** The user's current password before a change, rate limited per account and address. */
  async confirmPassword(userId: number, password: string, address: string): Promise<PasswordCheck> {
    return this.passwordChecks.confirmPassword(await this.requireUser(userId), password, address);
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hasher.hash(randomToken(16));
    return this.dummy;
  }

  // ---------------------------------------------------------------- sign-in (./sign-in-records.ts)

  /** `key` is what is limited, e.g. `name:张三` or `ip:10.0.0.5`. */
  recordLoginAttempt(key: string, success: boolean): Promise<void> {
    return this.signIn.recordLoginAttempt(key, success);
  }

  /** Failed attempts for `key` within the last `windowMs`, counted since its last success. */
  recentLoginFailures(key: string, windowMs: number): Promise<number> {
    return this.signIn.recentLoginFailures(key, windowMs);
  }

  /** `ttlMs` defaults to the store's session lifetime. */
  createSession(userId: number, ttlMs?: number): Promise<NewSession> {
    return this.signIn.createSession(userId, ttlMs);
  }

  /** The session for a cookie token, if unexpired and its user is not disabled. */
  getSession(token: string): Promise<SessionInfo | null> {
    return this.signIn.getSession(token);
  }

  deleteSession(token: string): Promise<void> {
    return this.signIn.deleteSession(token);
  }

  /** Removes expired sessions and login attempts older than `keepAttemptsMs` (default a day). */
  purgeExpired(keepAttemptsMs?: number): Promise<{ sessions: number; loginAttempts: number }> {
    return this.signIn.purgeExpired(keepAttemptsMs);
  }

  /** Returns the plain token once; only its SHA-256 is kept. */
  createApiToken(userId: number, name: string, actorId: number | null): Promise<{ id: number; token: string }> {
    return this.signIn.createApiToken(userId, name, actorId);
  }

  /** The token's user (not disabled), or null. Records the time of use. */
  verifyApiToken(token: string): Promise<User | null> {
    return this.signIn.verifyApiToken(token);
  }

  listApiTokens(userId: number): Promise<ApiTokenInfo[]> {
    return this.signIn.listApiTokens(userId);
  }

  revokeApiToken(userId: number, tokenId: number, actorId: number | null): Promise<void> {
    return this.signIn.revokeApiToken(userId, tokenId, actorId);
  }

  /** 作废全部访问令牌 (by the user themself, an admin or the command line); how many were revoked. */
  revokeAllApiTokens(userId: number, actorId: number | null): Promise<number> {
    return this.signIn.revokeAllApiTokens(userId, actorId);
  }

  // ---------------------------------------------------------------- documents

  /**
   * Stores an original by its SHA-256; storing the same bytes again keeps the first copy (each
   * upload is audited, with the uploader's name for it). New bytes must fit the storage quota
   * (./storage-quota.ts), else StoreError QUOTA with a Chinese message.
   */
  async putDocument(input: DocumentInput, actorId: number | null): Promise<{ hash: string; created: boolean }> {
    const d = parseInput(DocumentInputSchema, input);
    const hash = await sha256Hex(d.bytes);
    const detail = { fileName: d.fileName, size: d.bytes.length };
    const audit = (ifChanged = false) => this.auditStmt(actorId, 'document.upload', `document:${hash}`, detail, ifChanged);
    const known = async () => (await this.db.first('SELECT 1 AS x FROM documents WHERE hash = ?', [hash])) !== null;
    if (await known()) {
      await this.db.batch([audit()]);
      return { hash, created: false };
    }
    const fits = fitsQuota(d.bytes.length, this.storageQuotaBytes);
    const [r] = await this.db.batch([
      stmt(`INSERT OR IGNORE INTO documents (hash, file_name, mime, size, bytes, created_at) SELECT ?, ?, ?, ?, ?, ? WHERE ${fits.sql}`, hash, d.fileName, d.mime, d.bytes.length, d.bytes, this.iso(), ...fits.params),
      audit(true),
    ]);
    if ((r?.changes ?? 0) > 0) return { hash, created: true };
    // someone stored the same bytes meanwhile, or the quota is used up
    if (await known()) {
      await this.db.batch([audit()]);
      return { hash, created: false };
    }
    throw await quotaRefusal(this.db, d.bytes.length, this.storageQuotaBytes);
  }

  /** Bytes and number of stored originals. */
  storageUsage(): Promise<{ bytes: number; documents: number }> {
    return storageUsage(this.db);
  }

  /** The file name for a download of `hash` by `userId` (./storage-quota.ts): never another uploader's name unasked. */
  documentDownloadName(hash: string, userId: number | null, wanted: string | undefined, ext: string): Promise<string> {
    return downloadName(this.db, hash, userId, wanted, ext);
  }

  async getDocument(hash: string): Promise<StoredDocument | null> {
    const row = await this.db.first<{ hash: string; file_name: string; mime: string; size: number; bytes: unknown; created_at: string }>('SELECT * FROM documents WHERE hash = ?', [hash]);
    return row ? { hash: row.hash, fileName: row.file_name, mime: row.mime, size: row.size, createdAt: row.created_at, bytes: toBytes(row.bytes) } : null;
  }

  // ---------------------------------------------------------------- reviews (./review-records.ts)

  /** Saves a review result (the `{document, findings}` of review()) as a new draft record. */
  createReview(result: Review, meta: ReviewMeta & { documentHash?: string | undefined }, actorId: number): Promise<ReviewRecord> {
    return this.reviews.createReview(result, meta, actorId);
  }

  getReviewRecord(id: string): Promise<ReviewRecord | null> {
    return this.reviews.getReviewRecord(id);
  }

  /** The record, its document and its findings with the reviewer's decisions. */
  getReview(id: string): Promise<ReviewDetail | null> {
    return this.reviews.getReview(id);
  }

  /** The history, newest first. */
  listReviews(query: ReviewQuery = {}): Promise<Page<ReviewSummary>> {
    return this.reviews.listReviews(query);
  }

  /** Departments that have reviews, for the history filter. */
  listDepartments(): Promise<string[]> {
    return this.reviews.listDepartments();
  }

  /** Confirm, dismiss (a reason is required), reopen, or edit the suggestion of one finding. */
  updateFinding(reviewId: string, findingId: string, update: FindingUpdate, actorId: number): Promise<ReviewFinding> {
    return this.reviews.updateFinding(reviewId, findingId, update, actorId);
  }

  /** A finding the reviewer marks on a span of the document text; quote and clause are taken from the stored document. */
  addHandFinding(reviewId: string, input: HandFinding, actorId: number): Promise<ReviewFinding> {
    return this.reviews.addHandFinding(reviewId, input, actorId);
  }

  /** The section chief (科长) signs the record off, once; afterwards it cannot change. */
  signOff(reviewId: string, actorId: number): Promise<ReviewRecord> {
    return this.reviews.signOff(reviewId, actorId);
  }

  /** 作废 with a reason: kept, audited, hidden from lists and statistics; the creator (unsigned), the chief or an admin. */
  voidReview(reviewId: string, input: VoidInput, actorId: number): Promise<ReviewRecord> {
    return this.reviews.voidReview(reviewId, input, actorId);
  }

  /** 撤销作废. */
  restoreReview(reviewId: string, actorId: number): Promise<ReviewRecord> {
    return this.reviews.restoreReview(reviewId, actorId);
  }

  /** Records (not voided) of the same original, newest first. */
  reviewsOfDocument(hash: string): Promise<ReviewRecord[]> {
    return this.reviews.reviewsOfDocument(hash);
  }

  /** A form's submit token: the first claim wins; later ones get the record it made. */
  claimSubmitToken(token: string, userId: number): Promise<{ claimed: true } | { claimed: false; reviewId: string | null }> {
    return this.reviews.claimSubmitToken(token, userId);
  }

  settleSubmitToken(token: string, reviewId: string | null): Promise<void> {
    return this.reviews.settleSubmitToken(token, reviewId);
  }

  // ---------------------------------------------------------------- audit log (append-only)

  /** For events the store does not see itself (login, logout, refused access …). */
  async appendAudit(entry: { userId: number | null; action: string; target?: string; detail?: Record<string, unknown> }): Promise<void> {
    const s = this.auditStmt(entry.userId, entry.action, entry.target ?? '', entry.detail ?? {});
    await this.db.run(s.sql, s.params);
  }

  /** Newest first; administrators only. */
  async listAudit(actorId: number, query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    const q = parseInput(AuditQuerySchema, query);
    const actor = await this.requireActor(actorId);
    if (actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以查看操作日志`);
    const where = q.action ? 'WHERE a.action = ?' : '';
    const params: SqlValue[] = q.action ? [q.action] : [];
    const total = (await this.db.first<{ n: number }>(`SELECT count(*) AS n FROM audit_log a ${where}`, params))?.n ?? 0;
    const rows = await this.db.all<{ id: number; at: string; user_id: number | null; user_name: string | null; action: string; target: string; detail_json: string }>(
      `SELECT a.*, u.name AS user_name FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ${where} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((r) => ({ id: r.id, at: r.at, userId: r.user_id, userName: r.user_name, action: r.action, target: r.target, detail: JSON.parse(r.detail_json) as Record<string, unknown> }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // ---------------------------------------------------------------- settings

  async getSetting<T>(key: string): Promise<T | undefined> {
    const row = await this.db.first<{ value_json: string }>('SELECT value_json FROM settings WHERE key = ?', [key]);
    return row ? (JSON.parse(row.value_json) as T) : undefined;
  }

  async setSetting(key: string, value: unknown, actorId: number | null): Promise<void> {
    const k = parseInput(SettingKeySchema, key);
    await this.requireAdmin(actorId);
    const json = JSON.stringify(value ?? null);
    await this.db.batch([
      stmt('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at', k, json, this.iso()),
      this.auditStmt(actorId, 'setting.set', `setting:${k}`, { value: value ?? null }),
    ]);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * An audit insert. With `ifChanged` it is written only when the statement before it in the
   * same batch changed a row (SQLite's changes()), so a refused update leaves no entry.
   */
  private auditStmt(userId: number | null, action: string, target: string, detail: Record<string, unknown>, ifChanged = false): SqlStatement {
    const d = userId === null ? { ...detail, via: 'cli' } : detail;
    return stmt(
      `INSERT INTO audit_log (at, user_id, action, target, detail_json) SELECT ?, ?, ?, ?, ?${ifChanged ? ' WHERE changes() > 0' : ''}`,
      this.iso(), userId, action, target, JSON.stringify(d),
    );
  }

  private async requireUser(id: number): Promise<User> {
    const u = await this.getUser(id);
    if (!u) throw new StoreError('NOT_FOUND', '没有这个用户');
    return u;
  }

  private async requireActor(id: number): Promise<User> {
    const u = await this.getUser(id);
    if (!u || u.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    return u;
  }

  private async requireAdmin(actorId: number | null): Promise<void> {
    if (actorId === null) return;
    const actor = await this.requireActor(actorId);
    if (actor.role !== 'admin') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.admin}可以管理用户和设置`);
  }

  private async keepOneAdmin(user: User): Promise<void> {
    const n = (await this.db.first<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`, [user.id]))?.n ?? 0;
    if (n === 0) throw new StoreError('CONFLICT', `${user.name} 是唯一可用的管理员，不能停用或降级`);
  }
}

/** BLOBs come back as Buffer (better-sqlite3), ArrayBuffer or number[] (D1). */
function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  throw new Error('documents.bytes is not a BLOB');
}
