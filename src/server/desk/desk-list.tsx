/** 审查台: my queue and all open requests by due date with state colours and filters; the form to register a request. */
import { DEADLINE_STATE_LABELS, type DeadlineState } from '../../desk/deadlines.js';
import type { RequestWithDeadline } from '../../desk/desk-types.js';
import { REQUEST_STATUS_LABELS, REVIEW_TYPE_LABELS, REVIEW_TYPES } from '../../desk/workflow.js';
import { REQUEST_KIND_LABELS, REQUEST_KINDS } from '../../desk/kinds.js';
import type { User } from '../../store/types.js';
import { queryWith, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice, Pager } from '../kit/layout.js';
import { FilterSelect, labelledOptions, plainOptions } from '../kit/filter-select.js';
import { VoidedFilterField } from '../kit/void-panel.js';

export interface DeskFilters {
  mine?: string;
  scope?: string;
  department?: string;
  reviewType?: string;
  kind?: string;
  priority?: string;
  assigneeId?: string;
  voided?: string;
}

export const DeadlineBadge = ({ state }: { state: DeadlineState }) => <span class={`deadline-badge deadline-${state}`}>{DEADLINE_STATE_LABELS[state]}</span>;

export function remainingText(r: RequestWithDeadline): string {
  const d = r.deadline;
  if (d.remaining === null) return d.state === 'paused' ? '计时暂停' : '';
  if (d.remaining > 0) return `剩 ${d.remaining} 个工作日`;
  if (d.remaining === 0) return '今日到期';
  return `超期 ${-d.remaining} 个工作日`;
}

export const DeskNav = ({ current }: { current: 'desk' | 'new' | 'meetings' | 'calendar' }) => (
  <nav class="desk-tabs" aria-label="审查台">
    <a href="/desk" aria-current={current === 'desk' ? 'page' : undefined}>送审件</a>
    <a href="/desk/new" aria-current={current === 'new' ? 'page' : undefined}>登记送审件</a>
    <a href="/meetings" aria-current={current === 'meetings' ? 'page' : undefined}>集中会审</a>
    <a href="/desk/calendar" aria-current={current === 'calendar' ? 'page' : undefined}>期限与节假日</a>
  </nav>
);

/** Requests shown per page (the open ones fit on one; 已办结 and 全部 grow over the years). */
export const DESK_PAGE_SIZE = 50;

