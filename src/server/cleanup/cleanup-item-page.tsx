/**
 * /cleanup/items/:id: one document — its inventory details, pre-check findings (or the
 * upload form), and the decision form with the clauses it may rest on.
 */
import { DECISION_LABELS, DECISIONS, JOB_STATE_LABELS, type CleanupItem } from '../../cleanup/model.js';
import type { ReviewDetail } from '../../store/types.js';
import { can, DecisionBadge } from './cleanup-page-parts.js';
import { formatTime, SEVERITY_LABELS, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidPanel } from '../kit/void-panel.js';
import { MISMATCH_LABELS } from '../../cleanup/expiry.js';

export interface DecisionValues {
  decision?: string;
  reason?: string;
  clauses?: string[];
  basis?: string;
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
  const v: DecisionValues = props.values ?? { decision: item.decision ?? '', reason: item.decisionReason ?? '', clauses: item.decisionClauses.map((c) => c.id), basis: item.decisionBasis ?? '' };
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
      <VoidPanel viewer={props.viewer} action={`/cleanup/items/${item.id}`} what="文件" voidedAt={item.voidedAt} voidedByName={item.voidedByName} voidReason={item.voidReason} />
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
            <th scope="row">施行日期</th>
            <td>{item.effectiveDate ?? ''}</td>
            <th scope="row">有效期至</th>
            <td>{item.expiry ? `${item.expiry.until}（${item.expiry.basis}）` : ''}</td>
          </tr>
          {item.extras.map(([h, value]) => (
            <tr>
              <th scope="row">{h}</th>
              <td colSpan={3}>{value}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">责任单位</th>
            <td>{item.department}</td>
            <th scope="row">清单行号</th>
            <td>{item.sourceRow}</td>
          </tr>
        </tbody>
      </table>

      {item.expired && item.expiry ? (
        <div class="notice notice-error" id="expiry-finding" role="status">
          <strong>已过有效期</strong>：有效期至 {item.expiry.until}（{item.expiry.basis}{item.expiry.source === 'row' ? '，据清单' : ''}），已经届满，请在清理结论中一并处理。
        </div>
      ) : null}
      {item.mismatches.length ? <TextCheck viewer={props.viewer} item={item} /> : null}

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
            {item.decisionClauses.length ? ` 涉及条款：${item.decisionClauses.map((c) => c.path).join('；')}` : ''}
            {item.decisionBasis ? ` 法律依据：${item.decisionBasis}` : ''}
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
            <div class="field">
              <label for="decision-basis">
                法律依据 <span class="muted small">（作出结论所依据的法律、法规、规章或上级文件，如“《优化营商环境条例》第六十四条”）</span>
              </label>
              <textarea id="decision-basis" name="basis" rows={2} maxlength={1000}>
                {v.basis ?? ''}
              </textarea>
            </div>
            {review ? (
              <fieldset id="decision-clauses">
                <legend>涉及条款 <span class="muted small">（本文件中有问题的条款）</span></legend>
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

/** The attached text's 文号 or title differs from the row: shown until a person confirms (a decision waits for it). */
function TextCheck(props: { viewer: Viewer; item: CleanupItem }) {
  const { item } = props;
  const confirmed = !!item.textConfirmedAt;
  return (
    <div class={`notice ${confirmed ? 'notice-ok' : 'notice-error'}`} id="text-mismatch" role="status">
      <strong>{confirmed ? '正文已核对' : '正文与清单不一致，请核对'}</strong>
      <ul>
        {item.mismatches.map((m) => (
          <li>
            {MISMATCH_LABELS[m.field]}：清单为“{m.row}”，上传的正文为“{m.text}”
          </li>
        ))}
      </ul>
      {confirmed ? (
        <p class="small">
          {item.textConfirmedByName ?? '命令行'} 于 {formatTime(item.textConfirmedAt)} 确认上传的正文就是清单中的这份文件。
        </p>
      ) : can(props.viewer, 'edit') ? (
        <form method="post" action={`/cleanup/items/${item.id}/confirm-text`} class="inline-form" id="confirm-text-form">
          <Csrf viewer={props.viewer} />
          <span class="small">确认前不能作出清理结论。传错了文件的，请在下面重新上传正文。</span>{' '}
          <button type="submit" class="btn btn-small" id="confirm-text">
            确认是同一份文件
          </button>
        </form>
      ) : null}
    </div>
  );
}
