import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { automaticParams, buildHit, callerParams, EVENT_FIELDS, eventParams, wireParams } from '../src/hit';
import { detectPlatform } from '../src/lib/detect-platform';
import { referrerHost } from '../src/lib/referrer-host';
import { appendQuery } from '../src/lib/append-query';
import { AUTOMATIC_KEYS } from './protocol';

beforeEach(() => {
  document.title = 'Pricing';
  vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-US');
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)');
  vi.spyOn(document, 'referrer', 'get').mockReturnValue('https://www.google.com/search?q=x');
  vi.spyOn(screen, 'width', 'get').mockReturnValue(1920);
  vi.spyOn(screen, 'height', 'get').mockReturnValue(1080);
  vi.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(-120);
});
afterEach(() => {
  document.title = '';
});

describe('automaticParams', () => {
  it('reads the page in Mautic’s order and formats', () => {
    const params = automaticParams(3);
    // The device id keeps its place at the end, filled (or dropped) when the hit leaves.
    expect(Object.keys(params)).toEqual([...AUTOMATIC_KEYS, 'mautic_device_id']);
    expect(params).toMatchObject({
      page_title: 'Pricing',
      page_language: 'en-US',
      preferred_locale: 'en_US',
      page_referrer: 'www.google.com',
      page_url: location.href,
      counter: '3',
      timezone_offset: '-120',
      resolution: '1920x1080',
      platform: 'MacOS',
      do_not_track: 'false',
    });
  });

  it('says do_not_track true when the browser sends DNT', () => {
    vi.spyOn(navigator as Navigator & { doNotTrack: string }, 'doNotTrack', 'get').mockReturnValue('1');
    expect(automaticParams(0).do_not_track).toBe('true');
  });

  it('reads the time zone from Temporal where it can, without building an Intl formatter', async () => {
    const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const intl = vi.spyOn(Intl, 'DateTimeFormat');
    vi.stubGlobal('Temporal', { Now: { timeZoneId: () => 'Europe/Berlin' } });
    vi.resetModules();
    expect((await import('../src/hit')).automaticParams(0).timezone).toBe('Europe/Berlin');
    expect(intl).not.toHaveBeenCalled();
    // Another shape of Temporal (an old polyfill): Intl tells instead.
    vi.stubGlobal('Temporal', { now: { timeZone: () => ({}) } });
    vi.resetModules();
    expect((await import('../src/hit')).automaticParams(0).timezone).toBe(hostZone);
    expect(intl).toHaveBeenCalledTimes(1);
  });

  it('omits timezone when Intl cannot tell (asked once per page)', async () => {
    vi.resetModules();
    const fresh = await import('../src/hit');
    const spy = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(() => {
      throw new Error('restricted');
    });
    expect(fresh.automaticParams(0)).not.toHaveProperty('timezone');
    fresh.automaticParams(1);
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('buildHit', () => {
  it('lets caller params win, keeping the automatic key’s place', () => {
    const hit = buildHit('pageview', 0, { page_title: 'Mine', email: 'a@b.c' });
    expect(Object.keys(hit.params)[0]).toBe('page_title');
    expect(hit.params.page_title).toBe('Mine');
    expect(Object.keys(hit.params).slice(-1)).toEqual(['email']);
  });

  it('puts event values under the mapped keys, between the automatic keys and the params', () => {
    const hit = buildHit('event', 1, { ...eventParams(['video', 'play', undefined, '5']), extra: 'x' });
    const keys = Object.keys(hit.params);
    expect(keys.slice(-4)).toEqual(['event_category', 'event_action', 'event_value', 'extra']);
    expect(hit.params).not.toHaveProperty('event_label');
    expect(hit.params).toMatchObject({ event_category: 'video', event_action: 'play', event_value: '5' });
    expect(EVENT_FIELDS).toEqual(['event_category', 'event_action', 'event_label', 'event_value']);
  });

  it('with eventInPageUrl, adds mt_event to page_url’s query before the fragment', () => {
    history.replaceState(null, '', '/shop?page=2#reviews');
    const hit = buildHit('event', 0, eventParams(['video', 'play', 'intro clip']), true);
    expect(hit.params.page_url).toBe(`${location.origin}/shop?page=2&mt_event=video/play/intro%20clip#reviews`);
    expect(buildHit('pageview', 0, {}, true).params.page_url).toBe(location.href);
  });
});

describe('callerParams', () => {
  it('puts the event values first, then the flattened params, and reports what it skips', () => {
    const skipped: string[] = [];
    const params = callerParams('event', { tags: ['a', 'b'], f() {}, big: 'x'.repeat(9000) }, ['video', 'play'], (line) => skipped.push(line));
    expect({ ...params }).toEqual({ event_category: 'video', event_action: 'play', tags: 'a,b' });
    expect(Object.keys(params)).toEqual(['event_category', 'event_action', 'tags']);
    expect(skipped).toEqual(['event: skipped param f (function)', 'event: skipped param big (too large)']);
  });

  it('names the params object as a whole with an empty key', () => {
    const skipped: string[] = [];
    expect({ ...callerParams('pageview', new Map(), [], (line) => skipped.push(line)) }).toEqual({});
    expect(skipped).toEqual(['pageview: skipped params (not plain data (Map))']);
  });
});

describe('wireParams', () => {
  const hit = buildHit('pageview', 0, {});

  it('drops the device-id placeholder while no id is known', () => {
    expect(wireParams(hit)).not.toHaveProperty('mautic_device_id');
  });

  it('fills the stored id in its place, winning over a caller’s', () => {
    const withCaller = buildHit('pageview', 0, { mautic_device_id: 'fromcaller1' });
    expect(wireParams(withCaller, 'storedid12345').mautic_device_id).toBe('storedid12345');
    expect(wireParams(withCaller).mautic_device_id).toBe('fromcaller1');
    expect(Object.keys(wireParams(hit, 'storedid12345')).indexOf('mautic_device_id')).toBe(
      Object.keys(hit.params).indexOf('mautic_device_id'),
    );
  });
});

