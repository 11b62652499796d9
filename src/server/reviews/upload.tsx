/**
 * 预审: a .docx by drag and drop or file picker, or pasted text. With the script the form goes
 * to POST /api/reviews by XHR (upload progress, then 正在分析); without it, to POST /reviews.
 */
import type { Child } from 'hono/jsx';
import { DEFAULT_LIMITS, formatBytes } from '../../review/core.js';
import type { PackInfo } from '../../rules/ruleset.js';
import type { ReviewRecord, ReviewSummary } from '../../store/types.js';
import { REVIEW_STATUS_LABELS } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export interface UploadValues {
  department?: string;
  title?: string;
  text?: string;
  /** Packs ticked (absent: the admin's defaults). */
  packs?: string[];
  jurisdiction?: string | undefined;
}

/** An upload of an original reviewed before: the earlier records, and 仍要重新预审. */
export interface DuplicateOffer {
  message: string;
  hash: string;
  earlier: readonly ReviewRecord[];
}

function DuplicateNotice(props: { viewer: Viewer; offer: DuplicateOffer; values: UploadValues; submitToken: string }) {
  const v = props.values;
  return (
    <div class="notice notice-error" id="duplicate-offer" role="alert">
      <p>{props.offer.message}</p>
      <ul>
        {props.offer.earlier.map((r) => (
          <li>
            <a href={`/reviews/${encodeURIComponent(r.id)}`} class="earlier-review">
              {r.title}
            </a>{' '}
            <span class="muted small">
              {r.createdByName} · {formatTime(r.createdAt)} · {REVIEW_STATUS_LABELS[r.status]}
            </span>
          </li>
        ))}
      </ul>
      <form method="post" action="/reviews" enctype="multipart/form-data" id="again-form">
        <Csrf viewer={props.viewer} />
        <input type="hidden" name="again" value="1" />
        <input type="hidden" name="hash" value={props.offer.hash} />
        <input type="hidden" name="submitToken" value={props.submitToken} />
        <input type="hidden" name="department" value={v.department ?? ''} />
        <input type="hidden" name="title" value={v.title ?? ''} />
        {v.packs ? (
          <>
            <input type="hidden" name="packs" value="" />
            {v.packs.map((p) => (
              <input type="hidden" name="packs" value={p} />
            ))}
          </>
        ) : null}
        <button type="submit" class="btn" id="again-button">
          仍要重新预审
        </button>
      </form>
    </div>
  );
}

