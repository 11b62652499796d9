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
 * sign-off in ./review-records.ts, accounts and passwords in ./user-records.ts, originals in ./document-records.ts, the audit log's reading in
 * ./audit-records.ts, settings in ./settings-records.ts; the Store delegates to them and lends them its helpers
 * (./store-context.ts), so callers keep this one class.
 */
import type { ResolvedBasis } from '../corpus/corpus.js';
import type { Review } from '../rules/review-result.js';
import type { PasswordHasher } from './password.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { PasswordChecks, type PasswordCheck } from './password-checks.js';
import { AuditRecords } from './audit-records.js';
import { DocumentRecords } from './document-records.js';
import type { FileStore } from './file-store.js';
import { DEFAULT_STORAGE_QUOTA_BYTES } from './storage-quota.js';
import { ReviewOutcomeRecords, type InheritHandInput, type InheritInput } from './review-outcome-records.js';
import { ReviewRecords } from './review-records.js';
import { SettingsRecords } from './settings-records.js';
import { SignInRecords } from './sign-in-records.js';
import { UserRecords } from './user-records.js';
import { stmt, type SqlDriver, type SqlStatement } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import {
  ROLE_LABELS, StoreError,
  type ApiTokenInfo, type AuditEntry, type AuditQuery, type DocumentInput, type ConclusionInput, type FindingUpdate, type HandFinding, type NewSession, type NewUser, type Page,
  type ReviewDetail, type ReviewFinding, type ReviewMeta, type ReviewQuery, type ReviewRecord, type ReviewSummary, type Role, type SessionInfo,
  type StoredDocument, type User, type VoidInput,
} from './types.js';

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
  /** Where originals' bytes go (./file-store.ts; Workers: R2); absent: in the documents row. */
  files?: FileStore;
}

export class Store {
  private readonly now: () => Date;
  private readonly signIn: SignInRecords;
  private readonly reviews: ReviewRecords;
  private readonly outcomes: ReviewOutcomeRecords;
  private readonly documents: DocumentRecords;
  private readonly audit: AuditRecords;
  private readonly settings: SettingsRecords;
  private readonly users: UserRecords;
  private readonly passwordChecks: PasswordChecks;
  /** Total bytes of originals allowed. */
  readonly storageQuotaBytes: number;

  constructor(
    readonly db: SqlDriver,
    options: StoreOptions,
  ) {
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
    this.users = new UserRecords(context, options.hasher);
    this.signIn = new SignInRecords(context, options.sessionTtlMs ?? 8 * 3600_000);
    this.reviews = new ReviewRecords(context, options.utcOffsetMinutes ?? 480);
    this.outcomes = new ReviewOutcomeRecords(context);
    this.documents = new DocumentRecords(context, this.storageQuotaBytes, options.files);
    this.audit = new AuditRecords(context);
    this.settings = new SettingsRecords(context);
    this.passwordChecks = new PasswordChecks(new AttemptLimiter(context), this.authenticate.bind(this));
  }

  /** The store's clock (tests set it): other parts built on the store keep the same time. */
  currentTime(): Date {
    return this.now();
  }

  private iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  // ---------------------------------------------------------------- users (./user-records.ts)

  createUser(input: NewUser, actorId: number | null): Promise<User> {
    return this.users.create(input, actorId);
  }

  getUser(id: number): Promise<User | null> {
    return this.users.get(id);
  }

  findUserByName(name: string): Promise<User | null> {
    return this.users.findByName(name);
  }

  listUsers(): Promise<User[]> {
    return this.users.list();
  }

  countUsers(): Promise<number> {
    return this.users.count();
  }

  setRole(userId: number, role: Role, actorId: number | null): Promise<User> {
    return this.users.setRole(userId, role, actorId);
  }

  /** Disabling ends the user's sessions and revokes their API tokens (re-enabling does not bring them back). */
  setDisabled(userId: number, disabled: boolean, actorId: number | null): Promise<User> {
    return this.users.setDisabled(userId, disabled, actorId);
  }

