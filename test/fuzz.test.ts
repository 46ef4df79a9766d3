// Hostile input on the command surface: generated, seeded (reproducible) shapes through the global
// mt(), with valid hits in between. Set FUZZ_SEED to replay another run.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryDetail } from '../src/types';

const SEED = Number(process.env.FUZZ_SEED || 20261126);
const ROUNDS = 300;

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(next: () => number) {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const throwing = () => {
    throw new Error('hostile getter');
  };
  const leaves: (() => unknown)[] = [
    () => 'text',
    () => '',
    () => 'x'.repeat(100_000),
    () => 'broken \ud800 surrogate',
    () => '👋 ünïcödé & = ? # %',
    () => 0,
    () => -0,
    () => NaN,
    () => Infinity,
    () => 2 ** 70,
    () => 10n ** 30n,
    () => true,
    () => null,
    () => undefined,
    () => Symbol('s'),
    () => () => 'function',
    () => new Date(),
    () => new Date('invalid'),
    () => /regex/g,
    () => new Map([['a', 1]]),
    () => new Set([1, 2]),
    () => new Uint8Array(4),
    () => new Error('an error'),
    () => Object.create(null),
    () => document.createElement('div'),
  ];
  const objects: ((depth: number) => unknown)[] = [
    (depth) => ({ a: value(depth + 1), b: value(depth + 1) }),
    (depth) => [value(depth + 1), value(depth + 1), value(depth + 1)],
    () => JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
    () => {
      const cyclic: Record<string, unknown> = { name: 'cycle' };
      cyclic.self = cyclic;
      cyclic.list = [cyclic];
      return cyclic;
    },
    () => Object.defineProperty({ ok: 1 }, 'boom', { enumerable: true, get: throwing }),
    () => new Proxy({}, { ownKeys: throwing }),
    () => new Proxy({ a: 1 }, { get: throwing }),
    () => new Proxy({ a: 1 }, { getOwnPropertyDescriptor: throwing }),
    () => new Proxy([], { get: throwing }),
    () => Object.fromEntries(Array.from({ length: 5000 }, (_, i) => ['key' + i, 'value ' + i])),
    () => {
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 2000; i++) deep = { deep };
      return deep;
    },
    () => Array.from({ length: 20_000 }, (_, i) => i),
    () => ({ toString: throwing, valueOf: throwing, toJSON: throwing }),
    () => ({ onload: 'not a function', onerror: 42 }),
    () => new Proxy({}, { get: (_t, key) => (key === 'onload' ? throwing() : undefined) }),
  ];
  function value(depth = 0): unknown {
    return depth < 3 && next() < 0.45 ? pick(objects)(depth) : pick(leaves)();
  }
  const commands = ['send', 'config', 'consent', 'set', '', 'SEND', undefined, null, 1, {}, Symbol('cmd')];
  const hitTypes = ['pageview', 'event', 'screenview', undefined, null, {}, 7];
  const eventObject = () => ({ category: value(), action: value(), eventLabel: value(), value: value(), extra: value() });
  return function args(): unknown[] {
    const shape = Math.floor(next() * 6);
    if (shape == 0) return Array.from({ length: Math.floor(next() * 9) }, () => value());
    if (shape == 1) return ['send', 'pageview', value(), value()];
    if (shape == 2) return ['send', 'event', value(), value(), value(), value(), value(), value()];
    if (shape == 3) return ['send', 'event', eventObject(), value()];
    if (shape == 4) return ['send', { hitType: pick(hitTypes), ...eventObject() }, value()];
    return [pick(commands), pick(hitTypes), value(), value()];
  };
}

type Mt = ((...args: unknown[]) => void) & { q?: unknown[][] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string };

