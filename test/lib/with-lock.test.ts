import { describe, expect, it, vi } from 'vitest';
import { withLock } from '../../src/lib/with-lock';

describe('withLock', () => {
  it('runs the task under the named lock, asking only if it is free', async () => {
    const request = vi.fn((_name: string, _options: object, run: (lock: object | null) => unknown) => Promise.resolve(run({})));
    vi.stubGlobal('navigator', { locks: { request } });
    const task = vi.fn(async () => {});
    await withLock('outbox', task);
    expect(task).toHaveBeenCalledOnce();
    expect(request.mock.calls[0].slice(0, 2)).toEqual(['outbox', { ifAvailable: true }]);
  });

  it('skips the task when another tab holds the lock', async () => {
    vi.stubGlobal('navigator', { locks: { request: (_n: string, _o: object, run: (lock: null) => unknown) => Promise.resolve(run(null)) } });
    const task = vi.fn(async () => {});
    await withLock('outbox', task);
    expect(task).not.toHaveBeenCalled();
  });

  it('runs unguarded without Web Locks, or when they throw; a refused request does not reject', async () => {
    vi.stubGlobal('navigator', {});
    const task = vi.fn(async () => {});
    await withLock('outbox', task);
    vi.stubGlobal('navigator', {
      locks: {
        request() {
          throw new Error('broken');
        },
      },
    });
    await withLock('outbox', task);
    expect(task).toHaveBeenCalledTimes(2);
    vi.stubGlobal('navigator', { locks: { request: () => Promise.reject(new DOMException('opaque origin', 'SecurityError')) } });
    await expect(withLock('outbox', task)).resolves.toBeUndefined();
    expect(task).toHaveBeenCalledTimes(2);
  });
});
