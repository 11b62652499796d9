/**
 * 作废 on a record's page: a voided record shows who voided it, when and why, with 撤销作废; a
 * live one offers 作废 with a required reason. Plain forms (the store checks who may); the
 * voided filter of a list page is here too, since every list offers the same three choices.
 */
import { VOIDED_FILTER_LABELS, type VoidedFilter } from '../../store/types.js';
import { formatTime, type Viewer } from './format.js';
import { Csrf } from './layout.js';

export function VoidPanel(props: { viewer: Viewer; action: string; what: string; voidedAt: string | null; voidedByName: string | null; voidReason: string | null }) {
  if (props.voidedAt) {
    return (
      <div class="notice notice-error" id="voided-banner" role="status">
        <strong>本{props.what}已作废</strong>：{props.voidedByName ?? '命令行'} 于 {formatTime(props.voidedAt)} 作废，理由：{props.voidReason}。已作废的{props.what}不计入列表和统计。
        <form method="post" action={`${props.action}/restore`} class="inline-form" id="restore-form">
          <Csrf viewer={props.viewer} />
          <button type="submit" class="btn" id="restore-button">
            撤销作废
          </button>
        </form>
      </div>
    );
  }
  return (
    <details class="void-panel" id="void-panel">
      <summary>作废</summary>
      <form method="post" action={`${props.action}/void`} id="void-form">
        <Csrf viewer={props.viewer} />
        <label for="void-reason">作废理由（必填，例如“测试数据”“重复上传”）</label>
        <textarea id="void-reason" name="reason" rows={2} maxlength={500} required></textarea>
        <p class="muted small">作废不删除记录：记录和操作日志都保留，可随时撤销；作废后不再出现在列表和统计中。</p>
        <button type="submit" class="btn" id="void-button">
          确认作废
        </button>
      </form>
    </details>
  );
}

export function VoidedFilterField(props: { value: string | undefined }) {
  const choices: VoidedFilter[] = ['only', 'all'];
  return (
    <div class="field">
      <label for="f-voided">作废</label>
      <select id="f-voided" name="voided">
        <option value="">{VOIDED_FILTER_LABELS.hide}</option>
        {choices.map((v) => (
          <option value={v} selected={props.value === v}>
            {VOIDED_FILTER_LABELS[v]}
          </option>
        ))}
      </select>
    </div>
  );
}
