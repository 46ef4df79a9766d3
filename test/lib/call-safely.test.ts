import { afterEach, describe, expect, it, vi } from 'vitest';
import { callSafely } from '../../src/lib/call-safely';

afterEach(() => {
  vi.useRealTimers();
});

describe('callSafely', () => {
  it('calls the named function with the argument', () => {
    const onload = vi.fn();
    callSafely({ onload }, 'onload', 42);
    expect(onload).toHaveBeenCalledWith(42);
  });

  it('does nothing for a missing name, a value that is no function, or a getter that throws', () => {
    const hostile = Object.defineProperty({}, 'onload', {
      get() {
        throw new Error('trap');
      },
    });
    expect(() => callSafely({}, 'onload', 1)).not.toThrow();
    expect(() => callSafely({ onload: 'text' }, 'onload', 1)).not.toThrow();
    expect(() => callSafely(hostile, 'onload', 1)).not.toThrow();
  });

  it('keeps what the function throws out of the caller, and throws it again on a task of its own', () => {
    vi.useFakeTimers();
    expect(() =>
      callSafely(
        {
          onerror() {
            throw new Error('host bug');
          },
        },
        'onerror',
        1,
      ),
    ).not.toThrow();
    expect(() => vi.runAllTimers()).toThrow('host bug');
  });
});
