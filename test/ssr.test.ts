// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

describe('server-side rendering', () => {
  it('creating a tracker and sending without a browser neither throws nor touches globals', async () => {
    expect(typeof window).toBe('undefined');
    const { createTracker } = await import('../src/index');
    const tracker = createTracker({ url: 'https://mautic.example.com' });
    await expect(tracker.pageview()).resolves.toMatchObject({ ok: false, reason: 'unsupported' });
    await expect(tracker.event('c', 'a')).resolves.toMatchObject({ reason: 'unsupported' });
    // No registry on the server: each request's render makes its own tracker.
    expect(createTracker({ url: 'https://mautic.example.com' })).not.toBe(tracker);
  });

  it('the built ESM and CJS entries import in Node without a DOM', async () => {
    expect(existsSync('dist/index.js'), 'run npm run build first').toBe(true);
    const esm = await import('../dist/index.js');
    const cjs = createRequire(import.meta.url)('../dist/index.cjs');
    expect(typeof esm.createTracker).toBe('function');
    expect(typeof cjs.createTracker).toBe('function');
    await expect(cjs.createTracker({ url: 'https://m.example' }).pageview()).resolves.toMatchObject({ reason: 'unsupported' });
  });

  it('without a page, only an absolute http(s) url is taken (nothing to resolve a path against)', async () => {
    const { createCore } = await import('../src/tracker');
    const { usePlugins } = await import('../src/plugins');
    const base = (url: string) => {
      let context: { base(): string } | undefined;
      createCore({ url }, usePlugins([(given) => ((context = given), {})]));
      return context!.base();
    };
    expect(base('/mautic')).toBe('');
    expect(base('./mautic')).toBe('');
    expect(base('javascript:alert(1)')).toBe('');
    expect(base('http://mautic.example.com/')).toBe('http://mautic.example.com');
    expect(base('https://mautic.example.com/m/')).toBe('https://mautic.example.com/m');
  });
});
