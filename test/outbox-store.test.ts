import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutboxStore, OUTBOX_LIMITS, readOutbox, writeOutbox } from '../src/outbox-store';
import { unsent } from '../src/outbox';
import type { Outcome } from '../src/response';
import type { Hit } from '../src/hit';
import { storageArea, type StorageArea } from '../src/lib/storage-area';

const KEY = 'test_store';
let area: StorageArea;
let serial = 0;
const stored = (): Hit[] => JSON.parse(area.get(KEY) || '[]');
const none = () => {};

beforeEach(() => {
  area = storageArea('none');
  localStorage.clear();
});

describe('the stored outbox', () => {
  const record = (n: number, extra: Partial<Hit> = {}): Hit => ({
    id: 'id' + n,
    type: 'pageview',
    at: Date.now() - 1000 + n,
    params: { n: String(n) },
    tries: 1,
    due: 0,
    ...extra,
  });

  it('keeps at most 100 hits, dropping the oldest', () => {
    const dropped: string[] = [];
    const list: Hit[] = [];
    for (let n = 0; n < 105; n++) list.push(record(n));
    writeOutbox(area, KEY, list.reverse(), (h, why) => dropped.push(h.params.n + ' ' + why));
    expect(stored()).toHaveLength(OUTBOX_LIMITS.hits);
    expect(stored()[0].params.n).toBe('5');
    expect(dropped).toEqual(['0 outbox full', '1 outbox full', '2 outbox full', '3 outbox full', '4 outbox full']);
  });

  it('keeps at most 64 KiB', () => {
    const list: Hit[] = [];
    for (let n = 0; n < 20; n++) list.push(record(n, { params: { n: String(n), big: 'x'.repeat(10_000) } }));
    expect(writeOutbox(area, KEY, list, none)).toHaveLength(6);
    expect(area.get(KEY)!.length).toBeLessThanOrEqual(OUTBOX_LIMITS.bytes);
    expect(stored().map((h) => h.id)).toEqual(['id14', 'id15', 'id16', 'id17', 'id18', 'id19']);
  });

  it('drops hits older than 24 hours', () => {
    const dropped: string[] = [];
    expect(writeOutbox(area, KEY, [record(1, { at: Date.now() - OUTBOX_LIMITS.ageMs - 1 })], (h, why) => dropped.push(h.params.n + ' ' + why))).toEqual([]);
    expect(dropped).toEqual(['1 older than 24 h']);
    expect(area.get(KEY)).toBeNull();
  });

  it('ignores what is not a stored hit in its key', () => {
    area.set(KEY, JSON.stringify([{ id: 1 }, 'x', record(1, { due: 'soon' as never }), record(2)]));
    expect(readOutbox(area, KEY).map((h) => h.id)).toEqual(['id2']);
    for (const junk of ['{not json', '{}', '3', '[null]']) {
      area.set(KEY, junk);
      expect(readOutbox(area, KEY)).toEqual([]);
    }
  });

  it('reports hits it could not store when storage is full or throws; what was stored before stays', () => {
    const local = storageArea('local');
    writeOutbox(local, KEY, [record(1)], none);
    const full = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const dropped: string[] = [];
    const kept = writeOutbox(local, KEY, [record(1), record(2)], (h, why) => dropped.push(h.params.n + ' ' + why));
    expect(dropped).toEqual(['1 storage refused', '2 storage refused']);
    expect(kept.map((h) => h.id)).toEqual(['id1']);
    full.mockRestore(); // happy-dom's storage object is not restored by restoreMocks
  });

  it('stores hits as they are, data fields only', () => {
    const data = record(1);
    writeOutbox(area, KEY, [{ ...data, done: () => {} }], none);
    expect(stored()).toEqual([data]);
  });

  it('lives in the area it is given, under its key', () => {
    writeOutbox(storageArea('local'), 'named_outbox', [record(1)], none);
    expect(JSON.parse(localStorage.getItem('named_outbox')!)).toHaveLength(1);
    expect(area.get('named_outbox')).toBeNull();
  });
});

const hit = (done: Hit['done'] = () => {}): Hit => ({
  id: 'h' + serial++,
  type: 'event',
  at: Date.now(),
  params: { n: String(serial), mautic_device_id: '' },
  done,
});

/** The store's part of a line over a memory area; `requeued` collects what replays hand back. */
function store(deviceId = () => 'device0000000000000001' as string | undefined) {
  const requeued: Hit[][] = [];
  const [keep, replay, forget] = createOutboxStore(() => area, KEY, none, deviceId, (claimed) => requeued.push(claimed));
  return { keep, replay, forget, requeued };
}

