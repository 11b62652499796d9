/** 规则: the rules the review runs, with their basis. */
import type { RuleSet } from '../../rules/ruleset.js';
import { CATEGORIES } from '../../review/core.js';
import { basisLabel, SEVERITY_LABELS, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export function RulesPage(props: { viewer: Viewer; ruleSet: RuleSet | undefined; enabledPacks: string[]; notice?: string | undefined; error?: string | undefined }) {
  const rules = props.ruleSet?.rules ?? [];
  const packs = props.ruleSet?.packs ?? [];
  const isAdmin = props.viewer.user?.role === 'admin';
  const groups = CATEGORIES.map((cat) => ({ cat, rules: rules.filter((r) => r.rule.category === cat) })).filter((g) => g.rules.length > 0);
  return (
    <Layout viewer={props.viewer} title="规则">
      <h1>审查规则</h1>
      {rules.length === 0 ? (
        <p class="empty" id="rules-empty">
          未加载任何规则，预审不会发现问题。请联系管理员检查规则文件。
        </p>
      ) : (
        <p class="muted">
          共 {rules.length} 条规则，按问题类别列出。每条规则都附有应当命中和不应命中的例句，由 <code>fahu rules test</code> 检验。
        </p>
      )}
      <Notice kind="ok" message={props.notice} id="rules-notice" />
      <Notice kind="error" message={props.error} id="rules-error" />
      {packs.length > 0 ? (
        <section class="card" id="packs">
          <h2>行业规则包</h2>
          <p class="muted small">通用规则对每份送审稿都运行；行业规则包在预审时勾选后运行。{isAdmin ? '下面勾选的规则包在预审页默认勾选。' : '默认勾选哪些规则包由管理员设置。'}</p>
          <form method="post" action="/rules/packs" id="packs-form">
            {isAdmin ? <Csrf viewer={props.viewer} /> : null}
            <ul class="plain">
              {packs.map((p) => (
                <li data-pack={p.name}>
                  <label class="check">
                    <input type="checkbox" name="packs" value={p.name} checked={props.enabledPacks.includes(p.name)} disabled={!isAdmin} /> <strong>{p.title}</strong>{' '}
                    <span class="muted small">
                      （<code>{p.name}</code>，{p.ruleCount} 条规则{props.enabledPacks.includes(p.name) ? '，默认启用' : ''}）
                    </span>
                  </label>
                  {p.description ? <p class="muted small">{p.description}</p> : null}
                </li>
              ))}
            </ul>
            {isAdmin ? (
              <button type="submit" class="btn btn-primary" id="packs-save">
                保存默认规则包
              </button>
            ) : null}
          </form>
        </section>
      ) : null}
      {groups.map((g) => (
        <section class="rule-group">
          <h2>
            {g.cat} <span class="count">{g.rules.length}</span>
          </h2>
          <table class="data-table rules-table">
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">名称</th>
                <th scope="col">严重程度</th>
                <th scope="col">依据</th>
                <th scope="col">来源</th>
              </tr>
            </thead>
            <tbody>
              {g.rules.map((r, i) => (
                <tr id={`rule-${r.rule.id}`} data-rule-id={r.rule.id}>
                  {/* the rule's id is for the rule files (fahu rules explain), kept as a tooltip; people read the number and the title */}
                  <td title={`规则编号：${r.rule.id}`}>{i + 1}</td>
                  <td>{r.rule.title}</td>
                  <td>
                    <span class={`sev-badge sev-${r.rule.severity}`}>{SEVERITY_LABELS[r.rule.severity]}</span>
                  </td>
                  <td>
                    <ul class="plain">
                      {r.basis.map((b) => (
                        <li title={b.text}>{basisLabel(b)}</li>
                      ))}
                    </ul>
                  </td>
                  <td class="small">{r.pack ? `规则包：${packs.find((p) => p.name === r.pack)?.title ?? r.pack}` : '通用规则'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}
