/** 工作报告: the period report as a page with inline-SVG charts (no CDN, no script), and links to its Word, Excel and Markdown files. */
import type { Child } from 'hono/jsx';
import { coverageLines, PERIOD_KIND_LABELS, PRECHECK_NOTE, type PeriodReport } from '../../desk/period-report.js';
import { REVIEW_TYPE_LABELS, REVIEW_TYPES } from '../../desk/workflow.js';
import type { Viewer } from '../kit/format.js';
import { Layout, Notice } from '../kit/layout.js';

/** Horizontal bars, one per row; the SVG carries a title and each bar its number as text. */
export function BarChart(props: { id: string; title: string; rows: { label: string; value: number }[]; unit?: string }) {
  const rows = props.rows;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 26;
  const labelW = 190;
  const barW = 320;
  const h = rows.length * rowH + 8;
  return (
    <svg id={props.id} class="chart" role="img" aria-labelledby={`${props.id}-t`} viewBox={`0 0 ${labelW + barW + 60} ${h}`} width="100%" style={`max-width:${labelW + barW + 60}px`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {rows.map((r, i) => {
        const w = Math.round((r.value / max) * barW);
        const y = i * rowH + 4;
        return (
          <g>
            <text x={labelW - 6} y={y + 16} text-anchor="end" class="chart-label">{r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label}</text>
            <rect x={labelW} y={y + 3} width={Math.max(w, r.value > 0 ? 2 : 0)} height={rowH - 8} class="chart-bar" />
            <text x={labelW + w + 6} y={y + 16} class="chart-value">{`${r.value}${props.unit ?? ''}`}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** A ring for a share (0–100). */
export function ShareRing(props: { id: string; title: string; percent: number | null }) {
  const p = props.percent ?? 0;
  const r = 40;
  const c = 2 * Math.PI * r;
  return (
    <svg id={props.id} class="chart" role="img" aria-labelledby={`${props.id}-t`} viewBox="0 0 100 100" width="120" height="120">
      <title id={`${props.id}-t`}>{props.title}</title>
      <circle cx="50" cy="50" r={r} class="ring-back" />
      <circle cx="50" cy="50" r={r} class="ring-front" stroke-dasharray={`${((c * p) / 100).toFixed(2)} ${c.toFixed(2)}`} transform="rotate(-90 50 50)" />
      <text x="50" y="56" text-anchor="middle" class="ring-text">{props.percent === null ? '—' : `${props.percent}%`}</text>
    </svg>
  );
}

const Figure = (props: { label: string; value: Child; id?: string }) => (
  <div class="figure" id={props.id}>
    <div class="figure-value">{props.value}</div>
    <div class="figure-label">{props.label}</div>
  </div>
);

export interface ReportQueryValues {
  kind: string;
  year: string;
  n: string;
  from: string;
  to: string;
}

export function PeriodReportPage(props: { viewer: Viewer; report: PeriodReport | null; query: ReportQueryValues; mdHref: string; error?: string | undefined }) {
  const r = props.report;
  const q = props.query;
  return (
    <Layout viewer={props.viewer} title="工作报告">
      <h1>工作报告</h1>
      <form method="get" action="/reports" class="card filters" id="report-form">
        <div class="field">
          <label for="p-kind">类型</label>
          <select id="p-kind" name="kind">
            {(['bimonthly', 'quarterly', 'annual'] as const).map((k) => <option value={k} selected={q.kind === k}>{PERIOD_KIND_LABELS[k]}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="p-year">年份</label>
          <input id="p-year" name="year" type="number" min={2000} max={2100} value={q.year} />
        </div>
        <div class="field">
          <label for="p-n">期数（双月 1–6，季度 1–4）</label>
          <input id="p-n" name="n" type="number" min={1} max={6} value={q.n} />
        </div>
        <div class="field">
          <label for="p-from">或自定义：起</label>
          <input id="p-from" name="from" type="date" value={q.from} />
        </div>
        <div class="field">
          <label for="p-to">止</label>
          <input id="p-to" name="to" type="date" value={q.to} />
        </div>
        <div class="field field-buttons">
          <button type="submit" class="btn btn-primary">生成</button>
        </div>
      </form>
      <Notice kind="error" message={props.error} id="report-error" />
      {r ? (
        <article class="period-report" id="period-report">
          <h2>
            {r.period.label}
            {PERIOD_KIND_LABELS[r.period.kind]} <span class="small muted">（{r.period.from} 至 {r.period.to}）</span>
          </h2>
          <p>
            <a class="btn btn-primary" href={props.mdHref.replace('/reports/document.md', '/reports/document.docx')} id="report-docx">
              下载报告（Word）
            </a>{' '}
            <a class="btn" href={props.mdHref.replace('/reports/document.md', '/reports/document.xlsx')} id="report-xlsx">
              下载报表（Excel）
            </a>{' '}
            <a class="btn" href={props.mdHref} id="report-md">
              下载报告文稿（Markdown）
            </a>
          </p>
          {r.warnings.map((w) => <Notice kind="info" message={w} />)}
          <div class="figures">
            <Figure id="fig-received" label="收件" value={r.received} />
            <Figure id="fig-closed" label="出具意见（办结）" value={r.closed} />
            <Figure id="fig-overdue" label="超期（办结超期＋在办超期）" value={r.overdue} />
            <Figure id="fig-average" label="平均审查用时（工作日）" value={r.averageDaysToClose ?? '—'} />
            <Figure id="fig-open" label="期末在办" value={r.openAtEnd} />
          </div>
          <section class="card" id="report-coverage" aria-labelledby="coverage-h">
            <h3 id="coverage-h">按送审件类别（合法性审查覆盖）</h3>
            {coverageLines(r).map((l) => <p>{l}</p>)}
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">类别</th>
                  <th scope="col">收件</th>
                  <th scope="col">已出具意见</th>
                  <th scope="col">平均用时（工作日）</th>
                  <th scope="col">最长用时（工作日）</th>
                </tr>
              </thead>
              <tbody>
                {r.byKind.map((k) => (
                  <tr data-kind={k.kind}>
                    <td>{k.label}</td>
                    <td>{k.received}</td>
                    <td>{k.reviewed}</td>
                    <td>{k.averageDays ?? '—'}</td>
                    <td>{k.maxDays ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <div class="report-charts">
            <section>
              <h3>收件构成</h3>
              <BarChart id="chart-types" title="按审查类型的收件数" rows={REVIEW_TYPES.map((t) => ({ label: REVIEW_TYPE_LABELS[t], value: r.receivedByType[t] }))} />
            </section>
            <section>
              <h3>优先审查占比</h3>
              <ShareRing id="chart-priority" title={`优先审查占收件的 ${r.priorityShare ?? 0}%`} percent={r.priorityShare} />
              <p class="small muted">
                优先审查 {r.priorityReceived} 件，提前介入 {r.earlyReceived} 件；按期办结 {r.closedOnTime} 件，超期办结 {r.closedLate} 件，紧急情况提前出具 {r.urgent} 件。
              </p>
            </section>
            <section>
              <h3>确认问题的类别</h3>
              <p id="fig-confirmed">
                本期签发 <strong>{r.reviews}</strong> 件（同一文件或同一送审件只计一次），确认问题 <strong>{r.confirmedFindings}</strong> 个。
              </p>
              {r.findingsByCategory.length ? <BarChart id="chart-categories" title="按类别的确认问题数" rows={r.findingsByCategory.map((c) => ({ label: c.category, value: c.count }))} /> : <p class="muted">本期签发的文件中没有确认的问题。</p>}
              <p class="small muted" id="fig-precheck">
                {PRECHECK_NOTE}：预审记录 {r.precheck.reviews} 件，机器提示问题 {r.precheck.findings} 个（含未签发、未经确认和重复上传，不作为工作成效统计）。
              </p>
            </section>
            <section>
              <h3>问题较多的部门</h3>
              {r.topDepartments.length ? <BarChart id="chart-departments" title="确认问题最多的部门" rows={r.topDepartments.map((d) => ({ label: d.department, value: d.count }))} /> : <p class="muted">无。</p>}
            </section>
            <section>
              <h3>“烦企扰民”清理进度</h3>
              {r.campaign ? (
                <>
                  <ShareRing id="chart-campaign" title="清理进度" percent={r.campaign.total ? Math.round((1000 * r.campaign.decided) / r.campaign.total) / 10 : 0} />
                  <BarChart id="chart-decisions" title="清理结论" rows={Object.entries(r.campaign.byDecision).map(([label, value]) => ({ label, value }))} />
                </>
              ) : (
                <p class="muted" id="campaign-missing">尚未建立专项清理清单。</p>
              )}
            </section>
          </div>
        </article>
      ) : null}
    </Layout>
  );
}
