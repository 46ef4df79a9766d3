import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createOutboxStore, OUTBOX_LIMITS } from '../src/outbox-store';
import type { Hit } from '../src/hit';
import { storageArea } from '../src/lib/storage-area';

const local = () => storageArea('local');
let KEY = 'test_store';
let serial = 0;
const stored = (): Hit[] => JSON.parse(localStorage.getItem(KEY) || '[]');

beforeEach(() => {
  KEY = 'test_store_' + serial++;
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
    const store = createOutboxStore(KEY, local, (h, why) => dropped.push(h.params.n + ' ' + why));
    for (let n = 0; n < 105; n++) store.keepAll([record(n)]);
    expect(stored()).toHaveLength(OUTBOX_LIMITS.hits);
    expect(stored()[0].params.n).toBe('5');
    expect(dropped).toHaveLength(5);
    expect(dropped[0]).toContain('0 ');
  });

  it('keeps at most 64 KiB', () => {
    const store = createOutboxStore(KEY, local, () => {});
    for (let n = 0; n < 20; n++) store.keepAll([record(n, { params: { n: String(n), big: 'x'.repeat(10_000) } })]);
    expect(localStorage.getItem(KEY)!.length).toBeLessThanOrEqual(OUTBOX_LIMITS.bytes);
    expect(stored().length).toBe(6);
  });

  it('drops hits older than 24 hours', () => {
    const dropped: string[] = [];
    const store = createOutboxStore(KEY, local, (h) => dropped.push(h.params.n));
    expect(store.keepAll([record(1, { at: Date.now() - OUTBOX_LIMITS.ageMs - 1 })])[0]).toBe(false);
    expect(dropped).toEqual(['1']);
  });

  it('ignores tampered or foreign data in its key', () => {
    localStorage.setItem(KEY, JSON.stringify([{ id: 1 }, 'x', null, record(1, { params: { a: {} as never } }), record(2)]));
    expect(createOutboxStore(KEY, local, () => {}).claim(Date.now()).map((h) => h.id)).toEqual(['id2']);
    localStorage.setItem(KEY, '{not json');
    expect(createOutboxStore(KEY, local, () => {}).claim(Date.now())).toEqual([]);
  });

  it('reports hits it could not store when storage is full or throws', () => {
    const full = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const dropped: string[] = [];
    const store = createOutboxStore(KEY, local, (h, why) => dropped.push(why));
    expect(store.keepAll([record(1)])[0]).toBe(false);
    expect(dropped).toEqual(['storage refused']);
    full.mockRestore(); // happy-dom's storage object is not restored by restoreMocks
  });

  it('claims due hits once, with a lease, and tells when the next one is due', () => {
    const store = createOutboxStore(KEY, local, () => {});
    const now = Date.now();
    store.keepAll([record(1, { due: now - 1 })]);
    store.keepAll([record(2, { due: now + 5000 })]);
    expect(store.claim(now).map((h) => h.id)).toEqual(['id1']);
    expect(store.claim(now)).toEqual([]);
    expect(store.nextDue()).toBe(now + 5000);
  });

  it('stores hits as they are, data fields only, replacing a hit kept before under its id', () => {
    const store = createOutboxStore(KEY, local, () => {});
    const data = record(1);
    expect(store.keepAll([{ ...data, done: () => {} }])).toEqual([true]);
    expect(stored()).toEqual([data]);
    store.keepAll([{ ...data, tries: 2 }]);
    expect(stored().map((h) => h.tries)).toEqual([2]);
  });

  it('removes a delivered hit, and writes nothing when it is not there', () => {
    const store = createOutboxStore(KEY, local, () => {});
    store.keepAll([record(1), record(2)]);
    store.remove('id1');
    expect(stored().map((h) => h.id)).toEqual(['id2']);
    const write = vi.spyOn(localStorage, 'setItem');
    store.remove('id1');
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });

  it('a lease keeps a claimed hit from other tabs until it ends; nextDue says Infinity when nothing is stored', () => {
    const store = createOutboxStore(KEY, local, () => {});
    expect(store.nextDue()).toBe(Infinity);
    const now = Date.now();
    store.keepAll([record(1, { due: now })]);
    expect(store.claim(now)).toHaveLength(1);
    expect(store.nextDue()).toBe(now + 90_000);
    expect(createOutboxStore(KEY, local, () => {}).claim(now + 89_999)).toEqual([]);
    expect(createOutboxStore(KEY, local, () => {}).claim(now + 90_000)).toHaveLength(1);
  });

  it('lives in the area it is given (session, memory), under its key', () => {
    const memory = storageArea('none');
    createOutboxStore('named_outbox', () => memory, () => {}).keepAll([record(1)]);
    expect(JSON.parse(memory.get('named_outbox')!)).toHaveLength(1);
    expect(localStorage.length).toBe(0);
  });
});
