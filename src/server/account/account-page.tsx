/** 账号: change one's own password; make, list and revoke one's API access tokens. */
import type { ApiTokenInfo } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export interface AccountProps {
  viewer: Viewer;
  tokens: ApiTokenInfo[];
  notice?: string | undefined;
  error?: string | undefined;
  /** A token just made: shown once. */
  newToken?: { name: string; token: string } | undefined;
  /** Where this server is reached (scheme, host and port of the request), for the example. */
  origin?: string;
}

export function AccountPage(props: AccountProps) {
  const { viewer, tokens } = props;
  return (
    <Layout viewer={viewer} title="我的账号">
      <h1>我的账号</h1>
      <Notice kind="ok" message={props.notice} id="account-notice" />
      <Notice kind="error" message={props.error} id="account-error" />

      {props.newToken ? (
        <section class="card token-once" id="new-token">
          <h2>新的访问令牌：{props.newToken.name}</h2>
          <p>令牌只显示这一次，请立即复制保存。脚本在请求头中提供：</p>
          <pre>
            <code id="new-token-value">{props.newToken.token}</code>
          </pre>
          <p class="muted small">
            例如：<code>curl -H "Authorization: Bearer {props.newToken.token.slice(0, 10)}…" {props.origin ?? ''}/api/reviews</code>
          </p>
        </section>
      ) : null}

      <section class="card" id="password">
        <h2>修改密码</h2>
        <form method="post" action="/account/password" class="narrow-form">
          <Csrf viewer={viewer} />
          <label for="current-password">当前密码</label>
          <input id="current-password" name="current" type="password" autocomplete="current-password" required />
          <label for="new-password">新密码（至少 8 个字符）</label>
          <input id="new-password" name="password" type="password" autocomplete="new-password" minlength={8} required />
          <label for="new-password-2">再次输入新密码</label>
          <input id="new-password-2" name="password2" type="password" autocomplete="new-password" minlength={8} required />
          <p class="muted small">修改后其他已登录的会话都会退出，需要重新登录。</p>
          <button type="submit" class="btn btn-primary" id="password-save">
            修改密码
          </button>
        </form>
      </section>

      <section class="card" id="tokens">
        <h2>访问令牌</h2>
        <p class="muted small">供脚本和命令行调用 JSON 接口（/api）使用，权限与本账号相同。不再使用的令牌请作废。</p>
        {tokens.length === 0 ? (
          <p class="empty" id="tokens-empty">
            还没有访问令牌。
          </p>
        ) : (
          <table class="data-table" id="token-table">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">用途</th>
                <th scope="col">创建时间</th>
                <th scope="col">最近使用</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr data-token-id={String(t.id)}>
                  <td>{t.id}</td>
                  <td>{t.name}</td>
                  <td>{formatTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatTime(t.lastUsedAt) : '从未使用'}</td>
                  <td>
                    <form method="post" action={`/account/tokens/${t.id}/revoke`} class="inline" data-confirm="作废后使用该令牌的脚本将无法访问。确定作废吗？">
                      <Csrf viewer={viewer} />
                      <button type="submit" class="btn btn-danger">
                        作废
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tokens.length > 1 ? (
          <form method="post" action="/account/tokens/revoke-all" class="inline" id="revoke-all-form" data-confirm="作废后使用这些令牌的脚本都将无法访问。确定作废全部访问令牌吗？">
            <Csrf viewer={viewer} />
            <button type="submit" class="btn btn-danger" id="revoke-all">
              作废全部访问令牌
            </button>
          </form>
        ) : null}
        <form method="post" action="/account/tokens" class="inline-form" id="token-form">
          <Csrf viewer={viewer} />
          <label for="token-name">用途</label>
          <input id="token-name" name="name" type="text" maxlength={100} required placeholder="例如：部门对接脚本" />
          <button type="submit" class="btn" id="token-create">
            创建令牌
          </button>
        </form>
      </section>
    </Layout>
  );
}
