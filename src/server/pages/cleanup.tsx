/**
 * 专项清理 pages: the campaigns with the inventory import form, one campaign (progress per
 * department against the deadline, batch upload of texts with a progress bar, the document
 * list with filters, export), and one document (pre-check findings, decision form).
 * Everything works without the script; with it the progress bar updates by polling.
 */
import { CLEANUP_ROLES } from '../../cleanup/cleanup-store.js';
import { FIELD_LABELS, HEADER_ALIASES, type InventoryField } from '../../cleanup/inventory.js';
import {
  DECISION_LABELS, DECISIONS, JOB_STATE_LABELS, type CampaignProgress, type CleanupItem, type Decision, type JobProgress, type RowError,
} from '../../cleanup/model.js';
import type { ReviewDetail } from '../../store/types.js';
import { formatTime, SEVERITY_LABELS, type Viewer } from './format.js';
import { Csrf, Layout, Notice } from './layout.js';
import { FilterSelect, labelledOptions, plainOptions } from './filter-select.js';

const can = (viewer: Viewer, what: keyof typeof CLEANUP_ROLES) => !!viewer.user && CLEANUP_ROLES[what].includes(viewer.user.role);
const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100));

function Deadline({ p }: { p: CampaignProgress }) {
  if (!p.campaign.deadline) return <span class="muted">未设截止日期</span>;
  const late = p.daysLeft !== null && p.daysLeft < 0;
  return (
    <span class={late && p.undecided > 0 ? 'cleanup-overdue' : undefined}>
      截止 {p.campaign.deadline}（{late ? `已逾期 ${-(p.daysLeft ?? 0)} 天` : p.daysLeft === 0 ? '今天截止' : `剩 ${p.daysLeft} 天`}）
    </span>
  );
}

function DecisionBadge({ d }: { d: Decision | null }) {
  return <span class={`status-badge decision-${d ?? 'none'}`}>{d ? DECISION_LABELS[d] : '未决定'}</span>;
}

// ---------------------------------------------------------------- /cleanup

export interface ImportValues {
  campaign?: string;
  deadline?: string;
}

