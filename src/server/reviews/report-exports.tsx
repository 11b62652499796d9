/**
 * The report page's downloads: the 审查意见书 (.docx) with the conclusion the reviewer picks
 * here (never the tool's), the commented draft, and the other formats of the same writers.
 * Plain GET forms: they work without script.
 */
import { CONCLUSIONS } from '../../review/core.js';
import type { ReviewRecord } from '../../store/types.js';

export function ExportTools(props: { review: ReviewRecord }) {
  const id = encodeURIComponent(props.review.id);
  return (
    <details class="export-tools" id="export-tools">
      <summary class="btn">导出 Word</summary>
      <form method="get" action={`/api/reviews/${id}/export`} id="opinion-form">
        <input type="hidden" name="format" value="docx" />
        <label for="opinion-conclusion">审查结论</label>
        <select name="conclusion" id="opinion-conclusion">
          <option value="">（留空，由审查人在文中填写）</option>
          {CONCLUSIONS.map((c) => (
            <option value={c} selected={c === props.review.conclusion}>{c}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="appendix" value="1" /> 附内部审查记录（含已排除的问题）
        </label>
        <button type="submit" class="btn btn-primary" id="download-opinion">
          下载审查意见书
        </button>
      </form>
      <form method="get" action={`/api/reviews/${id}/annotated`} id="annotated-form">
        <label>
          <input type="checkbox" name="tracked" value="1" /> 修改建议同时写成修订
        </label>
        <button type="submit" class="btn" id="download-annotated">
          下载批注稿
        </button>
      </form>
      <p class="export-fcr">
        <a href={`/reviews/${id}/fcr-form`} id="fcr-form-link">
          填写公平竞争审查表
        </a>
        　
        <a href={`/api/reviews/${id}/fcr-form/docx`} id="download-fcr-form">
          下载公平竞争审查表（Word）
        </a>
      </p>
      <p class="export-other">
        其他格式：<a href={`/api/reviews/${id}/export?format=md`}>Markdown</a>　<a href={`/api/reviews/${id}/export?format=html`}>网页</a>　<a href={`/api/reviews/${id}/export?format=json`}>JSON</a>
      </p>
    </details>
  );
}
