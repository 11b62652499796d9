/**
 * GET/POST /decisions/:id/notice — the edit form of a decision's published notice (发布机关,
 * 通报标题, 通报日期, 网址或文号), for a 科长 or administrator; works without script. The API twin
 * is PUT /api/decisions/{id}/notice; both call setDecisionNotice (src/decisions/notice.ts).
 */
import { NOTICE_FIELDS, NOTICE_LABELS } from '../../decisions/notice.js';
import type { Decision } from '../../decisions/types.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

const HINTS: Record<(typeof NOTICE_FIELDS)[number], string> = {
  noticeAuthority: '如：浙江省市场监督管理局',
  noticeTitle: '如：关于公平竞争审查典型案例的通报',
  noticeDate: '',
  noticeAddress: 'https:// 开头的网址，或通报的文号',
};

export function NoticeEditPage(props: { viewer: Viewer; d: Decision; values?: Partial<Record<(typeof NOTICE_FIELDS)[number], string>>; error?: string | undefined }) {
  const { d } = props;
  const value = (f: (typeof NOTICE_FIELDS)[number]) => props.values?.[f] ?? String(d[f] ?? '');
  return (
    <Layout viewer={props.viewer} title={`通报信息 · 审查意见 #${d.id}`}>
      <p>
        <a href={`/decisions/${d.id}`}>← 审查意见 #{d.id}</a>
      </p>
      <h1>修改通报信息</h1>
      <p class="muted">{d.title || '审查意见'}：以往审查意见引用该案例时，注明所出的通报（发布机关、标题、日期、网址或文号），不再显示数据库路径。</p>
      <Notice kind="error" message={props.error} id="notice-error" />
      <form method="post" action={`/decisions/${d.id}/notice`} class="card" id="notice-form">
        <Csrf viewer={props.viewer} />
        {NOTICE_FIELDS.map((f) => (
          <div class="field">
            <label for={`n-${f}`}>{NOTICE_LABELS[f]}</label>
            <input id={`n-${f}`} name={f} type={f === 'noticeDate' ? 'date' : 'text'} value={value(f)} maxlength={f === 'noticeAddress' ? 2000 : f === 'noticeTitle' ? 300 : 200} placeholder={HINTS[f]} />
          </div>
        ))}
        <button type="submit" class="btn btn-primary" id="notice-save">保存通报信息</button>
      </form>
    </Layout>
  );
}
