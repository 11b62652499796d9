/** Error pages in Chinese with a way back; used by app.ts (404, 500) and auth.ts (403, 429). */
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { viewerOf } from './format.js';
import { Document, Layout } from './layout.js';

const HEADINGS: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限',
  404: '找不到页面',
  409: '操作冲突',
  413: '文件太大',
  422: '无法处理',
  429: '操作太频繁',
  500: '服务出错',
};

export function ErrorBody(props: { status: number; message: string; signedIn: boolean }) {
  return (
    <section class="card error-card" data-status={String(props.status)}>
      <h1>
        {HEADINGS[props.status] ?? '出错了'} <span class="muted">（{props.status}）</span>
      </h1>
      <p role="alert" id="error-message">
        {props.message}
      </p>
      <p>
        {props.signedIn ? <a href="/">返回预审首页</a> : <a href="/login">前往登录</a>}
      </p>
    </section>
  );
}

export function errorPage(c: Context<AppEnv>, status: number, message: string): string | Promise<string> {
  const viewer = viewerOf(c);
  const title = HEADINGS[status] ?? '出错了';
  const page = viewer.user ? (
    <Layout viewer={viewer} title={title}>
      <ErrorBody status={status} message={message} signedIn />
    </Layout>
  ) : (
    <Document title={title}>
      <main id="main" class="login-main">
        <ErrorBody status={status} message={message} signedIn={false} />
      </main>
    </Document>
  );
  return page.toString();
}
