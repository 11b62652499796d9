/** 期限与节假日: the deadline settings (editable by the admin), the loaded years, a due-date calculator, and loading a new year. */
import type { WorkingDayCount } from '../../desk/calendar.js';
import { WorkCalendar } from '../../desk/calendar.js';
import { DEADLINE_SETTING_LABELS, type DeadlineSettings } from '../../desk/deadlines.js';
import type { CalendarYearInfo } from '../../desk/desk-types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { DeskNav } from './desk-list.js';
import { limitBasis, REQUEST_KIND_LABELS, REQUEST_KINDS, type KindsSettings } from '../../desk/kinds.js';

export function CalendarPage(props: {
  viewer: Viewer;
  settings: DeadlineSettings;
  kinds: KindsSettings;
  packs: { name: string; label: string }[];
  years: CalendarYearInfo[];
  attribution: string;
  calc?: { start: string; days: string; result?: WorkingDayCount | undefined };
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const admin = props.viewer.user?.role === 'admin';
  const s = props.settings;
  return (
    <Layout viewer={props.viewer} title="期限与节假日">
      <h1>期限与节假日</h1>
      <DeskNav current="calendar" />
      <Notice kind="ok" message={props.notice} />
      <Notice kind="error" message={props.error} id="calendar-error" />

      <section class="card" aria-labelledby="calc-h">
        <h2 id="calc-h">计算到期日</h2>
        <form method="get" action="/desk/calendar" class="inline-form" id="calc-form">
          <label for="c-start">收件日期</label>
          <input id="c-start" name="start" type="date" required value={props.calc?.start ?? ''} />
          <label for="c-days">工作日数</label>
          <input id="c-days" name="days" type="number" min={0} max={400} required value={props.calc?.days ?? String(s.reviewDays)} />
          <button type="submit" class="btn btn-primary">计算</button>
        </form>
        {props.calc?.result ? (
          <div id="calc-result">
            <p>
              到期日：<strong>{props.calc.result.due}</strong>
            </p>
            <p>{props.calc.result.explanation}</p>
            {props.calc.result.adjustedWorkdays.length ? <p class="small muted">其中 {WorkCalendar.adjustedNote(props.calc.result.adjustedWorkdays)}，计入工作日。</p> : null}
            <Notice kind="error" message={props.calc.result.warning} />
          </div>
        ) : null}
        <p class="small muted">收件当日不计，从次日起算；工作日为周一至周五（法定节假日除外），加上调休上班的周末。</p>
      </section>

      <section class="card" aria-labelledby="settings-h">
        <h2 id="settings-h">期限设置</h2>
        <form method="post" action="/desk/settings" id="settings-form">
          <Csrf viewer={props.viewer} />
          {(Object.keys(DEADLINE_SETTING_LABELS) as (keyof DeadlineSettings)[]).map((k) => (
            <div class="field">
              <label for={`s-${k}`}>{DEADLINE_SETTING_LABELS[k]}</label>
              <input id={`s-${k}`} name={k} type="number" min={k === 'dueSoonDays' || k === 'reminderDays' ? 0 : 1} max={60} value={String(s[k])} disabled={!admin} required />
            </div>
          ))}
          {admin ? <button type="submit" class="btn btn-primary">保存设置</button> : <p class="small muted">只有管理员可以修改期限设置。</p>}
        </form>
        <p class="small muted">依据：国办发〔2018〕115号“审核时间一般不少于5个工作日，最长不超过15个工作日”；优先审查目标为本科室内部要求。退回补正期间停止计时，补正材料收到后次日起恢复计时。</p>
      </section>

      <section class="card" aria-labelledby="kinds-h">
        <h2 id="kinds-h">送审件类别</h2>
        <p class="small muted">每类送审件的审查期限、送审材料清单（退回补正时列明尚缺的材料）和预审所用的行业规则包（不填则用管理员设置的默认规则包）。以下默认值为本科室工作设置，可按实际修改；“期限依据”一栏列明所依据的文件条款，本库未收录相应文件的注明为本科室工作设置。</p>
        <form method="post" action="/desk/kinds" id="kinds-form">
          <Csrf viewer={props.viewer} />
          <table class="data-table" id="kinds-table">
            <thead>
              <tr>
                <th scope="col">类别</th>
                <th scope="col">审查期限（工作日，空为同期限设置）</th>
                <th scope="col">期限依据</th>
                <th scope="col">送审材料（每行一项）</th>
                <th scope="col">规则包</th>
              </tr>
            </thead>
            <tbody>
              {REQUEST_KINDS.map((k) => (
                <tr data-kind={k}>
                  <th scope="row">{REQUEST_KIND_LABELS[k]}</th>
                  <td>
                    <input name={`${k}.reviewDays`} type="number" min={1} max={60} value={props.kinds[k].reviewDays === null ? '' : String(props.kinds[k].reviewDays)} placeholder={`同期限设置（${s.reviewDays}）`} disabled={!admin} aria-label={`${REQUEST_KIND_LABELS[k]}审查期限`} />
                  </td>
                  <td class="small" data-basis={limitBasis(k, props.kinds, s.reviewDays).cited ? 'cited' : 'own'}>{limitBasis(k, props.kinds, s.reviewDays).basis}</td>
                  <td>
                    <textarea name={`${k}.checklist`} rows={5} maxlength={2000} disabled={!admin} aria-label={`${REQUEST_KIND_LABELS[k]}送审材料`}>{props.kinds[k].checklist.join('\n')}</textarea>
                  </td>
                  <td>
                    <input name={`${k}.packs`} maxlength={400} value={props.kinds[k].packs.join(', ')} disabled={!admin} aria-label={`${REQUEST_KIND_LABELS[k]}规则包`} placeholder={props.packs.length ? props.packs.map((p) => p.name).join(', ') : '（无可用规则包）'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.packs.length ? <p class="small muted">可用规则包：{props.packs.map((p) => `${p.label}（${p.name}）`).join('；')}</p> : null}
          {admin ? <button type="submit" class="btn btn-primary">保存类别设置</button> : <p class="small muted">只有管理员可以修改送审件类别设置。</p>}
        </form>
      </section>

      <section class="card" aria-labelledby="years-h">
        <h2 id="years-h">节假日安排</h2>
        <table class="data-table" id="years-table">
          <thead>
            <tr>
              <th scope="col">年份</th>
              <th scope="col">放假</th>
              <th scope="col">调休上班</th>
              <th scope="col">来源</th>
            </tr>
          </thead>
          <tbody>
            {props.years.map((y) => (
              <tr data-year={String(y.year)}>
                <td>{y.year}</td>
                <td>{y.holidays} 天</td>
                <td>{y.workdays} 天</td>
                <td>
                  {y.origin === 'loaded' ? `管理员导入（${y.loadedByName ?? ''} ${formatTime(y.loadedAt)}）：` : ''}
                  {y.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="small muted">{props.attribution} 到期日落在未列出的年份时，系统注明“该年度节假日安排尚未发布”，并暂按周一至周五推算。</p>
        {admin ? (
          <form method="post" action="/desk/calendar/years" enctype="multipart/form-data" id="load-year-form">
            <Csrf viewer={props.viewer} />
            <h3>导入新一年的安排</h3>
            <p class="small muted">
              简单清单每行一项：<code>2027-01-01 休 元旦</code>、<code>2027-02-06~2027-02-13 休 春节</code>、<code>2027-02-14 班 春节</code>；也可上传 .ics 日历（全天事件，标题含“休”或“班”）。整份无误才会导入，已有的同一年份将被替换。
            </p>
            <div class="field">
              <label for="y-text">清单</label>
              <textarea id="y-text" name="text" rows={6}></textarea>
            </div>
            <div class="field">
              <label for="y-file">或 .ics / 清单文件</label>
              <input id="y-file" name="file" type="file" accept=".ics,.txt" />
            </div>
            <button type="submit" class="btn btn-primary">导入</button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
