/**
 * The review pages (预审, 审查记录, the report, printing, sign-off), each guarded by role.
 * Writes made by plain forms (the no-script way) come here with `_csrf`; the script uses the
 * JSON API for the same actions. The rules and admin pages are in ../admin/routes.tsx.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { adoptionFor, DEFAULT_LIMITS, formatBytes } from '../../review/core.js';
import { ReviewQuerySchema } from '../../store/types.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { createReviewOnce, DuplicateUploadError, type ReviewInput } from '../../review/create-review.js';
import { defaultPacks } from '../../review/packs.js';
import { defaultJurisdiction } from '../../review/jurisdiction.js';
import { errorPage } from '../kit/error.js';
import { formatTime, viewerOf } from '../kit/format.js';
import { HistoryPage, type HistoryFilters } from './history.js';
import { PrintPage } from './print.js';
import { ReportPage } from './report.js';
import { recordSignOff, reportPrecedents } from '../../decisions/workbench.js';
import { findingsWindow, pageOfFinding } from './findings-window.js';
import { UploadPage, type DuplicateOffer, type UploadValues } from './upload.js';
import { DeskStore } from '../../desk/desk-store.js';
import { TodoPanel } from '../kit/todo-panel.js';
import { formBody, listField, page, refusal, str, strs, type C } from '../kit/page-kit.js';
import { addHandFindingWithBasis, pickArticles } from '../../local-texts/hand-basis.js';

/** A refused write as a page: the store's or the reader's Chinese message; anything else is a 500. */
function refused(c: C, e: unknown): Response | Promise<Response> {
  const { status, message } = refusal(e);
  return page(c, errorPage(c, status, message), status);
}

const messageOf = (e: unknown): string => refusal(e).message;

/** Pack name → the title reviewers know it by. */
const packTitles = (c: C): Record<string, string> => Object.fromEntries((c.var.deps.ruleSet?.packs ?? []).map((p) => [p.name, p.title]));

const signedIn = requireUser('page');
const store = (c: C) => c.var.deps.store;

const uploadPage = async (c: C, status: 200 | 409 | 413 | 422 | 429 = 200, error?: string, values?: UploadValues, duplicate?: DuplicateOffer) => {
  const [departments, recent, enabled, fallback] = await Promise.all([store(c).listDepartments(), store(c).listReviews({ pageSize: 5 }), defaultPacks(store(c), c.var.deps.ruleSet), defaultJurisdiction(store(c))]);
  const packs = { available: c.var.deps.ruleSet?.packs ?? [], enabled };
  // 我的待办 (src/desk/desk-todo.ts) above the form on the home page
  const user = c.var.user;
  const todo = user && status === 200 && !error ? <TodoPanel todo={await new DeskStore(store(c)).todo(user.id)} chief={user.role === 'chief'} /> : undefined;
  // a fresh token per rendered form: the same form sent twice lands once
  const submitToken = crypto.randomUUID();
  return page(c, <UploadPage viewer={viewerOf(c)} departments={departments} recent={recent.items} error={error} values={values ?? {}} packs={packs} submitToken={submitToken} duplicate={duplicate} defaultJurisdiction={fallback} todo={todo} />, status);
};

const HASH = /^[0-9a-f]{64}$/;

function uploadRoutes(r: Hono<AppEnv>): void {
  // ---- 预审

  r.get('/', signedIn, (c) => uploadPage(c));

  const uploadLimit = bodyLimit({
    maxSize: DEFAULT_LIMITS.maxInputBytes + 64 * 1024,
    onError: (c) => uploadPage(c as C, 413, `上传内容超过 ${formatBytes(DEFAULT_LIMITS.maxInputBytes)} 的上限，请拆分文件后重新提交`),
  });

  r.post('/reviews', signedIn, uploadLimit, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const file = body['file'];
    const values: UploadValues = { department: str(body, 'department'), title: str(body, 'title'), text: str(body, 'text'), jurisdiction: str(body, 'jurisdiction') };
    const packs = listField(body, 'packs');
    if (packs) values.packs = packs;
    const again = str(body, 'again') === '1';
    const jurisdiction = values.jurisdiction?.trim();
    const meta = { department: values.department ?? '', title: values.title ?? '', actorId: c.var.user?.id ?? null, ...(packs ? { packs } : {}), ...(jurisdiction ? { jurisdiction } : {}), duplicates: again ? ('allow' as const) : ('offer' as const) };
    const text = values.text?.trim() ? values.text : undefined;
    const storedHash = str(body, 'hash');
    try {
      let input: ReviewInput;
      // both a file and pasted text: the pipeline refuses (请只选择文件或只粘贴正文)
      if (file instanceof File && file.size > 0) input = { ...meta, bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, ...(text ? { text } : {}) };
      else if (again && HASH.test(storedHash)) {
        // 仍要重新预审 of an original already stored: it is not sent again
        const doc = await store(c).getDocument(storedHash);
        if (!doc) return uploadPage(c, 422, '原始文件已不在系统中，请重新选择文件', values);
        input = { ...meta, bytes: doc.bytes, fileName: doc.fileName, storedHash };
      } else if (text) input = { ...meta, text };
      else return uploadPage(c, 422, '请选择 .docx 文件，或粘贴送审稿正文', values);
      const { record } = await createReviewOnce(c.var.deps, input, str(body, 'submitToken') || undefined);
      return c.redirect(`/reviews/${encodeURIComponent(record.id)}`, 303);
    } catch (e) {
      if (e instanceof DuplicateUploadError) return uploadPage(c, 409, undefined, values, { message: e.message, hash: e.hash, earlier: e.earlier });
      // the form comes back with the message; a full worker pool answers 429 (服务器繁忙，请稍后重试)
      const { status, message } = refusal(e);
      return uploadPage(c, status === 429 ? 429 : 422, message, values);
    }
  });
}

