/**
 * The page shell: head (stylesheet, script, CSRF token for scripts), the navigation by role,
 * who is signed in, and the logout form. No CDN, no web fonts: system Chinese fonts only.
 */
import { raw } from 'hono/html';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { ROLE_LABELS } from '../../store/types.js';
import { ASSET_VERSION } from '../assets/routes.js';
import type { Viewer } from './format.js';

/** The bare HTML document, for pages with their own chrome (login, print). */
export const Document: FC<PropsWithChildren<{ title: string; csrf?: string; bodyClass?: string; head?: Child }>> = ({ title, csrf, bodyClass, head, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {csrf ? <meta name="csrf-token" content={csrf} /> : null}
        <title>{`${title} · 法护预审`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={`/assets/app.css?v=${ASSET_VERSION}`} />
        <script src={`/assets/app.js?v=${ASSET_VERSION}`} defer></script>
        {head}
      </head>
      <body class={bodyClass}>{children}</body>
    </html>
  </>
);

interface NavItem {
  href: string;
  label: string;
  /** Paths that count as this item being current. */
  match: (path: string) => boolean;
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { href: '/', label: '预审', match: (p) => p === '/' },
  { href: '/reviews', label: '审查记录', match: (p) => p.startsWith('/reviews') },
  { href: '/decisions', label: '审查意见库', match: (p) => p.startsWith('/decisions') },
  { href: '/rules', label: '规则', match: (p) => p.startsWith('/rules') },
  { href: '/cleanup', label: '专项清理', match: (p) => p.startsWith('/cleanup') },
  { href: '/desk', label: '审查台', match: (p) => p.startsWith('/desk') || p.startsWith('/meetings') },
  { href: '/reports', label: '工作报告', match: (p) => p.startsWith('/reports') },
  { href: '/admin/users', label: '用户', match: (p) => p.startsWith('/admin/users'), adminOnly: true },
  { href: '/admin/audit', label: '操作日志', match: (p) => p.startsWith('/admin/audit'), adminOnly: true },
  { href: '/admin/corpus', label: '本地法规', match: (p) => p.startsWith('/admin/corpus'), adminOnly: true },
  { href: '/admin/template', label: '文书版头', match: (p) => p.startsWith('/admin/template'), adminOnly: true },
];

export const Layout: FC<PropsWithChildren<{ viewer: Viewer; title: string; wide?: boolean; mainAttrs?: Record<string, string> }>> = ({ viewer, title, wide, mainAttrs, children }) => {
  const { user, csrf, path } = viewer;
  return (
    <Document title={title} csrf={csrf}>
      <a class="skip-link" href="#main">
        跳到正文
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          法护 <span>行政规范性文件预审</span>
        </a>
        {user ? (
          <nav aria-label="主导航">
            <ul>
              {NAV.filter((n) => !n.adminOnly || user.role === 'admin').map((n) => (
                <li>
                  <a href={n.href} aria-current={n.match(path) ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {user ? (
          <div class="who">
            <a class="who-name" href="/account" title="我的账号：修改密码、访问令牌">
              {user.displayName || user.name}
            </a>
            <span class="role-badge">{ROLE_LABELS[user.role]}</span>
            <form method="post" action="/logout" class="inline">
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit" class="btn btn-link">
                退出
              </button>
            </form>
          </div>
        ) : null}
      </header>
      <main id="main" tabindex={-1} class={wide ? 'wide' : undefined} {...(mainAttrs ?? {})}>
        {children}
      </main>
    </Document>
  );
};

/** A Chinese notice: error (role=alert), success or plain info. */
export const Notice: FC<{ kind?: 'error' | 'ok' | 'info'; message?: string | null | undefined; id?: string }> = ({ kind = 'info', message, id }) =>
  message ? (
    <p class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} id={id}>
      {message}
    </p>
  ) : null;

/** 上一页 / 第 n 页，共 m 页 / 下一页 — links keep the filters. */
export const Pager: FC<{ page: number; pageSize: number; total: number; href: (page: number) => string }> = ({ page, pageSize, total, href }) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p class="pager-info">共 {total} 条</p>;
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          上一页
        </a>
      ) : (
        <span class="disabled">上一页</span>
      )}
      <span class="pager-info">
        第 {page} 页，共 {pages} 页（{total} 条）
      </span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          下一页
        </a>
      ) : (
        <span class="disabled">下一页</span>
      )}
    </nav>
  );
};

/** Hidden CSRF field for forms. */
export const Csrf: FC<{ viewer: Viewer }> = ({ viewer }) => <input type="hidden" name="_csrf" value={viewer.csrf} />;
