/**
 * 审查意见库: the search page (box, filters, facets with counts, highlighted results, pages),
 * the page of one decision, and the similar-clause results for a clause of a draft.
 * Highlights are rendered from snippet parts, so JSX escapes every piece of text.
 */
import { precedentSource } from '../../decisions/precedents.js';
import { OUTCOMES, REVIEW_TYPES, SOURCE_KIND_LABELS, SOURCE_KINDS, type Decision } from '../../decisions/types.js';
import { CATEGORIES } from '../../review/core.js';
import type { FacetCount, FacetField } from '../../search/decision-index.js';
import { LIBRARY_SCOPE_NOTE, type DecisionSearchResult, type SimilarDecision } from '../../decisions/decision-search.js';
import type { Snippet } from '../../search/highlight.js';
import { queryWith, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice, Pager } from '../kit/layout.js';
import { FilterSelect } from '../kit/filter-select.js';

/** A few rules of our own: the shared stylesheet has none for marks and facets (allowed by its hash in the CSP, kit/security-headers.ts). */
export const STYLE = `
.decision-layout { display: grid; grid-template-columns: 15rem 1fr; gap: 1rem; align-items: start; }
@media (max-width: 900px) { .decision-layout { grid-template-columns: 1fr; } }
.facets h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
.facets ul { list-style: none; margin: 0; padding: 0; }
.facets li { display: flex; justify-content: space-between; gap: .5rem; font-size: .9rem; }
.facets a[aria-current] { font-weight: bold; }
.decision-hit { border-bottom: 1px solid var(--line); padding: .8rem 0; }
.decision-hit h3 { font-size: 1rem; margin: 0 0 .3rem; }
.decision-hit p { margin: .2rem 0; }
mark { background: #fde68a; color: inherit; padding: 0 .05em; }
.outcome { font-weight: bold; margin-right: .4rem; }
.outcome-保留 { color: #166534; } .outcome-修改, .outcome-删除, .outcome-不予出台 { color: #b91c1c; }
.precedents { margin-top: .6rem; font-size: .9rem; }
.precedents ol { padding-left: 1.2rem; margin: .3rem 0; }
dl.decision-fields { display: grid; grid-template-columns: 7rem 1fr; gap: .3rem 1rem; }
dl.decision-fields dt { color: var(--muted); }
dl.decision-fields dd { margin: 0; white-space: pre-wrap; }
`;

export const DecisionStyle = () => <style>{STYLE}</style>;

export function Highlighted(props: { snippet: Snippet }) {
  const s = props.snippet;
  return (
    <>
      {s.cutStart ? '…' : ''}
      {s.parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}
      {s.cutEnd ? '…' : ''}
    </>
  );
}

export const decisionHref = (id: number) => `/decisions/${id}`;

export function OutcomeBadge(props: { outcome: string }) {
  return <span class={`outcome outcome-${props.outcome}`}>{props.outcome}</span>;
}

/** Where a decision comes from: a link when the reference is an address. */
export function SourceRef(props: { d: Decision }) {
  const { d } = props;
  const ref = d.sourceRef;
  // the published notice when kept; an address or 文号; the own review record; never a database path
  const url = [d.noticeAddress, ref].find((r) => r && /^https?:\/\/\S+$/.test(r.trim()));
  return (
    <span class="source-ref">
      {SOURCE_KIND_LABELS[d.sourceKind]}：{precedentSource(d).replace(/^来源：/, '')}
      {url ? (
        <>
          {' '}
          <a href={url} rel="noreferrer noopener" target="_blank">
            打开
          </a>
        </>
      ) : /^\/reviews\//.test(ref) ? (
        <>
          {' '}
          <a href={ref}>审查记录</a>
        </>
      ) : null}
    </span>
  );
}

export interface DecisionFiltersForm {
  q?: string | undefined;
  category?: string | undefined;
  outcome?: string | undefined;
  issuer?: string | undefined;
  department?: string | undefined;
  rule?: string | undefined;
  reviewType?: string | undefined;
  source?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: string | undefined;
}

