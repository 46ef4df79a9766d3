import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRetry } from '../src/outbox-retry';
import { createOutboxStore } from '../src/outbox-store';
import { unsent, type Outcome } from '../src/response';
import type { Hit } from '../src/hit';
import { storageArea, type StorageArea } from '../src/lib/storage-area';

let serial = 0;
let area: StorageArea;
const hit = (done?: Hit['done']): Hit => ({ id: 'h' + serial++, type: 'event', at: Date.now(), params: { n: String(serial), mautic_device_id: '' }, done });
const stored = (): Hit[] => JSON.parse(area.get('retry') || '[]');

/** A retry policy over a memory store; `requeued` collects what replays hand back. */
function retry(deviceId = () => 'device0000000000000001' as string | undefined) {
  const store = createOutboxStore('retry', () => area, () => {});
  const requeued: Hit[][] = [];
  return { store, requeued, policy: createRetry(store, 'test-retry-lock', deviceId, (claimed) => requeued.push(claimed)) };
}

const FAILED: Outcome = { ok: false, transport: 'pixel', status: 500, reason: 'failed' };

beforeEach(() => {
  area = storageArea('none');
  vi.useFakeTimers();
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keeping hits for later', () => {
  it('a real attempt counts and backs off; the caller hears it is queued, with the params it went out with', () => {
    const { policy } = retry();
    const done = vi.fn();
    const kept = hit(done);
    policy.keep([kept], FAILED, { sent: 'params' });
    expect(stored()[0]).toMatchObject({ id: kept.id, tries: 1 });
    expect(stored()[0].due! - Date.now()).toBeGreaterThanOrEqual(500);
    expect(done).toHaveBeenCalledWith({ ...FAILED, queued: true }, { sent: 'params' });
  });

  it('waits at least as long as the server’s Retry-After', () => {
    const { policy } = retry();
    policy.keep([hit()], { ok: false, transport: 'cors', status: 429, reason: 'unavailable', retryAfter: 60_000 });
    expect(stored()[0].due! - Date.now()).toBe(60_000);
  });

  it('a hit that never left (offline, hidden) is due at once and reports its own params, with the device id', () => {
    const { policy } = retry();
    const done = vi.fn();
    policy.keep([hit(done)], unsent('offline'));
    expect(stored()[0]).toMatchObject({ tries: 0, due: Date.now() });
    expect(done.mock.calls[0][0]).toMatchObject({ reason: 'offline', queued: true });
    expect(done.mock.calls[0][1].mautic_device_id).toBe('device0000000000000001');
  });

  it('says queued: false for a hit the storage refused', () => {
    const { policy } = retry();
    vi.spyOn(area, 'set').mockImplementation(() => {});
    const done = vi.fn();
    policy.keep([hit(done)], FAILED, {});
    expect(done.mock.calls[0][0].queued).toBe(false);
  });

  it('an attempt that ended otherwise is the hit’s outcome; a stored hit leaves the store', () => {
    const { policy, store } = retry();
    const done = vi.fn();
    const replayed: Hit = { ...hit(done), tries: 1, due: 0 };
    store.keepAll([replayed]);
    replayed.lease = Date.now() + 90_000;
    const ok: Outcome = { ok: true, transport: 'cors', status: 200 };
    policy.ended(replayed, ok, { p: '1' });
    expect(done).toHaveBeenCalledWith(ok, { p: '1' });
    expect(stored()).toEqual([]);
    policy.ended(hit(), FAILED, {});
    expect(stored()).toHaveLength(1);
  });

  it('stash: what waits is stored; stored hits in flight leave the store (the browser finishes them)', () => {
    const { policy, store } = retry();
    const inFlight: Hit = { ...hit(), tries: 1, due: 0 };
    store.keepAll([inFlight]);
    inFlight.lease = Date.now() + 90_000;
    const waiting = hit(vi.fn());
    policy.stash([waiting], new Set([inFlight, hit()]));
    expect(stored().map((h) => h.id)).toEqual([waiting.id]);
    expect(waiting.done).toHaveBeenCalledWith(expect.objectContaining({ reason: 'hidden', queued: true }), expect.anything());
  });
});

describe('replaying', () => {
  it('claims the due hits and hands them back, once their time came (by timer)', async () => {
    const { policy, requeued } = retry();
    policy.keep([hit()], FAILED, {});
    await policy.replay();
    expect(requeued.flat()).toEqual([]); // not due yet: the timer brings it back
    await vi.advanceTimersByTimeAsync(1000);
    const claimed = requeued.flat();
    expect(claimed).toHaveLength(1);
    expect(claimed[0].lease).toBeGreaterThan(Date.now());
  });

  it('holds the Web Lock until this tab’s attempts at the claimed hits ended', async () => {
    let released = false;
    vi.stubGlobal('navigator', {
      onLine: true,
      locks: { request: (_n: string, _o: object, run: (lock: object) => Promise<void>) => run({}).then(() => (released = true)) },
    });
    const { policy, requeued, store } = retry();
    store.keepAll([{ ...hit(), tries: 0, due: 0 }, { ...hit(), tries: 0, due: 0 }]);
    const replayed = policy.replay();
    await vi.advanceTimersByTimeAsync(0);
    const [first, second] = requeued[0];
    first.done!({ ok: true, transport: 'cors' }, {});
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toBe(false);
    second.done!({ ok: true, transport: 'cors' }, {});
    await replayed;
    expect(released).toBe(true);
  });

  it('offline, nothing is claimed and no timer spins', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { policy, requeued } = retry();
    policy.keep([hit()], unsent('offline'));
    await policy.replay();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requeued).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
