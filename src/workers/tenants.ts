/**
 * Tenancy on Workers: one D1 per district (区县), chosen by the request's host name. One Worker
 * serves a whole city or province with the same code, rules and seed library; each district's
 * accounts, roles, reviews, desk, cleanup campaigns and audit log live in its own D1, so no
 * query can show one district's records to another (nothing to filter, nothing to forget), each
 * district has D1's per-database size and throughput to itself, and a district's data is
 * exported or removed by its database. Originals go to one R2 bucket under the district's
 * prefix (`<code>/originals/<sha256>`).
 *
 * Configuration (wrangler.toml): DISTRICTS = "wuxing=DB_WUXING,nanxun=DB_NANXUN" maps the first
 * label of the host (wuxing.fahu.example.cn) to a D1 binding. Without DISTRICTS the Worker is one
 * tenant on the binding DB (a single district, as on Node).
 */
import type { D1DatabaseLike } from '../store/d1-driver.js';

export interface Tenant {
  /** The district's code ('' for the single tenant). */
  code: string;
  db: D1DatabaseLike;
  /** The R2 key prefix of its originals. */
  prefix: string;
}

const CODE = /^[a-z0-9-]{1,40}$/;

/** Every configured tenant; a DISTRICTS entry naming no D1 binding is a configuration error. */
export function allTenants(env: Record<string, unknown>): Tenant[] {
  const spec = typeof env.DISTRICTS === 'string' ? env.DISTRICTS.trim() : '';
  if (!spec) {
    const db = env.DB as D1DatabaseLike | undefined;
    if (!db) throw new Error('wrangler.toml 中没有 D1 绑定 DB');
    return [{ code: '', db, prefix: '' }];
  }
  return spec.split(',').map((entry) => {
    const [code = '', binding = ''] = entry.split('=').map((s) => s.trim());
    const db = env[binding] as D1DatabaseLike | undefined;
    if (!CODE.test(code) || !db || typeof db.prepare !== 'function') throw new Error(`DISTRICTS 中的“${entry}”无效：应为 区县代码=D1绑定名，且该 D1 已在 wrangler.toml 中绑定`);
    return { code, db, prefix: `${code}/` };
  });
}

/** The tenant a request is for (the first label of its host), or null when no district has that name. */
export function tenantFor(url: URL, env: Record<string, unknown>): Tenant | null {
  const tenants = allTenants(env);
  if (tenants.length === 1 && tenants[0]?.code === '') return tenants[0];
  const label = url.hostname.split('.')[0] ?? '';
  return tenants.find((t) => t.code === label) ?? null;
}

/** The page for a host that names no district. */
export function unknownDistrict(url: URL): Response {
  const host = url.hostname.replace(/[<>&"]/g, '');
  return new Response(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>没有这个区县</title><p>地址 ${host} 不对应任何已开通的区县。请使用本区县的法护地址，或联系市级管理员。</p></html>`, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}