describe(`fuzzing the command surface (seed ${SEED}, ${ROUNDS} shapes)`, () => {
  let bodies: string[];
  beforeEach(() => {
    vi.resetModules();
    delete page.mt;
    localStorage.clear();
    bodies = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        bodies.push(String(init.body));
        return new Response('{"success":1,"id":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 });
      }),
    );
  });

  it('nothing throws, nothing is polluted, payloads stay capped, and valid hits around bad ones arrive', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'info').mockImplementation((line: unknown) => void logs.push(String(line)));
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    page.MauticTrackingObject = 'mt';
    const queue: Mt = function (...args: unknown[]) {
      (queue.q = queue.q || []).push(args);
    };
    page.mt = queue;
    page.mt('config', { url: 'https://mautic.example.com', debug: true, timeout: 500 });
    await import('../src/global');

    const args = generator(random(SEED));
    const valid: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const input = args();
      expect(() => page.mt!(...input), `round ${round}`).not.toThrow();
      if (round % 10 == 0) {
        valid.push('valid-' + round);
        page.mt!('send', 'event', 'fuzz', 'valid', null, null, { n: 'valid-' + round });
      }
    }
    await vi.waitFor(
      () => {
        const delivered = bodies.map((body) => new URLSearchParams(body).get('n')).filter((n) => n?.startsWith('valid-'));
        expect(delivered.sort()).toEqual([...valid].sort());
      },
      { timeout: 10_000, interval: 50 },
    );

    // No prototype was touched.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    // Every request stayed within the cap (caller params ≤ 8 KiB encoded, plus the automatic keys).
    const longest = Math.max(...bodies.map((body) => body.length));
    expect(longest).toBeLessThan(8192 + 2048);
    // The cap and the skips were explained in debug mode.
    const text = logs.join('\n');
    expect(text).toMatch(/skipped param .* \(too large\)/);
    expect(text).toMatch(/skipped param .* \((cycle|unreadable|too deep|function|symbol)\)/);
    expect(text).toContain('ignored:');
  }, 60_000);
});

describe(`fuzzing the npm API (seed ${SEED}, ${ROUNDS} shapes)`, () => {
  it('pageview() and event() never throw and always resolve, whatever they are given', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"success":1,"id":1,"device_id":"abcdefghij0123456789xyz"}', { status: 200 })));
    const { createTracker } = await import('../src/index');
    const tracker = createTracker({ url: 'https://fuzz.example.com', timeout: 200 });
    const call = tracker as unknown as Record<'pageview' | 'event', (...args: unknown[]) => Promise<DeliveryDetail>>;
    const args = generator(random(SEED + 1));
    const outcomes: Promise<DeliveryDetail>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const input = args().slice(2);
      const method = round % 2 ? 'event' : 'pageview';
      expect(() => outcomes.push(call[method](...input)), `round ${round}`).not.toThrow();
    }
    const details = await Promise.all(outcomes); // a rejection fails here
    expect(details.every((detail) => typeof detail.ok == 'boolean')).toBe(true);
    expect(details.some((detail) => detail.reason == 'invalid')).toBe(true);
    expect(details.some((detail) => detail.ok)).toBe(true);
    tracker.destroy();
  }, 60_000);
});

describe('values read back from storage', () => {
  it('a tampered device id or outbox is never sent as such', async () => {
    vi.resetModules();
    localStorage.setItem('mautic_device_id', 'x"><img src=x onerror=alert(1)>');
    localStorage.setItem('mautic_tracker_outbox', JSON.stringify([{ id: 1, params: '<script>' }, { evil: true }]));
    document.cookie = 'mautic_device_id=../../etc/passwd; path=/';
    const bodies: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        bodies.push(String(init.body));
        return new Response('{"success":1}', { status: 200 });
      }),
    );
    const { createTracker } = await import('../src/index');
    await createTracker({ url: 'https://mautic.example.com' }).pageview();
    expect(bodies).toHaveLength(1);
    expect(new URLSearchParams(bodies[0]).get('mautic_device_id')).toBeNull();
    document.cookie = 'mautic_device_id=; max-age=0; path=/';
  });
});
