/** 清除测试数据 (admins): permanent removal of records voided at least N days ago, only with the typed phrase. */
import { PURGE_PHRASE } from '../../store/types.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export function PurgePage(props: { viewer: Viewer; days?: string; error?: string | undefined; notice?: string | undefined }) {
  return (
    <Layout viewer={props.viewer} title="清除测试数据">
      <h1>清除已作废的测试数据</h1>
      <p class="muted">
        作废的审查记录和送审件会一直保留（不计入列表和统计）。确属测试数据的，可在作废满一定天数后永久删除：只删除未签发的审查记录和送审件，专项清理仍在使用的记录保留；删除的编号写入操作日志。
      </p>
      <Notice kind="ok" message={props.notice} id="purge-notice" />
      <Notice kind="error" message={props.error} id="purge-error" />
      <form method="post" action="/admin/purge" class="card" id="purge-form">
        <Csrf viewer={props.viewer} />
        <div class="field">
          <label for="purge-days">作废满多少天</label>
          <input id="purge-days" name="olderThanDays" type="number" min={1} max={3650} value={props.days ?? '30'} required />
        </div>
        <div class="field">
          <label for="purge-confirm">请输入“{PURGE_PHRASE}”以确认（删除后无法恢复）</label>
          <input id="purge-confirm" name="confirm" type="text" autocomplete="off" required />
        </div>
        <button type="submit" class="btn btn-danger" id="purge-submit">
          永久删除
        </button>
      </form>
    </Layout>
  );
}
