// Which Chromium to drive (tests and benchmarks): $CHROMIUM_PATH, then Debian's /usr/bin/chromium,
// then Playwright's own download (machines where `npx playwright install` works).
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** The executable path to launch, or undefined when Playwright's own browser is there. Throws when none is. */
export function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright has no browser of its own here.
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    'No Chromium found. Install one (Debian: apt-get install -y chromium), set CHROMIUM_PATH to a ' +
      'Chromium binary, or run `npx playwright install chromium` where downloads work.',
  );
}

/** Launch options: quiet offline (no background traffic), sandbox off when running as root. */
export function chromiumLaunchOptions() {
  return {
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
}
