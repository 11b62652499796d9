/**
 * The comparison of two versions of a request's draft (第1版 → 第2版 …): the summary, the shifts
 * of obligation words and changed amounts, dates and time limits, what became of each finding,
 * and each changed clause with its deleted and added words. Two unrelated files get the one note
 * (两份文件差异过大). The version pickers are a plain GET form: it works without script.
 */
import type { DraftVersion } from '../../desk/desk-types.js';
import { changeHeading, FATE_LABELS, shiftLines, summaryLines, versionLabel, type DeskComparison } from '../../desk/desk-versions.js';
import type { Viewer } from '../kit/format.js';
import { Layout, Notice } from '../kit/layout.js';
import { DeskNav } from './desk-list.js';

type Change = DeskComparison['comparison']['changes'][number];

function Pieces(props: { change: Change }) {
  const c = props.change;
  if (!c.pieces) return <p class="diff-text">{(c.kind === 'added' ? c.new : c.old).map((s) => s.text).join('\n')}</p>;
  return (
    <p class="diff-text">
      {c.pieces.map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? <del>{p.text}</del> : <ins>{p.text}</ins>))}
    </p>
  );
}

export function VersionPicker(props: { requestId: number; versions: DraftVersion[]; from?: number | undefined; to?: number | undefined }) {
  const { versions } = props;
  if (versions.length < 2) return <p class="small muted">有两个以上版本后，可比较任意两版。</p>;
  const last = versions[versions.length - 1]?.version ?? 1;
  const from = props.from ?? versions[versions.length - 2]?.version ?? 1;
  const to = props.to ?? last;
  return (
    <form method="get" action={`/desk/requests/${props.requestId}/compare`} class="inline-form" id="compare-form">
      <label for="compare-from">比较</label>
      <select id="compare-from" name="from">
        {versions.map((v) => <option value={String(v.version)} selected={v.version === from}>{versionLabel(v.version)}</option>)}
      </select>
      <label for="compare-to">与</label>
      <select id="compare-to" name="to">
        {versions.map((v) => <option value={String(v.version)} selected={v.version === to}>{versionLabel(v.version)}</option>)}
      </select>
      <button type="submit" class="btn btn-small" id="compare-button">比较两版</button>
    </form>
  );
}

export function ComparePage(props: { viewer: Viewer; requestId: number; title: string; versions: DraftVersion[]; result: DeskComparison | null; from?: number | undefined; to?: number | undefined; error?: string | undefined }) {
  const r = props.result;
  const d = r?.comparison;
  const changed = d ? d.changes.filter((c) => c.kind !== 'same' && !(c.kind === 'moved' && !c.pieces)) : [];
  const shifts = d ? shiftLines(d) : [];
  return (
    <Layout viewer={props.viewer} title={`版本比较 · ${props.title}`}>
      <DeskNav current="desk" />
      <h1 id="compare-title">
        版本比较{r ? `：${r.from.label} → ${r.to.label}` : ''} <span class="muted small"><a href={`/desk/requests/${props.requestId}`}>{props.title}</a></span>
      </h1>
      <VersionPicker requestId={props.requestId} versions={props.versions} from={props.from} to={props.to} />
      <Notice kind="error" message={props.error} id="compare-error" />
      {r && d ? (
        <>
          <p class="small muted">
            {r.from.label}：{r.from.fileName}；{r.to.label}：{r.to.fileName}。问题按{r.from.reviewId || r.to.reviewId ? '关联的预审记录' : '规则即时检查'}对照。
          </p>
          {d.note ? (
            <p class="notice notice-error" id="compare-note" role="alert">{d.note}</p>
          ) : (
            <>
              <ul id="compare-summary">{summaryLines(d).map((l) => <li>{l}</li>)}</ul>
              {shifts.length ? (
                <section class="card" aria-labelledby="shifts-h">
                  <h2 id="shifts-h">需要注意的变化</h2>
                  <ul id="compare-shifts">{shifts.map((l) => <li>{l}</li>)}</ul>
                </section>
              ) : null}
              <section class="card" aria-labelledby="fates-h">
                <h2 id="fates-h">问题的处理情况</h2>
                {d.fates.length === 0 ? (
                  <p class="muted">两版均未发现问题。</p>
                ) : (
                  <table class="data-table" id="compare-fates">
                    <thead>
                      <tr><th scope="col">情况</th><th scope="col">位置</th><th scope="col">问题</th><th scope="col">原文</th></tr>
                    </thead>
                    <tbody>
                      {d.fates.map((f) => {
                        const x = f.new ?? f.old;
                        return (
                          <tr data-fate={f.fate}>
                            <td>{FATE_LABELS[f.fate]}</td>
                            <td>{f.fate === 'still' && f.old && f.new && f.old.path !== f.new.path ? `${f.old.path || '全文'} → ${f.new.path || '全文'}` : x?.path || '全文'}</td>
                            <td>{x?.title ?? ''}</td>
                            <td>{x?.quote ?? ''}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </section>
              <section class="card" aria-labelledby="changes-h">
                <h2 id="changes-h">逐条变化</h2>
                {changed.length === 0 ? <p class="muted">条款文字没有变化。</p> : null}
                <ol class="diff-changes" id="compare-changes">
                  {changed.map((c) => (
                    <li data-kind={c.kind}>
                      <strong>{changeHeading(c)}</strong>
                      <Pieces change={c} />
                    </li>
                  ))}
                </ol>
                {d.timedOut ? <p class="small muted">{d.timedOut} 处条款过长，逐词比较超时，按整句列出。</p> : null}
              </section>
            </>
          )}
        </>
      ) : null}
    </Layout>
  );
}
