import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleOnce } from '../src/callbacks';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const params = { page_url: 'https://site.example/' };

describe('settleOnce', () => {
  it('runs onload once for a recorded hit, with the full detail', () => {
    const onload = vi.fn();
    const onerror = vi.fn();
    const done = vi.fn();
    const settle = settleOnce('pageview', { onload, onerror }, 3000, params, done);
    settleOnce('event', {}, 3000, params, done)({ ok: false, transport: 'cors', reason: 'failed', queued: true }, params);
    expect(done).toHaveBeenCalledWith('event failed, kept to send later', expect.objectContaining({ reason: 'failed' }));
    done.mockClear();
    settle({ ok: true, transport: 'cors', status: 200, response: { success: 1 } }, params);
    settle({ ok: false, transport: 'pixel', reason: 'failed' }, params);
    vi.advanceTimersByTime(5000);
    expect(onload).toHaveBeenCalledTimes(1);
    expect(onload).toHaveBeenCalledWith({
      ok: true,
      type: 'pageview',
      transport: 'cors',
      status: 200,
      response: { success: 1 },
      params,
    });
    expect(onerror).not.toHaveBeenCalled();
    expect(done).toHaveBeenCalledTimes(1);
    expect(done.mock.calls[0][0]).toBe('pageview delivered');
  });

  it('runs onerror with reason timeout when nothing settles in time, and ignores a late answer', () => {
    const onload = vi.fn();
    const onerror = vi.fn();
    const settle = settleOnce('event', { onload, onerror }, 1500, params, () => {});
    vi.advanceTimersByTime(1499);
    expect(onerror).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onerror).toHaveBeenCalledWith({ ok: false, type: 'event', transport: 'none', reason: 'timeout', params });
    settle({ ok: true, transport: 'cors', status: 200 }, params);
    expect(onload).not.toHaveBeenCalled();
  });

  it('marks a duplicate', () => {
    const onload = vi.fn();
    settleOnce('pageview', { onload }, 3000, params, () => {})({ ok: true, transport: 'cors' }, params, true);
    expect(onload.mock.calls[0][0].duplicate).toBe(true);
  });

  it('keeps a throwing callback’s error inside it, reporting it on a later task', () => {
    const after = vi.fn();
    const settle = settleOnce('pageview', { onload: () => { throw new Error('host bug'); } }, 3000, params, after);
    expect(() => settle({ ok: true, transport: 'cors' }, params)).not.toThrow();
    expect(after).toHaveBeenCalled();
    expect(() => vi.runAllTimers()).toThrow('host bug');
  });

  it('is content with no callbacks at all', () => {
    const settle = settleOnce('pageview', {}, 3000, params, () => {});
    expect(() => settle({ ok: false, transport: 'none', reason: 'failed' }, params)).not.toThrow();
  });
});
