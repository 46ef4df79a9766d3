import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { COLLECTOR_PORT, SITE_PORT } from './test/e2e/ports';

/**
 * Which Chromium runs the end-to-end tests: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
 * Playwright's own download (machines where `npx playwright install` works).
 */
function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright has no browser registry entry here.
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright finds it itself
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian: apt-get install -y chromium), ' +
      'or set CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium` where downloads work.',
  );
}


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
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        ...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []),
      ],
    },
  },
  webServer: {
    command: 'node demo/server.mjs',
    env: { SITE_PORT: String(SITE_PORT), COLLECTOR_PORT: String(COLLECTOR_PORT) },
    url: `http://127.0.0.1:${COLLECTOR_PORT}/__hits`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
