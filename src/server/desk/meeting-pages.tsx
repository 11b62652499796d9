/** 集中会审: the meetings, a new meeting gathering open requests, and one meeting with an outcome per draft. */
import { MEETING_OUTCOME_LABELS, MEETING_OUTCOMES, type Meeting, type RequestWithDeadline } from '../../desk/desk-types.js';
import { REQUEST_STATUS_LABELS } from '../../desk/workflow.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidPanel } from '../kit/void-panel.js';
import { DeadlineBadge, DeskNav } from './desk-list.js';

export function MeetingsPage(props: { viewer: Viewer; meetings: (Omit<Meeting, 'items'> & { count: number; decided: number })[]; open: RequestWithDeadline[]; today: string; error?: string | undefined }) {
  return (
    <Layout viewer={props.viewer} title="集中会审">
      <h1>集中会审</h1>
      <DeskNav current="meetings" />
      <Notice kind="error" message={props.error} id="meeting-error" />
      {props.meetings.length === 0 ? (
        <p class="empty">还没有会审。</p>
      ) : (
        <table class="data-table" id="meetings-table">
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">会议</th>
              <th scope="col">送审件</th>
              <th scope="col">已有结论</th>
            </tr>
          </thead>
          <tbody>
            {props.meetings.map((m) => (
              <tr>
                <td>{m.heldOn}</td>
                <td>
                  <a href={`/meetings/${m.id}`}>{m.title}</a>
                </td>
                <td>{m.count}</td>
                <td>{m.decided}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/meetings" class="card" id="new-meeting-form">
        <Csrf viewer={props.viewer} />
        <h2>组织会审</h2>
        <div class="field-row">
          <div class="field">
            <label for="m-date">会审日期</label>
            <input id="m-date" name="heldOn" type="date" required value={props.today} />
          </div>
          <div class="field">
            <label for="m-title">会议名称</label>
            <input id="m-title" name="title" required maxlength={200} placeholder="如：涉企政策集中会审（第3次）" />
          </div>
        </div>
        <div class="field">
          <label for="m-members">参会人员</label>
          <input id="m-members" name="members" maxlength={1000} placeholder="如：王芳、李伟，区市场监管局、区发改局" />
        </div>
        <div class="field">
          <label for="m-agenda">议程</label>
          <textarea id="m-agenda" name="agenda" rows={3} maxlength={4000}></textarea>
        </div>
        <fieldset class="field">
          <legend>会审的送审件（在办，按到期日）</legend>
          {props.open.length === 0 ? <p class="muted">没有在办的送审件。</p> : null}
          {props.open.map((r) => (
            <label class="meeting-pick">
              <input type="checkbox" name="requestIds" value={String(r.id)} /> {r.title}（{r.department}）{r.priority ? '［优先］' : ''} · 到期 {r.deadline.count.due ?? '暂停计时'} <DeadlineBadge state={r.deadline.state} />
            </label>
          ))}
        </fieldset>
        <button type="submit" class="btn btn-primary">建立会审</button>
      </form>
    </Layout>
  );
}

export function MeetingPage(props: { viewer: Viewer; meeting: Meeting; error?: string | undefined; notice?: string | undefined }) {
  const m = props.meeting;
  return (
    <Layout viewer={props.viewer} title={m.title}>
      <DeskNav current="meetings" />
      <h1>{m.title}</h1>
      <Notice kind="ok" message={props.notice} />
      <Notice kind="error" message={props.error} id="meeting-error" />
      <VoidPanel viewer={props.viewer} action={`/meetings/${m.id}`} what="会审" voidedAt={m.voidedAt} voidedByName={m.voidedByName} voidReason={m.voidReason} />
      <dl class="desk-facts card">
        <dt>日期</dt>
        <dd>{m.heldOn}</dd>
        <dt>参会人员</dt>
        <dd>{m.members || '—'}</dd>
        <dt>议程</dt>
        <dd class="pre-line">{m.agenda || '—'}</dd>
      </dl>
      <p class="small muted" id="outcome-hint">记录结论后送审件随之推进：同意或修改后同意，出具意见（须科长记录）；退回起草部门，退回补正，退回意见列明尚缺的送审材料；暂缓，状态不变。</p>
      {m.items.map((i) => (
        <section class="card" data-request-id={String(i.requestId)}>
          <h2>
            {i.seq + 1}. <a href={`/desk/requests/${i.requestId}`}>{i.title}</a> <span class="small muted">{i.department} · {REQUEST_STATUS_LABELS[i.status]}</span>
          </h2>
          <p>
            结论：<strong class="meeting-outcome">{i.outcome ? MEETING_OUTCOME_LABELS[i.outcome] : '尚无结论'}</strong>
            {i.outcomeNote ? `——${i.outcomeNote}` : ''}
          </p>
          <form method="post" action={`/meetings/${m.id}/outcomes`} class="inline-form">
            <Csrf viewer={props.viewer} />
            <input type="hidden" name="requestId" value={String(i.requestId)} />
            <select name="outcome" aria-label="会审结论">
              {MEETING_OUTCOMES.map((o) => <option value={o} selected={o === i.outcome}>{MEETING_OUTCOME_LABELS[o]}</option>)}
            </select>
            <input name="note" maxlength={4000} value={i.outcomeNote} placeholder="会审意见（修改后同意、退回须填写）" aria-label="会审意见" />
            <input name="urgentReason" maxlength={2000} placeholder="紧急情况说明（早于最短审查时间出具意见时填写）" aria-label="紧急情况说明" />
            <button type="submit" class="btn btn-small">记录</button>
          </form>
        </section>
      ))}
    </Layout>
  );
}
