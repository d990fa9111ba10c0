import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Type tests (`expectTypeOf`, `@ts-expect-error`) in test/types, checked by tsc as part of every run; a type
    // error there fails the run. Their own tsconfig keeps the check to those files and what they import.
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/types/tsconfig.json',
    },
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
