/**
 * 账号 (every signed-in user): /account shows the page; POST /account/password changes one's
 * own password after checking the current one (all sessions end, this one is renewed);
 * POST /account/tokens makes a token and shows it once; POST /account/tokens/:id/revoke;
 * POST /account/tokens/revoke-all (作废全部访问令牌).
 */
import { Hono } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import { isStoreError } from '../../store/types.js';
import { clientAddress, requireUser, SESSION_COOKIE, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { AccountPage, type AccountProps } from './account-page.js';
import { viewerOf } from '../kit/format.js';
import { formBody, page, str, type C } from '../kit/page-kit.js';

const NOTICES: Record<string, string> = { password: '密码已修改，其他已登录的会话均已退出，全部访问令牌已作废。', revoked: '已作废该访问令牌。', 'revoked-all': '已作废全部访问令牌。' };

export function accountRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.use('*', requireUser('page'));
  r.use('*', verifyCsrf);

  const show = async (c: C, status: 200 | 201 | 401 | 404 | 422 | 429 = 200, extra: Partial<AccountProps> = {}) => {
    const user = c.var.user!;
    const tokens = await c.var.deps.store.listApiTokens(user.id);
    const notice = status === 200 ? NOTICES[c.req.query('ok') ?? ''] : undefined;
    return page(c, <AccountPage viewer={viewerOf(c)} tokens={tokens} notice={notice} origin={new URL(c.req.url).origin} {...extra} />, status);
  };

  r.get('/', (c) => show(c));

  r.post('/password', async (c) => {
    const { store, sessionSecret } = c.var.deps;
    const user = c.var.user!;
    const body = await formBody(c);
    const check = await store.confirmPassword(user.id, str(body, 'current'), clientAddress(c));
    if (check.outcome === 'limited') return show(c, 429, { error: check.message });
    if (check.outcome === 'wrong') return show(c, 422, { error: '当前密码不正确' });
    if (str(body, 'password') !== str(body, 'password2')) return show(c, 422, { error: '两次输入的新密码不一致' });
    try {
      await store.setPassword(user.id, str(body, 'password'), user.id);
    } catch (e) {
      if (isStoreError(e)) return show(c, 422, { error: e.message });
      throw e;
    }
    // setPassword ended every session of the user: keep this browser signed in with a new one
    if (c.var.via === 'session' && (await getSignedCookie(c, sessionSecret, SESSION_COOKIE))) {
      const session = await store.createSession(user.id);
      await setSignedCookie(c, SESSION_COOKIE, session.token, sessionSecret, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.var.deps.secureCookies === true, expires: new Date(session.expiresAt) });
    }
    return c.redirect('/account?ok=password', 303);
  });

  r.post('/tokens', async (c) => {
    const user = c.var.user!;
    const name = str(await formBody(c), 'name');
    try {
      const { token } = await c.var.deps.store.createApiToken(user.id, name, user.id);
      return show(c, 201, { newToken: { name: name.trim(), token } });
    } catch (e) {
      if (isStoreError(e)) return show(c, 422, { error: e.message });
      throw e;
    }
  });

  r.post('/tokens/revoke-all', async (c) => {
    const user = c.var.user!;
    await c.var.deps.store.revokeAllApiTokens(user.id, user.id);
    return c.redirect('/account?ok=revoked-all', 303);
  });

  r.post('/tokens/:id/revoke', async (c) => {
    const user = c.var.user!;
    const id = Number(c.req.param('id'));
    try {
      if (!Number.isInteger(id) || id <= 0) return show(c, 404, { error: '没有这个访问令牌' });
      await c.var.deps.store.revokeApiToken(user.id, id, user.id);
    } catch (e) {
      if (isStoreError(e)) return show(c, 404, { error: e.message });
      throw e;
    }
    return c.redirect('/account?ok=revoked', 303);
  });

  return r;
}
