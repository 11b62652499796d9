/**
 * The right pane of the report: findings grouped by category, each with its clause path, the
 * quoted span, the basis articles' text, explanation, suggestion and the reviewer's decision,
 * and (until signed) the actions. Every action is a plain form that works without the script;
 * the script sends the same fields to the JSON API (forms with data-api-url).
 */
import { CATEGORIES, SEVERITIES } from '../../review/core.js';
import { FINDING_STATUS_LABELS, type ReviewFinding } from '../../store/types.js';
import type { ArticleHit } from '../../local-texts/local-basis.js';
import { precedentSource } from '../../decisions/precedents.js';
import { basisLabel, formatTime, SEVERITY_LABELS, type Viewer } from '../kit/format.js';
import { Csrf } from '../kit/layout.js';
import { hasSpan } from './report-document.js';
import type { SimilarDecision } from '../../decisions/decision-search.js';

interface Ctx {
  viewer: Viewer;
  reviewId: string;
  /** Prior decisions on similar clauses, by finding id (审查意见库). */
  precedents?: Record<string, SimilarDecision[]> | undefined;
  editable: boolean;
  text: string;
  /** The 依据 picker's search (?basis=…) and what it found. */
  basisPick?: BasisPick | undefined;
}

/** The 依据 picker (?bq=…): the words searched for and the articles found (bundled and imported texts). */
export interface BasisPick {
  query: string;
  hits: ArticleHit[];
}

const enc = encodeURIComponent;

function ActionForm(props: { ctx: Ctx; f: ReviewFinding; action: string; children?: unknown; cls?: string }) {
  const { ctx, f } = props;
  return (
    <form
      method="post"
      action={`/reviews/${enc(ctx.reviewId)}/findings/${enc(f.id)}`}
      class={`action-form ${props.cls ?? ''}`}
      data-api-url={`/api/reviews/${enc(ctx.reviewId)}/findings/${enc(f.id)}`}
      data-api-method="PATCH"
      data-finding-id={f.id}
    >
      <Csrf viewer={ctx.viewer} />
      <input type="hidden" name="action" value={props.action} />
      {props.children}
    </form>
  );
}

function Actions(props: { ctx: Ctx; f: ReviewFinding; n: number }) {
  const { ctx, f, n } = props;
  const suggestion = f.suggestionOverride ?? f.suggestion;
  return (
    <div class="actions">
      {f.status !== 'confirmed' ? (
        <ActionForm ctx={ctx} f={f} action="confirm" cls="inline">
          <button type="submit" class="btn btn-confirm">
            确认
          </button>
        </ActionForm>
      ) : null}
      {f.status !== 'dismissed' ? (
        <details class="inline-details dismiss-details">
          <summary class="btn btn-dismiss" data-finding-id={f.id} role="button">
            排除
          </summary>
          <ActionForm ctx={ctx} f={f} action="dismiss">
            <label for={`reason-${n}`}>排除理由（必填）</label>
            <textarea id={`reason-${n}`} name="reason" rows={3} required maxlength={2000}></textarea>
            <button type="submit" class="btn btn-danger">
              确认排除
            </button>
          </ActionForm>
        </details>
      ) : null}
      {f.status !== 'open' ? (
        <ActionForm ctx={ctx} f={f} action="reopen" cls="inline">
          <button type="submit" class="btn btn-reopen">
            撤销处理
          </button>
        </ActionForm>
      ) : null}
      <details class="inline-details suggest-details">
        <summary class="btn btn-suggest" role="button">
          修改建议
        </summary>
        <ActionForm ctx={ctx} f={f} action="suggest">
          <label for={`suggestion-${n}`}>修改建议</label>
          <textarea id={`suggestion-${n}`} name="suggestion" rows={4} maxlength={4000}>
            {suggestion}
          </textarea>
          <p class="muted small">清空后保存，将恢复规则给出的原建议。</p>
          <button type="submit" class="btn btn-primary">
            保存建议
          </button>
        </ActionForm>
      </details>
    </div>
  );
}

