/**
 * /cleanup/:id: one campaign — progress per department against the deadline, batch upload of
 * texts with the pre-check progress bar (updated by polling when the script runs), the
 * document list with filters, export links, and the deadline form.
 */
import { DECISION_LABELS, DECISIONS, JOB_STATE_LABELS, type CampaignProgress, type CleanupItem, type JobProgress } from '../../cleanup/model.js';
import { can, Deadline, DecisionBadge, pct } from './cleanup-page-parts.js';
import { FilterSelect, labelledOptions, plainOptions } from '../kit/filter-select.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidedFilterField, VoidPanel } from '../kit/void-panel.js';
import type { PackInfo } from '../../rules/ruleset.js';

export interface ItemFilterValues {
  department?: string;
  decision?: string;
  voided?: string;
  /** '1': only documents past their validity. */
  expired?: string;
}

/** The packs the rule set has and the admin's defaults (what a campaign without its own choice runs). */
export interface PackChoice {
  available: readonly PackInfo[];
  adminDefault: readonly string[];
}

export function CampaignPage(props: {
  viewer: Viewer;
  progress: CampaignProgress;
  items: CleanupItem[];
  departments: string[];
  filters: ItemFilterValues;
  job: JobProgress | null;
  packs?: PackChoice;
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
      <VoidPanel viewer={props.viewer} action={`/cleanup/${id}`} what="专项清理" voidedAt={p.campaign.voidedAt} voidedByName={p.campaign.voidedByName} voidReason={p.campaign.voidReason} />
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
        <FilterSelect id="f-expired" name="expired" label="有效期" value={f.expired} options={[{ value: '1', label: '已过有效期' }]} />
        <VoidedFilterField value={f.voided === 'hide' ? undefined : f.voided} />
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
              <th scope="col">有效期至</th>
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
                  {i.voidedAt ? <span class="status-badge review-voided" title={`作废理由：${i.voidReason ?? ''}`}>已作废</span> : null}
                  {i.mismatches.length && !i.textConfirmedAt ? <span class="tag cleanup-overdue mismatch-tag"> 正文待核对</span> : null}
                </td>
                <td class="nowrap">{i.issueDate ?? ''}</td>
                <td class="nowrap">
                  {i.expiry ? i.expiry.until : ''}
                  {i.expired ? <span class="tag cleanup-overdue expired-tag"> 已过有效期</span> : null}
                </td>
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

      {props.packs && props.packs.available.length > 0 ? <PacksForm viewer={props.viewer} campaignId={id} chosen={p.campaign.packs} choice={props.packs} /> : null}

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

/** Which industry packs the campaign's pre-checks run: the admin's defaults, or a choice of its own. */
function PacksForm(props: { viewer: Viewer; campaignId: number; chosen: string[] | null; choice: PackChoice }) {
  const titleOf = (name: string) => props.choice.available.find((x) => x.name === name)?.title ?? name;
  const defaults = props.choice.adminDefault.length ? props.choice.adminDefault.map(titleOf).join('、') : '无（只运行通用规则）';
  const editable = can(props.viewer, 'deadline');
  return (
    <form method="post" action={`/cleanup/${props.campaignId}/packs`} class="card" id="packs-form">
      <h2>行业规则包</h2>
      <p class="muted small" id="packs-current">
        本专项清理的预审运行：{props.chosen === null ? `管理员的默认规则包（${defaults}）` : props.chosen.length ? props.chosen.map(titleOf).join('、') : '只运行通用规则'}。更改后只影响此后上传的正文。
      </p>
      {editable ? (
        <>
          <Csrf viewer={props.viewer} />
          <label class="check">
            <input type="radio" name="mode" value="default" checked={props.chosen === null} /> 使用管理员的默认规则包
          </label>
          <label class="check">
            <input type="radio" name="mode" value="custom" checked={props.chosen !== null} /> 本专项清理自选：
          </label>
          <ul class="plain">
            {props.choice.available.map((x) => (
              <li>
                <label class="check">
                  <input type="checkbox" name="packs" value={x.name} checked={(props.chosen ?? props.choice.adminDefault).includes(x.name)} /> {x.title}
                  <span class="muted small">（{x.ruleCount} 条规则）</span>
                </label>
              </li>
            ))}
          </ul>
          <button type="submit" class="btn btn-small" id="packs-submit">
            保存规则包
          </button>
        </>
      ) : null}
    </form>
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
