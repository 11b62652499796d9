/**
 * 专项清理 pages and their plain-form writes (the no-script way): import, attach, deadline,
 * decision, retry. Each write redirects back (303) or re-renders with the Chinese error.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CLEANUP_ROLES, CleanupStore } from '../../cleanup/cleanup-store.js';
import { InventoryError, readInventory } from '../../cleanup/inventory.js';
import { decisionOf, type Decision, type RowError } from '../../cleanup/model.js';
import { isStoreError, VOIDED_FILTERS, type VoidedFilter } from '../../store/types.js';
import { defaultPacks } from '../../review/packs.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import { CLEANUP_MAX_BODY_BYTES, kickPrecheck } from './cleanup-shared.js';
import type { AppEnv } from '../env.js';
import { CampaignPage, CleanupItemPage, CleanupListPage, type DecisionValues, type ImportValues } from './pages.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { files, formBody, page, refusal, STORE_STATUS, str, strs, type Body, type C } from '../kit/page-kit.js';

const messageOf = (e: unknown): string => refusal(e).message;

const NOTICES: Record<string, string> = {
  imported: '清单已导入。', deadline: '截止日期已保存。', retry: '失败的文件已重新排入预审。', decided: '清理结论已保存。', attached: '正文已上传，正在预审。',
  voided: '已作废（记录保留，不再计入列表和统计）。', restored: '已撤销作废。', packs: '规则包已保存，此后的预审按此运行。', confirmed: '已确认正文就是清单中的这份文件。',
};
const voidedOf = (v: string | undefined): VoidedFilter => ((VOIDED_FILTERS as readonly string[]).includes(v ?? '') ? (v as VoidedFilter) : 'hide');

const signedIn = requireUser('page');
const edit = requireRole(CLEANUP_ROLES.edit, 'page');
const cleanupOf = (c: C) => new CleanupStore(c.var.deps.store);
const idOf = (c: C) => {
  const n = Number(c.req.param('id'));
  return Number.isInteger(n) && n > 0 ? n : 0;
};
const uploadLimit = bodyLimit({ maxSize: CLEANUP_MAX_BODY_BYTES, onError: (c) => page(c as C, errorPage(c as C, 413, '上传内容超过 64 MB，请分批上传'), 413) });

function listRoutes(r: Hono<AppEnv>): void {
  const listPage = async (c: C, status: 200 | 403 | 404 | 409 | 422 = 200, error?: string, rowErrors?: RowError[], values?: ImportValues) => {
    const cleanup = cleanupOf(c);
    const voided = voidedOf(c.req.query('voided'));
    const campaigns = await Promise.all((await cleanup.listCampaigns(voided)).map((x) => cleanup.progress(x.id)));
    const notice = status === 200 ? NOTICES[c.req.query('ok') ?? ''] : undefined;
    return page(c, <CleanupListPage viewer={viewerOf(c)} campaigns={campaigns} voided={voided} notice={notice} error={error} rowErrors={rowErrors} values={values ?? {}} />, status);
  };

  r.get('/cleanup', signedIn, (c) => listPage(c));

  r.post('/cleanup/import', edit, uploadLimit, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const values = { campaign: str(body, 'campaign'), deadline: str(body, 'deadline') };
    const [file] = files(body, 'file');
    if (!file) return listPage(c, 422, '请选择清单文件（.xlsx 或 .csv）', undefined, values);
    try {
      const rows = await readInventory(new Uint8Array(await file.arrayBuffer()), file.name, c.var.deps.spreadsheets?.reader);
      const res = await cleanupOf(c).importInventory({ campaign: values.campaign, deadline: values.deadline || null, fileName: file.name, rows }, c.var.user!.id);
      return c.redirect(`/cleanup/${res.campaign.id}?ok=imported&n=${res.imported}`, 303);
    } catch (e) {
      if (e instanceof InventoryError) return listPage(c, 422, `清单有 ${e.errors.length} 处错误，未导入任何数据，请修改后重新导入：`, e.errors, values);
      return listPage(c, isStoreError(e) ? STORE_STATUS[e.code] : 422, messageOf(e), undefined, values);
    }
  });
}

function campaignRoutes(r: Hono<AppEnv>): void {
  const campaignPage = async (c: C, id: number, status: 200 | 403 | 404 | 409 | 422 = 200, extra: { error?: string; attachResult?: { matched: number; unmatched: { fileName: string; reason: string }[] } } = {}) => {
    const cleanup = cleanupOf(c);
    const campaign = await cleanup.getCampaign(id);
    if (!campaign) return page(c, errorPage(c, 404, '没有这个专项清理'), 404);
    const department = c.req.query('department') ?? '';
    const decisionQ = c.req.query('decision') ?? '';
    const decision = decisionQ === 'undecided' ? 'undecided' : decisionOf(decisionQ);
    const voided = voidedOf(c.req.query('voided'));
    const expired = c.req.query('expired') === '1';
    const [progress, items, departments, job, adminPacks] = await Promise.all([
      cleanup.progress(id),
      cleanup.listItems(id, { ...(department ? { department } : {}), ...(decision ? { decision } : {}), voided, expired }),
      cleanup.departments(id),
      cleanup.latestJob(id),
      defaultPacks(c.var.deps.store, c.var.deps.ruleSet),
    ]);
    const ok = c.req.query('ok') ?? '';
    const notice = ok === 'imported' ? `清单已导入 ${c.req.query('n') ?? ''} 份文件。` : NOTICES[ok];
    return page(
      c,
      <CampaignPage
        viewer={viewerOf(c)} progress={progress} items={items} departments={departments} filters={{ department, decision: decisionQ, voided, expired: expired ? '1' : '' }} job={job}
        packs={{ available: c.var.deps.ruleSet?.packs ?? [], adminDefault: adminPacks }}
        notice={status === 200 ? notice : undefined} error={extra.error} attachResult={extra.attachResult}
      />,
      status,
    );
  };

  r.get('/cleanup/:id{[0-9]+}', signedIn, (c) => campaignPage(c, idOf(c)));

  r.post('/cleanup/:id{[0-9]+}/attach', edit, uploadLimit, verifyCsrf, async (c) => {
    const id = idOf(c);
    const body = await formBody(c);
    const picked = files(body, 'file');
    if (picked.length === 0) return campaignPage(c, id, 422, { error: '请选择要上传的正文文件' });
    try {
      const loaded = await Promise.all(picked.map(async (f) => ({ fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const res = await cleanupOf(c).attachTexts(id, loaded, c.var.user!.id);
      if (res.jobId) await kickPrecheck(c);
      if (res.unmatched.length === 0) return c.redirect(`/cleanup/${id}?ok=attached`, 303);
      // show which files found no document, with the job's progress above
      return campaignPage(c, id, res.jobId ? 200 : 422, { attachResult: { matched: res.matched.length, unmatched: res.unmatched } });
    } catch (e) {
      return campaignPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
  });

  r.post('/cleanup/:id{[0-9]+}/deadline', requireRole(CLEANUP_ROLES.deadline, 'page'), verifyCsrf, async (c) => {
    const id = idOf(c);
    const body = await formBody(c);
    try {
      await cleanupOf(c).setDeadline(id, str(body, 'deadline') || null, c.var.user!.id);
    } catch (e) {
      return campaignPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
    return c.redirect(`/cleanup/${id}?ok=deadline`, 303);
  });

  r.post('/cleanup/:id{[0-9]+}/packs', requireRole(CLEANUP_ROLES.deadline, 'page'), verifyCsrf, async (c) => {
    const id = idOf(c);
    const body = await formBody(c);
    try {
      await cleanupOf(c).setPacks(id, str(body, 'mode') === 'custom' ? strs(body, 'packs') : null, c.var.deps.ruleSet, c.var.user!.id);
    } catch (e) {
      return campaignPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
    return c.redirect(`/cleanup/${id}?ok=packs`, 303);
  });

  // 作废 / 撤销作废 (the store checks who may): back to the list after voiding, to the campaign after restoring
  r.post('/cleanup/:id{[0-9]+}/void', signedIn, verifyCsrf, async (c) => {
    const id = idOf(c);
    try {
      await cleanupOf(c).voidCampaign(id, { reason: str(await formBody(c), 'reason') }, c.var.user!.id);
    } catch (e) {
      return campaignPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
    return c.redirect('/cleanup?ok=voided', 303);
  });

  r.post('/cleanup/:id{[0-9]+}/restore', signedIn, verifyCsrf, async (c) => {
    const id = idOf(c);
    try {
      await cleanupOf(c).restoreCampaign(id, c.var.user!.id);
    } catch (e) {
      return campaignPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
    return c.redirect(`/cleanup/${id}?ok=restored`, 303);
  });

  r.post('/cleanup/jobs/:jobId/retry', edit, verifyCsrf, async (c) => {
    const cleanup = cleanupOf(c);
    const job = await cleanup.jobProgress(c.req.param('jobId'));
    if (!job) return page(c, errorPage(c, 404, '没有这个预审任务'), 404);
    if (await cleanup.retryFailed(job.jobId, c.var.user!.id)) await kickPrecheck(c);
    return c.redirect(`/cleanup/${job.campaignId}?ok=retry`, 303);
  });
}

function itemRoutes(r: Hono<AppEnv>): void {
  const itemPage = async (c: C, id: number, status: 200 | 403 | 404 | 409 | 422 = 200, extra: { error?: string; values?: DecisionValues } = {}) => {
    const cleanup = cleanupOf(c);
    const item = await cleanup.getItem(id);
    if (!item) return page(c, errorPage(c, 404, '清单中没有这份文件'), 404);
    const [campaign, review] = await Promise.all([cleanup.getCampaign(item.campaignId), item.reviewId ? c.var.deps.store.getReview(item.reviewId) : null]);
    const notice = status === 200 ? NOTICES[c.req.query('ok') ?? ''] : undefined;
    return page(c, <CleanupItemPage viewer={viewerOf(c)} item={item} campaignName={campaign?.name ?? ''} review={review} notice={notice} error={extra.error} {...(extra.values ? { values: extra.values } : {})} />, status);
  };

  r.get('/cleanup/items/:id{[0-9]+}', signedIn, (c) => itemPage(c, idOf(c)));

  r.post('/cleanup/items/:id{[0-9]+}/attach', edit, uploadLimit, verifyCsrf, async (c) => {
    const id = idOf(c);
    const cleanup = cleanupOf(c);
    const item = await cleanup.getItem(id);
    if (!item) return page(c, errorPage(c, 404, '清单中没有这份文件'), 404);
    const [file] = files(await formBody(c), 'file');
    if (!file) return itemPage(c, id, 422, { error: '请选择正文文件' });
    try {
      const res = await cleanup.attachTexts(item.campaignId, [{ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }], c.var.user!.id, { itemId: id });
      if (!res.jobId) return itemPage(c, id, 422, { error: res.unmatched.map((u) => u.reason).join('；') });
      await kickPrecheck(c);
    } catch (e) {
      return itemPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
    }
    return c.redirect(`/cleanup/items/${id}?ok=attached`, 303);
  });

  r.post('/cleanup/items/:id{[0-9]+}/decision', requireRole(CLEANUP_ROLES.decide, 'page'), verifyCsrf, async (c) => {
    const id = idOf(c);
    const body = await formBody(c);
    const values: DecisionValues = { decision: str(body, 'decision'), reason: str(body, 'reason'), clauses: strs(body, 'clauses'), basis: str(body, 'basis') };
    const decision = decisionOf(values.decision ?? '');
    if (!decision) return itemPage(c, id, 422, { error: '请选择清理结论', values });
    try {
      await cleanupOf(c).decide(id, { decision: decision as Decision, reason: values.reason ?? '', clauses: values.clauses ?? [], basis: values.basis ?? '' }, c.var.user!.id);
    } catch (e) {
      return itemPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e), values });
    }
    return c.redirect(`/cleanup/items/${id}?ok=decided`, 303);
  });

  const itemWrite = (path: string, write: (cleanup: CleanupStore, id: number, body: Body, actorId: number) => Promise<unknown>, ok: string) =>
    r.post(`/cleanup/items/:id{[0-9]+}/${path}`, signedIn, verifyCsrf, async (c) => {
      const id = idOf(c);
      try {
        await write(cleanupOf(c), id, await formBody(c), c.var.user!.id);
      } catch (e) {
        return itemPage(c, id, isStoreError(e) ? STORE_STATUS[e.code] : 422, { error: messageOf(e) });
      }
      return c.redirect(`/cleanup/items/${id}?ok=${ok}`, 303);
    });
  itemWrite('confirm-text', (cl, id, _b, actor) => cl.confirmText(id, actor), 'confirmed');
  itemWrite('void', (cl, id, b, actor) => cl.voidItem(id, { reason: str(b, 'reason') }, actor), 'voided');
  itemWrite('restore', (cl, id, _b, actor) => cl.restoreItem(id, actor), 'restored');
}

export function cleanupPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  listRoutes(r);
  campaignRoutes(r);
  itemRoutes(r);
  return r;
}
