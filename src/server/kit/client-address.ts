/**
 * The client's address, for rate limiting and the audit log. Each header counts only where the
 * party that sets it stands in front and overwrites it:
 *   Cloudflare Workers  CF-Connecting-IP (Cloudflare sets it on every request)
 *   Node + TRUST_PROXY  the first X-Forwarded-For address (a reverse proxy that overwrites it)
 *   Node                the socket's address (@hono/node-server passes the request as c.env.incoming)
 * Anyone can send either header to a bare Node server, so there both are ignored.
 */
import type { Context } from 'hono';
import type { AddressSource, AppEnv } from '../env.js';

/** Where the app runs when the adapter did not say: Workers identify themselves in navigator.userAgent. */
export function defaultAddressSource(): AddressSource {
  const ua = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return ua === 'Cloudflare-Workers' ? 'cloudflare' : 'socket';
}

/** A header value that looks like one IPv4 or IPv6 address (anything else is not used). */
function plausibleAddress(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s && s.length <= 45 && /^[0-9A-Fa-f.:]+$/.test(s) ? s : undefined;
}

export function clientAddress(c: Context<AppEnv>): string {
  const deps = c.var.deps;
  if ((deps.addressSource ?? defaultAddressSource()) === 'cloudflare') {
    return plausibleAddress(c.req.header('cf-connecting-ip')) ?? 'unknown';
  }
  if (deps.trustProxy) {
    const forwarded = plausibleAddress(c.req.header('x-forwarded-for')?.split(',')[0]);
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
