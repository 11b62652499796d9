/**
 * The workbench's storage: accounts, sessions, API tokens, uploaded originals, reviews with
 * the reviewer's decisions, the audit log and settings — over any SqlDriver (SQLite on Node,
 * D1 on Workers). Input from outside is validated here with the zod schemas of ./types.ts;
 * refusals throw StoreError with a Chinese message.
 *
 * `actorId` is the signed-in user doing the operation, or null for the local command line
 * (which has the machine's trust; it is recorded as such in the audit log).
 */
import type { DocumentJson } from '../report/document-json.js';
import type { Review } from '../review/review.js';
import type { Finding } from '../rules/findings.js';
import type { PasswordHasher } from './password.js';
import { PasswordSchema } from './password.js';
import { stmt, type SqlDriver, type SqlStatement, type SqlValue } from './sql-driver.js';
import { randomToken, sha256Hex } from './tokens.js';
import {
  ApiTokenNameSchema, AuditQuerySchema, DocumentInputSchema, FindingUpdateSchema, HAND_RULE, HandFindingSchema, NewUserSchema, parseInput, ReviewMetaSchema,
  ReviewQuerySchema, RoleSchema, ROLE_LABELS, SettingKeySchema, StoreError, UserNameSchema,
  type ApiTokenInfo, type AuditEntry, type AuditQuery, type DocumentInput, type FindingStatus, type FindingUpdate, type HandFinding, type NewSession,
  type NewUser, type Page, type ReviewDetail, type ReviewFinding, type ReviewMeta, type ReviewQuery, type ReviewRecord, type ReviewStatus,
  type ReviewSummary, type Role, type SessionInfo, type StoredDocument, type User,
} from './types.js';

export interface StoreOptions {
  hasher: PasswordHasher;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Session lifetime, default 8 hours (a working day). */
  sessionTtlMs?: number;
  /** Offset of local time from UTC for date filters, default +8 h (China Standard Time). */
  utcOffsetMinutes?: number;
}

const API_TOKEN_PREFIX = 'fahu_';

interface UserRow { id: number; name: string; display_name: string; role: Role; disabled: number; created_at: string; password_hash: string }
interface ReviewRow {
  id: string; document_hash: string | null; title: string; doc_number: string | null; department: string; status: ReviewStatus;
  created_by: number; created_by_name: string | null; created_at: string; updated_at: string; signed_by: number | null; signed_by_name: string | null; signed_at: string | null;
}
interface FindingRow {
  finding_id: string; rule: string; category: string; severity: string; clause_id: string; path: string; quote: string; start: number; end: number;
  status: FindingStatus; dismiss_reason: string | null; suggestion_override: string | null; added_by_hand: number; title: string | null;
  explanation: string | null; suggestion: string | null; updated_by: number | null; updated_at: string | null;
}

const REVIEW_COLUMNS = `r.id, r.document_hash, r.title, r.doc_number, r.department, r.status, r.created_by, cu.display_name AS created_by_name,
  r.created_at, r.updated_at, r.signed_by, su.display_name AS signed_by_name, r.signed_at`;
const REVIEW_FROM = `reviews r LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users su ON su.id = r.signed_by`;

export class Store {
  private readonly hasher: PasswordHasher;
  private readonly now: () => Date;
  private readonly sessionTtlMs: number;
  private readonly utcOffsetMinutes: number;

