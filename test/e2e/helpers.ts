import { expect, test, type Page } from '@playwright/test';
import { COLLECTOR_PORT, SITE_PORT } from './ports';

/** The demo site's origin: where tracked pages live. */
export const SITE = `http://127.0.0.1:${SITE_PORT}`;
/** The site again, but as the collector's own site (like a Mautic on a subdomain): its cookies are first-party. */
export const SAME_SITE = `http://localhost:${SITE_PORT}`;
/** The collector's origin: plays the Mautic server, on another site than the page (cookies are third-party). */
export const COLLECTOR = `http://localhost:${COLLECTOR_PORT}`;

/** A hit as the collector recorded it. */
export interface ReceivedHit {
  seq: number;
  transport: 'cors' | 'pixel';
  answered: number | string;
  origin: string | null;
  contentType: string | null;
  requestedWith: string | null;
  cookies: Record<string, string>;
  pairs: [string, string][];
  params: Record<string, string>;
  deviceId?: string;
  contactId?: number;
}

export async function resetCollector(): Promise<void> {
  await fetch(`${COLLECTOR}/__reset`, { method: 'POST' });
}

/** Makes the collector misbehave: see NORMAL_MODE in demo/collector.mjs. */
export async function setMode(mode: Record<string, unknown>): Promise<void> {
  await fetch(`${COLLECTOR}/__mode`, { method: 'POST', body: JSON.stringify(mode) });
}

export async function received(): Promise<ReceivedHit[]> {
  return (await fetch(`${COLLECTOR}/__hits`)).json();
}

export async function requestsTo(path: string): Promise<{ method: string; path: string }[]> {
  const all: { method: string; path: string }[] = await (await fetch(`${COLLECTOR}/__requests`)).json();
  return all.filter((request) => request.path === path);
}

/** Waits until the collector has received `count` hits, and returns them. */
export async function waitForHits(count: number, timeout = 8000): Promise<ReceivedHit[]> {
  let hits: ReceivedHit[] = [];
  await expect
    .poll(async () => (hits = await received()).length, { timeout, message: `collector should receive ${count} hits` })
    .toBeGreaterThanOrEqual(count);
  return hits;
}

/** Waits a little longer and checks that no more than `count` hits arrived (nothing sent twice). */
export async function expectExactly(count: number, settleMs = 600): Promise<ReceivedHit[]> {
  await waitForHits(count);
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const hits = await received();
  expect(hits, 'hits received').toHaveLength(count);
  return hits;
}

/**
 * Opens a fixture page (see demo/site.mjs). `script` runs right after the snippet, before the bundle
 * loads; it may use `record(name)` to collect callback details into `window.results`.
 */
export async function openFixture(page: Page, options: Record<string, string> = {}, site = SITE): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { results: unknown[]; record: (name: string) => object };
    w.results = [];
    w.record = (name: string) => ({
      onload: (detail: unknown) => w.results.push({ name, callback: 'onload', detail }),
      onerror: (detail: unknown) => w.results.push({ name, callback: 'onerror', detail }),
    });
  });
  await page.goto(`${site}/fixture?${new URLSearchParams(options)}`);
}

export interface CallbackResult {
  name: string;
  callback: 'onload' | 'onerror';
  detail: {
    ok: boolean;
    type: string;
    transport: string;
    status?: number;
    reason?: string;
    response?: Record<string, unknown>;
    params: Record<string, string>;
    duplicate?: boolean;
  };
}

/** Waits until `count` callbacks have run on the page, and returns them. */
export async function callbacks(page: Page, count: number, timeout = 8000): Promise<CallbackResult[]> {
  await page.waitForFunction((n) => (window as unknown as { results: unknown[] }).results.length >= n, count, { timeout });
  return page.evaluate(() => (window as unknown as { results: CallbackResult[] }).results);
}

/** Hits the server recorded (answered 200 by CORS or pixel), by their `n` param. */
export function recorded(hits: ReceivedHit[]): string[] {
  return hits.filter((hit) => hit.answered === 200).map((hit) => hit.params.n ?? `pageview#${hit.params.counter}`);
}

/** Every `n` recorded exactly once: the per-scenario "sent / received / duplicated" the notes report. */
export function expectEachOnce(hits: ReceivedHit[], expected: string[]): void {
  const got = recorded(hits);
  const duplicated = got.filter((n, i) => got.indexOf(n) !== i);
  test.info().annotations.push({
    type: 'delivery',
    description: `sent ${expected.length}, received ${new Set(got).size} (${hits.length} requests), duplicated ${duplicated.length}`,
  });
  expect(duplicated, 'duplicates').toEqual([]);
  expect([...got].sort()).toEqual([...expected].sort());
}

export async function storedOutbox(page: Page): Promise<{ length: number; bytes: number }> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('mautic_tracker_outbox') || '';
    return { length: raw ? JSON.parse(raw).length : 0, bytes: raw.length };
  });
}

/**
 * The strictest policy a site may set for us ({{COLLECTOR}} is the Mautic origin): scripts only from
 * the site and Mautic, requests only to Mautic, Trusted Types enforced with our one policy.
 */
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self' {{COLLECTOR}}",
  'connect-src {{COLLECTOR}}',
  'img-src {{COLLECTOR}}',
  "require-trusted-types-for 'script'",
  'trusted-types mautic-tracker',
].join('; ');

/** Collects CSP and Trusted Types violations (events and console reports); call the result to read them. */
export async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted Type/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    (window as any).violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [...violations, ...(await page.evaluate(() => (window as any).violations as string[]))];
}
