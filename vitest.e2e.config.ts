import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the web host, Debian's Chromium and Kamailio on loopback.
 * Run through `npm run test:e2e`, which wraps them in a loopback-only network namespace.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
