import { describe, expect, it, vi } from 'vitest';
import { usePlugins, type CoreParts } from '../src/plugins';
import type { TrackerOptions } from '../src/types';

const parts: CoreParts = {
  options: () => ({ url: 'https://mautic.example.com', timeout: 3000 }) as Required<TrackerOptions>,
  deviceId: () => 'device',
  remember: () => {},
  log: () => {},
  track: () => {},
  consented: () => true,
};

describe('usePlugins', () => {
  it('makes each plugin once, with a context lent by the core (its base URL from the options)', () => {
    const made = vi.fn(() => ({}));
    usePlugins([made])(parts);
    expect(made).toHaveBeenCalledOnce();
    const [context] = made.mock.calls[0] as unknown as [Parameters<Parameters<typeof usePlugins>[0][0]>[0]];
    expect(context.base()).toBe('https://mautic.example.com');
    expect(context.deviceId()).toBe('device');
    expect(context.options().timeout).toBe(3000);
  });

  it('calls the hooks each plugin has, in the order given', () => {
    const order: string[] = [];
    const hooks = usePlugins([
      () => ({ hit: (type) => void order.push('first ' + type) }),
      () => ({
        hit: (type) => void order.push('second ' + type),
        delivered: (outcome) => void order.push('second delivered ' + outcome.ok),
      }),
    ])(parts);
    hooks.hit!('pageview', {});
    hooks.delivered!({ ok: true, transport: 'cors' }, {});
    expect(order).toEqual(['first pageview', 'second pageview', 'second delivered true']);
  });

  it('without plugins, the hooks do nothing', () => {
    const hooks = usePlugins([])(parts);
    expect(() => hooks.delivered!({ ok: false, transport: 'none' }, {})).not.toThrow();
  });

  it('destroying the extension aborts the plugins\' signal and calls their destroy', () => {
    let signal: AbortSignal | undefined;
    const destroyed = vi.fn();
    const hooks = usePlugins([(context) => ((signal = context.signal), { destroy: destroyed })])(parts);
    expect(signal!.aborted).toBe(false);
    hooks.destroy!();
    expect(signal!.aborted).toBe(true);
    expect(destroyed).toHaveBeenCalledOnce();
  });

  it('a plugin that throws, when made or in a hook, costs only itself: the others run, nothing is thrown, debug mode says so', () => {
    const log = vi.fn();
    const order: string[] = [];
    const hooks = usePlugins([
      () => {
        throw new Error('made');
      },
      () => ({
        hit: () => {
          throw new Error('hit');
        },
        delivered: () => {
          throw new Error('delivered');
        },
      }),
      () => ({ hit: (type) => void order.push(type), delivered: () => void order.push('delivered') }),
    ])({ ...parts, log });
    expect(() => hooks.hit!('pageview', {})).not.toThrow();
    expect(() => hooks.delivered!({ ok: true, transport: 'cors' }, {})).not.toThrow();
    expect(() => hooks.destroy!()).not.toThrow();
    expect(order).toEqual(['pageview', 'delivered']);
    expect(log.mock.calls.map(([line, error]) => line + ': ' + (error as Error).message)).toEqual(['plugin failed: made', 'plugin failed: hit', 'plugin failed: delivered']);
  });
});
