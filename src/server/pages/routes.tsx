/**
 * The HTML pages, each guarded by role. Writes made by plain forms (the no-script way, and the
 * admin pages) come here with `_csrf`; the script uses the JSON API for the same actions.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { DEFAULT_LIMITS, formatBytes } from '../../ingest/limits.js';
import { isStoreError, ReviewQuerySchema } from '../../store/types.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { createReviewFromInput } from '../reviews.js';
import { defaultPacks, setDefaultPacks } from '../rule-packs.js';
import { AuditPage } from './audit.js';
import { errorPage } from './error.js';
import { formatTime, viewerOf } from './format.js';
import { HistoryPage, type HistoryFilters } from './history.js';
import { PrintPage } from './print.js';
import { ReportPage } from './report.js';
import { recordSignOff, reportPrecedents } from '../../decisions/workbench.js';
import { RulesPage } from './rules.js';
import { findingsWindow, pageOfFinding } from './findings-window.js';
import { UploadPage, type UploadValues } from './upload.js';
import { UsersPage, type NewUserValues } from './users.js';
import { formBody, listField, page, refusal, STORE_STATUS, str, type Body, type C } from './page-kit.js';

/** A refused write as a page: the store's or the reader's Chinese message; anything else is a 500. */
function refused(c: C, e: unknown): Response | Promise<Response> {
  const { status, message } = refusal(e);
  return page(c, errorPage(c, status, message), status);
}

const messageOf = (e: unknown): string => refusal(e).message;

/** Pack name → the title reviewers know it by. */
const packTitles = (c: C): Record<string, string> => Object.fromEntries((c.var.deps.ruleSet?.packs ?? []).map((p) => [p.name, p.title]));

const USER_NOTICES: Record<string, string> = { created: '已添加用户。', role: '已修改角色。', disabled: '已停用该用户，其登录会话已结束。', enabled: '已启用该用户。' };