const FACET_LABELS: Record<FacetField, string> = {
  category: '问题类别', outcome: '处理结果', reviewType: '审查类型', sourceKind: '来源', issuer: '发文机关', department: '送审部门', rule: '规则',
};
/** Facet field → the query parameter that filters by it. */
const FACET_PARAM: Record<FacetField, keyof DecisionFiltersForm> = {
  category: 'category', outcome: 'outcome', reviewType: 'reviewType', sourceKind: 'source', issuer: 'issuer', department: 'department', rule: 'rule',
};

/** A rule's title for people (its id only when the rule set does not know it). */
export type RuleNames = ReadonlyMap<string, string>;
const ruleName = (names: RuleNames | undefined, id: string) => (id ? (names?.get(id) ?? id) : '');

function facetLabel(field: FacetField, value: string, names?: RuleNames): string {
  if (value === '') return field === 'category' ? '（合法条款）' : '（未填写）';
  if (field === 'rule') return ruleName(names, value);
  if (field === 'sourceKind') return SOURCE_KIND_LABELS[value as 'own' | 'published'] ?? value;
  return value;
}

function Facets(props: { facets: Record<FacetField, FacetCount[]>; filters: DecisionFiltersForm; ruleNames?: RuleNames | undefined }) {
  const f = props.filters as Record<string, string | undefined>;
  return (
    <aside class="card facets" id="decision-facets" aria-label="分面统计">
      <h2 class="small">按条件细分</h2>
      {(Object.keys(FACET_LABELS) as FacetField[]).map((field) => {
        const values = props.facets[field].filter((v) => !(field === 'department' && v.value === '')).slice(0, 12);
        if (values.length === 0) return null;
        const param = FACET_PARAM[field];
        return (
          <section data-facet={field}>
            <h3>{FACET_LABELS[field]}</h3>
            <ul>
              {values.map((v) => {
                const current = f[param] === v.value;
                const href = `/decisions${queryWith({ ...f, [param]: current ? undefined : v.value })}`;
                return (
                  <li>
                    <a href={href} aria-current={current ? 'true' : undefined} data-value={v.value}>
                      {facetLabel(field, v.value, props.ruleNames)}
                    </a>
                    <span class="count">{v.count}</span>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}

export function DecisionHitCard(props: { d: Decision; clause: Snippet; reasoning?: Snippet | undefined; n: number; ruleNames?: RuleNames | undefined }) {
  const { d } = props;
  return (
    <article class="decision-hit" data-decision-id={String(d.id)}>
      <h3>
        <OutcomeBadge outcome={d.outcome} />
        <a href={decisionHref(d.id)}>{d.title || '（无标题）'}</a>
        {d.docNumber ? <span class="muted small"> {d.docNumber}</span> : null}
      </h3>
      <p class="muted small">
        {[d.category || '合法条款', d.reviewType, d.issuer, d.date ?? '', ruleName(props.ruleNames, d.rule)].filter(Boolean).join(' · ')}
      </p>
      <p class="hit-clause">
        <strong>条款：</strong>
        <Highlighted snippet={props.clause} />
      </p>
      {props.reasoning && d.reasoning ? (
        <p class="hit-reasoning">
          <strong>理由：</strong>
          <Highlighted snippet={props.reasoning} />
        </p>
      ) : null}
    </article>
  );
}

export function DecisionSearchPage(props: { viewer: Viewer; filters: DecisionFiltersForm; result: DecisionSearchResult | null; error?: string | undefined; notice?: string | undefined; rules: string[]; ruleNames?: RuleNames | undefined }) {
  const { filters: f, result: r } = props;
  const query = f as Record<string, string | undefined>;
  return (
    <Layout viewer={props.viewer} title="审查意见库" wide>
      <DecisionStyle />
      <h1>审查意见库</h1>
      <p class="muted small">
        以往的审查意见和公开案例：同类条款，同样处理。用引号括起的词须原样出现，如 "不得迁出"。导出全部：
        <a href="/api/decisions/export?format=csv" id="export-csv" download>
          CSV
        </a>
        ·
        <a href="/api/decisions/export?format=jsonl" id="export-jsonl" download>
          JSONL
        </a>
      </p>
      <Notice kind="ok" message={props.notice} id="import-notice" />
      {props.viewer.user?.role === 'chief' || props.viewer.user?.role === 'admin' ? (
        <details class="card" id="decision-import">
          <summary>导入审查意见（.jsonl 或 .csv，与导出格式相同）</summary>
          <form method="post" action="/decisions/import" enctype="multipart/form-data" class="inline-form">
            <Csrf viewer={props.viewer} />
            <input type="file" name="file" accept=".jsonl,.json,.ndjson,.csv" required />
            <button type="submit" class="btn btn-primary">
              导入
            </button>
          </form>
          <p class="muted small">任何一行有错时整份文件都不导入，并按行号列出错误；已有的意见（同一 key）会被更新而不重复。</p>
        </details>
      ) : null}
      <form method="get" action="/decisions" class="card filters" id="decision-search" role="search" aria-label="检索审查意见">
        <div class="field" style="flex: 3 1 20rem">
          <label for="d-q">查询词</label>
          <input id="d-q" name="q" type="search" value={f.q ?? ''} maxlength={500} placeholder="如：指定品牌、不得迁出、地方综合贡献" />
        </div>
        <FilterSelect id="d-category" name="category" label="问题类别" value={f.category} options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
        <FilterSelect id="d-outcome" name="outcome" label="处理结果" value={f.outcome} options={OUTCOMES.map((o) => ({ value: o, label: o }))} />
        <FilterSelect id="d-type" name="reviewType" label="审查类型" value={f.reviewType} options={REVIEW_TYPES.map((o) => ({ value: o, label: o }))} />
        <FilterSelect id="d-source" name="source" label="来源" value={f.source} options={SOURCE_KINDS.map((o) => ({ value: o, label: SOURCE_KIND_LABELS[o] }))} />
        <FilterSelect id="d-rule" name="rule" label="规则" value={f.rule} options={props.rules.map((o) => ({ value: o, label: ruleName(props.ruleNames, o) }))} />
        <div class="field">
          <label for="d-issuer">发文机关</label>
          <input id="d-issuer" name="issuer" type="text" value={f.issuer ?? ''} maxlength={200} />
        </div>
        <div class="field">
          <label for="d-department">送审部门</label>
          <input id="d-department" name="department" type="text" value={f.department ?? ''} maxlength={100} />
        </div>
        <div class="field">
          <label for="d-from">起始日期</label>
          <input id="d-from" name="from" type="date" value={f.from ?? ''} />
        </div>
        <div class="field">
          <label for="d-to">截止日期</label>
          <input id="d-to" name="to" type="date" value={f.to ?? ''} />
        </div>
        <div class="field">
          <label for="d-sort">排序</label>
          <select id="d-sort" name="sort">
            <option value="relevance" selected={f.sort !== 'date'}>
              相关度
            </option>
            <option value="date" selected={f.sort === 'date'}>
              日期（新的在前）
            </option>
          </select>
        </div>
        <div class="field field-buttons">
          <button type="submit" class="btn btn-primary" id="decision-search-submit">
            检索
          </button>
          {Object.values(f).some((v) => v) ? (
            <a href="/decisions" class="btn">
              清除
            </a>
          ) : null}
        </div>
      </form>
      <Notice kind="error" message={props.error} id="decision-error" />
      {r ? (
        <div class="decision-layout">
          <Facets facets={r.facets} filters={f} ruleNames={props.ruleNames} />
          <section id="decision-results" aria-label="检索结果">
            <p class="muted" id="decision-count">
              共 {r.total} 条{f.q ? `与“${f.q}”相关的` : ''}审查意见
              {r.tokens.length ? `（检索词：${r.tokens.slice(0, 12).join('、')}${r.phrases.length ? `；须原样出现：${r.phrases.join('、')}` : ''}）` : ''}
            </p>
            {r.items.length === 0 ? (
              <p class="empty" id="decision-empty">
                没有找到相关的审查意见，请换用其他词或放宽筛选条件。{LIBRARY_SCOPE_NOTE}
              </p>
            ) : (
              r.items.map((h, i) => <DecisionHitCard d={h.decision} clause={h.snippets.clauseText} reasoning={h.snippets.reasoning} n={i} ruleNames={props.ruleNames} />)
            )}
            <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(p) => `/decisions${queryWith(query, p)}`} />
          </section>
        </div>
      ) : null}
    </Layout>
  );
}

export function DecisionDetailPage(props: { viewer: Viewer; d: Decision; similar: SimilarDecision[]; notice?: string | undefined; ruleNames?: RuleNames | undefined }) {
  const { d } = props;
  const rows: [string, unknown][] = [
    ['文件', [d.title, d.docNumber].filter(Boolean).join(' ') || '（无标题）'],
    ['发文机关', d.issuer],
    ['送审部门', d.department],
    ['日期', d.date ?? ''],
    ['审查类型', d.reviewType],
    ['问题类别', d.category || '（合法条款）'],
    ['规则', ruleName(props.ruleNames, d.rule)],
    ['条款路径', d.clausePath],
    ['审查人', d.reviewer],
  ];
  return (
    <Layout viewer={props.viewer} title={`审查意见 #${d.id}`}>
      <DecisionStyle />
      <p>
        <a href="/decisions">← 审查意见库</a>
      </p>
      <Notice kind="ok" message={props.notice} id="notice-saved" />
      <h1 id="decision-title">
        <OutcomeBadge outcome={d.outcome} />
        {d.title || '审查意见'}
      </h1>
      <section class="card">
        <h2 class="small">条款原文</h2>
        <blockquote class="quote" id="decision-clause">
          {d.clauseText}
        </blockquote>
        <h2 class="small">审查理由</h2>
        <p id="decision-reasoning" style="white-space: pre-wrap">
          {d.reasoning || '（未填写）'}
        </p>
        {d.basis.length ? (
          <>
            <h2 class="small">依据</h2>
            <ul id="decision-basis">
              {d.basis.map((b) => (
                <li>{b}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <dl class="decision-fields card">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </>
          ))}
        {d.tags.length ? (
          <>
            <dt>标签</dt>
            <dd>
              {d.tags.map((t) => (
                <span class="tag">{t}</span>
              ))}
            </dd>
          </>
        ) : null}
        <dt>来源</dt>
        <dd id="decision-source">
          <SourceRef d={d} />
          {props.viewer.user?.role === 'chief' || props.viewer.user?.role === 'admin' ? (
            <>
              {'　'}
              <a href={`/decisions/${d.id}/notice`} id="notice-edit">修改通报信息</a>
            </>
          ) : null}
        </dd>
      </dl>
      <section class="card" id="decision-similar">
        <h2>相似条款的审查意见</h2>
        {props.similar.length === 0 ? (
          <p class="muted">没有相似的审查意见。</p>
        ) : (
          props.similar.map((s, i) => <DecisionHitCard d={s.decision} clause={s.snippet} n={i} ruleNames={props.ruleNames} />)
        )}
      </section>
    </Layout>
  );
}

export function SimilarClausesPage(props: { viewer: Viewer; ruleNames?: RuleNames | undefined; text: string; from?: { reviewId: string; title: string; path: string } | undefined; similar: SimilarDecision[] }) {
  return (
    <Layout viewer={props.viewer} title="相似条款">
      <DecisionStyle />
      <h1>相似条款的审查意见</h1>
      {props.from ? (
        <p>
          <a href={`/reviews/${encodeURIComponent(props.from.reviewId)}`}>← {props.from.title}</a>
          {props.from.path ? <span class="muted">　{props.from.path}</span> : null}
        </p>
      ) : null}
      <blockquote class="quote" id="similar-text">
        {props.text}
      </blockquote>
      <form method="get" action="/decisions/similar" class="card" id="similar-form">
        <label for="similar-input">条款原文</label>
        <textarea id="similar-input" name="text" rows={3} maxlength={10000} required>
          {props.from ? '' : props.text}
        </textarea>
        <button type="submit" class="btn btn-primary">
          查找相似条款
        </button>
      </form>
      <section id="similar-results" aria-label="相似条款">
        {props.similar.length === 0 ? (
          <p class="empty">没有找到相似条款的审查意见。</p>
        ) : (
          props.similar.map((s, i) => <DecisionHitCard d={s.decision} clause={s.snippet} n={i} ruleNames={props.ruleNames} />)
        )}
      </section>
    </Layout>
  );
}
