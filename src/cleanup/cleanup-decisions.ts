/**
 * The cleanup's decisions on an inventory item (继续有效 / 修改 / 废止 / 宣布失效) and the
 * confirmation that an attached text is the row's document: the checks and the writes, with
 * their audit. Roles and the campaign's state are checked by CleanupStore, the one entry point.
 */
import type { Store } from '../store/store.js';
import { StoreError } from '../store/types.js';
import { mismatchMessage } from './expiry.js';
import { DECISION_LABELS, DECISIONS, type CleanupItem, type Decision, type DecisionClause } from './model.js';

export interface DecisionInput {
  decision: Decision;
  reason?: string;
  /** Clause ids of the item's review (涉及条款). */
  clauses?: string[];
  /** The legal basis (法律依据) of the decision, in the reviewer's words. */
  basis?: string;
}

export interface CheckedDecision {
  decision: Decision;
  reason: string;
  basis: string;
  clauses: readonly string[];
}

/** Anything but 继续有效 needs a reason; reason and basis are bounded. */
export function checkDecision(input: DecisionInput): CheckedDecision {
  if (!DECISIONS.includes(input.decision)) throw new StoreError('INVALID', '清理结论只能是 继续有效、修改、废止 或 宣布失效');
  const reason = (input.reason ?? '').trim();
  if (reason.length > 2000) throw new StoreError('INVALID', '理由不能超过 2000 个字符');
  if (input.decision !== 'keep' && !reason) throw new StoreError('INVALID', `结论为“${DECISION_LABELS[input.decision]}”时必须填写理由`);
  const basis = (input.basis ?? '').trim();
  if (basis.length > 1000) throw new StoreError('INVALID', '法律依据不能超过 1000 个字符');
  return { decision: input.decision, reason, basis, clauses: input.clauses ?? [] };
}

/** Writes the decision (replacing an earlier one) once a mismatched text has been confirmed; audited. */
export async function recordDecision(store: Store, item: CleanupItem, d: CheckedDecision, actorId: number | null, at: string): Promise<void> {
  if (item.mismatches.length && !item.textConfirmedAt) {
    throw new StoreError('CONFLICT', `${mismatchMessage(item.mismatches)}：请先核对并确认上传的正文就是清单中的这份文件，或重新上传正文`);
  }
  const clauses = await resolveClauses(store, item, d.clauses);
  await store.db.run(
    'UPDATE cleanup_items SET decision = ?, decision_reason = ?, decision_clauses_json = ?, decision_basis = ?, decided_by = ?, decided_at = ? WHERE id = ?',
    [d.decision, d.reason || null, JSON.stringify(clauses), d.basis || null, actorId, at, item.id],
  );
  await store.appendAudit({
    userId: actorId, action: 'cleanup.decide', target: `cleanup-item:${item.id}`,
    detail: { title: item.title, decision: d.decision, previous: item.decision, reason: d.reason, clauses: clauses.map((c) => c.path), ...(d.basis ? { basis: d.basis } : {}) },
  });
}

/** Records that a person confirmed the attached text although its 文号 or title differs from the row. */
export async function confirmAttachedText(store: Store, item: CleanupItem, actorId: number | null, at: string): Promise<void> {
  if (item.mismatches.length === 0) throw new StoreError('CONFLICT', '正文的文号和标题与清单一致，无需确认');
  await store.db.run('UPDATE cleanup_items SET text_confirmed_by = ?, text_confirmed_at = ? WHERE id = ? AND document_hash IS NOT NULL', [actorId, at, item.id]);
  await store.appendAudit({ userId: actorId, action: 'cleanup.confirm', target: `cleanup-item:${item.id}`, detail: { title: item.title, mismatch: mismatchMessage(item.mismatches) } });
}

/** Clause ids or paths of the item's review, each once, as {id, path}. */
async function resolveClauses(store: Store, item: CleanupItem, ids: readonly string[]): Promise<DecisionClause[]> {
  const unique = [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
  if (unique.length === 0) return [];
  if (!item.reviewId) throw new StoreError('INVALID', '这份文件还没有预审结果，不能选择条款');
  const detail = await store.getReview(item.reviewId);
  if (!detail) throw new StoreError('NOT_FOUND', '预审记录不存在');
  const byId = new Map(detail.document.clauses.map((c) => [c.id, c]));
  const byPath = new Map(detail.document.clauses.map((c) => [c.path, c]));
  return unique.map((id) => {
    const c = byId.get(id) ?? byPath.get(id);
    if (!c) throw new StoreError('INVALID', `预审结果中没有条款 ${id}`);
    return { id: c.id, path: c.path };
  });
}
