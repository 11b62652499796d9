/**
 * The reviewer's general conclusion on the report page (合法，可以出台 / 修改后可以出台 …): chosen
 * here, stored on the review (audited), printed in the 审查意见书 and required for sign-off. The
 * tool never picks one. Also the link to the earlier version's review whose decisions this one
 * inherited (继承), and which of that review's 修改意见 were adopted in this version (已采纳 /
 * 未采纳, the list the 审查意见书 prints). A plain form: it works without script.
 */
import { CONCLUSIONS, type Adoption } from '../../review/core.js';
import type { ReviewDetail } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf } from '../kit/layout.js';

const enc = encodeURIComponent;

export function ConclusionPanel(props: { viewer: Viewer; detail: ReviewDetail; adoption?: Adoption[] | undefined }) {
  const { review, findings } = props.detail;
  const editable = review.status !== 'signed' && !review.voidedAt;
  const inherited = findings.filter((f) => f.inheritedFrom !== null).length;
  return (
    <section class="card conclusion-panel" id="conclusion-panel" aria-labelledby="conclusion-h">
      <h2 id="conclusion-h" class="small">审查结论</h2>
      <p id="review-conclusion" data-conclusion={review.conclusion ?? ''}>
        {review.conclusion ? (
          <>
            <strong>{review.conclusion}</strong>{' '}
            <span class="muted small">
              （{review.conclusionByName ?? ''} 选定于 {formatTime(review.conclusionAt ?? '')}）
            </span>
          </>
        ) : (
          <span class="muted">尚未选定（签发前须由审查人选定，审查意见书据此填写）</span>
        )}
      </p>
      {editable ? (
        <form method="post" action={`/reviews/${enc(review.id)}/conclusion`} class="inline-form" id="conclusion-form">
          <Csrf viewer={props.viewer} />
          <label for="conclusion-select">选定结论</label>
          <select id="conclusion-select" name="conclusion">
            <option value="">（未选定）</option>
            {CONCLUSIONS.map((c) => (
              <option value={c} selected={c === review.conclusion}>
                {c}
              </option>
            ))}
          </select>
          <button type="submit" class="btn btn-small" id="conclusion-save">
            保存结论
          </button>
        </form>
      ) : null}
      {review.previousReviewId ? (
        <p class="small" id="inherited-from">
          本记录沿用了<a href={`/reviews/${enc(review.previousReviewId)}`}>上一版审查记录</a>的决定：{inherited} 个问题标为“继承”（可重新处理）；审查意见书列出上一版修改意见的采纳情况。
        </p>
      ) : null}
      {props.adoption?.length ? <AdoptionList items={props.adoption} /> : null}
    </section>
  );
}

/** 前次修改意见采纳情况: each confirmed finding of the earlier version, adopted (gone) or not (still there). */
function AdoptionList(props: { items: Adoption[] }) {
  const adopted = props.items.filter((a) => a.adopted).length;
  return (
    <details class="adoption" id="adoption" open>
      <summary class="small">
        上一版修改意见采纳情况：{props.items.length} 条，已采纳 <span data-count="adopted">{adopted}</span> 条，未采纳 <span data-count="not-adopted">{props.items.length - adopted}</span> 条
      </summary>
      <ol id="adoption-list" class="small">
        {props.items.map((a) => (
          <li data-adopted={String(a.adopted)}>
            {a.path || '全文'}：{a.title}　<span class={a.adopted ? 'adoption-badge adopted' : 'adoption-badge not-adopted'}>{a.adopted ? '已采纳' : '未采纳'}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
