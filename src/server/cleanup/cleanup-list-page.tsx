/**
 * /cleanup: the campaigns with their progress, and the inventory import form (with the
 * accepted column names and the row-numbered errors of a refused import).
 */
import { FIELD_LABELS, HEADER_ALIASES, type InventoryField } from '../../cleanup/inventory.js';
import type { CampaignProgress, RowError } from '../../cleanup/model.js';
import { can, Deadline, pct } from './cleanup-page-parts.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';
import { VoidedFilterField } from '../kit/void-panel.js';
import type { VoidedFilter } from '../../store/types.js';

export interface ImportValues {
  campaign?: string;
  deadline?: string;
}

export function CleanupListPage(props: {
  viewer: Viewer; campaigns: CampaignProgress[]; voided?: VoidedFilter; notice?: string | undefined; error?: string | undefined; rowErrors?: RowError[] | undefined; values?: ImportValues;
}) {
  const v = props.values ?? {};
  const fields = Object.keys(FIELD_LABELS) as InventoryField[];
  return (
    <Layout viewer={props.viewer} title="专项清理">
      <h1>烦企扰民专项清理</h1>
      <Notice kind="ok" message={props.notice} id="cleanup-notice" />
      <form method="get" action="/cleanup" class="card filters" role="search" aria-label="筛选专项清理" id="campaign-filters">
        <VoidedFilterField value={props.voided === 'hide' ? undefined : props.voided} />
        <div class="field field-buttons">
          <button type="submit" class="btn">
            筛选
          </button>
        </div>
      </form>
      {props.campaigns.length === 0 ? (
        <p class="empty" id="cleanup-empty">{props.voided && props.voided !== 'hide' ? '没有符合条件的专项清理。' : '还没有专项清理。导入一份文件清单即可开始。'}</p>
      ) : (
        <table class="data-table" id="campaign-table">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">截止日期</th>
              <th scope="col">文件数</th>
              <th scope="col">已预审</th>
              <th scope="col">已决定</th>
              <th scope="col">完成率</th>
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map((p) => (
              <tr data-campaign-id={String(p.campaign.id)}>
                <td>
                  <a href={`/cleanup/${p.campaign.id}`}>{p.campaign.name}</a>
                  {p.campaign.voidedAt ? <span class="status-badge review-voided" title={`作废理由：${p.campaign.voidReason ?? ""}`}>已作废</span> : null}
                </td>
                <td>
                  <Deadline p={p} />
                </td>
                <td>{p.total}</td>
                <td>{p.prechecked}</td>
                <td>{p.decided}</td>
                <td>
                  <progress max={100} value={pct(p.decided, p.total)} aria-label="完成率"></progress> {pct(p.decided, p.total)}%
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can(props.viewer, 'edit') ? (
        <form class="card" id="import-form" method="post" action="/cleanup/import" enctype="multipart/form-data">
          <h2>导入文件清单</h2>
          <Csrf viewer={props.viewer} />
          <Notice kind="error" message={props.error} id="import-error" />
          {props.rowErrors && props.rowErrors.length > 0 ? (
            <ul class="row-errors" id="import-row-errors">
              {props.rowErrors.map((e) => (
                <li>{e.row > 0 ? `第 ${e.row} 行：${e.message}` : e.message}</li>
              ))}
            </ul>
          ) : null}
          <div class="field-row">
            <div class="field">
              <label for="campaign-input">专项清理名称</label>
              <input id="campaign-input" name="campaign" type="text" required maxlength={100} list="campaign-list" value={v.campaign ?? ''} placeholder="例如：2026年烦企扰民专项清理" />
              <datalist id="campaign-list">
                {props.campaigns.map((p) => (
                  <option value={p.campaign.name} />
                ))}
              </datalist>
            </div>
            <div class="field">
              <label for="deadline-input">
                截止日期 <span class="muted small">（可不填）</span>
              </label>
              <input id="deadline-input" name="deadline" type="date" value={v.deadline ?? ''} />
            </div>
          </div>
          <div class="field">
            <label for="inventory-file">清单文件（.xlsx 或 .csv）</label>
            <input id="inventory-file" name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </div>
          <details class="inline-details">
            <summary>清单格式</summary>
            <p class="muted small">第一行（或表格标题下面的一行）为表头，需有“标题”和“责任单位”列；可用的列名：</p>
            <ul class="small">
              {fields.map((f) => (
                <li>
                  {FIELD_LABELS[f]}：{HEADER_ALIASES[f].join('、')}
                </li>
              ))}
            </ul>
            <p class="muted small">
              日期可写作 2023-05-01、2023/5/1、2023年5月1日 或 Excel 日期。CSV 可为 UTF-8 或 GBK/GB18030 编码。任何一行有错时整份清单都不导入，并按行号列出错误；同名专项清理再次导入时追加文件。
            </p>
          </details>
          <button type="submit" class="btn btn-primary" id="import-submit">
            导入
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
