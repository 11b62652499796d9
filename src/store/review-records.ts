/**
 * Review records: the saved result of a review, the reviewer's decision on each finding
 * (confirm, dismiss, reopen, reword, or a finding marked by hand), the history list and the
 * chief's sign-off. Split out of the Store, which stays the one entry point and delegates here
 * with its StoreContext.
 */
import type { ResolvedBasis } from '../corpus/corpus.js';
import type { DocumentJson } from '../document/document-json.js';
import type { Review } from '../rules/review-result.js';
import type { Finding } from '../rules/findings.js';
import { stmt, type SqlStatement, type SqlValue } from './sql-driver.js';
import type { StoreContext } from './store-context.js';
import { randomToken } from './tokens.js';
import {
  FindingUpdateSchema, HAND_RULE, HandFindingSchema, parseInput, ReviewMetaSchema, ReviewQuerySchema, ROLE_LABELS, StoreError, voidedCondition, VoidSchema,
  type FindingStatus, type FindingUpdate, type HandFinding, type Page, type ReviewDetail, type ReviewFinding, type ReviewMeta, type ReviewQuery,
  type ReviewRecord, type ReviewStatus, type ReviewSummary, type User, type VoidInput,
} from './types.js';

interface ReviewRow {
  id: string; document_hash: string | null; title: string; doc_number: string | null; department: string; status: ReviewStatus;
  created_by: number; created_by_name: string | null; created_at: string; updated_at: string; signed_by: number | null; signed_by_name: string | null; signed_at: string | null;
  voided_at: string | null; voided_by_name: string | null; void_reason: string | null;
  conclusion: string | null; conclusion_by_name: string | null; conclusion_at: string | null; previous_review_id: string | null;
}
interface FindingRow {
  finding_id: string; rule: string; category: string; severity: string; clause_id: string; path: string; quote: string; start: number; end: number;
  status: FindingStatus; dismiss_reason: string | null; suggestion_override: string | null; added_by_hand: number; title: string | null;
  explanation: string | null; suggestion: string | null; updated_by: number | null; updated_at: string | null; inherited_from: string | null;
  /** Migration 65 (local-texts/): the articles a reviewer picked for a hand-added finding. */
  basis_json?: string | null;
}

const REVIEW_COLUMNS = `r.id, r.document_hash, r.title, r.doc_number, r.department, r.status, r.created_by, cu.display_name AS created_by_name,
  r.created_at, r.updated_at, r.signed_by, su.display_name AS signed_by_name, r.signed_at, r.voided_at, vu.display_name AS voided_by_name, r.void_reason,
  r.conclusion, ku.display_name AS conclusion_by_name, r.conclusion_at, r.previous_review_id`;
const REVIEW_FROM = `reviews r LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users su ON su.id = r.signed_by LEFT JOIN users vu ON vu.id = r.voided_by
  LEFT JOIN users ku ON ku.id = r.conclusion_by`;
/** Writes to a review's findings or sign-off only while it is neither signed nor voided. */
export const WRITABLE = `status <> 'signed' AND voided_at IS NULL`;

export class ReviewRecords {
  constructor(
    private readonly ctx: StoreContext,
    /** Offset of local time from UTC for the history's date filters. */
    private readonly utcOffsetMinutes: number,
  ) {}

  async createReview(result: Review, meta: ReviewMeta & { documentHash?: string | undefined }, actorId: number): Promise<ReviewRecord> {
    const m = parseInput(ReviewMetaSchema, meta);
    const actor = await this.ctx.requireActor(actorId);
    if (meta.documentHash && !(await this.ctx.db.first('SELECT 1 AS x FROM documents WHERE hash = ?', [meta.documentHash]))) throw new StoreError('NOT_FOUND', '原始文件未保存，无法建立审查记录');
    const id = crypto.randomUUID();
    const at = this.ctx.iso();
    const title = m.title || result.document.meta.title || result.document.source.fileName || '（无标题）';
    const docNumber = m.docNumber || result.document.meta.docNumber || null;
    await this.ctx.db.batch([
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
      this.ctx.auditStmt(actor.id, 'review.create', `review:${id}`, { title, department: m.department, findings: result.findings.length }),
    ]);
    return (await this.getReviewRecord(id)) as ReviewRecord;
  }

