/** One review request: its deadline explained, the steps it may take, its draft versions, linked 预审 records and meetings. */
import { WorkCalendar } from '../../desk/calendar.js';
import { MEETING_OUTCOME_LABELS, type RequestDetail } from '../../desk/desk-types.js';
import { allowedActions, REQUEST_ACTION_LABELS, REQUEST_STATUS_LABELS, REVIEW_TYPE_LABELS } from '../../desk/workflow.js';
import { REVIEW_STATUS_LABELS, type ReviewStatus, type User } from '../../store/types.js';
import { REQUEST_KIND_LABELS } from '../../desk/kinds.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidPanel } from '../kit/void-panel.js';
import { DeadlineBadge, DeskNav, remainingText } from './desk-list.js';
import { VersionPicker } from './version-compare.js';

export interface LinkCandidate {
  id: string;
  title: string;
  department: string;
  createdAt: string;
  match: 'hash' | 'title' | 'department';
}

const MATCH_LABELS: Record<LinkCandidate['match'], string> = { hash: '同一文件', title: '同一标题', department: '本部门近期' };

export function RequestPage(props: { viewer: Viewer; detail: RequestDetail; users: User[]; candidates: LinkCandidate[]; today: string; error?: string | undefined; notice?: string | undefined }) {
  const { request: r, steps, versions, reviews, meetings, materials } = props.detail;
  const actions = allowedActions(r.status);
  const isChief = props.viewer.user?.role === 'chief';
  const base = `/desk/requests/${r.id}`;
  return (
    <Layout viewer={props.viewer} title={r.title}>
      <DeskNav current="desk" />
      <h1 id="request-title">
        {r.title} <span class="muted small">#{r.id}</span>
      </h1>
      <Notice kind="ok" message={props.notice} />
      <Notice kind="error" message={props.error} id="request-error" />
      <VoidPanel viewer={props.viewer} action={base} what="送审件" voidedAt={r.voidedAt} voidedByName={r.voidedByName} voidReason={r.voidReason} />
      <section class="card" aria-labelledby="deadline-h">
        <h2 id="deadline-h">
          期限 <DeadlineBadge state={r.deadline.state} /> <span class="small muted">{remainingText(r)}</span>
        </h2>
        <p id="deadline-explanation">{r.deadline.explanation}</p>
        {r.deadline.count.adjustedWorkdays.length ? <p class="small muted">其中 {WorkCalendar.adjustedNote(r.deadline.count.adjustedWorkdays)}，计入工作日。</p> : null}
        <Notice kind="error" message={r.deadline.warning} id="deadline-warning" />
        <dl class="desk-facts">
          <dt>送审部门</dt>
          <dd>{r.department}</dd>
          <dt>类别</dt>
          <dd id="request-kind">{REQUEST_KIND_LABELS[r.kind]}</dd>
          <dt>审查类型</dt>
          <dd>{REVIEW_TYPE_LABELS[r.reviewType]}</dd>
          <dt>收件日期</dt>
          <dd>{r.receivedOn}</dd>
          <dt>状态</dt>
          <dd id="request-status">{REQUEST_STATUS_LABELS[r.status]}</dd>
          <dt>优先审查</dt>
          <dd>{r.priority ? '是' : '否'}{r.early ? '（提前介入）' : ''}</dd>
          {r.urgentReason ? (
            <>
              <dt>紧急情况</dt>
              <dd>{r.urgentReason}</dd>
            </>
          ) : null}
          {r.note ? (
            <>
              <dt>备注</dt>
              <dd>{r.note}</dd>
            </>
          ) : null}
        </dl>
        <form method="post" action={`${base}/assign`} class="inline-form">
          <Csrf viewer={props.viewer} />
          <label for="assignee">承办人</label>
          <select id="assignee" name="assigneeId">
            <option value="">未分配</option>
            {props.users.map((u) => <option value={String(u.id)} selected={u.id === r.assigneeId}>{u.displayName || u.name}</option>)}
          </select>
          <button type="submit" class="btn btn-small">指定</button>
        </form>
      </section>

      <section class="card" aria-labelledby="materials-h">
        <h2 id="materials-h">送审材料</h2>
        {materials.checklist.length === 0 ? (
          <p class="muted">{REQUEST_KIND_LABELS[r.kind]}未设送审材料清单。</p>
        ) : (
          <form method="post" action={`${base}/materials`} id="materials-form">
            <Csrf viewer={props.viewer} />
            <ul class="materials-list">
              {materials.checklist.map((item) => (
                <li>
                  <label>
                    <input type="checkbox" name="received" value={item} checked={materials.received.includes(item)} /> {item}
                  </label>
                </li>
              ))}
            </ul>
            <p id="materials-missing" class={materials.missing.length ? 'small' : 'small muted'}>
              {materials.missing.length ? `尚缺：${materials.missing.join('、')}` : '送审材料已齐全。'}
            </p>
            <button type="submit" class="btn btn-small">保存收到情况</button>
          </form>
        )}
      </section>

      <section class="card" aria-labelledby="steps-h">
        <h2 id="steps-h">流程</h2>
        <ol class="desk-steps" id="request-steps">
          {steps.map((s) => (
            <li>
              <strong>{s.action === 'create' ? '收件' : REQUEST_ACTION_LABELS[s.action]}</strong> {s.day} · {s.userName ?? ''} <span class="muted small">（记录于 {formatTime(s.at)}）</span>
              {s.note ? <div class="small">{s.note}</div> : null}
            </li>
          ))}
        </ol>
        {actions.length === 0 ? (
          <p class="muted">已办结。</p>
        ) : (
          actions.map((a) => (
            <form method="post" action={`${base}/steps`} class="card step-form" data-action={a}>
              <Csrf viewer={props.viewer} />
              <input type="hidden" name="action" value={a} />
              <div class="field-row">
                <div class="field">
                  <label for={`day-${a}`}>日期</label>
                  <input id={`day-${a}`} name="day" type="date" value={props.today} max={props.today} min={steps[steps.length - 1]?.day ?? r.receivedOn} />
                </div>
                <div class="field">
                  <label for={`note-${a}`}>{a === 'return' ? (materials.missing.length ? '其他需补正的问题（可选）' : '需补正的材料或问题（必填）') : '说明'}</label>
                  <input id={`note-${a}`} name="note" maxlength={2000} required={a === 'return' && materials.missing.length === 0} />
                  {a === 'return' && materials.missing.length ? <div class="small return-missing">退回意见将列明尚缺的送审材料：{materials.missing.join('、')}</div> : null}
                </div>
                {a === 'opinion' ? (
                  <div class="field">
                    <label for="urgent">紧急情况说明（早于最短审查时间出具时必填）</label>
                    <input id="urgent" name="urgentReason" maxlength={2000} />
                  </div>
                ) : null}
              </div>
              <button type="submit" class={`btn ${a === 'return' ? 'btn-danger' : 'btn-primary'}`} disabled={a === 'opinion' && !isChief} title={a === 'opinion' && !isChief ? '只有科长可以出具审查意见' : undefined}>
                {REQUEST_ACTION_LABELS[a]}
              </button>
              {a === 'opinion' && !isChief ? <span class="small muted"> 只有科长可以出具审查意见</span> : null}
            </form>
          ))
        )}
      </section>

      <section class="card" aria-labelledby="versions-h">
        <h2 id="versions-h">送审稿版本</h2>
        {versions.length === 0 ? (
          <p class="muted">尚未上传送审稿。</p>
        ) : (
          <table class="data-table" id="versions-table">
            <thead>
              <tr>
                <th scope="col">版本</th>
                <th scope="col">文件</th>
                <th scope="col">日期</th>
                <th scope="col">说明</th>
                <th scope="col">上传</th>
                <th scope="col">预审</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr data-version={String(v.version)}>
                  <td>第{v.version}版</td>
                  <td>
                    <a href={`/api/documents/${v.documentHash}?name=${encodeURIComponent(v.fileName)}`}>{v.fileName}</a>
                  </td>
                  <td>{v.receivedOn}</td>
                  <td>{v.note}</td>
                  <td>{v.createdByName ?? '命令行'}</td>
                  <td>
                    {reviews.filter((rv) => rv.version === v.version && !rv.voided).map((rv) => (
                      <a href={`/reviews/${encodeURIComponent(rv.id)}`} class="version-review">{REVIEW_STATUS_LABELS[rv.status as ReviewStatus] ?? rv.status} </a>
                    ))}
                    <form method="post" action={`${base}/prereview`} class="inline version-prereview">
                      <Csrf viewer={props.viewer} />
                      <input type="hidden" name="version" value={String(v.version)} />
                      <button type="submit" class="btn btn-small">预审此版</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <VersionPicker requestId={r.id} versions={versions} />
        {versions.length > 1 ? <p class="small muted">预审较后的版本时，仍存在的问题沿用上一版预审记录的决定（排除理由一并沿用，标为“继承”，可重新处理）。</p> : null}
        <form method="post" action={`${base}/versions`} enctype="multipart/form-data" class="inline-form" id="version-form">
          <Csrf viewer={props.viewer} />
          <label for="v-file">上传新版本</label>
          <input id="v-file" name="file" type="file" accept=".docx,.txt,.md" required />
          <input name="note" placeholder="说明（如：按意见修改）" maxlength={2000} aria-label="版本说明" />
          <button type="submit" class="btn btn-small">上传</button>
        </form>
      </section>

      <section class="card" aria-labelledby="reviews-h">
        <h2 id="reviews-h">预审记录</h2>
        {reviews.length === 0 ? (
          <p class="muted">尚未关联预审记录。</p>
        ) : (
          <ul id="linked-reviews">
            {reviews.map((rv) => (
              <li>
                <a href={`/reviews/${encodeURIComponent(rv.id)}`}>{rv.title}</a>{rv.version ? ` · 第${rv.version}版` : ''} · {REVIEW_STATUS_LABELS[rv.status as ReviewStatus] ?? rv.status} · 问题 {rv.findings} 个 <span class="muted small">{formatTime(rv.createdAt)}</span>{' '}
                <form method="post" action={`${base}/reviews/${encodeURIComponent(rv.id)}/unlink`} class="inline" data-confirm="取消关联后，该预审记录仍保留在审查记录中。确定取消关联吗？">
                  <Csrf viewer={props.viewer} />
                  <button type="submit" class="btn btn-small">取消关联</button>
                </form>
              </li>
            ))}
          </ul>
        )}
        {versions.length ? (
          <form method="post" action={`${base}/prereview`} class="inline-form" id="prereview-form">
            <Csrf viewer={props.viewer} />
            <button type="submit" class="btn btn-primary">对第{versions[versions.length - 1]?.version}版送审稿开始预审</button>
          </form>
        ) : (
          <p class="small muted">上传送审稿后可直接开始预审。</p>
        )}
        <form method="post" action={`${base}/reviews`} class="inline-form" id="link-review-form">
          <Csrf viewer={props.viewer} />
          <label for="link-review">关联已有预审</label>
          <select id="link-review" name="reviewId" required>
            <option value="">{props.candidates.length ? '选择审查记录' : '没有同一文件、同一标题或本部门的审查记录'}</option>
            {props.candidates.map((rv) => <option value={rv.id} data-match={rv.match}>{`［${MATCH_LABELS[rv.match]}］${rv.title}（${rv.department || '未填部门'}，${formatTime(rv.createdAt)}）`}</option>)}
          </select>
          <button type="submit" class="btn btn-small">关联</button>
        </form>
      </section>

      {meetings.length ? (
        <section class="card" aria-labelledby="meetings-h">
          <h2 id="meetings-h">集中会审</h2>
          <ul>
            {meetings.map((m) => (
              <li>
                <a href={`/meetings/${m.id}`}>{m.title}</a>（{m.heldOn}）：{m.outcome ? MEETING_OUTCOME_LABELS[m.outcome] : '尚无结论'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
