/** 审查报告: header with status and sign-off, summary counts, document on the left, findings on the right. */
import { ExportTools } from './report-exports.js';
import { ConclusionPanel } from './report-conclusion.js';
import { CATEGORIES, type Adoption } from '../../review/core.js';
import { FINDING_STATUSES, FINDING_STATUS_LABELS, REVIEW_STATUS_LABELS, ROLE_LABELS, type ReviewDetail, type ReviewFinding } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidPanel } from '../kit/void-panel.js';
import { DocumentPane } from './report-document.js';
import { DismissDialog, FindingsPane, type BasisPick } from './report-findings.js';
import { FindingsPager, type FindingsWindow } from './findings-window.js';
import type { SimilarDecision } from '../../decisions/decision-search.js';

const enc = encodeURIComponent;

/** Counts by category × status, categories in their fixed order, only those present. */
export function findingsByCategory(findings: ReviewFinding[]) {
  return CATEGORIES.map((category) => {
    const items = findings.filter((f) => f.category === category);
    return { category, total: items.length, ...Object.fromEntries(FINDING_STATUSES.map((s) => [s, items.filter((f) => f.status === s).length])) } as {
      category: string;
      total: number;
      open: number;
      confirmed: number;
      dismissed: number;
    };
  }).filter((r) => r.total > 0);
}

