import type { LaunchOptions } from '@playwright/test';
// One place decides which Chromium runs and how (tests and `npm run bench` alike).
import { chromiumLaunchOptions } from '../../scripts/find-chromium.mjs';

/** Launch options of every test: quiet offline (no background traffic), and sandbox off as root. */
export const launchOptions: LaunchOptions = chromiumLaunchOptions();
