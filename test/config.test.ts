import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../src/tracker';
import { usePlugins, type PluginContext } from '../src/plugins';
import { createTracker } from '../src/index';
import type { DeliveryDetail, TrackerOptions } from '../src/types';

const BASE = 'https://mautic.example.com';
const PAGE = 'http://localhost:3000'; // happy-dom's page

let fetchMock: ReturnType<typeof vi.fn>;
let info: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  localStorage.clear();
  document.cookie.split('; ').forEach((cookie) => {
    document.cookie = cookie.split('=')[0] + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });
  fetchMock = vi.fn(async () => new Response('{"success":1,"id":7,"device_id":"abcdefghij0123456789xyz"}', { status: 200 }));
  vi.stubGlobal('fetch', fetchMock);
  info = vi.spyOn(console, 'info').mockImplementation(() => {});
});

/** A core in debug mode, and a look at its options through the plugin door. */
function tracker(initial: Record<string, unknown> = {}) {
  let context!: PluginContext;
  const core = createCore({ debug: true, ...initial } as TrackerOptions, usePlugins([(given) => ((context = given), {})]));
  return { core, options: () => context.options() as unknown as Record<string, unknown> };
}

/** The debug lines logged since the last call. */
function logged(): string[] {
  const lines = info.mock.calls.map((call) => String(call[0]).replace('[mautic-tracker] ', ''));
  info.mockClear();
  return lines;
}

const sanitize = (html: string) => html;
const NOT_BOOLEAN = ['true', 'false', 1, 0, null, undefined, {}, [], () => true];

/**
 * Per option: a valid value set first (which a refused value must leave in place), the values that
 * must be refused, the values that must be taken (with what is stored, when it differs), and what
 * the debug message says the option must be.
 */
const TABLE: {
  key: keyof TrackerOptions;
  previous: unknown;
  wrong: unknown[];
  right: [given: unknown, stored?: unknown][];
  must: string;
}[] = [
  {
    key: 'url',
    previous: BASE,
    wrong: [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://mautic.example.com',
      'not a url',
      'mautic.example.com', // a host without its scheme: not a path
      '',
      'http://',
      'https://exa mple.com',
      42,
      null,
      undefined,
      {},
      [BASE],
      new URL(BASE),
    ],
    right: [
      [BASE],
      [BASE + '/', BASE],
      ['HTTP://Mautic.Example.com/mautic//', 'http://mautic.example.com/mautic'],
      ['/mautic', PAGE + '/mautic'],
      ['./m/', PAGE + '/m'],
      ['../m', PAGE + '/m'],
      ['//cdn.example.com/mautic', 'http://cdn.example.com/mautic'],
    ],
    must: 'an http(s) URL or a / ./ ../ path',
  },
  {
    key: 'timeout',
    previous: 1000,
    wrong: [0, -1, 499, 499.9, NaN, Infinity, -Infinity, 2 ** 31, 1e10, '3000', '5s', null, undefined, true, [1000], {}],
    right: [[500], [3000], [1500.5], [2 ** 31 - 1]],
    must: 'ms, 500 to 2^31-1',
  },
  ...(['debug', 'eventsInPageUrl', 'autoPageviews', 'hashRouting', 'requireConsent', 'respectDoNotTrack', 'pixelForPersonalData'] as const).map(
    (key) => ({
      key,
      previous: true,
      // `debug: <not a boolean>` must leave debug on, so its message is still logged.
      wrong: NOT_BOOLEAN,
      right: [[false], [true]] as [unknown][],
      must: 'true or false',
    }),
  ),
  {
    key: 'storage',
    previous: 'session',
    wrong: ['LOCAL', 'localStorage', ' local', '', ['local'], null, undefined, 1, true, {}],
    right: [['local'], ['none'], ['session']],
    must: 'local, session or none',
  },
  {
    key: 'beforeSend',
    previous: sanitize,
    wrong: ['drop', null, undefined, {}, true, 0],
    right: [[(params: object) => params]],
    must: 'a function',
  },
  {
    key: 'sanitizeContent',
    previous: sanitize,
    wrong: ['DOMPurify.sanitize', null, undefined, {}, true, 0],
    right: [[(html: string) => html.trim()], [sanitize]],
    must: 'a function',
  },
  // Options of the crossDomain plugin: the core only checks the shape, the plugin the hosts.
  {
    key: 'crossDomain',
    previous: ['shop.example.net'],
    wrong: ['shop.example.net', null, undefined, {}, true],
    right: [[['*.example.org']], [[]]],
    must: 'an array of hosts',
  },
  ...['crossDomainReplace'].map((key) => ({ key, previous: true, wrong: ['true', 1, null], right: [[false], [true]], must: 'true or false' })),
];