export function pageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const signedIn = requireUser('page');
  const admin = requireRole(['admin'], 'page');
  const store = (c: C) => c.var.deps.store;

  const uploadPage = async (c: C, status: 200 | 413 | 422 = 200, error?: string, values?: UploadValues) => {
    const [departments, recent, enabled] = await Promise.all([store(c).listDepartments(), store(c).listReviews({ pageSize: 5 }), defaultPacks(store(c), c.var.deps.ruleSet)]);
    const packs = { available: c.var.deps.ruleSet?.packs ?? [], enabled };
    return page(c, <UploadPage viewer={viewerOf(c)} departments={departments} recent={recent.items} error={error} values={values ?? {}} packs={packs} />, status);
  };

  // ---- 预审

  r.get('/', signedIn, (c) => uploadPage(c));

  const uploadLimit = bodyLimit({
    maxSize: DEFAULT_LIMITS.maxInputBytes + 64 * 1024,
    onError: (c) => uploadPage(c as C, 413, `上传内容超过 ${formatBytes(DEFAULT_LIMITS.maxInputBytes)} 的上限，请拆分文件后重新提交`),
  });

  r.post('/reviews', signedIn, uploadLimit, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const file = body['file'];
    const values: UploadValues = { department: str(body, 'department'), title: str(body, 'title'), text: str(body, 'text') };
    const packs = listField(body, 'packs');
    if (packs) values.packs = packs;
    const meta = { department: values.department ?? '', title: values.title ?? '', ...(packs ? { packs } : {}) };
    try {
      let rec;
      if (file instanceof File && file.size > 0) rec = await createReviewFromInput(c, { ...meta, bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name });
      else if (values.text?.trim()) rec = await createReviewFromInput(c, { ...meta, text: values.text });
      else return uploadPage(c, 422, '请选择 .docx 文件，或粘贴送审稿正文', values);
      return c.redirect(`/reviews/${encodeURIComponent(rec.id)}`, 303);
    } catch (e) {
      return uploadPage(c, 422, messageOf(e), values);
    }
  });

  // ---- 审查记录

  r.get('/reviews', signedIn, async (c) => {
    const raw = c.req.query();
    const filters: HistoryFilters = { department: raw['department'] ?? '', status: raw['status'] ?? '', from: raw['from'] ?? '', to: raw['to'] ?? '', q: raw['q'] ?? '' };
    const departments = await store(c).listDepartments();
    const parsed = ReviewQuerySchema.safeParse({ ...filters, page: raw['page'] });
    if (!parsed.success) {
      const error = `筛选条件有误：${parsed.error.issues.map((i) => i.message).join('；')}`;
      return page(c, <HistoryPage viewer={viewerOf(c)} filters={filters} departments={departments} page={{ items: [], total: 0, page: 1, pageSize: 20 }} error={error} />, 422);
    }
    const result = await store(c).listReviews(parsed.data);
    return page(c, <HistoryPage viewer={viewerOf(c)} filters={filters} departments={departments} page={result} />);
  });

  // ---- 审查报告 and its no-script actions

  r.get('/reviews/:id', signedIn, async (c) => {
    const detail = await store(c).getReview(c.req.param('id'));
    if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    // a page of findings at a time, precedents only for those (pages/findings-window.tsx)
    const window = findingsWindow(detail.findings, c.req.query('fp'));
    const precedents = await reportPrecedents(c.var.deps.decisions, { ...detail, findings: window.shown });
    return page(c, <ReportPage viewer={viewerOf(c)} detail={detail} packTitles={packTitles(c)} precedents={precedents} findingsWindow={window} />);
  });

  r.get('/reviews/:id/print', signedIn, async (c) => {
    const detail = await store(c).getReview(c.req.param('id'));
    if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    return page(c, <PrintPage detail={detail} packTitles={packTitles(c)} printedAt={formatTime(new Date().toISOString())} />);
  });

  r.post('/reviews/:id/findings/:findingId', signedIn, verifyCsrf, async (c) => {
    const { id, findingId } = c.req.param();
    const body = await formBody(c);
    const action = str(body, 'action');
    const update =
      action === 'dismiss' ? { action, reason: str(body, 'reason') } : action === 'suggest' ? { action, suggestion: str(body, 'suggestion') } : action === 'confirm' || action === 'reopen' ? { action } : null;
    if (!update) return page(c, errorPage(c, 422, '未知的操作'), 422);
    try {
      await store(c).updateFinding(id, findingId, update as Parameters<ReturnType<typeof store>['updateFinding']>[2], c.var.user!.id);
    } catch (e) {
      return refused(c, e);
    }
    const after = await store(c).getReview(id);
    const fp = after ? pageOfFinding(after.findings, findingId) : 1;
    return c.redirect(`/reviews/${encodeURIComponent(id)}${fp > 1 ? `?fp=${fp}` : ''}#f-${encodeURIComponent(findingId)}`, 303);
  });

  r.post('/reviews/:id/findings', signedIn, verifyCsrf, async (c) => {
    const id = c.req.param('id');
    const body = await formBody(c);
    try {
      let start = Number.parseInt(str(body, 'start'), 10);
      let end = Number.parseInt(str(body, 'end'), 10);
      if (!(Number.isInteger(start) && Number.isInteger(end) && end > start)) {
        // without the script: the words typed by the reviewer, at their first occurrence
        const detail = await store(c).getReview(id);
        if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录'), 404);
        const quote = str(body, 'quote').trim();
        start = quote ? detail.document.text.indexOf(quote) : -1;
        if (start < 0) return page(c, errorPage(c, 422, '在正文中找不到所填的原文，请从正文中复制原文后重试'), 422);
        end = start + quote.length;
      }
      const added = await store(c).addHandFinding(
        id,
        { start, end, category: str(body, 'category') as never, severity: (str(body, 'severity') || 'medium') as never, title: str(body, 'title'), explanation: str(body, 'explanation'), suggestion: str(body, 'suggestion') },
        c.var.user!.id,
      );
      return c.redirect(`/reviews/${encodeURIComponent(id)}#f-${encodeURIComponent(added.id)}`, 303);
    } catch (e) {
      return refused(c, e);
    }
  });

  r.post('/reviews/:id/signoff', requireRole(['chief'], 'page'), verifyCsrf, async (c) => {
    const id = c.req.param('id');
    try {
      const detail = await store(c).getReview(id);
      if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录'), 404);
      const open = detail.findings.filter((f) => f.status === 'open').length;
      if (open > 0 && detail.review.status !== 'signed') return page(c, errorPage(c, 409, `尚有 ${open} 个问题待处理，全部确认或排除后方可签发`), 409);
      await store(c).signOff(id, c.var.user!.id);
      await recordSignOff(c.var.deps, id);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}`, 303);
  });

  // ---- 规则

  const rulesPage = async (c: C, status: 200 | 422 = 200, error?: string) => {
    const enabled = await defaultPacks(store(c), c.var.deps.ruleSet);
    const notice = status === 200 && c.req.query('ok') === 'packs' ? '已保存默认启用的规则包。' : undefined;
    return page(c, <RulesPage viewer={viewerOf(c)} ruleSet={c.var.deps.ruleSet} enabledPacks={enabled} notice={notice} error={error} />, status);
  };

  r.get('/rules', signedIn, (c) => rulesPage(c));

  r.post('/rules/packs', admin, verifyCsrf, async (c) => {
    try {
      await setDefaultPacks(store(c), c.var.deps.ruleSet, listField(await formBody(c), 'packs') ?? [], c.var.user!.id);
    } catch (e) {
      return rulesPage(c, 422, messageOf(e));
    }
    return c.redirect('/rules?ok=packs', 303);
  });

  // ---- 管理员: 用户, 操作日志

  const usersPage = async (c: C, status: 200 | 403 | 404 | 409 | 422 = 200, error?: string, values?: NewUserValues) => {
    const notice = USER_NOTICES[c.req.query('ok') ?? ''];
    return page(c, <UsersPage viewer={viewerOf(c)} users={await store(c).listUsers()} notice={status === 200 ? notice : undefined} error={error} values={values ?? {}} />, status);
  };

  r.get('/admin/users', admin, (c) => usersPage(c));

  r.post('/admin/users', admin, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const values = { name: str(body, 'name'), displayName: str(body, 'displayName'), role: str(body, 'role') || 'reviewer' };
    try {
      await store(c).createUser({ ...values, displayName: values.displayName || undefined, role: values.role as never, password: str(body, 'password') }, c.var.user!.id);
    } catch (e) {
      return usersPage(c, isStoreError(e) ? STORE_STATUS[e.code] : 422, messageOf(e), values);
    }
    return c.redirect('/admin/users?ok=created', 303);
  });

  const userAction = (apply: (c: C, userId: number, body: Body) => Promise<string>) => async (c: C) => {
    const userId = Number.parseInt(c.req.param('id') ?? '', 10);
    if (!Number.isInteger(userId)) return usersPage(c, 404, '没有这个用户');
    try {
      const ok = await apply(c, userId, await formBody(c));
      return c.redirect(`/admin/users?ok=${ok}`, 303);
    } catch (e) {
      return usersPage(c, isStoreError(e) ? STORE_STATUS[e.code] : 422, messageOf(e));
    }
  };

  r.post(
    '/admin/users/:id/role',
    admin,
    verifyCsrf,
    userAction(async (c, id, body) => {
      await store(c).setRole(id, str(body, 'role') as never, c.var.user!.id);
      return 'role';
    }),
  );

  r.post(
    '/admin/users/:id/disabled',
    admin,
    verifyCsrf,
    userAction(async (c, id, body) => {
      const disabled = str(body, 'disabled') === '1';
      await store(c).setDisabled(id, disabled, c.var.user!.id);
      return disabled ? 'disabled' : 'enabled';
    }),
  );

  r.get('/admin/audit', admin, async (c) => {
    const action = c.req.query('action') || undefined;
    try {
      const result = await store(c).listAudit(c.var.user!.id, { action, page: c.req.query('page') as never });
      return page(c, <AuditPage viewer={viewerOf(c)} page={result} action={action} />);
    } catch (e) {
      if (!isStoreError(e) || e.code !== 'INVALID') throw e;
      return page(c, <AuditPage viewer={viewerOf(c)} page={{ items: [], total: 0, page: 1, pageSize: 50 }} action={action} error={e.message} />, 422);
    }
  });

  return r;
}