/** 以往审查意见: the most similar prior decisions under a finding, each one click from the full decision. */
function Precedents(props: { ctx: Ctx; f: ReviewFinding }) {
  const { ctx, f } = props;
  if (!ctx.precedents) return null;
  const items = ctx.precedents[f.id] ?? [];
  const similarHref = f.clauseId ? `/decisions/similar?review=${enc(ctx.reviewId)}&clause=${enc(f.clauseId)}` : `/decisions/similar?text=${enc(f.quote)}`;
  return (
    <details class="precedents" data-finding-id={f.id} open={items.length > 0}>
      <summary>以往审查意见（{items.length}）</summary>
      {items.length ? (
        <ol>
          {items.map((p) => (
            <li data-decision-id={String(p.decision.id)}>
              <strong>{p.decision.outcome}</strong>　
              <a href={`/decisions/${p.decision.id}`}>{p.decision.title || '（无标题）'}</a>
              <span class="muted small">{p.decision.rule === f.rule ? '（同一规则）' : ''}</span>
              <br />
              <span class="muted small precedent-source">{precedentSource(p.decision)}</span>
              <br />
              <span class="small">{p.decision.clauseText.length > 80 ? `${p.decision.clauseText.slice(0, 80)}…` : p.decision.clauseText}</span>
              {p.decision.reasoning ? (
                <>
                  <br />
                  <span class="muted small">理由：{p.decision.reasoning.length > 80 ? `${p.decision.reasoning.slice(0, 80)}…` : p.decision.reasoning}</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted small">审查意见库中没有相似条款。</p>
      )}
      <a class="small find-similar" href={similarHref}>
        查找相似条款
      </a>
    </details>
  );
}

function FindingCard(props: { ctx: Ctx; f: ReviewFinding; n: number }) {
  const { ctx, f, n } = props;
  const located = hasSpan(f, ctx.text);
  return (
    <article
      class={`finding sev-${f.severity} status-${f.status}`}
      id={`f-${f.id}`}
      data-finding-id={f.id}
      data-severity={f.severity}
      data-status={f.status}
      tabindex={-1}
      aria-labelledby={`ft-${n}`}
    >
      <header class="finding-head">
        <span class={`sev-badge sev-${f.severity}`} title="严重程度">
          {SEVERITY_LABELS[f.severity]}
        </span>
        <h4 id={`ft-${n}`}>{f.title}</h4>
        <span class={`status-badge status-${f.status}`} data-role="finding-status">
          {FINDING_STATUS_LABELS[f.status]}
        </span>
      </header>
      <p class="finding-path">
        <span class="path">{f.path || '全文'}</span>
        {located ? (
          <a class="goto-span" href={`#hl-${f.id}`} data-finding-id={f.id}>
            定位原文
          </a>
        ) : null}
        {f.addedByHand ? <span class="tag">手工添加</span> : null}
      </p>
      {f.quote ? <blockquote class="quote">{f.quote}</blockquote> : null}
      {f.basis.length > 0 ? (
        <details class="basis" open>
          <summary>依据（{f.basis.length}）</summary>
          <ul>
            {f.basis.map((b) => (
              <li>
                <strong>{basisLabel(b)}</strong>
                <p class="basis-text">{b.text}</p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {f.explanation ? (
        <p class="explanation">
          <strong>说明：</strong>
          {f.explanation}
        </p>
      ) : null}
      {f.suggestionOverride ?? f.suggestion ? (
        <p class="suggestion">
          <strong>建议：</strong>
          {f.suggestionOverride ?? f.suggestion}
          {f.suggestionOverride !== null ? <span class="muted small">（审查人修改）</span> : null}
        </p>
      ) : null}
      {f.status === 'dismissed' && f.dismissReason ? (
        <p class="dismiss-reason">
          <strong>排除理由：</strong>
          {f.dismissReason}
          {f.inheritedFrom ? <span class="badge inherited-badge" title="沿用上一版审查记录的决定">继承</span> : null}
        </p>
      ) : null}
      {f.inheritedFrom && f.status === 'confirmed' ? <p class="small"><span class="badge inherited-badge" title="沿用上一版审查记录的决定">继承</span> 上一版已确认</p> : null}
      {f.updatedAt ? <p class="muted small">最后处理：{formatTime(f.updatedAt)}</p> : null}
      <Precedents ctx={ctx} f={f} />
      {ctx.editable ? <Actions ctx={ctx} f={f} n={n} /> : null}
    </article>
  );
}

export function FindingsPane(props: {
  viewer: Viewer;
  reviewId: string;
  editable: boolean;
  text: string;
  findings: ReviewFinding[];
  precedents?: Record<string, SimilarDecision[]> | undefined;
  basisPick?: BasisPick | undefined;
}) {
  const ctx: Ctx = { viewer: props.viewer, reviewId: props.reviewId, editable: props.editable, text: props.text, precedents: props.precedents, basisPick: props.basisPick };
  const groups = CATEGORIES.map((cat) => ({ cat, items: props.findings.filter((f) => f.category === cat) })).filter((g) => g.items.length > 0);
  let n = 0;
  return (
    <div id="findings">
      {groups.length === 0 ? (
        <p class="empty" id="findings-empty">
          规则未发现问题。请仍逐条通读送审稿；如发现问题，可在左侧选中文字后手工添加。
        </p>
      ) : null}
      {groups.map((g) => (
        <section class="finding-group" data-category={g.cat}>
          <h3>
            {g.cat} <span class="count">{g.items.length}</span>
          </h3>
          {g.items.map((f) => (
            <FindingCard ctx={ctx} f={f} n={++n} />
          ))}
        </section>
      ))}
      {props.editable ? <HandForm ctx={ctx} /> : null}
    </div>
  );
}

/**
 * 手工添加: with the script, selecting text in the left pane fills start/end and the quote;
 * without it, the reviewer types the words and the server finds their first occurrence.
 */
function HandForm(props: { ctx: Ctx }) {
  const { ctx } = props;
  return (
    <details class="card hand-details" id="hand-details" open={ctx.basisPick ? true : undefined}>
      <summary>手工添加问题</summary>
      <form method="get" action={`/reviews/${enc(ctx.reviewId)}#hand-details`} id="basis-search-form" role="search" data-search-url="/api/corpus/articles">
        <label for="basis-query">查找依据（法规名称、文号、条款或正文中的词，空格分隔）</label>
        <div class="field-row">
          <input id="basis-query" name="bq" type="search" maxlength={100} value={ctx.basisPick?.query ?? ''} placeholder="如：公平竞争审查条例 第八条；有效期" />
          <button type="submit" class="btn" id="basis-search">
            查找
          </button>
        </div>
        <p class="notice notice-error" role="alert" id="basis-error" hidden></p>
      </form>
      <form method="post" action={`/reviews/${enc(ctx.reviewId)}/findings`} id="hand-form" data-api-url={`/api/reviews/${enc(ctx.reviewId)}/findings`} data-api-method="POST">
        <Csrf viewer={ctx.viewer} />
        <input type="hidden" name="start" id="hand-start" value="" />
        <input type="hidden" name="end" id="hand-end" value="" />
        <p class="muted small">在左侧正文中选中文字后点击“添加问题”，或在下面填写正文中的原文。</p>
        <label for="hand-quote">原文</label>
        <textarea id="hand-quote" name="quote" rows={2} required></textarea>
        <div class="field-row">
          <div class="field">
            <label for="hand-category">问题类别</label>
            <select id="hand-category" name="category">
              {CATEGORIES.map((c) => (
                <option value={c}>{c}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="hand-severity">严重程度</label>
            <select id="hand-severity" name="severity">
              {SEVERITIES.map((s) => (
                <option value={s} selected={s === 'medium'}>
                  {SEVERITY_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <fieldset id="basis-hits" class="basis-hits">
          <legend>依据（勾选后随问题保存条文）</legend>
          <BasisHits pick={ctx.basisPick} />
        </fieldset>
        <label for="hand-title">问题概要（必填）</label>
        <input id="hand-title" name="title" type="text" required maxlength={200} />
        <label for="hand-explanation">说明</label>
        <textarea id="hand-explanation" name="explanation" rows={3} maxlength={4000}></textarea>
        <label for="hand-suggestion">修改建议</label>
        <textarea id="hand-suggestion" name="suggestion" rows={3} maxlength={4000}></textarea>
        <p class="notice notice-error" role="alert" id="hand-error" hidden></p>
        <button type="submit" class="btn btn-primary" id="hand-submit">
          添加问题
        </button>
      </form>
    </details>
  );
}

/** The picker's results as checkboxes; the value names the article (the server looks up its text). */
function BasisHits(props: { pick: BasisPick | undefined }) {
  const pick = props.pick;
  if (!pick) return <p class="muted small" id="basis-none">先在上面查找依据；不选则不附依据。</p>;
  if (pick.hits.length === 0) return <p class="muted small" id="basis-none">没有找到含“{pick.query}”的条款。</p>;
  return (
    <ul class="plain" id="basis-list">
      {pick.hits.map((h, i) => (
        <li>
          <input type="checkbox" name="basis" id={`basis-${i}`} value={JSON.stringify({ law: h.law, article: h.article, ...(h.item ? { item: h.item } : {}) })} />
          <label for={`basis-${i}`}>
            <strong>{basisLabel(h)}</strong>
            {h.source === 'local' ? <span class="badge">本地导入</span> : null} <span class="small">{h.text.length > 120 ? `${h.text.slice(0, 120)}……` : h.text}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

/** The one dialog the script opens for 排除 (the inline forms stay as the no-script way). */
export function DismissDialog() {
  return (
    <dialog id="dismiss-dialog" aria-labelledby="dismiss-title">
      <form method="dialog" id="dismiss-form">
        <h2 id="dismiss-title">排除问题</h2>
        <p class="muted" id="dismiss-finding-title"></p>
        <label for="dismiss-reason">排除理由（必填）</label>
        <textarea id="dismiss-reason" name="reason" rows={4} maxlength={2000} required></textarea>
        <p class="notice notice-error" role="alert" id="dismiss-error" hidden></p>
        <div class="dialog-buttons">
          <button type="button" class="btn" id="dismiss-cancel">
            取消
          </button>
          <button type="submit" class="btn btn-danger" id="dismiss-submit">
            确认排除
          </button>
        </div>
      </form>
    </dialog>
  );
}
