/**
 * A big review stays cheap to look at: the report page shows its findings a page at a time
 * (FINDINGS_PAGE_SIZE, ?fp=N), and the document pane marks only that page's spans, so the
 * page's HTML and the work to render it are bounded however many findings a record has
 * (a 371,200-character paste with 3,202 findings once made 27 MB). Counts and sign-off still
 * use all findings.
 */
import type { ReviewFinding } from '../../store/types.js';

export const FINDINGS_PAGE_SIZE = 100;

export interface FindingsWindow {
  shown: ReviewFinding[];
  page: number;
  pages: number;
  /** 1-based positions of the first and last finding shown. */
  from: number;
  to: number;
  total: number;
}

export function findingsWindow(findings: ReviewFinding[], pageParam: string | undefined, pageSize = FINDINGS_PAGE_SIZE): FindingsWindow {
  const total = findings.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const asked = Number(pageParam);
  const page = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  const start = (page - 1) * pageSize;
  const shown = findings.slice(start, start + pageSize);
  return { shown, page, pages, from: total ? start + 1 : 0, to: start + shown.length, total };
}

/** The page a finding is on (1 when it is not found). */
export function pageOfFinding(findings: ReviewFinding[], findingId: string, pageSize = FINDINGS_PAGE_SIZE): number {
  const i = findings.findIndex((f) => f.id === findingId);
  return i < 0 ? 1 : Math.floor(i / pageSize) + 1;
}

export function FindingsPager(props: { reviewId: string; window: FindingsWindow }) {
  const w = props.window;
  if (w.pages <= 1) return null;
  const href = (p: number) => `/reviews/${encodeURIComponent(props.reviewId)}${p > 1 ? `?fp=${p}` : ''}#findings-pane`;
  return (
    <nav class="pager" aria-label="问题分页" id="findings-pager">
      <span>
        共 {w.total} 条，本页第 {w.from}–{w.to} 条（第 {w.page}/{w.pages} 页）
      </span>
      {w.page > 1 ? <a href={href(w.page - 1)} rel="prev">上一页</a> : null}
      {w.page < w.pages ? <a href={href(w.page + 1)} rel="next">下一页</a> : null}
    </nav>
  );
}
