/**
 * The rules page (everyone reads it; the admin sets the default packs) and the admin's pages:
 * users and the audit log. Plain forms with `_csrf`; the store checks every change.
 */
import { Hono } from 'hono';
import { setDefaultPacks, defaultPacks } from '../../review/packs.js';
import { isStoreError } from '../../store/types.js';
import { requireRole, requireUser, verifyCsrf } from '../auth.js';
import type { AppEnv } from '../env.js';
import { formBody, listField, page, refusal, STORE_STATUS, str, type Body, type C } from '../kit/page-kit.js';
import { viewerOf } from '../kit/format.js';
import { AuditPage } from './audit-page.js';
import { PurgePage } from './purge-page.js';
import { DeskStore } from '../../desk/desk-store.js';
import { CleanupStore } from '../../cleanup/cleanup-store.js';
import { RulesPage } from './rules-page.js';
import { UsersPage, type NewUserValues } from './users-page.js';

const messageOf = (e: unknown): string => refusal(e).message;

const USER_NOTICES: Record<string, string> = { created: '已添加用户。', role: '已修改角色。', disabled: '已停用该用户，其登录会话已结束。', enabled: '已启用该用户。' };

const signedIn = requireUser('page');
const admin = requireRole(['admin'], 'page');
const store = (c: C) => c.var.deps.store;

function rulesRoutes(r: Hono<AppEnv>): void {
  // ---- 规则

  const rulesPage = async (c: C, status: 200 | 422 = 200, error?: string) => {
    const enabled = await defaultPacks(store(c), c.var.deps.ruleSet);
    const notice = status === 200 && c.req.query('ok') === 'packs' ? '已保存默认启用的规则包。' : undefined;
    return page(c, <RulesPage viewer={viewerOf(c)} ruleSet={c.var.deps.ruleSet} enabledPacks={enabled} notice={notice} error={error} />, status);
  };

  r.get('/rules', signedIn, (c) => rulesPage(c));

  r.post('/rules/packs', admin, verifyCsrf, async (c) => {
    try {
      await setDefaultPacks(store(c), c.var.deps.ruleSet, listField(await formBody(c), 'packs') ?? [], c.var.user!.id);
    } catch (e) {
      return rulesPage(c, 422, messageOf(e));
    }
    return c.redirect('/rules?ok=packs', 303);
  });
}

function userRoutes(r: Hono<AppEnv>): void {
  // ---- 管理员: 用户, 操作日志

  const usersPage = async (c: C, status: 200 | 403 | 404 | 409 | 422 = 200, error?: string, values?: NewUserValues) => {
    const notice = USER_NOTICES[c.req.query('ok') ?? ''];
    return page(c, <UsersPage viewer={viewerOf(c)} users={await store(c).listUsers()} notice={status === 200 ? notice : undefined} error={error} values={values ?? {}} />, status);
  };

  r.get('/admin/users', admin, (c) => usersPage(c));

  r.post('/admin/users', admin, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const values = { name: str(body, 'name'), displayName: str(body, 'displayName'), role: str(body, 'role') || 'reviewer' };
    try {
      await store(c).createUser({ ...values, displayName: values.displayName || undefined, role: values.role as never, password: str(body, 'password') }, c.var.user!.id);
    } catch (e) {
      return usersPage(c, isStoreError(e) ? STORE_STATUS[e.code] : 422, messageOf(e), values);
    }
    return c.redirect('/admin/users?ok=created', 303);
  });

  const userAction = (apply: (c: C, userId: number, body: Body) => Promise<string>) => async (c: C) => {
    const userId = Number.parseInt(c.req.param('id') ?? '', 10);
    if (!Number.isInteger(userId)) return usersPage(c, 404, '没有这个用户');
    try {
      const ok = await apply(c, userId, await formBody(c));
      return c.redirect(`/admin/users?ok=${ok}`, 303);
    } catch (e) {
      return usersPage(c, isStoreError(e) ? STORE_STATUS[e.code] : 422, messageOf(e));
    }
  };

  r.post(
    '/admin/users/:id/role',
    admin,
    verifyCsrf,
    userAction(async (c, id, body) => {
      await store(c).setRole(id, str(body, 'role') as never, c.var.user!.id);
      return 'role';
    }),
  );

  r.post(
    '/admin/users/:id/disabled',
    admin,
    verifyCsrf,
    userAction(async (c, id, body) => {
      const disabled = str(body, 'disabled') === '1';
      await store(c).setDisabled(id, disabled, c.var.user!.id);
      return disabled ? 'disabled' : 'enabled';
    }),
  );

  r.get('/admin/purge', admin, (c) => page(c, <PurgePage viewer={viewerOf(c)} />));

  r.post('/admin/purge', admin, verifyCsrf, async (c) => {
    const body = await formBody(c);
    const days = str(body, 'olderThanDays');
    try {
      const input = { olderThanDays: days as never, confirm: str(body, 'confirm') };
      const cleanup = await new CleanupStore(store(c)).purgeVoided(input, c.var.user!.id);
      const done = await new DeskStore(store(c)).purgeVoided(input, c.var.user!.id);
      const notice = `已永久删除作废满 ${days} 天的审查记录 ${done.reviews} 件、送审件 ${done.requests} 件、专项清理 ${cleanup.campaigns} 个、清单文件 ${cleanup.items} 份，已记入操作日志。`;
      return page(c, <PurgePage viewer={viewerOf(c)} days={days} notice={notice} />);
    } catch (e) {
      const x = refusal(e);
      return page(c, <PurgePage viewer={viewerOf(c)} days={days} error={x.message} />, x.status);
    }
  });

  const ruleTitles = (c: C) => new Map((c.var.deps.ruleSet?.rules ?? []).map((x) => [x.rule.id, x.rule.title] as [string, string]));
  r.get('/admin/audit', admin, async (c) => {
    const action = c.req.query('action') || undefined;
    try {
      const result = await store(c).listAudit(c.var.user!.id, { action, page: c.req.query('page') as never });
      return page(c, <AuditPage viewer={viewerOf(c)} page={result} action={action} ruleTitles={ruleTitles(c)} />);
    } catch (e) {
      if (!isStoreError(e) || e.code !== 'INVALID') throw e;
      return page(c, <AuditPage viewer={viewerOf(c)} page={{ items: [], total: 0, page: 1, pageSize: 50 }} action={action} error={e.message} />, 422);
    }
  });
}

export function adminPageRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  rulesRoutes(r);
  userRoutes(r);
  return r;
}