  async getReviewRecord(id: string): Promise<ReviewRecord | null> {
    const row = await this.ctx.db.first<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE r.id = ?`, [id]);
    return row ? toReviewRecord(row) : null;
  }

  async getReview(id: string): Promise<ReviewDetail | null> {
    const review = await this.getReviewRecord(id);
    if (!review) return null;
    const json = await this.ctx.db.first<{ result_json: string }>('SELECT result_json FROM reviews WHERE id = ?', [id]);
    const result = JSON.parse(json?.result_json ?? '{}') as Review;
    const rows = await this.ctx.db.all<FindingRow>('SELECT * FROM review_findings WHERE review_id = ? ORDER BY start, seq', [id]);
    const byId = new Map(result.findings.map((f) => [f.id, f]));
    return { review, document: result.document, findings: rows.map((r) => toReviewFinding(r, byId.get(r.finding_id))), packs: result.packs ?? [] };
  }

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
    const voided = voidedCondition(q.voided, 'r');
    if (voided) where.push(voided);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (await this.ctx.db.first<{ n: number }>(`SELECT count(*) AS n FROM reviews r ${clause}`, params))?.n ?? 0;
    const rows = await this.ctx.db.all<ReviewRow & { n_total: number; n_open: number; n_confirmed: number; n_dismissed: number }>(
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

  async listDepartments(): Promise<string[]> {
    return (await this.ctx.db.all<{ department: string }>(`SELECT DISTINCT department FROM reviews WHERE department <> '' AND voided_at IS NULL ORDER BY department`)).map((r) => r.department);
  }

  async updateFinding(reviewId: string, findingId: string, update: FindingUpdate, actorId: number): Promise<ReviewFinding> {
    const u = parseInput(FindingUpdateSchema, update);
    const actor = await this.ctx.requireActor(actorId);
    const at = this.ctx.iso();
    const set =
      u.action === 'suggest'
        ? stmt('suggestion_override = ?', u.suggestion || null)
        : stmt('status = ?, dismiss_reason = ?, inherited_from = NULL', u.action === 'confirm' ? 'confirmed' : u.action === 'dismiss' ? 'dismissed' : 'open', u.action === 'dismiss' ? u.reason : null);
    const [r] = await this.ctx.db.batch([
      {
        sql: `UPDATE review_findings SET ${set.sql}, updated_by = ?, updated_at = ?
              WHERE review_id = ? AND finding_id = ? AND EXISTS (SELECT 1 FROM reviews WHERE id = ? AND ${WRITABLE})`,
        params: [...(set.params ?? []), actor.id, at, reviewId, findingId, reviewId],
      },
      ...this.touchReview(reviewId, at),
      this.ctx.auditStmt(actor.id, `finding.${u.action}`, `review:${reviewId}#${findingId}`, u.action === 'dismiss' ? { reason: u.reason } : u.action === 'suggest' ? { suggestion: u.suggestion } : {}, true),
    ]);
    if (!r?.changes) await this.explainRefusal(reviewId, findingId);
    return this.requireFinding(reviewId, findingId);
  }

  async addHandFinding(reviewId: string, input: HandFinding, actorId: number, basis: readonly ResolvedBasis[] = []): Promise<ReviewFinding> {
    const f = parseInput(HandFindingSchema, input);
    const actor = await this.ctx.requireActor(actorId);
    const detail = await this.getReview(reviewId);
    if (!detail) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (detail.review.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    if (detail.review.voidedAt) throw new StoreError('CONFLICT', VOIDED_REFUSAL);
    const text = detail.document.text;
    if (f.end > text.length) throw new StoreError('INVALID', '所选位置超出了文件正文');
    const quote = text.slice(f.start, f.end);
    if (!quote.trim()) throw new StoreError('INVALID', '所选文字为空');
    const clause = innermostClause(detail.document, f.start, f.end);
    const findingId = `hand-${randomToken(6)}`;
    const at = this.ctx.iso();
    const [r] = await this.ctx.db.batch([
      stmt(
        `INSERT INTO review_findings (review_id, finding_id, seq, rule, category, severity, clause_id, path, quote, start, "end", status,
           added_by_hand, title, explanation, suggestion, updated_by, updated_at)
         SELECT ?, ?, coalesce((SELECT max(seq) + 1 FROM review_findings WHERE review_id = ?), 0), ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', 1, ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM reviews WHERE id = ? AND ${WRITABLE})`,
        reviewId, findingId, reviewId, HAND_RULE, f.category, f.severity, clause?.id ?? '', clause?.path ?? '全文', quote, f.start, f.end,
        f.title, f.explanation, f.suggestion, actor.id, at, reviewId,
      ),
      // the articles the reviewer picked, with their text (resolved by local-texts/hand-basis.ts)
      ...(basis.length ? [stmt('UPDATE review_findings SET basis_json = ? WHERE review_id = ? AND finding_id = ?', JSON.stringify(basis), reviewId, findingId)] : []),
      ...this.touchReview(reviewId, at),
      this.ctx.auditStmt(actor.id, 'finding.add', `review:${reviewId}#${findingId}`, { category: f.category, quote, ...(basis.length ? { basis: basis.map((b) => `${b.law}${b.article}${b.item ? `第${b.item}项` : ''}`) } : {}) }, true),
    ]);
    if (!r?.changes) await this.explainRefusal(reviewId, findingId);
    return this.requireFinding(reviewId, findingId);
  }

  /**
   * The chief's sign-off: only once, and only when every finding is handled (confirmed or
   * dismissed) — checked in the same statement that signs, so no caller (API, page, script)
   * can sign a review with open findings, which would then never reach the decision library;
   * and only with the reviewer's conclusion stored (the signed opinion carries it, never a blank).
   */
  async signOff(reviewId: string, actorId: number): Promise<ReviewRecord> {
    const actor = await this.ctx.requireActor(actorId);
    if (actor.role !== 'chief') throw new StoreError('FORBIDDEN', `只有${ROLE_LABELS.chief}可以签发审查记录`);
    const at = this.ctx.iso();
    const [r] = await this.ctx.db.batch([
      stmt(
        `UPDATE reviews SET status = 'signed', signed_by = ?, signed_at = ?, updated_at = ?
         WHERE id = ? AND ${WRITABLE} AND conclusion IS NOT NULL AND NOT EXISTS (SELECT 1 FROM review_findings WHERE review_id = ? AND status = 'open')`,
        actor.id, at, at, reviewId, reviewId,
      ),
      this.ctx.auditStmt(actor.id, 'review.sign', `review:${reviewId}`, {}, true),
    ]);
    if (!r?.changes) {
      const rec = await this.getReviewRecord(reviewId);
      if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
      if (rec.status === 'signed') throw new StoreError('CONFLICT', `该审查记录已于 ${rec.signedAt ?? ''} 由 ${rec.signedByName ?? ''} 签发，不能重复签发`);
      if (rec.voidedAt) throw new StoreError('CONFLICT', VOIDED_REFUSAL);
      const open = await this.ctx.db.first<{ n: number }>(`SELECT count(*) AS n FROM review_findings WHERE review_id = ? AND status = 'open'`, [reviewId]);
      if (open?.n) throw new StoreError('CONFLICT', `尚有 ${open.n} 个问题待处理，全部确认或排除后方可签发`);
      throw new StoreError('CONFLICT', '尚未选定审查结论（合法，可以出台／修改后可以出台……），选定后方可签发');
    }
    return (await this.getReviewRecord(reviewId)) as ReviewRecord;
  }

  /**
   * 作废: the record stays (with its findings and audit trail) but leaves lists and statistics.
   * Its creator may void an unsigned record; the chief or an administrator any record.
   */
  async voidReview(reviewId: string, input: VoidInput, actorId: number): Promise<ReviewRecord> {
    const { reason } = parseInput(VoidSchema, input);
    const actor = await this.ctx.requireActor(actorId);
    const rec = await this.getReviewRecord(reviewId);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    this.checkMayVoid(actor, rec);
    if (rec.voidedAt) throw new StoreError('CONFLICT', `该审查记录已于 ${rec.voidedAt} 由 ${rec.voidedByName ?? ''} 作废`);
    const at = this.ctx.iso();
    const [r] = await this.ctx.db.batch([
      stmt('UPDATE reviews SET voided_at = ?, voided_by = ?, void_reason = ?, updated_at = ? WHERE id = ? AND voided_at IS NULL', at, actor.id, reason, at, reviewId),
      this.ctx.auditStmt(actor.id, 'review.void', `review:${reviewId}`, { reason, title: rec.title }, true),
    ]);
    if (!r?.changes) throw new StoreError('CONFLICT', '该审查记录刚被他人作废，请刷新页面');
    return (await this.getReviewRecord(reviewId)) as ReviewRecord;
  }

  /** 撤销作废: the record comes back to lists and statistics; the void stays in the audit log. */
  async restoreReview(reviewId: string, actorId: number): Promise<ReviewRecord> {
    const actor = await this.ctx.requireActor(actorId);
    const rec = await this.getReviewRecord(reviewId);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    this.checkMayVoid(actor, rec);
    if (!rec.voidedAt) throw new StoreError('CONFLICT', '该审查记录没有作废');
    const at = this.ctx.iso();
    await this.ctx.db.batch([
      stmt('UPDATE reviews SET voided_at = NULL, voided_by = NULL, void_reason = NULL, updated_at = ? WHERE id = ? AND voided_at IS NOT NULL', at, reviewId),
      this.ctx.auditStmt(actor.id, 'review.restore', `review:${reviewId}`, { previousReason: rec.voidReason }, true),
    ]);
    return (await this.getReviewRecord(reviewId)) as ReviewRecord;
  }

  /** Earlier records (not voided) of the same original, newest first: an upload of a file reviewed before offers them. */
  async reviewsOfDocument(hash: string): Promise<ReviewRecord[]> {
    const rows = await this.ctx.db.all<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM ${REVIEW_FROM} WHERE r.document_hash = ? AND r.voided_at IS NULL ORDER BY r.created_at DESC, r.id`, [hash]);
    return rows.map(toReviewRecord);
  }

  /**
   * A rendered upload form's token, claimed when the form lands: the first claim wins; a form
   * sent again (Back + 开始预审, a double click) gets the record the first one made, or null
   * while that one is still being made.
   */
  async claimSubmitToken(token: string, userId: number): Promise<{ claimed: true } | { claimed: false; reviewId: string | null }> {
    const r = await this.ctx.db.run('INSERT OR IGNORE INTO submit_tokens (token, user_id, review_id, created_at) VALUES (?, ?, NULL, ?)', [token, userId, this.ctx.iso()]);
    if (r.changes > 0) return { claimed: true };
    const row = await this.ctx.db.first<{ user_id: number; review_id: string | null }>('SELECT user_id, review_id FROM submit_tokens WHERE token = ?', [token]);
    if (!row || row.user_id !== userId) throw new StoreError('CONFLICT', '表单已失效，请刷新页面后重新提交');
    return { claimed: false, reviewId: row.review_id };
  }

  /** The record a claimed token made (or, with null, frees the token after a refusal so the form can be sent again). */
  async settleSubmitToken(token: string, reviewId: string | null): Promise<void> {
    if (reviewId) await this.ctx.db.run('UPDATE submit_tokens SET review_id = ? WHERE token = ?', [reviewId, token]);
    else await this.ctx.db.run('DELETE FROM submit_tokens WHERE token = ? AND review_id IS NULL', [token]);
  }

  private checkMayVoid(actor: User, rec: ReviewRecord): void {
    if (actor.role === 'chief' || actor.role === 'admin') return;
    if (rec.createdBy !== actor.id) throw new StoreError('FORBIDDEN', `只有建立该记录的人员、${ROLE_LABELS.chief}或${ROLE_LABELS.admin}可以作废审查记录`);
    if (rec.status === 'signed') throw new StoreError('FORBIDDEN', `已签发的审查记录只有${ROLE_LABELS.chief}或${ROLE_LABELS.admin}可以作废`);
  }

  /** Marks the review as being worked on; chained after a finding change, so only when that changed a row. */
  private touchReview(reviewId: string, at: string): SqlStatement[] {
    return [stmt(`UPDATE reviews SET updated_at = ?, status = CASE status WHEN 'draft' THEN 'reviewing' ELSE status END WHERE id = ? AND changes() > 0`, at, reviewId)];
  }

  private async explainRefusal(reviewId: string, findingId: string): Promise<never> {
    const rec = await this.getReviewRecord(reviewId);
    if (!rec) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (rec.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，不能再修改');
    if (rec.voidedAt) throw new StoreError('CONFLICT', VOIDED_REFUSAL);
    throw new StoreError('NOT_FOUND', `审查记录中没有问题 ${findingId}`);
  }

  private async requireFinding(reviewId: string, findingId: string): Promise<ReviewFinding> {
    const f = (await this.getReview(reviewId))?.findings.find((x) => x.id === findingId);
    if (!f) throw new StoreError('NOT_FOUND', `审查记录中没有问题 ${findingId}`);
    return f;
  }

  /** UTC instant where the local day `yyyy-mm-dd` (+ `plusDays`) begins. */
  private localDayStart(day: string, plusDays: number): string {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + plusDays) - this.utcOffsetMinutes * 60_000).toISOString();
  }
}

const VOIDED_REFUSAL = '审查记录已作废，不能再修改（如需继续审查，请先撤销作废）';

function toReviewRecord(r: ReviewRow): ReviewRecord {
  return {
    id: r.id, documentHash: r.document_hash, title: r.title, docNumber: r.doc_number, department: r.department, status: r.status,
    createdBy: r.created_by, createdByName: r.created_by_name ?? '', createdAt: r.created_at, updatedAt: r.updated_at,
    signedBy: r.signed_by, signedByName: r.signed_by_name, signedAt: r.signed_at,
    voidedAt: r.voided_at, voidedByName: r.voided_by_name, voidReason: r.void_reason,
    conclusion: r.conclusion, conclusionByName: r.conclusion_by_name, conclusionAt: r.conclusion_at, previousReviewId: r.previous_review_id,
  };
}

function toReviewFinding(r: FindingRow, rule: Finding | undefined): ReviewFinding {
  const base: Finding = rule ?? {
    id: r.finding_id, rule: r.rule, title: r.title ?? '', category: r.category as Finding['category'], severity: r.severity as Finding['severity'],
    clauseId: r.clause_id, path: r.path, quote: r.quote, start: r.start, end: r.end, basis: r.basis_json ? (JSON.parse(r.basis_json) as ResolvedBasis[]) : [], explanation: r.explanation ?? '', suggestion: r.suggestion ?? '',
  };
  return {
    ...base,
    status: r.status, dismissReason: r.dismiss_reason, suggestionOverride: r.suggestion_override, addedByHand: r.added_by_hand === 1,
    updatedBy: r.updated_by, updatedAt: r.updated_at, inheritedFrom: r.inherited_from,
  };
}

/** The smallest clause holding [start, end). */
export function innermostClause(doc: DocumentJson, start: number, end: number) {
  let best: DocumentJson['clauses'][number] | undefined;
  for (const c of doc.clauses) if (c.start <= start && end <= c.end && (!best || c.end - c.start < best.end - best.start)) best = c;
  return best;
}

function like(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
