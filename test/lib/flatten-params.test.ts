import { describe, expect, it, vi } from 'vitest';
import { runInNewContext } from 'node:vm';
import { Window } from 'happy-dom';
import { flattenParams } from '../../src/lib/flatten-params';
import { createCore } from '../../src/tracker';

const flatten = (params: unknown) => {
  const skipped: string[] = [];
  const flat = flattenParams(params, (key, why) => skipped.push(`${key}: ${why}`), 8192);
  return { flat: { ...flat }, skipped };
};

describe('flattenParams', () => {
  it('keeps text, numbers, booleans and bigints as text', () => {
    expect(flatten({ a: 'x', b: 1.5, c: false, d: 10n }).flat).toEqual({ a: 'x', b: '1.5', c: 'false', d: '10' });
  });

  it('joins arrays of plain values with commas, as Mautic expects for tags', () => {
    expect(flatten({ tags: ['vip', '-old', 3, null] }).flat).toEqual({ tags: 'vip,-old,3,' });
  });

  it('uses PHP bracket keys for nested objects and arrays of objects', () => {
    expect(flatten({ a: { b: { c: 1 } }, list: [{ sku: 'A' }, { sku: 'B' }] }).flat).toEqual({
      'a[b][c]': '1',
      'list[0][sku]': 'A',
      'list[1][sku]': 'B',
    });
  });

  it('sends dates as ISO text and reports invalid ones', () => {
    const { flat, skipped } = flatten({ when: new Date(Date.UTC(2026, 0, 2)), bad: new Date('nope') });
    expect(flat).toEqual({ when: '2026-01-02T00:00:00.000Z' });
    expect(skipped).toEqual(['bad: invalid date']);
  });

  it('skips undefined and null silently, functions and symbols with a report', () => {
    const { flat, skipped } = flatten({ u: undefined, n: null, f() {}, s: Symbol('x'), keep: 1 });
    expect(flat).toEqual({ keep: '1' });
    expect(skipped).toEqual(['f: function', 's: symbol']);
  });

  it('cuts cycles but keeps an object that is merely shared', () => {
    const shared = { v: 1 };
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const { flat, skipped } = flatten({ one: shared, two: shared, cyclic });
    expect(flat).toEqual({ 'one[v]': '1', 'two[v]': '1', 'cyclic[name]': 'x' });
    expect(skipped).toEqual(['cyclic[self]: cycle']);
  });

  it('a getter that throws costs only its own key', () => {
    const params = { ok: 1, get broken() { throw new Error('no'); }, after: 2 };
    const { flat, skipped } = flatten(params);
    expect(flat).toEqual({ ok: '1', after: '2' });
    expect(skipped).toEqual(['broken: unreadable']);
  });

  it('stores a __proto__ key as data without touching any prototype', () => {
    const { flat } = flatten(JSON.parse('{"__proto__": {"polluted": "yes"}, "a": 1}'));
    expect(flat).toEqual({ a: '1', '__proto__[polluted]': 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts no params at all', () => {
    expect(flatten(undefined).flat).toEqual({});
  });
});

describe('flattenParams: only data is walked', () => {
  /** An object whose own enumerable getter counts its reads: reading a host object runs its getters. */
  function watched<T extends object>(target: T, reads: string[]): T {
    return Object.defineProperty(target, 'secret', { enumerable: true, get: () => (reads.push('secret'), 'leaked') });
  }

  it('skips a window, unread, and names it: nothing of the site (localStorage…) leaves', async () => {
    const browser = new Window({ url: 'https://site.example/' });
    browser.localStorage.setItem('site-token', 'private');
    const reads: string[] = [];
    watched(browser, reads);
    try {
      const { flat, skipped } = flatten({ w: browser, keep: 'yes' });
      expect(flat).toEqual({ keep: 'yes' });
      expect(skipped).toEqual(['w: not plain data (Window)']);
      expect(reads).toEqual([]);
    } finally {
      await browser.happyDOM.close();
    }
  });

  it('skips DOM nodes, DOM events and framework events (class instances), unread', () => {
    const reads: string[] = [];
    // The shape of a React synthetic event: a constructor function, methods on its prototype.
    function SyntheticBaseEvent(this: Record<string, unknown>, nativeEvent: Event) {
      this.nativeEvent = nativeEvent;
      this.target = nativeEvent.target;
      this.view = window;
      this.type = nativeEvent.type;
    }
    Object.assign(SyntheticBaseEvent.prototype, { preventDefault() {} });
    const click = new MouseEvent('click');
    const synthetic = watched(new (SyntheticBaseEvent as unknown as new (e: Event) => object)(click), reads);
    const { flat, skipped } = flatten({
      div: watched(document.createElement('div'), reads),
      doc: document,
      click: watched(click, reads),
      synthetic,
      keep: 1,
    });
    expect(flat).toEqual({ keep: '1' });
    expect(skipped).toEqual([
      'div: not plain data (HTMLDivElement)',
      'doc: not plain data (HTMLDocument)',
      'click: not plain data (MouseEvent)',
      'synthetic: not plain data (SyntheticBaseEvent)',
    ]);
    expect(reads).toEqual([]);
  });

  it('skips Map, Set, class instances, typed arrays, buffers, promises, boxed primitives and errors', () => {
    class Cart {
      items = ['a'];
    }
    const promise = Promise.resolve(1);
    const { flat, skipped } = flatten({
      map: new Map([['a', 1]]),
      set: new Set([1]),
      cart: new Cart(),
      bytes: new Uint8Array([1, 2]),
      buffer: new ArrayBuffer(8),
      promise,
      boxed: new String('text'),
      error: new Error('boom'),
      regex: /x/,
    });
    expect(flat).toEqual({});
    expect(skipped).toEqual([
      'map: not plain data (Map)',
      'set: not plain data (Set)',
      'cart: not plain data (Cart)',
      'bytes: not plain data (Uint8Array)',
      'buffer: not plain data (ArrayBuffer)',
      'promise: not plain data (Promise)',
      'boxed: not plain data (String)',
      'error: not plain data (Error)',
      'regex: not plain data (RegExp)',
    ]);
  });

  it('skips top-level params that are no plain object as a whole, with a message', () => {
    const reads: string[] = [];
    expect(flatten(watched(new Map(), reads))).toEqual({ flat: {}, skipped: [': not plain data (Map)'] });
    expect(flatten(watched(document.createElement('a'), reads)).skipped).toEqual([': not plain data (HTMLAnchorElement)']);
    expect(flatten(['a', 'b'])).toEqual({ flat: {}, skipped: [': not plain data (Array)'] });
    expect(reads).toEqual([]);
  });

  it('walks null-prototype objects, plain objects, arrays and Dates of another realm (vm), Date subclasses', () => {
    // happy-dom does not load iframes: node's vm gives a realm of its own (Object, Array, Date).
    const foreign = runInNewContext('({ a: 1, list: ["x", "y"], nested: { when: new Date(0) }, bad: new Date(NaN), map: new Map() })');
    expect(foreign.nested.when instanceof Date).toBe(false);
    const bare = Object.assign(Object.create(null), { b: 2 });
    // Date libraries extend Date (date-fns' TZDate).
    class ZonedDate extends Date {}
    const { flat, skipped } = flatten({ foreign, bare, zoned: new ZonedDate(Date.UTC(2026, 10, 26)) });
    expect(flat).toEqual({
      'foreign[a]': '1',
      'foreign[list]': 'x,y',
      'foreign[nested][when]': '1970-01-01T00:00:00.000Z',
      'bare[b]': '2',
      zoned: '2026-11-26T00:00:00.000Z',
    });
    expect(skipped).toEqual(['foreign[bad]: invalid date', 'foreign[map]: not plain data (Map)']);
  });

  it('a Proxy that throws on ownKeys costs only its key; the rest keeps its full depth', () => {
    let nested: Record<string, unknown> = { v: 1 };
    for (let level = 9; level >= 1; level--) nested = { ['l' + level]: nested };
    const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    const { flat, skipped } = flatten({ trap, ...nested });
    expect(skipped).toEqual(['trap: unreadable']);
    expect(Object.keys(flat)).toEqual(['l1[l2][l3][l4][l5][l6][l7][l8][l9][v]']);
  });

  it('stops reading an object once 500 keys were taken', () => {
    let reads = 0;
    const many = {};
    for (let i = 0; i < 5000; i++) Object.defineProperty(many, 'k' + i, { enumerable: true, get: () => ++reads });
    const { flat, skipped } = flatten(many);
    expect(Object.keys(flat)).toHaveLength(500);
    expect(skipped).toEqual(['k500: more than 500 keys']);
    expect(reads).toBe(501);
  });
});

describe('huge values cost little', () => {
  it('skips an array that can never fit once joined, without reading or joining it', () => {
    const join = vi.spyOn(Array.prototype, 'join');
    const big = 'x'.repeat(100_000);
    const { flat, skipped } = flatten({ slots: new Array(1e9), copies: Array(100).fill(big), tags: ['a', 'b'] });
    expect(flat).toEqual({ tags: 'a,b' });
    expect(skipped).toEqual(['slots: too large', 'copies: too large']);
    expect(join.mock.contexts).toEqual([['a', 'b']]);
    join.mockRestore();
  });

  it('through the tracker: the 1 MB string is named in the debug log and never encoded', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const encode = vi.spyOn(globalThis, 'encodeURIComponent');
    const core = createCore({ url: 'https://mautic.example.com', debug: true, storage: 'none' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"success":1}', { status: 200 })));
    await new Promise((resolve) => core.track('event', ['a', 'b', { big: 'x'.repeat(1e6), plan: 'pro' }], resolve));
    core.track('pageview', [new Map()]);
    const lines = info.mock.calls.map(([line]) => String(line));
    expect(lines).toContain('[mautic-tracker] event: skipped param big (too large)');
    expect(lines).toContain('[mautic-tracker] pageview: skipped params (not plain data (Map))');
    expect(encode.mock.calls.every(([text]) => String(text).length < 8192)).toBe(true);
    info.mockRestore();
    encode.mockRestore();
    vi.unstubAllGlobals();
  });
});

