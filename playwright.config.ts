import { defineConfig } from '@playwright/test';
import { launchOptions } from './test/e2e/chromium';
import { COLLECTOR_PORT, SECOND_SITE_PORT, SITE_PORT } from './test/e2e/ports';

export default defineConfig({
  testDir: 'test/e2e',
  // One collector records every hit: tests run one at a time and reset it first.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : 'list',
  use: {
    headless: true,
    launchOptions,
  },
  webServer: {
    command: 'node demo/server.mjs',
    env: {
      SITE_PORT: String(SITE_PORT),
      COLLECTOR_PORT: String(COLLECTOR_PORT),
      // contact.spec.ts: two sites under their own host names (Chromium maps *.test to 127.0.0.1).
      SECOND_SITE_PORT: String(SECOND_SITE_PORT),
      EXTRA_ORIGINS: `http://site-a.test:${SITE_PORT},http://site-b.test:${SECOND_SITE_PORT}`,
    },
    url: `http://localhost:${COLLECTOR_PORT}/__hits`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
