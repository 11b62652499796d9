/** 用户 (admins): the accounts, adding one with a role, changing roles, disabling and enabling. */
import { ROLES, ROLE_LABELS, type User } from '../../store/types.js';
import { formatTime, type Viewer } from '../kit/format.js';
import { Csrf, Layout, Notice } from '../kit/layout.js';

export interface NewUserValues {
  name?: string;
  displayName?: string;
  role?: string;
}

export function UsersPage(props: { viewer: Viewer; users: User[]; notice?: string | undefined; error?: string | undefined; values?: NewUserValues }) {
  const v = props.values ?? {};
  const me = props.viewer.user?.id;
  return (
    <Layout viewer={props.viewer} title="用户">
      <h1>用户管理</h1>
      <Notice kind="ok" message={props.notice} id="users-notice" />
      <Notice kind="error" message={props.error} id="users-error" />
      {props.users.length === 0 ? (
        <p class="empty">还没有用户。</p>
      ) : (
        <table class="data-table" id="users-table">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">姓名</th>
              <th scope="col">角色</th>
              <th scope="col">状态</th>
              <th scope="col">创建时间</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr data-user-id={String(u.id)} data-user-name={u.name} class={u.disabled ? 'row-disabled' : undefined}>
                <td>{u.name}</td>
                <td>{u.displayName}</td>
                <td>
                  <form method="post" action={`/admin/users/${u.id}/role`} class="inline">
                    <Csrf viewer={props.viewer} />
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      {u.name} 的角色
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {ROLES.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                    <button type="submit" class="btn btn-small">
                      修改角色
                    </button>
                  </form>
                </td>
                <td>{u.disabled ? <span class="status-badge status-dismissed">已停用</span> : <span class="status-badge status-confirmed">正常</span>}</td>
                <td>{formatTime(u.createdAt)}</td>
                <td>
                  {u.id === me ? (
                    <span class="muted small">当前账号</span>
                  ) : (
                    <form method="post" action={`/admin/users/${u.id}/disabled`} class="inline">
                      <Csrf viewer={props.viewer} />
                      <input type="hidden" name="disabled" value={u.disabled ? '0' : '1'} />
                      <button type="submit" class={`btn btn-small ${u.disabled ? '' : 'btn-danger'}`}>
                        {u.disabled ? '启用' : '停用'}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form method="post" action="/admin/users" class="card" id="add-user-form">
        <h2>添加用户</h2>
        <Csrf viewer={props.viewer} />
        <div class="field-row">
          <div class="field">
            <label for="new-name">用户名（必填）</label>
            <input id="new-name" name="name" type="text" required maxlength={32} autocomplete="off" value={v.name ?? ''} />
          </div>
          <div class="field">
            <label for="new-display">姓名</label>
            <input id="new-display" name="displayName" type="text" maxlength={64} value={v.displayName ?? ''} />
          </div>
          <div class="field">
            <label for="new-role">角色</label>
            <select id="new-role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={r === (v.role ?? 'reviewer')}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="new-password">初始密码（必填）</label>
            <input id="new-password" name="password" type="password" required autocomplete="new-password" />
          </div>
        </div>
        <button type="submit" class="btn btn-primary" id="add-user-submit">
          添加用户
        </button>
      </form>
    </Layout>
  );
}
