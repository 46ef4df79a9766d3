import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    // Scripts the code under test adds (focus items, slot content) are not fetched; counted as
    // loaded, so no "JavaScript file loading is disabled" stack trace in the output.
    environmentOptions: { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } } },
    // test/<module>.test.ts tests src/<module>.ts, test/lib/<helper>.test.ts src/lib/<helper>.ts
    // (test/structure.test.ts checks it). Playwright specs live in test/e2e and run under Playwright.
    include: ['test/*.test.ts', 'test/lib/*.test.ts'],
    restoreMocks: true,
    // CI reads the counts from this report (see .ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/unit.json' }]] : ['default'],
    unstubGlobals: true,
  },
});
