/** 文书版头 (admins): the section's own name, 发文机关标志, 落款 and contact line for the opinion, the 公平竞争审查表 and the period report. */
import type { OpinionTemplate } from '../../review/core.js';
import type { Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export function TemplatePage(props: { viewer: Viewer; values: OpinionTemplate; notice?: string | undefined; error?: string | undefined }) {
  const v = props.values;
  const field = (name: keyof OpinionTemplate, label: string, hint: string, max: number, area = false) => (
    <div class="field">
      <label for={`tpl-${name}`}>{label}</label>
      {area ? (
        <textarea id={`tpl-${name}`} name={name} maxlength={max}>
          {v[name] ?? ''}
        </textarea>
      ) : (
        <input id={`tpl-${name}`} name={name} type="text" maxlength={max} value={v[name] ?? ''} />
      )}
      <span class="small muted">{hint}</span>
    </div>
  );
  return (
    <Layout viewer={props.viewer} title="文书版头">
      <h1>文书版头</h1>
      <p class="muted">审查意见书、公平竞争审查表和工作报告的版头与落款。修改记入操作日志；已下载的文书不受影响。</p>
      <Notice kind="ok" message={props.notice} id="template-notice" />
      <Notice kind="error" message={props.error} id="template-error" />
      <form method="post" action="/admin/template" class="card" id="template-form">
        <Csrf viewer={props.viewer} />
        {field('bureau', '机关名称', '如“湖州市吴兴区司法局”，替代默认的“区司法局”', 40)}
        {field('mark', '发文机关标志', '红色版头的文字，留空则用机关名称', 40)}
        {field('signature', '落款', '文末署名，留空则用机关名称', 40)}
        {field('contact', '联系方式', '如“联系人：张三，电话：0572-1234567”，留空则不印', 120)}
        {field('opening', '审查意见书开头语', '“{title}”处填入送审文件的标题', 200, true)}
        {field('closing', '审查意见书结束语', '', 200, true)}
        <button type="submit" class="btn btn-primary" id="template-save">
          保存
        </button>
      </form>
    </Layout>
  );
}