export function UploadPage(props: {
  viewer: Viewer;
  departments: string[];
  recent: ReviewSummary[];
  error?: string | undefined;
  values?: UploadValues;
  /** The section's own district (admin setting), shown as the last fallback. */
  defaultJurisdiction?: string | undefined;
  /** The packs there are, and which the admin enabled by default. */
  packs?: { available: PackInfo[]; enabled: string[] };
  /** This rendering's token (sent with the form, so a second send lands on the first's record). */
  submitToken?: string;
  duplicate?: DuplicateOffer | undefined;
  /** 我的待办 (kit/todo-panel.tsx), on the home page. */
  todo?: Child;
}) {
  const v = props.values ?? {};
  const ticked = v.packs ?? props.packs?.enabled ?? [];
  const limit = formatBytes(DEFAULT_LIMITS.maxInputBytes);
  return (
    <Layout viewer={props.viewer} title="预审">
      {props.todo ?? null}
      <h1>新建预审</h1>
      <p class="muted">上传送审稿（.docx、.doc、.wps 或带文字的 PDF）或粘贴正文，系统将按规则逐条检查，并生成审查报告供您确认。</p>
      {props.duplicate ? <DuplicateNotice viewer={props.viewer} offer={props.duplicate} values={v} submitToken={crypto.randomUUID()} /> : null}
      <form id="upload-form" class="card upload-form" method="post" action="/reviews" enctype="multipart/form-data" data-api="/api/reviews">
        <Csrf viewer={props.viewer} />
        {props.submitToken ? <input type="hidden" name="submitToken" value={props.submitToken} id="submit-token" /> : null}
        <Notice kind="error" message={props.error} id="upload-error" />
        <p class="notice notice-error" role="alert" id="upload-error-live" hidden></p>

        <div class="drop-zone" id="drop-zone">
          <label for="file-input" class="drop-label">
            <strong>将 .docx 文件拖到此处</strong>，或 <span class="link-like">点击选择文件</span>
          </label>
          <input id="file-input" name="file" type="file" accept=".docx,.doc,.wps,.pdf,.txt,.md,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/pdf" />
          <p class="muted small" id="file-name" aria-live="polite">
            支持 .docx、.doc、.wps 和带文字的 PDF，不超过 {limit}；.doc、.wps、PDF 的自动编号和版式可能丢失，扫描件需先进行文字识别。
          </p>
        </div>

        <p class="or">或者</p>

        <label for="text-input">粘贴正文</label>
        <textarea id="text-input" name="text" rows={8} placeholder="将送审稿全文粘贴到这里（含标题、文号和落款更便于检查）">
          {v.text ?? ''}
        </textarea>

        <div class="field-row">
          <div class="field">
            <label for="department-input">送审部门</label>
            <input id="department-input" name="department" type="text" maxlength={100} list="department-list" value={v.department ?? ''} placeholder="例如：区市场监管局" />
            <datalist id="department-list">
              {props.departments.map((d) => (
                <option value={d} />
              ))}
            </datalist>
          </div>
          <div class="field">
            <label for="jurisdiction-input">
              行政区划 <span class="muted small">（文中地名按此判断本地、外地；不填则取发文机关或标题{props.defaultJurisdiction ? `，再取默认“${props.defaultJurisdiction}”` : ''}）</span>
            </label>
            <input id="jurisdiction-input" name="jurisdiction" type="text" maxlength={40} value={v.jurisdiction ?? ''} placeholder="例如：湖州市吴兴区" />
          </div>
          <div class="field">
            <label for="title-input">
              标题 <span class="muted small">（可不填，默认取文件标题）</span>
            </label>
            <input id="title-input" name="title" type="text" maxlength={300} value={v.title ?? ''} />
          </div>
        </div>

        {props.packs && props.packs.available.length > 0 ? (
          <fieldset class="packs" id="pack-choice">
            <legend>行业规则包</legend>
            {/* a lone empty value tells the server "none ticked" apart from "not asked" */}
            <input type="hidden" name="packs" value="" />
            {props.packs.available.map((p) => (
              <label class="check" title={p.description ?? ''}>
                <input type="checkbox" name="packs" value={p.name} checked={ticked.includes(p.name)} /> {p.title}
                <span class="muted small">（{p.ruleCount} 条规则）</span>
              </label>
            ))}
            <p class="muted small">通用规则总会运行；勾选的行业规则包一并运行。默认勾选由管理员在“规则”页设置。</p>
          </fieldset>
        ) : null}

        <div class="progress-block" id="upload-progress-block" hidden>
          <progress id="upload-progress" max={100}></progress>
          <span id="upload-status" role="status" aria-live="polite"></span>
        </div>

        <button type="submit" class="btn btn-primary" id="submit-review">
          开始预审
        </button>
      </form>

      <section class="recent">
        <h2>最近的审查</h2>
        {props.recent.length === 0 ? (
          <p class="empty" id="recent-empty">
            还没有审查记录。上传第一份送审稿开始吧。
          </p>
        ) : (
          <ul class="recent-list">
            {props.recent.map((r) => (
              <li>
                <a href={`/reviews/${r.id}`}>{r.title}</a> <span class="muted small">{r.department || '未填部门'} · {formatTime(r.createdAt)} · {REVIEW_STATUS_LABELS[r.status]}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/reviews">查看全部审查记录</a>
        </p>
      </section>
    </Layout>
  );
}
