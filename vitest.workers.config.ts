/**
 * The tests that run inside workerd (@cloudflare/vitest-pool-workers), over the Worker of
 * wrangler.toml (D1, R2, the pre-check queue), here with two districts: fahu.test on DB and
 * nanxun.test on DB_NANXUN (src/workers/tenants.ts).
 */
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: { ADMIN_NAME: 'pooladmin', ADMIN_PASSWORD: 'pool-pass-123', SECURE_COOKIES: '0', DISTRICTS: 'fahu=DB,nanxun=DB_NANXUN' },
        d1Databases: ['DB', 'DB_NANXUN'],
      },
    }),
  ],
  test: { include: ['test/workers/*.workerd.ts'], globalSetup: ['test/workers/parity-setup.ts'], testTimeout: 60_000 },
});