  constructor(
    readonly db: SqlDriver,
    options: StoreOptions,
  ) {
    this.hasher = options.hasher;
    this.now = options.now ?? (() => new Date());
    this.sessionTtlMs = options.sessionTtlMs ?? 8 * 3600_000;
    this.utcOffsetMinutes = options.utcOffsetMinutes ?? 480;
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

  /** Disabling ends the user's sessions; their API tokens stop working while disabled. */
  async setDisabled(userId: number, disabled: boolean, actorId: number | null): Promise<User> {
    await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    if (disabled && user.role === 'admin') await this.keepOneAdmin(user);
    await this.db.batch([
      stmt('UPDATE users SET disabled = ? WHERE id = ?', disabled ? 1 : 0, userId),
      ...(disabled ? [stmt('DELETE FROM sessions WHERE user_id = ?', userId)] : []),
      this.auditStmt(actorId, disabled ? 'user.disable' : 'user.enable', `user:${user.name}`, {}),
    ]);
    return (await this.getUser(userId)) as User;
  }

  /** By the user themself, an admin, or the command line. Ends the user's sessions. */
  async setPassword(userId: number, password: string, actorId: number | null): Promise<void> {
    const pw = parseInput(PasswordSchema, password);
    if (actorId !== userId) await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    const hash = await this.hasher.hash(pw);
    await this.db.batch([
      stmt('UPDATE users SET password_hash = ? WHERE id = ?', hash, userId),
      stmt('DELETE FROM sessions WHERE user_id = ?', userId),
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

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= this.hasher.hash(randomToken(16));
    return this.dummy;
  }

  // ---------------------------------------------------------------- login rate limiting

  /** `key` is what is limited, e.g. `name:张三` or `ip:10.0.0.5`. */
  async recordLoginAttempt(key: string, success: boolean): Promise<void> {
    await this.db.run('INSERT INTO login_attempts (key, at, success) VALUES (?, ?, ?)', [key, this.iso(), success ? 1 : 0]);
  }

  /** Failed attempts for `key` within the last `windowMs`, counted since its last success. */
  async recentLoginFailures(key: string, windowMs: number): Promise<number> {
    const row = await this.db.first<{ n: number }>(
      `SELECT count(*) AS n FROM login_attempts WHERE key = ? AND success = 0 AND at > ?
         AND at > coalesce((SELECT max(at) FROM login_attempts WHERE key = ? AND success = 1), '')`,
      [key, this.iso(-windowMs), key],
    );
    return row?.n ?? 0;
  }

  // ---------------------------------------------------------------- sessions

  async createSession(userId: number, ttlMs = this.sessionTtlMs): Promise<NewSession> {
    const user = await this.requireUser(userId);
    if (user.disabled) throw new StoreError('FORBIDDEN', '该账号已停用');
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const expiresAt = this.iso(ttlMs);
    await this.db.run('INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [await sha256Hex(token), userId, csrfToken, this.iso(), expiresAt]);
    return { token, csrfToken, expiresAt };
  }

  /** The session for a cookie token, if unexpired and its user is not disabled. */
  async getSession(token: string): Promise<SessionInfo | null> {
    if (!token) return null;
    const row = await this.db.first<UserRow & { csrf_token: string; expires_at: string }>(
      `SELECT u.*, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
      [await sha256Hex(token), this.iso()],
    );
    return row ? { user: toUser(row), csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id = ?', [await sha256Hex(token)]);
  }

  /** Removes expired sessions and login attempts older than `keepAttemptsMs` (default a day). */
  async purgeExpired(keepAttemptsMs = 24 * 3600_000): Promise<{ sessions: number; loginAttempts: number }> {
    const [s, a] = await this.db.batch([stmt('DELETE FROM sessions WHERE expires_at <= ?', this.iso()), stmt('DELETE FROM login_attempts WHERE at < ?', this.iso(-keepAttemptsMs))]);
    return { sessions: s?.changes ?? 0, loginAttempts: a?.changes ?? 0 };
  }

  // ---------------------------------------------------------------- API tokens

  /** Returns the plain token once; only its SHA-256 is kept. */
  async createApiToken(userId: number, name: string, actorId: number | null): Promise<{ id: number; token: string }> {
    const label = parseInput(ApiTokenNameSchema, name);
    if (actorId !== userId) await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    const token = randomToken(32, API_TOKEN_PREFIX);
    const [r] = await this.db.batch([
      stmt('INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES (?, ?, ?, ?)', userId, await sha256Hex(token), label, this.iso()),
      this.auditStmt(actorId, 'token.create', `user:${user.name}`, { name: label }),
    ]);
    return { id: r?.lastRowId ?? 0, token };
  }

  /** The token's user (not disabled), or null. Records the time of use. */
  async verifyApiToken(token: string): Promise<User | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const hash = await sha256Hex(token);
    const row = await this.db.first<UserRow & { token_id: number }>(
      'SELECT u.*, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0',
      [hash],
    );
    if (!row) return null;
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [this.iso(), row.token_id]);
    return toUser(row);
  }

  async listApiTokens(userId: number): Promise<ApiTokenInfo[]> {
    const rows = await this.db.all<{ id: number; user_id: number; name: string; created_at: string; last_used_at: string | null }>(
      'SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY id',
      [userId],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  }

  async revokeApiToken(userId: number, tokenId: number, actorId: number | null): Promise<void> {
    if (actorId !== userId) await this.requireAdmin(actorId);
    const user = await this.requireUser(userId);
    const [r] = await this.db.batch([
      stmt('DELETE FROM api_tokens WHERE id = ? AND user_id = ?', tokenId, userId),
      this.auditStmt(actorId, 'token.revoke', `user:${user.name}`, { tokenId }, true),
    ]);
    if (!r?.changes) throw new StoreError('NOT_FOUND', '没有这个访问令牌');
  }

  // ---------------------------------------------------------------- documents

  /** Stores an original by its SHA-256; storing the same bytes again keeps the first copy (each upload is audited). */
  async putDocument(input: DocumentInput, actorId: number | null): Promise<{ hash: string; created: boolean }> {
    const d = parseInput(DocumentInputSchema, input);
    const hash = await sha256Hex(d.bytes);
    const [r] = await this.db.batch([
      stmt('INSERT OR IGNORE INTO documents (hash, file_name, mime, size, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)', hash, d.fileName, d.mime, d.bytes.length, d.bytes, this.iso()),
      this.auditStmt(actorId, 'document.upload', `document:${hash}`, { fileName: d.fileName, size: d.bytes.length }),
    ]);
    return { hash, created: (r?.changes ?? 0) > 0 };
  }

  async getDocument(hash: string): Promise<StoredDocument | null> {
    const row = await this.db.first<{ hash: string; file_name: string; mime: string; size: number; bytes: unknown; created_at: string }>('SELECT * FROM documents WHERE hash = ?', [hash]);
    return row ? { hash: row.hash, fileName: row.file_name, mime: row.mime, size: row.size, createdAt: row.created_at, bytes: toBytes(row.bytes) } : null;
  }

  // ---------------------------------------------------------------- reviews

  /** Saves a review result (the `{document, findings}` of review()) as a new draft record. */
  async createReview(result: Review, meta: ReviewMeta & { documentHash?: string | undefined }, actorId: number): Promise<ReviewRecord> {
    const m = parseInput(ReviewMetaSchema, meta);
    const actor = await this.requireActor(actorId);
    if (meta.documentHash && !(await this.db.first('SELECT 1 AS x FROM documents WHERE hash = ?', [meta.documentHash]))) throw new StoreError('NOT_FOUND', '原始文件未保存，无法建立审查记录');
    const id = crypto.randomUUID();
    const at = this.iso();
    const title = m.title || result.document.meta.title || result.document.source.fileName || '（无标题）';
    const docNumber = m.docNumber || result.document.meta.docNumber || null;
    await this.db.batch([
      stmt(
        `INSERT INTO reviews (id, document_hash, title, doc_number, department, status, created_by, created_at, updated_at, result_json)
         VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
        id, meta.documentHash ?? null, title, docNumber, m.department, actor.id, at, at, JSON.stringify(result),
      ),
      ...result.findings.map((f, seq) =>
        stmt(
          `INSERT INTO review_findings (review_id, finding_id, seq, rule, category, severity, clause_id, path, quote, start, "end")
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          id, f.id, seq, f.rule, f.category, f.severity, f.clauseId, f.path, f.quote, f.start, f.end,
        ),
      ),
      this.auditStmt(actor.id, 'review.create', `review:${id}`, { title, department: m.department, findings: result.findings.length }),
    ]);
    return (await this.getReviewRecord(id)) as ReviewRecord;
  }

  async getReviewRecord(id: string): Promise<ReviewRecord | null> {
    const row = await this.db.first<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE r.id = ?`, [id]);
    return row ? toReviewRecord(row) : null;
  }

  /** The record, its document and its findings with the reviewer's decisions. */
  async getReview(id: string): Promise<ReviewDetail | null> {
    const review = await this.getReviewRecord(id);
    if (!review) return null;
    const json = await this.db.first<{ result_json: string }>('SELECT result_json FROM reviews WHERE id = ?', [id]);
    const result = JSON.parse(json?.result_json ?? '{}') as Review;
    const rows = await this.db.all<FindingRow>('SELECT * FROM review_findings WHERE review_id = ? ORDER BY start, seq', [id]);
    const byId = new Map(result.findings.map((f) => [f.id, f]));
    return { review, document: result.document, findings: rows.map((r) => toReviewFinding(r, byId.get(r.finding_id))), packs: result.packs ?? [] };
  }

  /** The history, newest first. */
  async listReviews(query: ReviewQuery = {}): Promise<Page<ReviewSummary>> {
    const q = parseInput(ReviewQuerySchema, query);
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (q.department) (where.push('r.department = ?'), params.push(q.department));
    if (q.status) (where.push('r.status = ?'), params.push(q.status));
    if (q.createdBy) (where.push('r.created_by = ?'), params.push(q.createdBy));
    if (q.from) (where.push('r.created_at >= ?'), params.push(this.localDayStart(q.from, 0)));
    if (q.to) (where.push('r.created_at < ?'), params.push(this.localDayStart(q.to, 1)));
    if (q.q) (where.push(`(r.title LIKE ? ESCAPE '\\' OR coalesce(r.doc_number, '') LIKE ? ESCAPE '\\')`), params.push(like(q.q), like(q.q)));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.db.first<{ n: number }>(`SELECT count(*) AS n FROM reviews r ${clause}`, params))?.n ?? 0;
    const rows = await this.db.all<ReviewRow & { n_total: number; n_open: number; n_confirmed: number; n_dismissed: number }>(
      `SELECT ${REVIEW_COLUMNS},
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id) AS n_total,
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status = 'open') AS n_open,
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status = 'confirmed') AS n_confirmed,
         (SELECT count(*) FROM review_findings f WHERE f.review_id = r.id AND f.status = 'dismissed') AS n_dismissed
       FROM ${REVIEW_FROM} ${clause} ORDER BY r.created_at DESC, r.id LIMIT ? OFFSET ?`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = rows.map((r) => ({ ...toReviewRecord(r), counts: { total: r.n_total, open: r.n_open, confirmed: r.n_confirmed, dismissed: r.n_dismissed } }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Departments that have reviews, for the history filter. */
  async listDepartments(): Promise<string[]> {
    return (await this.db.all<{ department: string }>(`SELECT DISTINCT department FROM reviews WHERE department <> '' ORDER BY department`)).map((r) => r.department);
  }

  /** Confirm, dismiss (a reason is required), reopen, or edit the suggestion of one finding. */
  async updateFinding(reviewId: string, findingId: string, update: FindingUpdate, actorId: number): Promise<ReviewFinding> {
    const u = parseInput(FindingUpdateSchema, update);
    const actor = await this.requireActor(actorId);
    const at = this.iso();
    const set =
      u.action === 'suggest'
        ? stmt('suggestion_override = ?', u.suggestion || null)
        : stmt('status = ?, dismiss_reason = ?', u.action === 'confirm' ? 'confirmed' : u.action === 'dismiss' ? 'dismissed' : 'open', u.action === 'dismiss' ? u.reason : null);
    const [r] = await this.db.batch([
      {
        sql: `UPDATE review_findings SET ${set.sql}, updated_by = ?, updated_at = ?
              WHERE review_id = ? AND finding_id = ? AND EXISTS (SELECT 1 FROM reviews WHERE id = ? AND status <> 'signed')`,
        params: [...(set.params ?? []), actor.id, at, reviewId, findingId, reviewId],
      },
      ...this.touchReview(reviewId, at),
      this.auditStmt(actor.id, `finding.${u.action}`, `review:${reviewId}#${findingId}`, u.action === 'dismiss' ? { reason: u.reason } : u.action === 'suggest' ? { suggestion: u.suggestion } : {}, true),
    ]);
    if (!r?.changes) await this.explainRefusal(reviewId, findingId);
    return this.requireFinding(reviewId, findingId);
  }

  /** A finding the reviewer marks on a span of the document text; quote and clause are taken from the stored document. */
  async addHandFinding(reviewId: string, input: HandFinding, actorId: number): Promise<ReviewFinding> {
    const f = parseInput(HandFindingSchema, input);
    const actor = await this.requireActor(actorId);
    const detail = await this.getReview(reviewId);
    if (!detail) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (detail.review.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    const text = detail.document.text;
    if (f.end > text.length) throw new StoreError('INVALID', '所选位置超出了文件正文');
    const quote = text.slice(f.start, f.end);
    if (!quote.trim()) throw new StoreError('INVALID', '所选文字为空');
    const clause = innermostClause(detail.document, f.start, f.end);
    const findingId = `hand-${randomToken(6)}`;
    const at = this.iso();
    const [r] = await this.db.batch([
      stmt(
        `INSERT INTO review_findings (review_id, finding_id, seq, rule, category, severity, clause_id, path, quote, start, "end", status,
           added_by_hand, title, explanation, suggestion, updated_by, updated_at)
         SELECT ?, ?, coalesce((SELECT max(seq) + 1 FROM review_findings WHERE review_id = ?), 0), ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', 1, ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM reviews WHERE id = ? AND status <> 'signed')`,
        reviewId, findingId, reviewId, HAND_RULE, f.category, f.severity, clause?.id ?? '', clause?.path ?? '全文', quote, f.start, f.end,
        f.title, f.explanation, f.suggestion, actor.id, at, reviewId,
      ),
      ...this.touchReview(reviewId, at),
      this.auditStmt(actor.id, 'finding.add', `review:${reviewId}#${findingId}`, { category: f.category, quote }, true),
    ]);
    if (!r?.changes) await this.explainRefusal(reviewId, findingId);
    return this.requireFinding(reviewId, findingId);
  }

  /** The section chief (科长) signs the record off, once; afterwards it cannot change. */
  async signOff(reviewId: string, actorId: number): Promise<ReviewRecord> {
    const actor = await this.requireActor(actorId);
    if (actor.role !== 'chief') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.chief}可以签发审查记录`);
    const at = this.iso();
    const [r] = await this.db.batch([
      stmt(`UPDATE reviews SET status = 'signed', signed_by = ?, signed_at = ?, updated_at = ? WHERE id = ? AND status <> 'signed'`, actor.id, at, at, reviewId),
      this.auditStmt(actor.id, 'review.sign', `review:${reviewId}`, {}, true),
    ]);
    if (!r?.changes) {
      const rec = await this.getReviewRecord(reviewId);
      if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
      throw new StoreError('CONFLICT', `该审查记录已于 ${rec.signedAt ?? ''} 由 ${rec.signedByName ?? ''} 签发，不能重复签发`);
    }
    return (await this.getReviewRecord(reviewId)) as ReviewRecord;
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

  /** Marks the review as being worked on; chained after a finding change, so only when that changed a row. */
  private touchReview(reviewId: string, at: string): SqlStatement[] {
    return [stmt(`UPDATE reviews SET updated_at = ?, status = CASE status WHEN 'draft' THEN 'reviewing' ELSE status END WHERE id = ? AND changes() > 0`, at, reviewId)];
  }

  private async explainRefusal(reviewId: string, findingId: string): Promise<never> {
    const rec = await this.getReviewRecord(reviewId);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (rec.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    throw new StoreError('NOT_FOUND', `审查记录中没有问题 ${findingId}`);
  }

  private async requireFinding(reviewId: string, findingId: string): Promise<ReviewFinding> {
    const f = (await this.getReview(reviewId))?.findings.find((x) => x.id === findingId);
    if (!f) throw new StoreError('NOT_FOUND', `审查记录中没有问题 ${findingId}`);
    return f;
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

  /** UTC instant where the local day `yyyy-mm-dd` (+ `plusDays`) begins. */
  private localDayStart(day: string, plusDays: number): string {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + plusDays) - this.utcOffsetMinutes * 60_000).toISOString();
  }
}

function toUser(r: UserRow): User {
  return { id: r.id, name: r.name, displayName: r.display_name, role: r.role, disabled: r.disabled === 1, createdAt: r.created_at };
}

function toReviewRecord(r: ReviewRow): ReviewRecord {
  return {
    id: r.id, documentHash: r.document_hash, title: r.title, docNumber: r.doc_number, department: r.department, status: r.status,
    createdBy: r.created_by, createdByName: r.created_by_name ?? '', createdAt: r.created_at, updatedAt: r.updated_at,
    signedBy: r.signed_by, signedByName: r.signed_by_name, signedAt: r.signed_at,
  };
}

function toReviewFinding(r: FindingRow, rule: Finding | undefined): ReviewFinding {
  const base: Finding = rule ?? {
    id: r.finding_id, rule: r.rule, title: r.title ?? '', category: r.category as Finding['category'], severity: r.severity as Finding['severity'],
    clauseId: r.clause_id, path: r.path, quote: r.quote, start: r.start, end: r.end, basis: [], explanation: r.explanation ?? '', suggestion: r.suggestion ?? '',
  };
  return {
    ...base,
    status: r.status, dismissReason: r.dismiss_reason, suggestionOverride: r.suggestion_override, addedByHand: r.added_by_hand === 1,
    updatedBy: r.updated_by, updatedAt: r.updated_at,
  };
}

function innermostClause(doc: DocumentJson, start: number, end: number) {
  let best: DocumentJson['clauses'][number] | undefined;
  for (const c of doc.clauses) if (c.start <= start && end <= c.end && (!best || c.end - c.start < best.end - best.start)) best = c;
  return best;
}

function like(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** BLOBs come back as Buffer (better-sqlite3), ArrayBuffer or number[] (D1). */
function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (Array.isArray(v)) return Uint8Array.from(v as number[]);
  throw new Error('documents.bytes is not a BLOB');
}
