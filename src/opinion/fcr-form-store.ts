/**
 * The reviewer's 公平竞争审查表 of a review, kept in fcr_forms (migration 64), one per review.
 * Anyone signed in may save it while the review is neither signed nor voided (as for findings);
 * every save is audited in the same batch. A refused save changes nothing.
 */
import { stmt } from '../store/sql-driver.js';
import type { Store } from '../store/store.js';
import { parseInput, StoreError } from '../store/types.js';
import { checkFcrForm, FcrFormError, FcrFormSchema, type FcrFormValues, type FcrStandards } from './fcr-form.js';

export const FCR_AUDIT_ACTION = 'review.fcr_form';

export interface StoredFcrForm {
  values: FcrFormValues;
  updatedAt: string;
  updatedByName: string | null;
}

export class FcrFormStore {
  constructor(private readonly store: Store) {}

  async get(reviewId: string): Promise<StoredFcrForm | null> {
    const row = await this.store.db.first<{ form_json: string; updated_at: string; name: string | null }>(
      'SELECT f.form_json, f.updated_at, u.display_name AS name FROM fcr_forms f LEFT JOIN users u ON u.id = f.updated_by WHERE f.review_id = ?',
      [reviewId],
    );
    if (!row) return null;
    const parsed = FcrFormSchema.safeParse(JSON.parse(row.form_json));
    return parsed.success ? { values: parsed.data, updatedAt: row.updated_at, updatedByName: row.name } : null;
  }

  /** Checks and saves the reviewer's form; `actorId` null is the local command line. */
  async save(reviewId: string, input: unknown, standards: FcrStandards, actorId: number | null): Promise<StoredFcrForm> {
    if (actorId !== null) {
      const actor = await this.store.getUser(actorId);
      if (!actor || actor.disabled) throw new StoreError('FORBIDDEN', '账号不存在或已停用');
    }
    const detail = await this.store.getReview(reviewId);
    if (!detail) throw new StoreError('NOT_FOUND', '没有这条审查记录');
    if (detail.review.voidedAt) throw new StoreError('CONFLICT', '审查记录已作废，公平竞争审查表不能再修改');
    if (detail.review.status === 'signed') throw new StoreError('CONFLICT', '审查记录已签发，公平竞争审查表不能再修改');
    let values: FcrFormValues;
    try {
      values = checkFcrForm(parseInput(FcrFormSchema, input), standards);
    } catch (e) {
      if (e instanceof FcrFormError) throw new StoreError('INVALID', e.message);
      throw e;
    }
    const at = this.store.currentTime().toISOString();
    const involved = Object.entries(values.boxes).filter(([, b]) => b.involved).map(([k]) => k);
    await this.store.db.batch([
      stmt(
        'INSERT INTO fcr_forms (review_id, form_json, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(review_id) DO UPDATE SET form_json = excluded.form_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
        reviewId, JSON.stringify(values), actorId, at,
      ),
      stmt(
        'INSERT INTO audit_log (at, user_id, action, target, detail_json) VALUES (?, ?, ?, ?, ?)',
        at, actorId, FCR_AUDIT_ACTION, `review:${reviewId}`, JSON.stringify({ involved, exception: values.exception.applies ? values.exception.ground : null, ...(actorId === null ? { via: 'cli' } : {}) }),
      ),
    ]);
    const saved = await this.get(reviewId);
    if (!saved) throw new Error('公平竞争审查表保存后读不回');
    return saved;
  }
}
