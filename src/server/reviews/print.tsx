/**
 * 打印视图: a clean A4 page (see the @media print rules in app.css): no navigation, the
 * findings under their clause paths in document order, with basis, the reviewer's decision
 * and a signature block. A big record prints in parts of PRINT_PAGE_SIZE findings (?pp=N), so the
 * page's HTML stays bounded however many findings an old record has (records made before the
 * per-rule cap may have thousands); the summary counts all of them.
 */
import { FINDING_STATUS_LABELS, REVIEW_STATUS_LABELS, ROLE_LABELS, type ReviewDetail, type ReviewFinding } from '../../store/types.js';
import { basisLabel, formatDay, formatTime, SEVERITY_LABELS } from '../kit/format.js';
import { Document } from '../kit/layout.js';
import { Summary } from './report.js';
import { findingsWindow, type FindingsWindow } from './findings-window.js';

export const PRINT_PAGE_SIZE = 200;

/** Findings grouped by clause path, in the order the clauses first appear. */
function byPath(findings: ReviewFinding[]): { path: string; items: ReviewFinding[] }[] {
  const groups = new Map<string, ReviewFinding[]>();
  for (const f of findings) {
    const key = f.path || '全文';
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([path, items]) => ({ path, items }));
}

/** Links to the other parts of a big record's print view (not printed). */
function PrintParts(props: { reviewId: string; window: FindingsWindow }) {
  const w = props.window;
  if (w.pages <= 1) return null;
  const href = (p: number) => `/reviews/${encodeURIComponent(props.reviewId)}/print${p > 1 ? `?pp=${p}` : ''}`;
  return (
    <nav class="pager no-print print-parts" aria-label="打印分部分">
      {w.page > 1 ? <a href={href(w.page - 1)} rel="prev">上一部分</a> : null}
      <span>
        第 {w.page}/{w.pages} 部分
      </span>
      {w.page < w.pages ? <a href={href(w.page + 1)} rel="next">下一部分</a> : null}
    </nav>
  );
}

export function PrintPage(props: { detail: ReviewDetail; printedAt: string; packTitles?: Record<string, string> | undefined; part?: string | undefined }) {
  const { review, findings } = props.detail;
  const { detail, packTitles } = props;
  const window = findingsWindow(findings, props.part, PRINT_PAGE_SIZE);
  let n = window.from - 1;
  return (
    <Document title={`${review.title}（打印）`} bodyClass="print-body">
      <main id="main" class="print-sheet">
        <p class="no-print print-tools">
          <a href={`/reviews/${encodeURIComponent(review.id)}`}>返回审查报告</a>
          <button type="button" class="btn btn-primary" data-print>
            打印 / 另存为 PDF
          </button>
        </p>
        <h1>合法性审核与公平竞争审查预审意见</h1>
        <table class="print-meta">
          <tbody>
            <tr>
              <th scope="row">文件标题</th>
              <td>{review.title}</td>
            </tr>
            {review.docNumber ? (
              <tr>
                <th scope="row">文号</th>
                <td>{review.docNumber}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">送审部门</th>
              <td>{review.department || '未填写'}</td>
            </tr>
            <tr>
              <th scope="row">适用规则</th>
              <td>通用规则{detail.packs.length ? ` + 行业规则包 ${detail.packs.map((p) => packTitles?.[p] ?? p).join('、')}` : ''}</td>
            </tr>
            <tr>
              <th scope="row">审查人</th>
              <td>
                {review.createdByName}（{formatTime(review.createdAt)}）
              </td>
            </tr>
            <tr>
              <th scope="row">状态</th>
              <td>{REVIEW_STATUS_LABELS[review.status]}</td>
            </tr>
          </tbody>
        </table>
        <Summary findings={findings} />
        <h2>审查意见</h2>
        {findings.length === 0 ? <p>经预审，未发现问题。</p> : null}
        {window.pages > 1 ? (
          <p class="print-part" id="print-part">
            本件共 {window.total} 条意见，分 {window.pages} 部分打印；此为第 {window.page} 部分（第 {window.from}–{window.to} 条）。
          </p>
        ) : null}
        <PrintParts reviewId={review.id} window={window} />
        {byPath(window.shown).map((g) => (
          <section class="print-clause">
            <h3>{g.path}</h3>
            {g.items.map((f) => (
              <div class={`print-finding status-${f.status}`} data-finding-id={f.id}>
                <p class="print-finding-head">
                  <strong>
                    {++n}. {f.title}
                  </strong>{' '}
                  <span>
                    （{f.category}；严重程度：{SEVERITY_LABELS[f.severity]}；{FINDING_STATUS_LABELS[f.status]}
                    {f.addedByHand ? '；审查人添加' : ''}）
                  </span>
                </p>
                {f.quote ? <blockquote>原文：{f.quote}</blockquote> : null}
                {f.basis.map((b) => (
                  <p class="print-basis">
                    依据：{basisLabel(b)} {b.text}
                  </p>
                ))}
                {f.explanation ? <p>说明：{f.explanation}</p> : null}
                {f.suggestionOverride ?? f.suggestion ? <p>建议：{f.suggestionOverride ?? f.suggestion}</p> : null}
                {f.status === 'dismissed' ? <p>审查人意见：不予采纳。理由：{f.dismissReason}</p> : f.status === 'confirmed' ? <p>审查人意见：予以确认。</p> : <p>审查人意见：待处理。</p>}
              </div>
            ))}
          </section>
        ))}
        <PrintParts reviewId={review.id} window={window} />
        <section class="signature-block" id="signature-block">
          <p>
            审查人：<span class="sign-line">{review.createdByName}</span>
          </p>
          <p>
            {ROLE_LABELS.chief}签发：<span class="sign-line">{review.signedByName ?? ''}</span>
          </p>
          <p>
            签发日期：<span class="sign-line">{review.signedAt ? formatDay(review.signedAt) : ''}</span>
          </p>
        </section>
        <p class="print-foot">本意见由法护预审助手生成，经审查人核对；打印时间 {props.printedAt}。</p>
      </main>
    </Document>
  );
}
