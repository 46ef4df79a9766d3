import { beforeEach, describe, expect, it, vi } from 'vitest';

type Mt = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string };

beforeEach(() => {
  vi.resetModules();
  // Also for the page features of earlier tests, which keep watching the page for new slots.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url.includes('/dwc/')
        ? new Response('{"content":"<p id=\\"filled\\">Hi</p>"}', { status: 200 })
        : new Response('{"success":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 }),
    ),
  );
  delete page.mt;
  delete page.MauticTrackingObject;
  document.body.innerHTML = '<div class="mautic-slot" data-slot-name="hero">fallback</div>';
});

describe('dist/mt.full.js (src/global-full.ts)', () => {
  it('installs the script-tag tracker with the page features: a pageview fills the slots', async () => {
    page.MauticTrackingObject = 'mt';
    page.mt = Object.assign((...args: unknown[]) => void (page.mt!.q = page.mt!.q || []).push(args), {});
    page.mt('config', { url: 'https://mautic.example.com' });
    page.mt('send', 'pageview');
    await import('../src/global-full');
    await vi.waitFor(() => expect(document.querySelector('#filled')?.textContent).toBe('Hi'));
  });

  it('whatever goes wrong while installing stays out of the page', async () => {
    Object.defineProperty(window, 'MauticTrackingObject', {
      configurable: true,
      get() {
        throw new Error('hostile page');
      },
    });
    await expect(import('../src/global-full')).resolves.toBeDefined();
    delete page.MauticTrackingObject;
  });
});
