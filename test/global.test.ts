import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { INTERNAL_PROPERTIES } from '../rollup.config.mjs';

type Mt = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string };

beforeEach(() => {
  vi.resetModules();
  delete page.mt;
  delete page.MauticTrackingObject;
  document.body.innerHTML = '<div class="mautic-slot" data-slot-name="hero">fallback</div>';
});

describe('dist/mt.js (src/global.ts)', () => {
  it('installs the script-tag tracker, without page features', async () => {
    const fetchMock = vi.fn(async () => new Response('{"success":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    page.MauticTrackingObject = 'mt';
    page.mt = Object.assign((...args: unknown[]) => void (page.mt!.q = page.mt!.q || []).push(args), {});
    page.mt('config', { url: 'https://mautic.example.com' });
    page.mt('send', 'pageview');
    await import('../src/global');
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One POST, and no dynamic-content request: mt.js carries no page features.
    expect(fetchMock.mock.calls.map(([url]) => new URL(String(url)).pathname)).toEqual(['/mtc/event']);
    expect(document.querySelector('.mautic-slot')!.textContent).toBe('fallback');
  });

  it('whatever goes wrong while installing stays out of the page', async () => {
    Object.defineProperty(window, 'MauticTrackingObject', {
      configurable: true,
      get() {
        throw new Error('hostile page');
      },
    });
    await expect(import('../src/global')).resolves.toBeDefined();
    delete page.MauticTrackingObject;
  });

  it('is built without what only the npm API needs, and with the internal property names shortened', () => {
    const built = readFileSync('dist/mt.js', 'utf8'); // npm run build first
    // SCRIPT_TAG: no server-rendering guards, no destroy(), no npm promises.
    expect(built).not.toMatch(/typeof (document|location)\b/);
    expect(built).not.toContain('destroyed');
    expect(built).not.toContain('name refused');
    for (const name of INTERNAL_PROPERTIES) expect(built, name).not.toMatch(new RegExp(`[.,{]${name}\\b`));
  });
});
