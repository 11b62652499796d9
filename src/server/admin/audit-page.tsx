/** 操作日志 (admins, read-only): newest first, filterable by action, paged. */
import type { AuditEntry, Page } from '../../store/types.js';
import { ACTION_LABELS, formatTime, queryWith, type Viewer } from '../kit/format.js';
import { Layout, Notice, Pager } from '../kit/layout.js';
import { FilterSelect } from '../kit/filter-select.js';
import { detailText, targetText } from '../kit/audit-labels.js';

export function AuditPage(props: { viewer: Viewer; page: Page<AuditEntry>; action?: string | undefined; error?: string | undefined; ruleTitles?: ReadonlyMap<string, string> }) {
  const { page } = props;
  const ruleTitle = (id: string) => props.ruleTitles?.get(id);
  return (
    <Layout viewer={props.viewer} title="操作日志">
      <h1>操作日志</h1>
      <p class="muted">
        日志只能追加，不能修改或删除。<a href="/admin/purge" id="purge-link">清除已作废的测试数据</a>
      </p>
      <form method="get" action="/admin/audit" class="card filters" role="search" aria-label="筛选操作日志">
        <FilterSelect id="a-action" name="action" label="操作" value={props.action} options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
        <div class="field field-buttons">
          <button type="submit" class="btn btn-primary">
            筛选
          </button>
        </div>
      </form>
      <Notice kind="error" message={props.error} />
      {page.items.length === 0 ? (
        <p class="empty" id="audit-empty">
          没有操作记录。
        </p>
      ) : (
        <table class="data-table" id="audit-table">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">用户</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">详情</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((e) => (
              <tr data-audit-id={String(e.id)} data-action={e.action}>
                <td class="nowrap">{formatTime(e.at)}</td>
                <td>{e.userName ?? (e.detail['via'] === 'cli' ? '命令行' : '—')}</td>
                <td>{ACTION_LABELS[e.action] ?? '其他操作'}</td>
                <td class="small" title={e.target}>{targetText(e.target, ruleTitle)}</td>
                <td class="small detail">{detailText(e.detail, ruleTitle)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page.page} pageSize={page.pageSize} total={page.total} href={(p) => `/admin/audit${queryWith({ action: props.action }, p)}`} />
    </Layout>
  );
}
