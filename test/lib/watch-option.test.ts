import { describe, expect, it, vi } from 'vitest';
import { watchOption } from '../../src/lib/watch-option';
import type { PluginContext } from '../../src/plugins';

describe('watchOption', () => {
  it('reads a changed option once; a refused one is said once and the last good settings kept; unset is the initial', () => {
    let value: unknown;
    const log = vi.fn();
    const read = vi.fn((given: unknown) => (typeof given == 'number' ? [given] : undefined));
    const current = watchOption({ options: () => ({ limit: value }), log } as unknown as PluginContext, 'limit', read, [0], 'a number');
    expect(current()).toEqual([0]);
    expect(log).not.toHaveBeenCalled();
    value = 5;
    expect(current()).toEqual([5]);
    expect(current()).toEqual([5]);
    expect(read).toHaveBeenCalledTimes(1);
    value = 'x';
    expect(current()).toEqual([5]);
    expect(current()).toEqual([5]);
    expect(log.mock.calls).toEqual([['config: ignored option limit (a number)', 'x']]);
  });
});
