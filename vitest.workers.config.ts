/** The tests that run inside workerd (@cloudflare/vitest-pool-workers), over the Worker of wrangler.toml. */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { ADMIN_NAME: 'pooladmin', ADMIN_PASSWORD: 'pool-pass-123', SECURE_COOKIES: '0' } } })],
  test: { include: ['test/workers/*.workerd.ts'], testTimeout: 60_000 },
});