export function Summary(props: { findings: ReviewFinding[] }) {
  const rows = findingsByCategory(props.findings);
  const sum = (s: 'open' | 'confirmed' | 'dismissed') => props.findings.filter((f) => f.status === s).length;
  if (rows.length === 0) return null;
  return (
    <table class="summary" id="summary">
      <caption>问题统计</caption>
      <thead>
        <tr>
          <th scope="col">类别</th>
          {FINDING_STATUSES.map((s) => (
            <th scope="col">{FINDING_STATUS_LABELS[s]}</th>
          ))}
          <th scope="col">合计</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.category}</th>
            <td>{r.open}</td>
            <td>{r.confirmed}</td>
            <td>{r.dismissed}</td>
            <td>{r.total}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td data-count="open">{sum('open')}</td>
          <td data-count="confirmed">{sum('confirmed')}</td>
          <td data-count="dismissed">{sum('dismissed')}</td>
          <td data-count="total">{props.findings.length}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function SignOff(props: { viewer: Viewer; detail: ReviewDetail }) {
  const { review, findings } = props.detail;
  if (review.voidedAt) return null;
  if (review.status === 'signed') {
    return (
      <p class="signed-info" id="signed-info">
        已由 <strong>{review.signedByName}</strong>（{ROLE_LABELS.chief}）于 {formatTime(review.signedAt)} 签发，报告不能再修改。
      </p>
    );
  }
  const open = findings.filter((f) => f.status === 'open').length;
  if (props.viewer.user?.role !== 'chief') {
    if (open > 0) return <p class="muted small">尚有 {open} 个问题待处理，全部处理后由{ROLE_LABELS.chief}签发。</p>;
    return <p class="muted small">{review.conclusion ? `问题已全部处理，待${ROLE_LABELS.chief}签发。` : `问题已全部处理；选定审查结论后由${ROLE_LABELS.chief}签发。`}</p>;
  }
  if (open > 0) return <p class="muted small" id="signoff-blocked">尚有 {open} 个问题待处理，全部确认或排除后方可签发。</p>;
  if (!review.conclusion) return <p class="muted small" id="signoff-blocked">尚未选定审查结论，选定后方可签发。</p>;
  return (
    <form method="post" action={`/reviews/${enc(review.id)}/signoff`} id="signoff-form" data-api-url={`/api/reviews/${enc(review.id)}/signoff`} data-api-method="POST" data-confirm="签发后报告不能再修改。确定签发吗？">
      <Csrf viewer={props.viewer} />
      <button type="submit" class="btn btn-primary" id="signoff-button">
        签发
      </button>
    </form>
  );
}

/** 查找相似条款 — each clause of the draft, searched in the decision library. */
function SimilarClauseForm(props: { detail: ReviewDetail }) {
  const { review, document: doc } = props.detail;
  const clauses = doc.clauses.filter((c) => c.text.trim() && !['title', 'docNumber', 'signature'].includes((c as { kind?: string }).kind ?? ''));
  if (clauses.length === 0) return null;
  return (
    <details class="card" id="similar-clauses">
      <summary>查找相似条款（审查意见库）</summary>
      <form method="get" action="/decisions/similar" class="filters">
        <input type="hidden" name="review" value={review.id} />
        <div class="field" style="flex: 1 1 30rem">
          <label for="similar-clause">送审稿条款</label>
          <select id="similar-clause" name="clause">
            {clauses.map((c) => (
              <option value={c.id}>{`${c.path || '正文'}　${c.text.length > 40 ? `${c.text.slice(0, 40)}…` : c.text}`}</option>
            ))}
          </select>
        </div>
        <div class="field field-buttons">
          <button type="submit" class="btn">
            查找
          </button>
        </div>
      </form>
    </details>
  );
}

export function ReportPage(props: {
  viewer: Viewer;
  detail: ReviewDetail;
  /** Pack name → title, for the packs the review ran. */
  packTitles?: Record<string, string> | undefined;
  notice?: string | undefined;
  error?: string | undefined;
  precedents?: Record<string, SimilarDecision[]> | undefined;
  /** The page of findings to show (./findings-window.tsx); all of them when absent. */
  findingsWindow?: FindingsWindow | undefined;
  /** The earlier version's 修改意见, adopted or not (a review that inherited from one). */
  adoption?: Adoption[] | undefined;
  basisPick?: BasisPick | undefined;
}) {
  const { review, document: doc, findings } = props.detail;
  const shown = props.findingsWindow?.shown ?? findings;
  const editable = review.status !== 'signed' && !review.voidedAt;
  return (
    <Layout viewer={props.viewer} title={review.title} wide mainAttrs={{ 'data-review-id': review.id, 'data-editable': String(editable), class: 'wide report-main' }}>
      <div class="report-head">
        <div>
          <h1 id="report-title">{review.title}</h1>
          <p class="meta">
            {review.docNumber ? <span>{review.docNumber}</span> : null}
            <span>送审部门：{review.department || '未填写'}</span>
            <span id="review-packs">规则：通用规则{props.detail.packs.length ? ` + 行业规则包 ${props.detail.packs.map((p) => props.packTitles?.[p] ?? p).join('、')}` : ''}</span>
            <span>
              {review.createdByName} 创建于 {formatTime(review.createdAt)}
            </span>
            <span>
              状态：
              <span id="review-status" class={`status-badge review-${review.status}`} data-status={review.status}>
                {REVIEW_STATUS_LABELS[review.status]}
              </span>
            </span>
          </p>
        </div>
        <div class="report-tools">
          <a class="btn" href={`/reviews/${enc(review.id)}/print`} id="print-link">
            打印视图
          </a>
          {review.documentHash ? (
            <a class="btn" href={`/api/documents/${enc(review.documentHash)}`}>
              下载原件
            </a>
          ) : null}
          <ExportTools review={review} />
          <SignOff viewer={props.viewer} detail={props.detail} />
        </div>
      </div>
      <VoidPanel viewer={props.viewer} action={`/reviews/${enc(review.id)}`} what="审查记录" voidedAt={review.voidedAt} voidedByName={review.voidedByName} voidReason={review.voidReason} />
      <ConclusionPanel viewer={props.viewer} detail={props.detail} adoption={props.adoption} />
      <Notice kind="ok" message={props.notice} id="report-notice" />
      <Notice kind="error" message={props.error} id="report-error" />
      <p class="notice notice-error" role="alert" id="action-error" hidden></p>
      <Summary findings={findings} />
      {doc.warnings.length > 0 ? (
        <ul class="warnings" aria-label="解析提示">
          {doc.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      ) : null}
      <div class="report-grid">
        <section class="pane doc-pane" id="doc-pane" aria-labelledby="doc-pane-title">
          <h2 id="doc-pane-title">送审稿正文</h2>
          {editable ? (
            <p class="muted small">选中正文中的文字，可手工添加问题。</p>
          ) : null}
          <DocumentPane doc={doc} findings={shown} />
          <button type="button" class="btn btn-primary floating" id="add-finding-button" hidden>
            添加问题
          </button>
        </section>
        <section class="pane findings-pane" id="findings-pane" aria-labelledby="findings-pane-title">
          <h2 id="findings-pane-title">发现的问题（{findings.length}）</h2>
          {props.findingsWindow ? <FindingsPager reviewId={review.id} window={props.findingsWindow} /> : null}
          <FindingsPane viewer={props.viewer} reviewId={review.id} editable={editable} text={doc.text} findings={shown} precedents={props.precedents} basisPick={props.basisPick} />
          {props.findingsWindow ? <FindingsPager reviewId={review.id} window={props.findingsWindow} /> : null}
        </section>
      </div>
      {props.precedents ? <SimilarClauseForm detail={props.detail} /> : null}
      {editable ? <DismissDialog /> : null}
    </Layout>
  );
}
