import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // nodejieba's dictionary takes ~1 s and 250 MB to load: share it across test files
    isolate: false,
    pool: 'forks',
    testTimeout: 30_000,
  },
});
