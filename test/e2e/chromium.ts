import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/**
 * Which Chromium runs the end-to-end tests: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then
 * Playwright's own download (machines where `npx playwright install` works). Fails with a clear
 * message when there is none.
 */
export function findChromium(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright has no browser of its own here.
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright finds it itself
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one (Debian: apt-get install -y chromium), ' +
      'or set CHROMIUM_PATH to a Chromium binary, or run `npx playwright install chromium` where downloads work.',
  );
}

/** Launch options of every test: quiet offline (no background traffic), and sandbox off as root. */
export const launchOptions: LaunchOptions = {
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
};
