/**
 * Pages of the decision library (审查意见库), any signed-in user:
 *   GET /decisions            search with filters and facets
 *   GET /decisions/similar    decisions on clauses like a clause of a draft (?review=&clause=) or a text (?text=)
 *   GET /decisions/:id        one decision and the decisions on similar clauses
 *   GET|POST /decisions/:id/notice  its published notice, edited (科长, 管理员; notice-page.tsx)
 */
import { Hono } from 'hono';
import { findingContext } from '../../decisions/precedents.js';
import { DecisionSearchSchema } from '../../decisions/decision-search.js';
import { bodyLimit } from 'hono/body-limit';
import { importDecisionFile, MAX_DECISION_IMPORT_BYTES } from '../../decisions/workbench.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { DecisionDetailPage, DecisionSearchPage, SimilarClausesPage, type DecisionFiltersForm } from './pages.js';
import { errorPage } from '../kit/error.js';
import { viewerOf } from '../kit/format.js';
import { file, formBody, page, str, type C } from '../kit/page-kit.js';
import { NOTICE_FIELDS, setDecisionNotice } from '../../decisions/notice.js';
import { isStoreError } from '../../store/types.js';
import { NoticeEditPage } from './notice-page.js';


const FILTER_KEYS = ['q', 'category', 'outcome', 'issuer', 'department', 'rule', 'reviewType', 'source', 'from', 'to', 'sort'] as const;

