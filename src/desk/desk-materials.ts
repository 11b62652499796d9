/**
 * 送审材料: the checklist of a request is its kind's (kinds.ts, an administrator's setting); what
 * has been received is kept per request (desk_request_materials). 退回补正 lists what is missing
 * (desk-store.ts writes it into the step's note). Split from DeskStore, which delegates to it.
 */
import { stmt } from '../store/sql-driver.js';
import { StoreError } from '../store/types.js';
import type { DeskCalendarStore } from './desk-calendar-store.js';
import type { DeskContext } from './desk-context.js';
import type { DeskRequest, Materials } from './desk-types.js';
import { missingMaterials, REQUEST_KIND_LABELS } from './kinds.js';

export class DeskMaterials {
  constructor(
    private readonly ctx: DeskContext,
    private readonly calendars: DeskCalendarStore,
  ) {}

  async materials(request: Pick<DeskRequest, 'id' | 'kind'>): Promise<Materials> {
    const { checklist } = (await this.calendars.kindSettings())[request.kind];
    const rows = await this.ctx.db.all<{ item: string }>('SELECT item FROM desk_request_materials WHERE request_id = ? ORDER BY recorded_at, item', [request.id]);
    const received = new Set(rows.map((r) => r.item));
    return { checklist: [...checklist], received: checklist.filter((i) => received.has(i)), missing: missingMaterials(checklist, received) };
  }

  /** Marks exactly `items` as received (the others as not); every item must be on the kind's checklist. */
  async setReceived(request: Pick<DeskRequest, 'id' | 'kind'>, items: readonly string[], actorId: number | null): Promise<Materials> {
    const before = await this.materials(request);
    const wanted = [...new Set(items.map((i) => i.trim()).filter(Boolean))];
    const unknown = wanted.filter((i) => !before.checklist.includes(i));
    if (unknown.length) {
      throw new StoreError('INVALID', `“${unknown.join('”“')}”不在${REQUEST_KIND_LABELS[request.kind]}的送审材料清单中（清单：${before.checklist.join('、') || '无'}；管理员可在期限设置中修改）`);
    }
    const at = this.ctx.iso();
    const added = wanted.filter((i) => !before.received.includes(i));
    const removed = before.received.filter((i) => !wanted.includes(i));
    if (added.length === 0 && removed.length === 0) return before;
    await this.ctx.db.batch([
      ...removed.map((i) => stmt('DELETE FROM desk_request_materials WHERE request_id = ? AND item = ?', request.id, i)),
      ...added.map((i) => stmt('INSERT OR IGNORE INTO desk_request_materials (request_id, item, recorded_by, recorded_at) VALUES (?, ?, ?, ?)', request.id, i, actorId, at)),
      this.ctx.audit(actorId, 'desk.materials', `desk:${request.id}`, { received: added, withdrawn: removed }),
    ]);
    return this.materials(request);
  }
}

/** The text 退回补正 adds to its note (and the returned notice shows): what is missing, or nothing. */
export function missingNote(missing: readonly string[]): string {
  return missing.length ? `需补正送审材料：${missing.join('、')}` : '';
}