function historyRoutes(r: Hono<AppEnv>): void {
  // ---- 审查记录

  r.get('/reviews', signedIn, async (c) => {
    const raw = c.req.query();
    const filters: HistoryFilters = { department: raw['department'] ?? '', status: raw['status'] ?? '', from: raw['from'] ?? '', to: raw['to'] ?? '', q: raw['q'] ?? '', voided: raw['voided'] ?? '' };
    const departments = await store(c).listDepartments();
    const parsed = ReviewQuerySchema.safeParse({ ...filters, page: raw['page'] });
    if (!parsed.success) {
      const error = `筛选条件有误：${parsed.error.issues.map((i) => i.message).join('；')}`;
      return page(c, <HistoryPage viewer={viewerOf(c)} filters={filters} departments={departments} page={{ items: [], total: 0, page: 1, pageSize: 20 }} error={error} />, 422);
    }
    const result = await store(c).listReviews(parsed.data);
    return page(c, <HistoryPage viewer={viewerOf(c)} filters={filters} departments={departments} page={result} />);
  });
}

function reportRoutes(r: Hono<AppEnv>): void {
  // ---- 审查报告 and its no-script actions

  r.get('/reviews/:id', signedIn, async (c) => {
    const detail = await store(c).getReview(c.req.param('id'));
    if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    // a page of findings at a time, precedents only for those (pages/findings-window.tsx)
    const window = findingsWindow(detail.findings, c.req.query('fp'));
    const precedents = await reportPrecedents(c.var.deps.decisions, { ...detail, findings: window.shown });
    // a later version's review: which of the earlier 修改意见 were adopted (the same list as the opinion's)
    const adoption = await adoptionFor((id) => store(c).getReview(id), detail, c.var.deps.segmenter);
    // the 依据 picker without the script: ?bq=words searches the bundled and the imported articles
    const query = (c.req.query('bq') ?? '').trim().slice(0, 100);
    const basisPick = query ? { query, hits: await pickArticles(store(c), c.var.deps.ruleSet?.corpus.laws ?? [], query) } : undefined;
    return page(c, <ReportPage viewer={viewerOf(c)} detail={detail} packTitles={packTitles(c)} precedents={precedents} findingsWindow={window} adoption={adoption} basisPick={basisPick} />);
  });

  r.get('/reviews/:id/print', signedIn, async (c) => {
    const detail = await store(c).getReview(c.req.param('id'));
    if (!detail) return page(c, errorPage(c, 404, '没有这条审查记录，可能链接有误'), 404);
    // a big record prints in parts (?pp=N), each page bounded
    return page(c, <PrintPage detail={detail} packTitles={packTitles(c)} printedAt={formatTime(new Date().toISOString())} part={c.req.query('pp')} />);
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
      const picked = strs(body, 'basis').map((v) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          return v; // refused by the schema with its message
        }
      });
      const added = await addHandFindingWithBasis(
        store(c),
        c.var.deps.ruleSet?.corpus.laws ?? [],
        id,
        { start, end, category: str(body, 'category') as never, severity: (str(body, 'severity') || 'medium') as never, title: str(body, 'title'), explanation: str(body, 'explanation'), suggestion: str(body, 'suggestion') },
        picked,
        c.var.user!.id,
      );
      return c.redirect(`/reviews/${encodeURIComponent(id)}#f-${encodeURIComponent(added.id)}`, 303);
    } catch (e) {
      return refused(c, e);
    }
  });

  r.post('/reviews/:id/conclusion', signedIn, verifyCsrf, async (c) => {
    const id = c.req.param('id');
    const body = await formBody(c);
    try {
      await store(c).setConclusion(id, { conclusion: str(body, 'conclusion') }, c.var.user!.id);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}#conclusion-panel`, 303);
  });

  r.post('/reviews/:id/void', signedIn, verifyCsrf, async (c) => {
    const id = c.req.param('id');
    const body = await formBody(c);
    try {
      await store(c).voidReview(id, { reason: str(body, 'reason') }, c.var.user!.id);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}`, 303);
  });

  r.post('/reviews/:id/restore', signedIn, verifyCsrf, async (c) => {
    const id = c.req.param('id');
    try {
      await store(c).restoreReview(id, c.var.user!.id);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}`, 303);
  });

  r.post('/reviews/:id/signoff', requireRole(['chief'], 'page'), verifyCsrf, async (c) => {
    const id = c.req.param('id');
    try {
      // the store refuses open findings (尚有 N 个问题待处理) and a second sign-off, whoever calls
      await store(c).signOff(id, c.var.user!.id);
      await recordSignOff(c.var.deps, id);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect(`/reviews/${encodeURIComponent(id)}`, 303);
  });
}

export function pageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  uploadRoutes(r);
  historyRoutes(r);
  reportRoutes(r);
  return r;
}