export function decisionPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  const signedIn = requireUser('page');
  const off = (c: C) => page(c, errorPage(c, 503, '审查意见库未启用（服务启动时没有加载分词器）'), 503);
  const names = (c: C) => new Map((c.var.deps.ruleSet?.rules ?? []).map((x) => [x.rule.id, x.rule.title] as [string, string]));
  const rules = (c: C) => (c.var.deps.ruleSet?.rules ?? []).filter((x) => !x.rule.check).map((x) => x.rule.id).sort();

  r.get('/decisions', signedIn, async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return off(c);
    const raw = c.req.query();
    const filters: DecisionFiltersForm = Object.fromEntries(FILTER_KEYS.map((k) => [k, raw[k] || undefined]));
    const parsed = DecisionSearchSchema.safeParse({ ...filters, page: raw['page'] });
    if (!parsed.success) {
      const error = `检索条件有误：${parsed.error.issues.map((i) => i.message).join('；')}`;
      return page(c, <DecisionSearchPage ruleNames={names(c)} viewer={viewerOf(c)} filters={filters} result={null} error={error} rules={rules(c)} />, 422);
    }
    const result = await search.search(parsed.data);
    const imported = c.req.query('imported');
    const notice = imported && /^\d+,\d+$/.test(imported) ? `已导入审查意见：新增 ${imported.split(',')[0]} 条，更新 ${imported.split(',')[1]} 条。` : undefined;
    return page(c, <DecisionSearchPage ruleNames={names(c)} viewer={viewerOf(c)} filters={filters} result={result} rules={rules(c)} notice={notice} />);
  });

  /** Import a decision file (chief and admin), without script; the API has the same at POST /api/decisions/import. */
  r.post('/decisions/import', requireRole(['chief', 'admin'], 'page'), bodyLimit({ maxSize: MAX_DECISION_IMPORT_BYTES + 64 * 1024, onError: (c) => page(c as C, errorPage(c as C, 413, '文件超过 20 MB，请拆分后分别导入'), 413) }), verifyCsrf, async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return off(c);
    const f = file(await formBody(c), 'file');
    if (!f) return page(c, errorPage(c, 422, '请选择要导入的 .jsonl 或 .csv 文件'), 422);
    const r = await importDecisionFile(c.var.deps.store, search.store, { bytes: new Uint8Array(await f.arrayBuffer()), fileName: f.name }, c.var.user!.id);
    if (!r.ok) return page(c, errorPage(c, 422, r.message), 422);
    return c.redirect(`/decisions?imported=${r.inserted},${r.updated}`, 303);
  });

  r.get('/decisions/similar', signedIn, async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return off(c);
    const reviewId = c.req.query('review');
    const clauseId = c.req.query('clause');
    if (reviewId && clauseId) {
      const detail = await c.var.deps.store.getReview(reviewId);
      const clause = detail?.document.clauses.find((x) => x.id === clauseId);
      if (!detail || !clause) return page(c, errorPage(c, 404, '没有这条审查记录或条款，可能链接有误'), 404);
      const finding = detail.findings.find((f) => f.clauseId === clauseId);
      const text = findingContext(detail, { clauseId, start: clause.start, end: clause.end, quote: clause.text });
      const similar = await search.similar({ text, rule: finding && !finding.addedByHand ? finding.rule : undefined, category: finding?.category, limit: 10 });
      return page(c, <SimilarClausesPage ruleNames={names(c)} viewer={viewerOf(c)} text={clause.text} from={{ reviewId, title: detail.review.title, path: clause.path }} similar={similar} />);
    }
    const text = (c.req.query('text') ?? '').trim().slice(0, 10_000);
    if (!text) return page(c, <SimilarClausesPage ruleNames={names(c)} viewer={viewerOf(c)} text="" similar={[]} />);
    return page(c, <SimilarClausesPage ruleNames={names(c)} viewer={viewerOf(c)} text={text} similar={await search.similar({ text, limit: 10 })} />);
  });

  const editors = requireRole(['chief', 'admin'], 'page');
  const decisionOf = async (c: C) => {
    const id = Number(c.req.param('id'));
    return Number.isInteger(id) && id > 0 && c.var.deps.decisions ? c.var.deps.decisions.store.get(id) : null;
  };
  r.get('/decisions/:id{[0-9]+}/notice', editors, async (c) => {
    if (!c.var.deps.decisions) return off(c);
    const d = await decisionOf(c);
    if (!d) return page(c, errorPage(c, 404, '没有这条审查意见，可能链接有误'), 404);
    return page(c, <NoticeEditPage viewer={viewerOf(c)} d={d} />);
  });
  r.post('/decisions/:id{[0-9]+}/notice', editors, verifyCsrf, async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return off(c);
    const d = await decisionOf(c);
    if (!d) return page(c, errorPage(c, 404, '没有这条审查意见，可能链接有误'), 404);
    const b = await formBody(c);
    const values = Object.fromEntries(NOTICE_FIELDS.map((f) => [f, str(b, f)])) as Record<(typeof NOTICE_FIELDS)[number], string>;
    try {
      await setDecisionNotice(c.var.deps.store, search.store, d.id, values, c.var.user!.id);
    } catch (e) {
      if (!isStoreError(e)) throw e;
      return page(c, <NoticeEditPage viewer={viewerOf(c)} d={d} values={values} error={e.message} />, e.code === 'FORBIDDEN' ? 403 : 422);
    }
    return c.redirect(`/decisions/${d.id}?notice=saved`, 303);
  });

  r.get('/decisions/:id', signedIn, async (c) => {
    const search = c.var.deps.decisions;
    if (!search) return off(c);
    const id = Number(c.req.param('id'));
    const d = Number.isInteger(id) && id > 0 ? await search.store.get(id) : null;
    if (!d) return page(c, errorPage(c, 404, '没有这条审查意见，可能链接有误'), 404);
    const similar = (await search.similar({ text: d.clauseText, rule: d.rule || undefined, category: d.category, limit: 6 })).filter((s) => s.decision.id !== d.id).slice(0, 5);
    return page(c, <DecisionDetailPage ruleNames={names(c)} viewer={viewerOf(c)} d={d} similar={similar} notice={c.req.query('notice') === 'saved' ? '通报信息已保存。' : undefined} />);
  });

  return r;
}