const FAILED: Outcome = { ok: false, transport: 'pixel', status: 500, reason: 'failed' };

describe('keeping hits for later', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a real attempt counts and backs off; the caller hears it is queued, with the params it went out with', () => {
    const { keep } = store();
    const done = vi.fn();
    const kept = hit(done);
    keep([kept], FAILED, { sent: 'params' });
    expect(stored()[0]).toMatchObject({ id: kept.id, tries: 1 });
    expect(stored()[0].due! - Date.now()).toBeGreaterThanOrEqual(500);
    expect(done).toHaveBeenCalledWith({ ...FAILED, queued: true }, { sent: 'params' });
  });

  it('waits at least as long as the server’s Retry-After', () => {
    const { keep } = store();
    keep([hit()], { ok: false, transport: 'cors', status: 429, reason: 'unavailable', retryAfter: 60_000 });
    expect(stored()[0].due! - Date.now()).toBe(60_000);
  });

  it('a hit that never left (offline, hidden) is due at once and reports its own params, with the device id', () => {
    const { keep } = store();
    const done = vi.fn();
    keep([hit(done)], unsent('offline'));
    expect(stored()[0]).toMatchObject({ tries: 0, due: Date.now() });
    expect(done.mock.calls[0][0]).toMatchObject({ reason: 'offline', queued: true });
    expect(done.mock.calls[0][1].mautic_device_id).toBe('device0000000000000001');
  });

  it('replaces a hit kept before under its id, and drops its lease', () => {
    const { keep } = store();
    const again = { ...hit(), tries: 1, due: 0, lease: Date.now() + 90_000 };
    writeOutbox(area, KEY, [again], none);
    keep([again], FAILED);
    expect(stored()).toHaveLength(1);
    expect(stored()[0].tries).toBe(2);
    expect(stored()[0]).not.toHaveProperty('lease');
  });

  it('says queued: false for a hit the storage refused', () => {
    const { keep } = store();
    vi.spyOn(area, 'set').mockImplementation(() => {});
    const done = vi.fn();
    keep([hit(done)], FAILED, {});
    expect(done.mock.calls[0][0].queued).toBe(false);
  });

  it('forget: a claimed hit leaves the store; a hit never claimed writes nothing', () => {
    const { forget } = store();
    const claimed: Hit = { ...hit(), tries: 1, due: 0, lease: Date.now() + 90_000 };
    const other: Hit = { ...hit(), tries: 1, due: 0 };
    writeOutbox(area, KEY, [claimed, other], none);
    forget(claimed);
    expect(stored().map((h) => h.id)).toEqual([other.id]);
    const write = vi.spyOn(area, 'set');
    forget(hit());
    expect(write).not.toHaveBeenCalled();
  });
});

describe('replaying', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('claims the due hits with a lease, once their time came (by timer)', async () => {
    const { keep, replay, requeued } = store();
    keep([hit()], FAILED, {});
    await replay();
    expect(requeued.flat()).toEqual([]); // not due yet: the timer brings it back
    await vi.advanceTimersByTimeAsync(1000);
    const claimed = requeued.flat();
    expect(claimed).toHaveLength(1);
    expect(claimed[0].lease).toBeGreaterThan(Date.now() + 89_000);
    expect(stored()[0].lease).toBe(claimed[0].lease);
  });

  it('a lease keeps a claimed hit from other tabs until it ends, then the timer replays it', async () => {
    writeOutbox(area, KEY, [{ ...hit(), tries: 1, due: 0, lease: Date.now() + 90_000 }], none);
    const { replay, requeued } = store();
    await replay();
    await vi.advanceTimersByTimeAsync(89_000);
    expect(requeued).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requeued.flat()).toHaveLength(1);
  });

  it('holds the Web Lock until this tab’s attempts at the claimed hits ended', async () => {
    let released = false;
    vi.stubGlobal('navigator', {
      onLine: true,
      locks: { request: (_n: string, _o: object, run: (lock: object) => Promise<void>) => run({}).then(() => (released = true)) },
    });
    writeOutbox(area, KEY, [{ ...hit(), tries: 0, due: 0 }, { ...hit(), tries: 0, due: 0 }], none);
    const { replay, requeued } = store();
    const replayed = replay();
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
    const { keep, replay, requeued } = store();
    keep([hit()], unsent('offline'));
    await replay();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requeued).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