describe('options are checked at the door', () => {
  it('redactQuery: a list of names, kept in lower case; [] turns it off; anything else is refused', () => {
    const { core, options } = tracker();
    expect(options().redactQuery).toContain('token');
    core.configure({ redactQuery: ['SSN', 'token'] });
    expect(options().redactQuery).toEqual(['ssn', 'token']);
    logged();
    for (const wrong of ['token', ['token', 1], [null], null, undefined, {}, true]) {
      core.configure({ redactQuery: wrong as never });
      expect(options().redactQuery, JSON.stringify(wrong)).toEqual(['ssn', 'token']);
      expect(logged()).toEqual(['config: ignored option redactQuery (a list of names)']);
    }
    core.configure({ redactQuery: [] });
    expect(options().redactQuery).toEqual([]);
  });

  it.each(TABLE)('$key: wrong values are refused with a message, the previous value stays; right values apply', ({ key, previous, wrong, right, must }) => {
    const { core, options } = tracker();
    core.configure({ [key]: previous });
    expect(options()[key]).toBe(previous);
    logged();
    for (const value of wrong) {
      const before = { ...options() };
      core.configure({ [key]: value });
      expect(options(), `${key}: ${String(value)}`).toEqual(before);
      expect(logged(), `${key}: ${String(value)}`).toEqual([`config: ignored option ${key} (${must})`]);
    }
    for (const [value, stored = value] of right) {
      core.configure({ [key]: value });
      expect(options()[key], `${key}: ${String(value)}`).toBe(stored);
      if (key != 'debug') expect(logged()).toEqual([]);
    }
  });

  it('a refused option changes nothing else: the valid options of the same call apply', () => {
    const { core, options } = tracker({ url: BASE });
    logged();
    core.configure({ timeout: 0, storage: 'none', url: 'javascript:alert(1)', eventsInPageUrl: true } as TrackerOptions);
    expect(options()).toMatchObject({ timeout: 3000, storage: 'none', url: BASE, eventsInPageUrl: true });
    // Each line shows the value refused (an unset environment variable shows as undefined).
    expect(info.mock.calls.map((call) => call[1])).toEqual([0, 'javascript:alert(1)']);
    expect(logged()).toEqual([
      'config: ignored option timeout (ms, 500 to 2^31-1)',
      'config: ignored option url (an http(s) URL or a / ./ ../ path)',
    ]);
  });

  it('unknown keys are refused, also those every object inherits, and no prototype is touched', () => {
    const { core, options } = tracker();
    logged();
    const before = { ...options() };
    const keys = ['colour', 'Url', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    core.configure(JSON.parse('{"colour":"red","Url":"' + BASE + '","__proto__":{"polluted":1},"constructor":1,"toString":1,"hasOwnProperty":1,"valueOf":1}'));
    expect(logged()).toEqual(keys.map((key) => `config: ignored option ${key} (unknown)`));
    expect(options()).toEqual(before);
    expect(Object.getPrototypeOf(options())).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    core.configure({ toString: () => 'x' } as never);
    expect(String(options())).toBe('[object Object]');
  });

  it('a relative url is resolved once, when it is applied: a later route does not move it', async () => {
    const { core, options } = tracker();
    history.pushState(null, '', '/shop/cart');
    core.configure({ url: './mautic-proxy/' });
    history.pushState(null, '', '/blog/2026/post');
    expect(options().url).toBe(PAGE + '/shop/mautic-proxy');
    await new Promise((resolve) => core.track('pageview', [], resolve));
    expect(fetchMock.mock.calls[0][0]).toBe(PAGE + '/shop/mautic-proxy/mtc/event');
    history.pushState(null, '', '/');
  });

  it('on an https page an http url is upgraded, once, when it is applied', () => {
    vi.stubGlobal('location', { href: 'https://shop.example.com/a/b', protocol: 'https:' });
    const { core, options } = tracker({ url: 'http://mautic.example.com/' });
    expect(options().url).toBe('https://mautic.example.com');
    core.configure({ url: '/mautic' });
    expect(options().url).toBe('https://shop.example.com/mautic');
  });

  it('with a refused url and none before, a hit reports no-endpoint and is neither sent nor stored', async () => {
    const { core } = tracker({ url: 'javascript:alert(1)' });
    const detail = await new Promise<any>((resolve) => core.track('event', ['c', 'a'], resolve));
    expect(detail).toMatchObject({ ok: false, reason: 'no-endpoint', transport: 'none' });
    expect(detail.queued).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(localStorage.getItem('mautic_tracker_outbox')).toBeNull();
    expect(logged()).toContain('config: ignored option url (an http(s) URL or a / ./ ../ path)');
  });
});

describe('name: a short safe identifier, set at creation', () => {
  const MUST = 'at creation: up to 32 of A-Za-z0-9_-';

  /** The ids' storage keys a tracker wrote after one hit, and how the hit ended. */
  async function idKeysAfterAHit(name: unknown) {
    localStorage.clear();
    const { core, options } = tracker({ url: BASE, name });
    const detail = await new Promise<DeliveryDetail>((resolve) => core.track('pageview', [], resolve));
    const keys = Object.keys(localStorage).filter((key) => key.startsWith('mtc_id'));
    return { name: options().name, keys, log: logged().filter((line) => line.includes('ignored option')), reason: detail.reason };
  }

  it('createCore refuses a name that is not one, says so, and sends nothing (it would share the unnamed tracker\'s ids); takes a valid one as the keys\' suffix', async () => {
    for (const name of ['a b', '../x', 'x;y', 'x=y', 'shop; path=/', 'ä', 'x'.repeat(33), 5, {}, ['x']]) {
      expect(await idKeysAfterAHit(name), JSON.stringify(name)).toEqual({
        name: undefined,
        keys: [],
        log: [`config: ignored option name (${MUST})`],
        reason: 'invalid',
      });
    }
    for (const name of ['second', 'shop_2', 'a-b', 'X'.repeat(32)]) {
      expect(await idKeysAfterAHit(name), name).toEqual({ name, keys: ['mtc_id_' + name], log: [], reason: undefined });
    }
  });

  it('is refused after creation: the storage keys were fixed then', () => {
    const { core, options } = tracker({ name: 'first' });
    logged();
    core.configure({ name: 'second' });
    expect(options().name).toBe('first');
    expect(logged()).toEqual([`config: ignored option name (${MUST})`]);
  });

  it('createTracker validates its name too: a tracker with a refused name sends and stores nothing', async () => {
    const mt = createTracker({ url: BASE, name: '../evil' });
    expect(await mt.pageview()).toMatchObject({ ok: false, reason: 'invalid' });
    expect(fetchMock).not.toHaveBeenCalled();
    expect(Object.keys(localStorage)).toEqual([]);
    expect(document.cookie).not.toContain('evil');
    mt.destroy();
  });
});

describe('createTracker goes through the same door', () => {
  it('sends no first pageview for an autoPageviews that is not true', async () => {
    createTracker({ url: BASE, autoPageviews: 'yes' as never });
    createTracker({ url: BASE, autoPageviews: 1 as never });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('does not throw for options that are not an object', async () => {
    for (const options of [null, 'https://mautic.example.com', 42]) {
      const mt = createTracker(options as never);
      await expect(mt.pageview()).resolves.toMatchObject({ ok: false, reason: 'no-endpoint' });
      mt.destroy();
    }
  });

  it('config() refuses what createTracker would refuse', async () => {
    // A fresh tracker, not the one an earlier test registered for this url.
    const mt = createTracker({ url: BASE, debug: true, name: 'door' });
    mt.config({ timeout: 0, url: 'javascript:alert(1)' });
    expect(logged()).toEqual([
      'config: ignored option timeout (ms, 500 to 2^31-1)',
      'config: ignored option url (an http(s) URL or a / ./ ../ path)',
    ]);
    await mt.pageview();
    expect(fetchMock.mock.calls[0][0]).toBe(BASE + '/mtc/event');
  });
});
