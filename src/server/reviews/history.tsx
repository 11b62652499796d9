/** 审查记录: the history, filterable by department, date range, status and words, paged. */
import { REVIEW_STATUSES, REVIEW_STATUS_LABELS, type Page, type ReviewSummary } from '../../store/types.js';
import { formatTime, queryWith, type Viewer } from '../kit/format.js';
import { Layout, Notice, Pager } from '../kit/layout.js';
import { FilterSelect, labelledOptions, plainOptions } from '../kit/filter-select.js';
import { VoidedFilterField } from '../kit/void-panel.js';

export interface HistoryFilters {
  department?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
  /** '' (not voided), only, all. */
  voided?: string;
}

export function HistoryPage(props: { viewer: Viewer; filters: HistoryFilters; departments: string[]; page: Page<ReviewSummary>; error?: string | undefined }) {
  const { filters: f, page } = props;
  const filtered = Object.values(f).some((v) => v);
  const query = f as Record<string, string | undefined>;
  return (
    <Layout viewer={props.viewer} title="审查记录">
      <h1>审查记录</h1>
      <form method="get" action="/reviews" class="card filters" id="history-filters" role="search" aria-label="筛选审查记录">
        <FilterSelect id="f-department" name="department" label="送审部门" value={f.department} options={plainOptions(props.departments)} />
        <div class="field">
          <label for="f-from">起始日期</label>
          <input id="f-from" name="from" type="date" value={f.from ?? ''} />
        </div>
        <div class="field">
          <label for="f-to">截止日期</label>
          <input id="f-to" name="to" type="date" value={f.to ?? ''} />
        </div>
        <FilterSelect id="f-status" name="status" label="状态" value={f.status} options={labelledOptions(REVIEW_STATUSES, REVIEW_STATUS_LABELS)} />
        <div class="field">
          <label for="f-q">标题或文号</label>
          <input id="f-q" name="q" type="search" value={f.q ?? ''} maxlength={100} />
        </div>
        <VoidedFilterField value={f.voided} />
        <div class="field field-buttons">
          <button type="submit" class="btn btn-primary" id="filter-submit">
            筛选
          </button>
          {filtered ? (
            <a href="/reviews" class="btn">
              清除
            </a>
          ) : null}
        </div>
      </form>
      <Notice kind="error" message={props.error} id="history-error" />
      {page.items.length === 0 ? (
        <p class="empty" id="history-empty">
          {filtered ? '没有符合条件的审查记录，请调整筛选条件。' : '还没有审查记录。'} <a href="/">新建预审</a>
        </p>
      ) : (
        <table class="data-table" id="history-table">
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">文号</th>
              <th scope="col">送审部门</th>
              <th scope="col">状态</th>
              <th scope="col">问题（待处理/合计）</th>
              <th scope="col">审查人</th>
              <th scope="col">创建时间</th>
              <th scope="col">签发</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((r) => (
              <tr data-review-id={r.id}>
                <td>
                  <a href={`/reviews/${encodeURIComponent(r.id)}`}>{r.title}</a>
                </td>
                <td>{r.docNumber ?? ''}</td>
                <td>{r.department}</td>
                <td>
                  <span class={`status-badge review-${r.status}`}>{REVIEW_STATUS_LABELS[r.status]}</span>
                  {r.voidedAt ? (
                    <span class="status-badge review-voided" title={`作废理由：${r.voidReason ?? ''}`}>
                      已作废
                    </span>
                  ) : null}
                </td>
                <td>
                  {r.counts.open} / {r.counts.total}
                </td>
                <td>{r.createdByName}</td>
                <td>{formatTime(r.createdAt)}</td>
                <td>{r.signedAt ? `${r.signedByName ?? ''} ${formatTime(r.signedAt)}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page.page} pageSize={page.pageSize} total={page.total} href={(p) => `/reviews${queryWith(query, p)}`} />
    </Layout>
  );
}
