import { defineConfig } from 'vitest/config';

/**
 * Resilience tests (issue 8): Kamailio restarts, SIGKILLed services, message and call
 * bursts, the loopback link going down. Long-running, one file at a time. Run through
 * `npm run test:resilience`, which wraps them in a loopback-only network namespace.
 */
export default defineConfig({
  test: {
    include: ['test/resilience/**/*.resilience.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