export function DeskListPage(props: { viewer: Viewer; filters: DeskFilters; items: RequestWithDeadline[]; departments: string[]; users: User[]; error?: string | undefined; notice?: string | undefined; page?: number }) {
  const f = props.filters;
  const pages = Math.max(1, Math.ceil(props.items.length / DESK_PAGE_SIZE));
  const pageNo = Math.min(Math.max(1, props.page ?? 1), pages);
  const shown = props.items.slice((pageNo - 1) * DESK_PAGE_SIZE, pageNo * DESK_PAGE_SIZE);
  const pageHref = (n: number) => `/desk?${new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), page: String(n) }).toString()}`;
  const q = f as Record<string, string | undefined>;
  const mine = f.mine === '1';
  const warnings = [...new Set(props.items.map((r) => r.deadline.warning).filter((w): w is string => !!w))];
  return (
    <Layout viewer={props.viewer} title="审查台" wide>
      <h1>审查台</h1>
      <DeskNav current="desk" />
      <p class="desk-views">
        <a href={`/desk${queryWith({ ...q, mine: undefined })}`} aria-current={!mine ? 'page' : undefined}>全部{f.scope === 'done' ? '已办结' : f.scope === 'all' ? '' : '在办'}</a>
        <a href={`/desk${queryWith({ ...q, mine: '1' })}`} aria-current={mine ? 'page' : undefined} id="my-queue">我承办的</a>
        <a href={`/desk/deadlines.ics${mine ? '?mine=1' : ''}`} id="ics-link">导出到期日（.ics 日历）</a>
      </p>
      <form method="get" action="/desk" class="card filters" id="desk-filters" role="search" aria-label="筛选送审件">
        {mine ? <input type="hidden" name="mine" value="1" /> : null}
        <div class="field">
          <label for="f-scope">范围</label>
          <select id="f-scope" name="scope">
            {[['open', '在办'], ['done', '已出具意见或办结'], ['all', '全部']].map(([v, l]) => (
              <option value={v} selected={(f.scope || 'open') === v}>{l}</option>
            ))}
          </select>
        </div>
        <FilterSelect id="f-department" name="department" label="送审部门" value={f.department} options={plainOptions(props.departments)} />
        <FilterSelect id="f-type" name="reviewType" label="审查类型" value={f.reviewType} options={labelledOptions(REVIEW_TYPES, REVIEW_TYPE_LABELS)} />
        <FilterSelect id="f-kind" name="kind" label="类别" value={f.kind} options={labelledOptions(REQUEST_KINDS, REQUEST_KIND_LABELS)} />
        <FilterSelect id="f-priority" name="priority" label="优先审查" value={f.priority} options={[{ value: '1', label: '仅优先审查' }, { value: '0', label: '非优先' }]} />
        {mine ? null : (
          <FilterSelect id="f-assignee" name="assigneeId" label="承办人" value={f.assigneeId} options={props.users.map((u) => ({ value: String(u.id), label: u.displayName || u.name }))} />
        )}
        <VoidedFilterField value={f.voided} />
        <div class="field field-buttons">
          <button type="submit" class="btn btn-primary">筛选</button>
          <a href={mine ? '/desk?mine=1' : '/desk'} class="btn">清除</a>
        </div>
      </form>
      <Notice kind="ok" message={props.notice} />
      <Notice kind="error" message={props.error} id="desk-error" />
      {warnings.map((w) => <Notice kind="error" message={w} />)}
      {props.items.length === 0 ? (
        <p class="empty" id="desk-empty">
          没有符合条件的送审件。 <a href="/desk/new">登记送审件</a>
        </p>
      ) : (
        <table class="data-table desk-table" id="desk-table">
          <thead>
            <tr>
              <th scope="col">到期日</th>
              <th scope="col">期限</th>
              <th scope="col">标题</th>
              <th scope="col">送审部门</th>
              <th scope="col">类型</th>
              <th scope="col">状态</th>
              <th scope="col">承办人</th>
              <th scope="col">收件</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr data-request-id={String(r.id)} class={`deadline-row-${r.deadline.state}`}>
                <td class="nowrap">{r.deadline.count.due ?? '—'}</td>
                <td>
                  <DeadlineBadge state={r.deadline.state} /> <span class="small muted">{remainingText(r)}</span>
                </td>
                <td>
                  <a href={`/desk/requests/${r.id}`}>{r.title}</a>
                  {r.priority ? <span class="tag tag-priority">优先</span> : null}
                  {r.early ? <span class="tag">提前介入</span> : null}
                  {r.voidedAt ? <span class="status-badge review-voided" title={`作废理由：${r.voidReason ?? ''}`}>已作废</span> : null}
                  <div class="small muted">{r.deadline.explanation}</div>
                </td>
                <td>{r.department}</td>
                <td>
                  {REQUEST_KIND_LABELS[r.kind]}
                  <div class="small muted">{REVIEW_TYPE_LABELS[r.reviewType]}</div>
                </td>
                <td>{REQUEST_STATUS_LABELS[r.status]}</td>
                <td>{r.assigneeName ?? <span class="muted">未分配</span>}</td>
                <td class="nowrap">{r.receivedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={pageNo} pageSize={DESK_PAGE_SIZE} total={props.items.length} href={pageHref} />
    </Layout>
  );
}

export interface NewRequestValues {
  department?: string;
  title?: string;
  reviewType?: string;
  kind?: string;
  receivedOn?: string;
  priority?: boolean;
  early?: boolean;
  assigneeId?: string;
  note?: string;
}

export function NewRequestPage(props: { viewer: Viewer; values: NewRequestValues; departments: string[]; users: User[]; today: string; error?: string | undefined }) {
  const v = props.values;
  return (
    <Layout viewer={props.viewer} title="登记送审件">
      <h1>登记送审件</h1>
      <DeskNav current="new" />
      <Notice kind="error" message={props.error} id="new-request-error" />
      <form method="post" action="/desk/requests" enctype="multipart/form-data" class="card" id="new-request-form">
        <Csrf viewer={props.viewer} />
        <div class="field-row">
          <div class="field">
            <label for="r-department">送审部门</label>
            <input id="r-department" name="department" required maxlength={100} value={v.department ?? ''} list="departments" />
            <datalist id="departments">{props.departments.map((d) => <option value={d} />)}</datalist>
          </div>
          <div class="field">
            <label for="r-received">收件日期</label>
            <input id="r-received" name="receivedOn" type="date" value={v.receivedOn ?? props.today} max={props.today} />
          </div>
        </div>
        <div class="field">
          <label for="r-title">文件标题</label>
          <input id="r-title" name="title" required maxlength={300} value={v.title ?? ''} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for="r-kind">类别</label>
            <select id="r-kind" name="kind">
              {REQUEST_KINDS.map((k) => <option value={k} selected={(v.kind ?? 'normative') === k}>{REQUEST_KIND_LABELS[k]}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="r-type">审查类型</label>
            <select id="r-type" name="reviewType">
              {REVIEW_TYPES.map((t) => <option value={t} selected={(v.reviewType ?? 'both') === t}>{REVIEW_TYPE_LABELS[t]}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="r-assignee">承办人</label>
            <select id="r-assignee" name="assigneeId">
              <option value="">暂不分配</option>
              {props.users.map((u) => <option value={String(u.id)} selected={String(u.id) === v.assigneeId}>{u.displayName || u.name}</option>)}
            </select>
          </div>
        </div>
        <fieldset class="field">
          <legend>优先审查</legend>
          <label>
            <input type="checkbox" name="priority" value="1" checked={v.priority === true} /> 优先审查（涉及经营主体、营商环境的政策措施，快审快结）
          </label>
          <br />
          <label>
            <input type="checkbox" name="early" value="1" checked={v.early === true} /> 提前介入（起草部门仍在起草时即介入）
          </label>
        </fieldset>
        <div class="field">
          <label for="r-file">送审稿（可选，.docx、.txt 或 .md；保存为第1版）</label>
          <input id="r-file" name="file" type="file" accept=".docx,.txt,.md" />
        </div>
        <div class="field">
          <label for="r-note">备注</label>
          <textarea id="r-note" name="note" rows={2} maxlength={2000}>{v.note ?? ''}</textarea>
        </div>
        <button type="submit" class="btn btn-primary" id="new-request-submit">登记</button>
      </form>
    </Layout>
  );
}
