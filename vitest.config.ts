import { defineConfig } from 'vitest/config';

// Three projects, run separately by `npm test`: pure unit tests, integration tests against real databases
// (PGlite always, PostgreSQL too when TEST_DATABASE_URL is set) and browser tests in Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // Two files at once on two cores: most of an integration test's time is spent waiting on another process
          // (PostgreSQL, a spawned server or worker, graph-sim), so two workers cut the run from ~10 to ~6 minutes.
          maxWorkers: 2,
          globalSetup: ['test/integration/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          // Two files at once: each has its own server, data and Chromium, and much of a browser test is waiting
          // (for a run, a page, a stream), so two cut the browser tests from ~600 s to ~250 s on two cores.
          maxWorkers: 2,
          // expect.poll waits for what a page shows; its 1 s default is shorter than a page may take while the other
          // file's server and browser share the two cores (a filter's re-render missed it once in CI).
          expect: { poll: { timeout: 10_000 } },
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
