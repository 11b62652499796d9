/**
 * /assets/app.css and /assets/app.js from string modules: no file system at run time (Workers),
 * no CDN. Pages link them with ?v=ASSET_VERSION, so they can be cached for long; the ETag
 * answers revalidation.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { APP_CSS } from './app-css.js';
import { APP_JS } from './app-js.js';

/** FNV-1a, enough to tell two versions of a file apart. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const ASSETS: Record<string, { body: string; type: string; etag: string }> = {
  'app.css': { body: APP_CSS, type: 'text/css; charset=utf-8', etag: `"${fingerprint(APP_CSS)}"` },
  'app.js': { body: APP_JS, type: 'text/javascript; charset=utf-8', etag: `"${fingerprint(APP_JS)}"` },
};

export const ASSET_VERSION = fingerprint(APP_CSS + APP_JS);

export function assetRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/:name{app\\.(css|js)}', (c) => {
    const asset = ASSETS[c.req.param('name')];
    if (!asset) return c.notFound();
    const headers = {
      'Content-Type': asset.type,
      'Cache-Control': c.req.query('v') === ASSET_VERSION ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      ETag: asset.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, headers);
  });
  return r;
}
