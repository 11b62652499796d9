/**
 * The left pane of the report: the document text line by line, each line with its offset and
 * clause (so the script can turn a selection into offsets), clause paths at the start of each
 * clause, and the findings' spans as links (.hl) to their cards. Text is always escaped by JSX.
 */
import type { ClauseJson, DocumentJson } from '../../document/document-json.js';
import { severityRank } from '../../review/core.js';
import { FINDING_STATUS_LABELS, type ReviewFinding } from '../../store/types.js';
import { SEVERITY_LABELS } from '../kit/format.js';

export interface Line {
  start: number;
  end: number;
  clause: ClauseJson | undefined;
  /** The line where its clause begins: the path is shown here. */
  opensClause: boolean;
}

export function hasSpan(f: ReviewFinding, text: string): boolean {
  return f.end > f.start && f.start >= 0 && f.end <= text.length;
}

/** The document's lines, each with the innermost clause that contains it; `keep` picks which lines to describe. */
export function documentLines(doc: DocumentJson, keep: (start: number, end: number, index: number) => boolean = () => true): Line[] {
  const out: Line[] = [];
  let start = 0;
  let index = 0;
  for (const part of doc.text.split('\n')) {
    const end = start + part.length;
    if (keep(start, end, index++)) {
      const clause = doc.clauses.filter((c) => c.start <= start && end <= c.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
      out.push({ start, end, clause, opensClause: clause !== undefined && clause.start === start });
    }
    start = end + 1;
  }
  return out;
}

/**
 * Lines shown of a long document: all of them up to MAX_DOCUMENT_LINES; beyond that only the
 * lines with a shown finding and CONTEXT_LINES around each (the start of the document when none
 * is shown), so the pane's size follows the page of findings, not the length of the draft.
 */
export const MAX_DOCUMENT_LINES = 600;
const CONTEXT_LINES = 2;

function shownLineIndexes(doc: DocumentJson, spans: ReviewFinding[]): ((start: number, end: number, index: number) => boolean) | undefined {
  const bounds: [number, number][] = [];
  let start = 0;
  for (const part of doc.text.split('\n')) {
    if (part.trim() !== '') bounds.push([start, start + part.length]);
    start += part.length + 1;
  }
  if (bounds.length <= MAX_DOCUMENT_LINES) return undefined;
  const keep = new Set<number>();
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let i = 0;
  for (const f of sorted) {
    while (i < bounds.length && (bounds[i] as [number, number])[1] < f.start) i++;
    for (let j = i; j < bounds.length && (bounds[j] as [number, number])[0] < f.end; j++) {
      for (let k = Math.max(0, j - CONTEXT_LINES); k <= Math.min(bounds.length - 1, j + CONTEXT_LINES); k++) keep.add((bounds[k] as [number, number])[0]);
    }
  }
  if (keep.size === 0) for (const [s] of bounds.slice(0, MAX_DOCUMENT_LINES)) keep.add(s);
  return (s) => keep.has(s);
}

/** Which finding leads on a stretch of text covered by several: open before dismissed, then the most severe. */
function leading(fs: ReviewFinding[]): ReviewFinding {
  return [...fs].sort((a, b) => Number(a.status === 'dismissed') - Number(b.status === 'dismissed') || severityRank(b.severity) - severityRank(a.severity) || a.start - b.start)[0] as ReviewFinding;
}

function LineText(props: { text: string; line: Line; findings: ReviewFinding[]; anchored: Set<string> }) {
  const { line, text } = props;
  const here = props.findings.filter((f) => f.start < line.end && line.start < f.end);
  if (here.length === 0) return <>{text.slice(line.start, line.end)}</>;
  const cuts = new Set([line.start, line.end]);
  for (const f of here) {
    if (f.start > line.start) cuts.add(f.start);
    if (f.end < line.end) cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    const covering = here.filter((f) => f.start < b && a < f.end);
    const piece = text.slice(a, b);
    if (covering.length === 0) {
      pieces.push(<>{piece}</>);
      continue;
    }
    // Every finding gets exactly one id="hl-…", on its first piece.
    const top = leading(covering);
    for (const f of covering) {
      if (props.anchored.has(f.id) || f === top) continue;
      props.anchored.add(f.id);
      pieces.push(<span class="hl-anchor" id={`hl-${f.id}`} data-finding-id={f.id}></span>);
    }
    const first = !props.anchored.has(top.id);
    props.anchored.add(top.id);
    const others = covering.filter((f) => f !== top).map((f) => f.id);
    pieces.push(
      <a
        class={`hl hl-${top.severity} hl-status-${top.status}`}
        href={`#f-${top.id}`}
        id={first ? `hl-${top.id}` : undefined}
        data-finding-id={top.id}
        data-severity={top.severity}
        data-status={top.status}
        data-also={others.length ? others.join(' ') : undefined}
        draggable="false"
        title={`${SEVERITY_LABELS[top.severity]}：${top.title}（${FINDING_STATUS_LABELS[top.status]}）`}
      >
        {piece}
      </a>,
    );
  }
  return <>{pieces}</>;
}

export function DocumentPane(props: { doc: DocumentJson; findings: ReviewFinding[] }) {
  const { doc } = props;
  const spans = props.findings.filter((f) => hasSpan(f, doc.text));
  const anchored = new Set<string>();
  const window = shownLineIndexes(doc, spans);
  const lines = documentLines(doc, window).filter((l) => l.end > l.start && doc.text.slice(l.start, l.end).trim() !== '');
  return (
    <div class="doc-text" id="doc-text" data-length={String(doc.text.length)}>
      {lines.length === 0 ? <p class="empty">文件没有可显示的正文。</p> : null}
      {window ? <p class="notice" id="doc-excerpt">正文较长，这里只显示本页问题所在的段落及其前后各 {CONTEXT_LINES} 行；全文请看打印视图或下载原件。</p> : null}
      {lines.map((line, i) => (
        <>
        {window && i > 0 && (lines[i - 1] as Line).end + 1 < line.start && doc.text.slice((lines[i - 1] as Line).end, line.start).trim() !== '' ? <div class="line-gap" aria-hidden="true">……</div> : null}
        <div
          class={`line${line.opensClause ? ' line-opens' : ''}${line.clause ? ` kind-${line.clause.kind}` : ''}`}
          data-start={String(line.start)}
          data-end={String(line.end)}
          data-clause-id={line.clause?.id}
          data-path={line.clause?.path}
          id={line.opensClause && line.clause ? `c-${line.clause.id}` : undefined}
        >
          <span class="clause-path" aria-hidden={line.opensClause ? undefined : 'true'}>
            {line.opensClause ? line.clause?.path : ''}
          </span>
          <span class="line-text">
            <LineText text={doc.text} line={line} findings={spans} anchored={anchored} />
          </span>
        </div>
        </>
      ))}
    </div>
  );
}
