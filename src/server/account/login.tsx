/** 登录: the only page (with /health) that needs no session. AUTH renders it on GET /login and on refusals. */
import { Document, Notice } from '../kit/layout.js';

export function LoginPage(props: { csrf: string; error?: string; name?: string; next?: string }) {
  return (
    <Document title="登录" bodyClass="login-body">
      <main id="main" class="login-main">
        <form method="post" action="/login" class="card login-card" id="login-form">
          <h1>法护 · 行政规范性文件预审</h1>
          <p class="muted">请使用管理员为您创建的账号登录。</p>
          <Notice kind="error" message={props.error} id="login-error" />
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label for="login-name">用户名</label>
          <input id="login-name" name="name" type="text" autocomplete="username" required autofocus value={props.name ?? ''} maxlength={32} />
          <label for="login-password">密码</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
          <button type="submit" class="btn btn-primary" id="login-submit">
            登录
          </button>
          <p class="muted small">还没有账号？请联系管理员。首个管理员账号在服务器上用 <code>npx fahu user add --admin 用户名</code> 创建。</p>
        </form>
      </main>
    </Document>
  );
}
