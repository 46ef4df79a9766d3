import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutbox, HOLD_LIMIT_MS, unsent } from '../src/outbox';
import { writeOutbox } from '../src/outbox-store';
import type { Outcome } from '../src/response';
import type { Hit } from '../src/hit';
import { storageArea } from '../src/lib/storage-area';

const local = () => storageArea('local');

let KEY = 'test_outbox';
const DEVICE = 'device0000000000000001';
let serial = 0;
const hit = (n: number | string, done?: Hit['done']): Hit => ({
  id: 'hit' + serial++,
  type: 'pageview',
  at: Date.now(),
  params: { n: String(n), mautic_device_id: '' },
  done,
});

/** A transport whose deliveries the test ends by hand. */
function manualDeliver() {
  const pending: { params: Record<string, string>; finish: (outcome: Outcome) => void }[] = [];
  const deliver = vi.fn(
    (params: Record<string, string>) => new Promise<Outcome>((finish) => pending.push({ params, finish })),
  );
  return { deliver, pending };
}

const flush = () => new Promise((resolve) => setTimeout(resolve));
const stored = (): Hit[] => JSON.parse(localStorage.getItem(KEY) || '[]');
const OK: Outcome = { ok: true, transport: 'cors', status: 200 };

beforeEach(() => {
  // Outboxes of earlier tests still listen to window events: each test gets its own key.
  KEY = 'test_outbox_' + serial++;
  localStorage.clear();
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
});

function outbox(deviceId: () => string | undefined, deliver = manualDeliver()) {
  const dropped: string[] = [];
  return { ...deliver, box: createOutbox(deliver.deliver, deviceId, local, KEY, (h, why) => dropped.push(`${h.params.n}: ${why}`)), dropped };
}

