import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the CLI and browser suites start processes, which a loaded 2-core machine can slow several-fold.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration suites bind loopback ports and share one Redis: files run in parallel, tests inside a file do not.
    pool: 'forks',
    // `npm run coverage`: in-process code only; the CLI and servers started as child processes are not counted.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.d.ts', 'src/examples/**'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
    },
  },
});