  /** By the user themself, an admin, or the command line; ends their sessions and revokes all their API tokens. */
  setPassword(userId: number, password: string, actorId: number | null): Promise<void> {
    return this.users.setPassword(userId, password, actorId);
  }

  /** The user for a right name and password, or null (wrong, unknown or disabled: the caller says only “用户名或密码错误”). */
  authenticate(name: string, password: string): Promise<User | null> {
    return this.users.authenticate(name, password);
  }

  /** Sign-in with a rate limit per name and address, taken before the password is hashed (./password-checks.ts). */
  checkSignIn(name: string, password: string, address: string): Promise<PasswordCheck> {
    return this.passwordChecks.signIn(name, password, address);
  }

  /** The user's current password before a change, rate limited per account and address. */
  async confirmPassword(userId: number, password: string, address: string): Promise<PasswordCheck> {
    return this.passwordChecks.confirmPassword(await this.requireUser(userId), password, address);
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

  // ---------------------------------------------------------------- documents (./document-records.ts)

  /**
   * Stores an original by its SHA-256; the same bytes again keep the first copy (each upload is
   * audited); new bytes must fit the storage quota, else StoreError QUOTA (./document-records.ts).
   */
  putDocument(input: DocumentInput, actorId: number | null): Promise<{ hash: string; created: boolean }> {
    return this.documents.put(input, actorId);
  }

  /** Bytes and number of stored originals. */
  storageUsage(): Promise<{ bytes: number; documents: number }> {
    return this.documents.usage();
  }

  /** The file name for a download of `hash` by `userId` (./storage-quota.ts): never another uploader's name unasked. */
  documentDownloadName(hash: string, userId: number | null, wanted: string | undefined, ext: string): Promise<string> {
    return this.documents.downloadName(hash, userId, wanted, ext);
  }

  getDocument(hash: string): Promise<StoredDocument | null> {
    return this.documents.get(hash);
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
  /** `basis`: the articles picked, with their text (local-texts/hand-basis.ts resolves them). */
  addHandFinding(reviewId: string, input: HandFinding, actorId: number, basis: readonly ResolvedBasis[] = []): Promise<ReviewFinding> {
    return this.reviews.addHandFinding(reviewId, input, actorId, basis);
  }

  /** The reviewer's general conclusion (one of CONCLUSIONS; null clears it), audited; sign-off requires one. */
  setConclusion(reviewId: string, input: ConclusionInput, actorId: number): Promise<void> {
    return this.outcomes.setConclusion(reviewId, input, actorId);
  }

  /** Decisions of an earlier version's review carried over to this review's open findings, and its decided hand findings copied (继承). */
  inheritDecisions(reviewId: string, fromReviewId: string, decisions: readonly InheritInput[], actorId: number, hand: readonly InheritHandInput[] = []): Promise<number> {
    return this.outcomes.inheritDecisions(reviewId, fromReviewId, decisions, actorId, hand);
  }

  /** The section chief (科长) signs the record off, once, with a conclusion chosen; afterwards it cannot change. */
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

  // ---------------------------------------------------------------- audit log (append-only, ./audit-records.ts)

  /** For events the store does not see itself (login, logout, refused access …). */
  appendAudit(entry: { userId: number | null; action: string; target?: string; detail?: Record<string, unknown> }): Promise<void> {
    return this.audit.append(entry);
  }

  /** Newest first; administrators only. */
  listAudit(actorId: number, query: AuditQuery = {}): Promise<Page<AuditEntry>> {
    return this.audit.list(actorId, query);
  }

  // ---------------------------------------------------------------- settings (./settings-records.ts)

  getSetting<T>(key: string): Promise<T | undefined> {
    return this.settings.get<T>(key);
  }

  /** Administrators or the command line; audited with the new value. */
  setSetting(key: string, value: unknown, actorId: number | null): Promise<void> {
    return this.settings.set(key, value, actorId);
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


}

