/**
 * Headers on every response of the app (pages, API, assets, errors, /health):
 *   Content-Security-Policy  only our own script and stylesheet (no inline script, no eval),
 *                            the decision pages' one <style> by its hash, style="" attributes
 *                            (a few layout widths; CSP Level 3 style-src-attr, Chromium ≥ 75),
 *                            data: images (the empty favicon), forms posting only to us, no
 *                            <base>, no plugins, and no framing (frame-ancestors 'none');
 *   X-Frame-Options DENY     the same for browsers that predate frame-ancestors;
 *   Referrer-Policy same-origin, X-Content-Type-Options nosniff.
 * Set after the handler, so a route's own value (e.g. a download's nosniff) stays, and errors
 * answered by onError / notFound get them too.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** The Content-Security-Policy value for pages whose only inline <style> texts are `inlineStyles` (each allowed by its hash). */
export function contentSecurityPolicy(inlineStyles: readonly string[]): Promise<string> {
  return Promise.all(inlineStyles.map(sha256Base64)).then((hashes) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      `style-src 'self' ${hashes.map((h) => `'sha256-${h}'`).join(' ')}`,
      "style-src-attr 'unsafe-inline'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
}

/** The middleware; the app hands in the features' inline styles (the kit imports no feature). */
export function securityHeaders(inlineStyles: readonly string[]): MiddlewareHandler<AppEnv> {
  const policy = contentSecurityPolicy(inlineStyles);
  return async (c, next) => {
    const csp = await policy;
    await next();
    const h = c.res.headers;
    const set = (name: string, value: string) => {
      if (!h.has(name)) h.set(name, value);
    };
    set('Content-Security-Policy', csp);
    set('X-Frame-Options', 'DENY');
    set('Referrer-Policy', 'same-origin');
    set('X-Content-Type-Options', 'nosniff');
  };
}
