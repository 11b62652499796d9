/**
 * 公平竞争审查表 of a review: one row per standard of 第八条至第十一条 with 是否涉及 and a note
 * (proposed from the confirmed findings, the reviewer decides), the 第十二条 exception and the
 * conclusion. A plain form (works without script); read-only once the review is signed or voided.
 */
import type { FcrFormValues, FcrStandards, StoredFcrForm } from '../../review/core.js';
import type { ReviewRecord } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export interface FcrHint {
  path: string;
  title: string;
}

export interface FcrFormPageProps {
  viewer: Viewer;
  review: ReviewRecord;
  standards: FcrStandards;
  values: FcrFormValues;
  /** Confirmed findings per standard key (what the tool proposes from). */
  hints: Record<string, FcrHint[]>;
  stored: StoredFcrForm | null;
  notice?: string | undefined;
  error?: string | undefined;
}


export function FcrFormPage(props: FcrFormPageProps) {
  const { review, standards, values } = props;
  const id = encodeURIComponent(review.id);
  const locked = review.status === 'signed' || Boolean(review.voidedAt);
  const ex = values.exception;
  return (
    <Layout viewer={props.viewer} title={`公平竞争审查表 - ${review.title}`} wide>
      <p class="small">
        <a href={`/reviews/${id}`}>← 返回审查报告</a>
      </p>
      <h1>公平竞争审查表</h1>
      <p>
        《{review.title}》　起草单位：{review.department || '未填写'}
      </p>
      <p class="muted small">
        标准取自《公平竞争审查条例》第八条至第十一条。“是否涉及”先按已确认的问题提出（引用该项的问题），由审查人逐项确定；保存后以审查人填写的为准。
        {props.stored ? `最近保存：${formatTime(props.stored.updatedAt)}（${props.stored.updatedByName ?? '命令行'}）。` : '尚未保存，下表为按已确认问题提出的初稿。'}
      </p>
      <Notice kind="ok" message={props.notice} id="fcr-notice" />
      <Notice kind="error" message={props.error} id="fcr-error" />
      {locked ? <Notice kind="info" message={review.voidedAt ? '审查记录已作废，审查表只能查看和下载。' : '审查记录已签发，审查表只能查看和下载。'} id="fcr-locked" /> : null}
      <p>
        <a class="btn btn-primary" href={`/api/reviews/${id}/fcr-form/docx`} id="download-fcr-form">
          下载公平竞争审查表（Word）
        </a>
      </p>
      <form method="post" action={`/reviews/${id}/fcr-form`} id="fcr-form" class="card">
        <Csrf viewer={props.viewer} />
        <fieldset disabled={locked}>
          {standards.articles.map((a) => (
            <section>
              <h2>
                {a.article}　{a.heading}
              </h2>
              <table class="fcr-table">
                <thead>
                  <tr>
                    <th scope="col">审查标准</th>
                    <th scope="col">是否涉及</th>
                    <th scope="col">说明</th>
                  </tr>
                </thead>
                <tbody>
                  {a.standards.map((s) => {
                    const box = values.boxes[s.key] ?? { involved: false, note: '' };
                    const hints = props.hints[s.key] ?? [];
                    return (
                      <tr id={`box-${s.key}`}>
                        <td>
                          {s.item}
                          {s.text}
                          {hints.length ? <p class="fcr-hint">已确认的问题：{hints.map((h) => `${h.path || '全文'}（${h.title}）`).join('；')}</p> : null}
                        </td>
                        <td class="fcr-choice">
                          <label>
                            <input type="radio" name={`involved.${s.key}`} value="yes" checked={box.involved} /> 是
                          </label>{' '}
                          <label>
                            <input type="radio" name={`involved.${s.key}`} value="no" checked={!box.involved} /> 否
                          </label>
                        </td>
                        <td>
                          <textarea name={`note.${s.key}`} maxlength={500} aria-label={`${s.key}的说明`}>
                            {box.note}
                          </textarea>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          ))}
          <section id="fcr-exception">
            <h2>第十二条　例外规定</h2>
            <p class="small muted">{standards.exception.lead}</p>
            <label>
              <input type="checkbox" name="exception.applies" value="1" checked={ex.applies} id="fcr-exception-applies" /> 适用第十二条（具有或者可能具有排除、限制竞争效果，但符合下列情形之一）
            </label>
            <div class="field">
              <label for="fcr-ground">符合的情形</label>
              <select name="exception.ground" id="fcr-ground">
                <option value="">（请选择）</option>
                {standards.exception.grounds.map((g) => (
                  <option value={g.item} selected={ex.ground === g.item}>
                    {g.item}
                    {g.text}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="fcr-justification">理由说明（第十七条：适用第十二条的，应当在审查结论中详细说明）</label>
              <textarea name="exception.justification" id="fcr-justification" maxlength={1000}>
                {ex.justification}
              </textarea>
            </div>
            <div class="field">
              <label for="fcr-alternatives">有无对公平竞争影响更小的替代方案</label>
              <textarea name="exception.alternatives" id="fcr-alternatives" maxlength={500}>
                {ex.alternatives}
              </textarea>
            </div>
            <div class="field">
              <label for="fcr-term">实施期限或终止条件</label>
              <input type="text" name="exception.term" id="fcr-term" maxlength={200} value={ex.term} />
            </div>
          </section>
          <section>
            <h2>审查结论</h2>
            <textarea name="conclusion" id="fcr-conclusion" maxlength={300} aria-label="审查结论">
              {values.conclusion}
            </textarea>
          </section>
          <p>
            <button type="submit" class="btn btn-primary" id="fcr-save">
              保存审查表
            </button>
          </p>
        </fieldset>
      </form>
    </Layout>
  );
}