export function CleanupListPage(props: { viewer: Viewer; campaigns: CampaignProgress[]; error?: string | undefined; rowErrors?: RowError[] | undefined; values?: ImportValues }) {
  const v = props.values ?? {};
  const fields = Object.keys(FIELD_LABELS) as InventoryField[];
  return (
    <Layout viewer={props.viewer} title="专项清理">
      <h1>烦企扰民专项清理</h1>
      {props.campaigns.length === 0 ? (
        <p class="empty" id="cleanup-empty">还没有专项清理。导入一份文件清单即可开始。</p>
      ) : (
        <table class="data-table" id="campaign-table">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">截止日期</th>
              <th scope="col">文件数</th>
              <th scope="col">已预审</th>
              <th scope="col">已决定</th>
              <th scope="col">完成率</th>
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map((p) => (
              <tr data-campaign-id={String(p.campaign.id)}>
                <td>
                  <a href={`/cleanup/${p.campaign.id}`}>{p.campaign.name}</a>
                </td>
                <td>
                  <Deadline p={p} />
                </td>
                <td>{p.total}</td>
                <td>{p.prechecked}</td>
                <td>{p.decided}</td>
                <td>
                  <progress max={100} value={pct(p.decided, p.total)} aria-label="完成率"></progress> {pct(p.decided, p.total)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can(props.viewer, 'edit') ? (
        <form class="card" id="import-form" method="post" action="/cleanup/import" enctype="multipart/form-data">
          <h2>导入文件清单</h2>
          <Csrf viewer={props.viewer} />
          <Notice kind="error" message={props.error} id="import-error" />
          {props.rowErrors && props.rowErrors.length > 0 ? (
            <ul class="row-errors" id="import-row-errors">
              {props.rowErrors.map((e) => (
                <li>{e.row > 0 ? `第 ${e.row} 行：${e.message}` : e.message}</li>
              ))}
            </ul>
          ) : null}
          <div class="field-row">
            <div class="field">
              <label for="campaign-input">专项清理名称</label>
              <input id="campaign-input" name="campaign" type="text" required maxlength={100} list="campaign-list" value={v.campaign ?? ''} placeholder="例如：2026年烦企扰民专项清理" />
              <datalist id="campaign-list">
                {props.campaigns.map((p) => (
                  <option value={p.campaign.name} />
                ))}
              </datalist>
            </div>
            <div class="field">
              <label for="deadline-input">
                截止日期 <span class="muted small">（可不填）</span>
              </label>
              <input id="deadline-input" name="deadline" type="date" value={v.deadline ?? ''} />
            </div>
          </div>
          <div class="field">
            <label for="inventory-file">清单文件（.xlsx 或 .csv）</label>
            <input id="inventory-file" name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </div>
          <details class="inline-details">
            <summary>清单格式</summary>
            <p class="muted small">第一行（或表格标题下面的一行）为表头，需有“标题”和“责任单位”列；可用的列名：</p>
            <ul class="small">
              {fields.map((f) => (
                <li>
                  {FIELD_LABELS[f]}：{HEADER_ALIASES[f].join('、')}
                </li>
              ))}
            </ul>
            <p class="muted small">
              日期可写作 2023-05-01、2023/5/1、2023年5月1日 或 Excel 日期。CSV 可为 UTF-8 或 GBK/GB18030 编码。任何一行有错时整份清单都不导入，并按行号列出错误；同名专项清理再次导入时追加文件。
            </p>
          </details>
          <button type="submit" class="btn btn-primary" id="import-submit">
            导入
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

// ---------------------------------------------------------------- /cleanup/:id

export interface ItemFilterValues {
  department?: string;
  decision?: string;
}

export function CampaignPage(props: {
  viewer: Viewer;
  progress: CampaignProgress;
  items: CleanupItem[];
  departments: string[];
  filters: ItemFilterValues;
  job: JobProgress | null;
  notice?: string | undefined;
  error?: string | undefined;
  attachResult?: { matched: number; unmatched: { fileName: string; reason: string }[] } | undefined;
}) {
  const p = props.progress;
  const id = p.campaign.id;
  const f = props.filters;
  const job = props.job;
  const q = (o: Record<string, string | undefined>) => {
    const s = new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => !!e[1])).toString();
    return s ? `?${s}` : '';
  };
  return (
    <Layout viewer={props.viewer} title={p.campaign.name} wide>
      <p class="muted small">
        <a href="/cleanup">专项清理</a> ›
      </p>
      <h1>{p.campaign.name}</h1>
      <Notice kind="ok" message={props.notice} id="campaign-notice" />
      <Notice kind="error" message={props.error} id="campaign-error" />
      <p class="cleanup-summary" id="campaign-summary">
        <Deadline p={p} /> · 共 {p.total} 份，已预审 {p.prechecked}，已决定 {p.decided}（{pct(p.decided, p.total)}%），未决定 {p.undecided} ·{' '}
        {DECISIONS.map((d) => `${DECISION_LABELS[d]} ${p.byDecision[d]}`).join('，')}
      </p>

      <h2>各责任单位进度</h2>
      <table class="data-table" id="department-progress">
        <thead>
          <tr>
            <th scope="col">责任单位</th>
            <th scope="col">合计</th>
            <th scope="col">已预审</th>
            {DECISIONS.map((d) => (
              <th scope="col">{DECISION_LABELS[d]}</th>
            ))}
            <th scope="col">未决定</th>
            <th scope="col">完成率</th>
          </tr>
        </thead>
        <tbody>
          {p.departments.map((d) => (
            <tr class={d.overdue ? 'cleanup-overdue-row' : undefined} data-department={d.department}>
              <th scope="row">
                <a href={`/cleanup/${id}${q({ department: d.department })}`}>{d.department}</a>
                {d.overdue ? <span class="tag cleanup-overdue"> 逾期</span> : null}
              </th>
              <td>{d.total}</td>
              <td>{d.prechecked}</td>
              {DECISIONS.map((k) => (
                <td>{d.byDecision[k]}</td>
              ))}
              <td>{d.undecided}</td>
              <td>
                <progress max={100} value={pct(d.decided, d.total)} aria-label={`${d.department}完成率`}></progress> {pct(d.decided, d.total)}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section class="card" id="cleanup-job" data-job-id={job?.jobId ?? ''} data-finished={job ? String(job.finished) : 'true'}>
        <h2>上传正文并预审</h2>
        {job ? (
          <div class="progress-block">
            <progress id="cleanup-progress" max={job.total} value={job.done + job.failed}></progress>
            <span id="cleanup-progress-text" role="status" aria-live="polite">
              {job.finished ? '最近一批预审已完成' : '正在预审'}：{job.done + job.failed} / {job.total}（成功 {job.done}，失败 {job.failed}
              {job.finished ? '' : `，排队 ${job.pending + job.running}`}）
            </span>
            {!job.finished ? <noscript> 刷新页面查看最新进度。</noscript> : null}
          </div>
        ) : (
          <p class="muted">尚未上传正文。</p>
        )}
        {job && job.failures.length > 0 ? (
          <div id="cleanup-failures">
            <ul class="row-errors">
              {job.failures.map((x) => (
                <li>
                  {x.fileName}（{x.title}）：{x.error}
                </li>
              ))}
            </ul>
            {can(props.viewer, 'edit') ? (
              <form method="post" action={`/cleanup/jobs/${job.jobId}/retry`} class="inline-form">
                <Csrf viewer={props.viewer} />
                <button type="submit" class="btn btn-small">
                  失败的重新预审
                </button>
              </form>
            ) : null}
          </div>
        ) : null}
        {props.attachResult ? (
          <div id="attach-result">
            <p>
              已对应 {props.attachResult.matched} 个文件{props.attachResult.unmatched.length ? `，${props.attachResult.unmatched.length} 个未对应：` : '。'}
            </p>
            {props.attachResult.unmatched.length ? (
              <ul class="row-errors" id="attach-unmatched">
                {props.attachResult.unmatched.map((u) => (
                  <li>
                    {u.fileName}：{u.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {can(props.viewer, 'edit') ? (
          <form method="post" action={`/cleanup/${id}/attach`} enctype="multipart/form-data" id="attach-form">
            <Csrf viewer={props.viewer} />
            <label for="attach-files">正文文件（.docx、.txt，可多选；文件名中写文号或标题，如“湖吴政发〔2021〕15号.docx”）</label>
            <input id="attach-files" name="file" type="file" multiple required accept=".docx,.txt,.md" />
            <button type="submit" class="btn btn-primary" id="attach-submit">
              上传并预审
            </button>
          </form>
        ) : null}
      </section>

      <h2>文件清单</h2>
      <form method="get" action={`/cleanup/${id}`} class="card filters" role="search" aria-label="筛选文件" id="item-filters">
        <FilterSelect id="f-department" name="department" label="责任单位" value={f.department} options={plainOptions(props.departments)} />
        <FilterSelect id="f-decision" name="decision" label="清理结论" value={f.decision} options={[{ value: 'undecided', label: '未决定' }, ...labelledOptions(DECISIONS, DECISION_LABELS)]} />
        <div class="field field-buttons">
          <button type="submit" class="btn">
            筛选
          </button>
          <a class="btn" href={`/api/cleanup/campaigns/${id}/export?format=xlsx`} id="export-xlsx">
            导出 .xlsx
          </a>
          <a class="btn" href={`/api/cleanup/campaigns/${id}/export?format=csv`} id="export-csv">
            导出 .csv
          </a>
        </div>
      </form>
      {props.items.length === 0 ? (
        <p class="empty">没有符合条件的文件。</p>
      ) : (
        <table class="data-table" id="item-table">
          <thead>
            <tr>
              <th scope="col">文号</th>
              <th scope="col">标题</th>
              <th scope="col">发布日期</th>
              <th scope="col">责任单位</th>
              <th scope="col">预审</th>
              <th scope="col">清理结论</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr id={`item-${i.id}`} data-item-id={String(i.id)}>
                <td class="nowrap">{i.docNumber}</td>
                <td>
                  <a href={`/cleanup/items/${i.id}`}>{i.title}</a>
                </td>
                <td class="nowrap">{i.issueDate ?? ''}</td>
                <td>{i.department}</td>
                <td>
                  <Precheck item={i} />
                </td>
                <td>
                  <DecisionBadge d={i.decision} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can(props.viewer, 'deadline') ? (
        <form method="post" action={`/cleanup/${id}/deadline`} class="card inline-form" id="deadline-form">
          <Csrf viewer={props.viewer} />
          <label for="deadline-edit">截止日期</label> <input id="deadline-edit" name="deadline" type="date" value={p.campaign.deadline ?? ''} />{' '}
          <button type="submit" class="btn btn-small">
            保存
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

function Precheck({ item }: { item: CleanupItem }) {
  if (item.reviewId) {
    return (
      <a href={`/reviews/${encodeURIComponent(item.reviewId)}`}>
        {item.findingCount ? `${item.findingCount} 个问题` : '未发现问题'}
      </a>
    );
  }
  if (item.precheck) {
    return (
      <span class={`status-badge job-${item.precheck.state}`} title={item.precheck.error ?? ''}>
        {JOB_STATE_LABELS[item.precheck.state]}
      </span>
    );
  }
  return <span class="muted">未上传正文</span>;
}

// ---------------------------------------------------------------- /cleanup/items/:id

export interface DecisionValues {
  decision?: string;
  reason?: string;
  clauses?: string[];
}

export function CleanupItemPage(props: {
  viewer: Viewer;
  item: CleanupItem;
  campaignName: string;
  review: ReviewDetail | null;
  notice?: string | undefined;
  error?: string | undefined;
  values?: DecisionValues;
}) {
  const { item, review } = props;
  const v: DecisionValues = props.values ?? { decision: item.decision ?? '', reason: item.decisionReason ?? '', clauses: item.decisionClauses.map((c) => c.id) };
  const chosen = new Set(v.clauses ?? []);
  // the clauses with findings first (what a decision usually rests on), then the rest
  const withFindings = new Map<string, { path: string; count: number }>();
  for (const f of review?.findings ?? []) {
    if (!f.clauseId) continue;
    const e = withFindings.get(f.clauseId);
    if (e) e.count++;
    else withFindings.set(f.clauseId, { path: f.path, count: 1 });
  }
  const others = (review?.document.clauses ?? []).filter((c) => !withFindings.has(c.id) && c.path);
  return (
    <Layout viewer={props.viewer} title={item.title}>
      <p class="muted small">
        <a href="/cleanup">专项清理</a> › <a href={`/cleanup/${item.campaignId}`}>{props.campaignName}</a> ›
      </p>
      <h1>{item.title}</h1>
      <Notice kind="ok" message={props.notice} id="item-notice" />
      <Notice kind="error" message={props.error} id="item-error" />
      <table class="print-meta" id="item-meta">
        <tbody>
          <tr>
            <th scope="row">文号</th>
            <td>{item.docNumber}</td>
            <th scope="row">制定机关</th>
            <td>{item.issuer}</td>
          </tr>
          <tr>
            <th scope="row">发布日期</th>
            <td>{item.issueDate ?? ''}</td>
            <th scope="row">有效期</th>
            <td>{item.validity}</td>
          </tr>
          <tr>
            <th scope="row">责任单位</th>
            <td>{item.department}</td>
            <th scope="row">清单行号</th>
            <td>{item.sourceRow}</td>
          </tr>
        </tbody>
      </table>

      <section class="card" id="item-precheck">
        <h2>预审结果</h2>
        {review ? (
          <>
            <p>
              <a href={`/reviews/${encodeURIComponent(review.review.id)}`} id="item-report-link">
                打开审查报告
              </a>{' '}
              · {item.fileName ?? ''} · 发现 {review.findings.length} 个问题
            </p>
            {review.findings.length ? (
              <ul class="cleanup-findings">
                {review.findings.map((f) => (
                  <li>
                    <span class={`sev-badge sev-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span> <span class="clause-path">{f.path}</span> {f.title}（{f.category}）
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : item.precheck ? (
          <p>
            {JOB_STATE_LABELS[item.precheck.state]}
            {item.precheck.error ? `：${item.precheck.error}` : ''}
          </p>
        ) : (
          <p class="muted">尚未上传正文。</p>
        )}
        {can(props.viewer, 'edit') ? (
          <form method="post" action={`/cleanup/items/${item.id}/attach`} enctype="multipart/form-data" class="inline-form" id="item-attach-form">
            <Csrf viewer={props.viewer} />
            <label for="item-file">{review ? '重新上传正文' : '上传正文'}（.docx 或 .txt）</label> <input id="item-file" name="file" type="file" required accept=".docx,.txt,.md" />{' '}
            <button type="submit" class="btn btn-small">
              上传并预审
            </button>
          </form>
        ) : null}
      </section>

      <section class="card" id="decision-section">
        <h2>清理结论</h2>
        {item.decision ? (
          <p id="current-decision">
            当前结论：<DecisionBadge d={item.decision} />
            {item.decisionReason ? ` 理由：${item.decisionReason}` : ''}
            {item.decisionClauses.length ? ` 依据条款：${item.decisionClauses.map((c) => c.path).join('；')}` : ''}
            <span class="muted small">
              （{item.decidedByName ?? '命令行'} {formatTime(item.decidedAt)}）
            </span>
          </p>
        ) : null}
        {can(props.viewer, 'decide') ? (
          <form method="post" action={`/cleanup/items/${item.id}/decision`} id="decision-form">
            <Csrf viewer={props.viewer} />
            <fieldset>
              <legend>结论</legend>
              {DECISIONS.map((d) => (
                <label class="check">
                  <input type="radio" name="decision" value={d} checked={v.decision === d} required /> {DECISION_LABELS[d]}
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="decision-reason">
                理由 <span class="muted small">（修改、废止、宣布失效须填写）</span>
              </label>
              <textarea id="decision-reason" name="reason" rows={3} maxlength={2000}>
                {v.reason ?? ''}
              </textarea>
            </div>
            {review ? (
              <fieldset id="decision-clauses">
                <legend>依据条款</legend>
                {[...withFindings].map(([id, c]) => (
                  <label class="check">
                    <input type="checkbox" name="clauses" value={id} checked={chosen.has(id)} /> {c.path}
                    <span class="muted small">（{c.count} 个问题）</span>
                  </label>
                ))}
                {others.length ? (
                  <div class="field">
                    <label for="other-clauses">其他条款（可多选）</label>
                    <select id="other-clauses" name="clauses" multiple size={Math.min(6, others.length)}>
                      {others.map((c) => (
                        <option value={c.id} selected={chosen.has(c.id)}>
                          {c.path} {c.text.slice(0, 30)}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </fieldset>
            ) : null}
            <button type="submit" class="btn btn-primary" id="decision-submit">
              保存结论
            </button>
          </form>
        ) : (
          <p class="muted">只有科员或科长可以作出清理结论。</p>
        )}
      </section>
    </Layout>
  );
}