describe('outbox: the first-hit rule', () => {
  it('sends one hit at a time while no device id is known', async () => {
    let deviceId: string | undefined;
    const { box, deliver, pending } = outbox(() => deviceId);
    const delivered = vi.fn();
    box.add(hit(1, delivered));
    box.add(hit(2, delivered));
    box.add(hit(3, delivered));
    await flush();
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(pending[0].params).not.toHaveProperty('mautic_device_id');

    // The first answer brings an id: the rest leave together, with it.
    deviceId = DEVICE;
    pending[0].finish(OK);
    await flush();
    expect(deliver).toHaveBeenCalledTimes(3);
    expect(pending.slice(1).map((p) => [p.params.n, p.params.mautic_device_id])).toEqual([
      ['2', DEVICE],
      ['3', DEVICE],
    ]);
    expect(delivered).toHaveBeenCalledTimes(1);
  });

  it('keeps serialising while answers bring no id', async () => {
    const { box, deliver, pending } = outbox(() => undefined);
    box.add(hit(1, () => {}));
    box.add(hit(2, () => {}));
    await flush();
    pending[0].finish({ ok: false, transport: 'cors', status: 200, reason: 'not-tracked' });
    await flush();
    expect(deliver).toHaveBeenCalledTimes(2);
    box.add(hit(3, () => {}));
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  it('a slow first answer is awaited (hits behind it go with its device id); a hung one stops holding after HOLD_LIMIT_MS', async () => {
    vi.useFakeTimers();
    let deviceId: string | undefined;
    const { box, deliver, pending } = outbox(() => deviceId);
    const delivered = vi.fn();
    box.add(hit(1, delivered));
    box.add(hit(2, delivered));
    await vi.advanceTimersByTimeAsync(10_000); // an answer after 10 s is a slow Mautic, not a lost hit
    expect(deliver).toHaveBeenCalledTimes(1);
    deviceId = DEVICE;
    pending[0].finish(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.map((p) => p.params.mautic_device_id)).toEqual([undefined, DEVICE]);

    // A hung first hit of another visitor: the line moves on after the bound, never resending it.
    deviceId = undefined;
    const hung = outbox(() => deviceId);
    hung.box.add(hit('a', delivered));
    hung.box.add(hit('b', delivered));
    await vi.advanceTimersByTimeAsync(HOLD_LIMIT_MS - 1);
    expect(hung.deliver).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(hung.pending.map((p) => p.params.n)).toEqual(['a', 'b']);
    // Its late answer is still reported, once.
    hung.pending[0].finish(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(hung.deliver).toHaveBeenCalledTimes(2);
    expect(delivered.mock.calls.filter(([, params]) => params.n == 'a')).toHaveLength(1);
    vi.useRealTimers();
  });

  it('sends in parallel and in order once an id is known', async () => {
    const { box, deliver } = outbox(() => DEVICE);
    [1, 2, 3].forEach((n) => box.add(hit(n, () => {})));
    await flush();
    expect(deliver.mock.calls.map(([params]) => params.n)).toEqual(['1', '2', '3']);
  });
});

describe('outbox: keeping what could not be delivered', () => {
  it('stores a hit whose attempt failed, tells the caller it is queued, and retries it after the backoff', async () => {
    vi.useFakeTimers();
    const { box, deliver, pending } = outbox(() => DEVICE);
    const delivered = vi.fn();
    box.add(hit('retry me', delivered));
    await vi.advanceTimersByTimeAsync(0);
    pending[0].finish({ ok: false, transport: 'pixel', status: 500, reason: 'failed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered.mock.calls[0][0]).toMatchObject({ ok: false, reason: 'failed', queued: true });
    expect(stored()).toHaveLength(1);
    expect(stored()[0]).toMatchObject({ tries: 1, params: { n: 'retry me', mautic_device_id: '' } });

    await vi.advanceTimersByTimeAsync(1000); // first backoff: 0.5–1 s
    expect(deliver).toHaveBeenCalledTimes(2);
    pending[1].finish(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(stored()).toEqual([]);
    expect(delivered).toHaveBeenCalledTimes(1); // the caller heard once, never onload later
    vi.useRealTimers();
  });

  it('waits as long as Retry-After says', async () => {
    vi.useFakeTimers();
    const { box, deliver, pending } = outbox(() => DEVICE);
    box.add(hit(1, () => {}));
    await vi.advanceTimersByTimeAsync(0);
    pending[0].finish({ ok: false, transport: 'cors', status: 429, reason: 'unavailable', retryAfter: 5000 });
    await vi.advanceTimersByTimeAsync(4900);
    expect(deliver).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(deliver).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it('offline: nothing is attempted; the hit is kept and sent when the browser is back online', async () => {
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const { box, deliver, pending } = outbox(() => DEVICE);
    const delivered = vi.fn();
    box.add(hit('offline', delivered));
    await flush();
    expect(deliver).not.toHaveBeenCalled();
    expect(delivered.mock.calls[0][0]).toMatchObject({ reason: 'offline', queued: true });
    // Back online, once the backoff has passed.
    online.mockReturnValue(true);
    const later = vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 2000);
    dispatchEvent(new Event('online'));
    await flush();
    later.mockRestore();
    expect(pending.map((p) => p.params.n)).toEqual(['offline']);
  });

  it('replays hits stored by an earlier page before the page’s own, with the latest device id', async () => {
    writeOutbox(local(), KEY, [{ id: 'old', type: 'event', at: Date.now() - 1000, params: { n: 'old', mautic_device_id: '' }, tries: 1, due: 0 }], () => {});
    const { box, pending } = outbox(() => DEVICE);
    box.add(hit('new', () => {}));
    await flush();
    // A stored hit goes alone, so stored hits arrive in their order; the page's own follow.
    expect(pending.map((p) => [p.params.n, p.params.mautic_device_id])).toEqual([['old', DEVICE]]);
    pending[0].finish(OK);
    await flush();
    expect(pending.map((p) => p.params.n)).toEqual(['old', 'new']);
    expect(stored()).toEqual([]);
  });

  it('leaves hits leased by another tab alone', async () => {
    // The other tab is sending it.
    writeOutbox(local(), KEY, [{ id: 'theirs', type: 'event', at: Date.now(), params: { n: 'theirs' }, tries: 1, due: 0, lease: Date.now() + 90_000 }], () => {});
    const { box, pending } = outbox(() => DEVICE);
    box.add(hit('mine', () => {}));
    await flush();
    expect(pending.map((p) => p.params.n)).toEqual(['mine']);
  });

  it('when the page is hidden, stores what still waits and forgets stored hits already in flight', async () => {
    let deviceId: string | undefined;
    const { box, pending } = outbox(() => deviceId);
    const delivered = vi.fn();
    box.add(hit('first', () => {}));
    box.add(hit('second', delivered));
    await flush();
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(stored().map((h) => h.params.n)).toEqual(['second']);
    expect(delivered.mock.calls[0][0]).toMatchObject({ reason: 'hidden', queued: true });
    deviceId = DEVICE;
    pending[0].finish(OK);
    await flush();
    await flush();
    // 'second' went out once more from the store, and left it when delivered.
    expect(pending.map((p) => p.params.n)).toEqual(['first', 'second']);
    pending[1].finish(OK);
    await flush();
    expect(stored()).toEqual([]);
    expect(delivered).toHaveBeenCalledTimes(1);
  });
});

describe('outbox: one shape from creation to storage', () => {
  it('stores a hit’s data fields only: its done callback, and a replayed hit’s lease, stay in memory', async () => {
    vi.useFakeTimers();
    const { box, pending } = outbox(() => DEVICE);
    const made = hit('kept', () => {});
    box.add(made);
    await vi.advanceTimersByTimeAsync(0);
    pending[0].finish({ ok: false, transport: 'cors', status: 503, reason: 'unavailable', retryAfter: 5000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(Object.keys(stored()[0]).sort()).toEqual(['at', 'due', 'id', 'params', 'tries', 'type']);
    expect(stored()[0]).toEqual({ id: made.id, type: 'pageview', at: made.at, params: made.params, tries: 1, due: expect.any(Number) });
    // Replayed (claimed with a lease) and failed again: stored without the lease, so it is due after its backoff alone.
    await vi.advanceTimersByTimeAsync(5000);
    expect(pending).toHaveLength(2);
    pending[1].finish({ ok: false, transport: 'cors', status: 503, reason: 'unavailable' });
    await vi.advanceTimersByTimeAsync(0);
    expect(Object.keys(stored()[0]).sort()).toEqual(['at', 'due', 'id', 'params', 'tries', 'type']);
    expect(stored()[0].tries).toBe(2);
    vi.useRealTimers();
  });
});

describe('outbox: clear (visitor forgotten: reset, consent revoked)', () => {
  it('drops what waits; each hears dropped with its own params', async () => {
    const { box, deliver } = outbox(() => undefined);
    const done = vi.fn();
    box.add(hit('sent', () => {}));
    box.add(hit('waiting', done));
    await flush();
    box.clear();
    expect(done).toHaveBeenCalledWith(unsent('dropped'), { n: 'waiting', mautic_device_id: '' });
    expect(deliver).toHaveBeenCalledTimes(1);
  });
});

describe('unsent', () => {
  it('is a failure without transport, queued only when kept', () => {
    expect(unsent('no-endpoint')).toStrictEqual({ ok: false, transport: 'none', reason: 'no-endpoint' });
    expect(unsent('offline', true)).toStrictEqual({ ok: false, transport: 'none', reason: 'offline', queued: true });
  });
});
