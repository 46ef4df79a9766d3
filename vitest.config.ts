import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    // Playwright specs live in test/e2e and run under Playwright, not here.
    include: ['test/*.test.ts'],
    restoreMocks: true,
    // CI reads the counts from this report (see .ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/unit.json' }]] : ['default'],
    unstubGlobals: true,
  },
});
