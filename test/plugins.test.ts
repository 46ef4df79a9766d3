import { describe, expect, it, vi } from 'vitest';
import { createPlugins, type PluginContext } from '../src/plugins';

const context = { log: () => {} } as unknown as PluginContext;

describe('plugins', () => {
  it('makes each plugin with the tracker’s context, and calls the hooks each has, in the order added', () => {
    const order: string[] = [];
    const plugins = createPlugins(context);
    const made = vi.fn(() => ({ hit: (type: string) => void order.push('first ' + type) }));
    plugins.use(made);
    plugins.use(() => ({
      hit: (type) => void order.push('second ' + type),
      delivered: (outcome) => void order.push('second delivered ' + outcome.ok),
    }));
    expect(made).toHaveBeenCalledWith(context);
    plugins.call('hit', 'pageview', {});
    plugins.call('delivered', { ok: true, transport: 'cors' }, {});
    expect(order).toEqual(['first pageview', 'second pageview', 'second delivered true']);
  });

  it('without plugins, a call does nothing', () => {
    expect(() => createPlugins(context).call('delivered', { ok: false, transport: 'none' }, {})).not.toThrow();
  });
});
