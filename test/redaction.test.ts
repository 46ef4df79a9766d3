import { describe, expect, it, vi } from 'vitest';
import { REDACTED_QUERY, redact } from '../src/redaction';
import { DEFAULT_OPTIONS } from '../src/config';
import { buildHit } from '../src/hit';
import type { TrackerOptions } from '../src/types';

/** Redacts a fresh hit with these options; resolves with the hit (or null) and the debug lines. */
function run(options: TrackerOptions, params: Record<string, string> = {}) {
  const lines: unknown[][] = [];
  const hit = buildHit('pageview', 0, params);
  const result = redact(hit, { ...DEFAULT_OPTIONS, ...options } as Required<TrackerOptions>, (...line) => void lines.push(line));
  return { result, lines };
}

const NAMES = ['token', 'email', 'access_token', 'code'];
/** `url` as page_url of a hit redacted with `names`. */
const redactUrl = (url: string, names: string[]) => run({ redactQuery: names }, { page_url: url }).result!.params.page_url;
const strip = (url: string) => redactUrl(url, NAMES);

describe('redaction: the query and fragment of page_url and page_referrer', () => {
  it('removes listed parameters from the query, keeping every other byte as it was', () => {
    expect(strip('https://a.example/p?token=s3cr%2Bt&utm_source=x&ct=abc%3D%3D')).toBe('https://a.example/p?utm_source=x&ct=abc%3D%3D');
    expect(strip('https://a.example/p?utm_source=x&token=1&q=caf%C3%A9+au+lait&email=a%40b.c')).toBe('https://a.example/p?utm_source=x&q=caf%C3%A9+au+lait');
    expect(strip('https://a.example/p?a=1&&b=%zz&token=x#top')).toBe('https://a.example/p?a=1&&b=%zz#top');
  });

  it('compares names case-insensitively, as written (not decoded), whole names only', () => {
    expect(strip('/p?TOKEN=1&Email=2&tokens=3&my_token=4&tok%65n=5')).toBe('/p?tokens=3&my_token=4&tok%65n=5');
  });

  it('drops the ? of a query left empty, and keeps a URL with nothing listed byte for byte', () => {
    expect(strip('/p?token=1&email=2')).toBe('/p');
    expect(strip('/p?token=1#section')).toBe('/p#section');
    for (const url of ['/p', '/p?', '/p?&', '/p?a', '/p#', 'https://a.example/p?x=%E9&y=a+b#frag?z=1', '']) expect(strip(url)).toBe(url);
  });

  it('keeps a pair without = (a flag, or an anchor named like a secret)', () => {
    expect(strip('/p?token&a=1#email')).toBe('/p?token&a=1#email');
  });

  it('a ? inside the query is data: a value holding a URL is one value, as the server reads it', () => {
    expect(strip('/login?next=/a?b=1&token=x&c=2')).toBe('/login?next=/a?b=1&c=2');
    expect(strip('/login?next=/a?token=x&c=2')).toBe('/login?next=/a?token=x&c=2');
    expect(strip('/a&token=1/b?x=1')).toBe('/a&token=1/b?x=1'); // an & of the path is no separator
  });

  it('removes them from the fragment too: a hash route\'s own query, or an OAuth fragment', () => {
    expect(strip('/app#/reset?token=abc&step=2')).toBe('/app#/reset?step=2');
    expect(strip('/app#/reset?token=abc')).toBe('/app#/reset');
    expect(strip('/cb#access_token=abc&state=xyz')).toBe('/cb#state=xyz');
    expect(strip('/cb?code=1#access_token=abc')).toBe('/cb');
  });

  it('treats page_referrer as page_url', () => {
    expect(run({ redactQuery: NAMES }, { page_referrer: 'https://idp.example/cb?code=1&state=s#access_token=2' }).result!.params.page_referrer).toBe('https://idp.example/cb?state=s');
  });

  it('removes nothing with an empty list', () => {
    expect(redactUrl('/p?token=1#access_token=2', [])).toBe('/p?token=1#access_token=2');
  });
});

describe('redaction: redactQuery, then beforeSend', () => {
  it('removes the default names from page_url and page_referrer, keeps ct and utm_*', () => {
    const { result } = run({}, {
      page_url: 'https://site.example/p?token=abc&utm_source=news&ct=XYZ%3D&Password=1&id_token=2&phone=3#x',
      page_referrer: 'https://idp.example/cb?code=42&state=s',
    });
    expect(result!.params.page_url).toBe('https://site.example/p?utm_source=news&ct=XYZ%3D#x');
    expect(result!.params.page_referrer).toBe('https://idp.example/cb?state=s');
    expect(REDACTED_QUERY).toEqual(expect.arrayContaining(['token', 'access_token', 'password', 'pass', 'pwd', 'secret', 'key', 'apikey', 'api_key', 'session', 'sid', 'code', 'email']));
    expect(REDACTED_QUERY.filter((name) => name == 'ct' || name.startsWith('utm_') || name != name.toLowerCase())).toEqual([]);
  });

  it('an option list replaces the default; [] removes nothing', () => {
    expect(run({ redactQuery: ['ssn'] }, { page_url: '/p?ssn=1&token=2' }).result!.params.page_url).toBe('/p?token=2');
    expect(run({ redactQuery: [] }, { page_url: '/p?ssn=1&token=2' }).result!.params.page_url).toBe('/p?ssn=1&token=2');
  });

  it('beforeSend gets a copy of the final params (after redaction) and the type; what it returns is sent, as text', () => {
    const hook = vi.fn((params: Record<string, string>) => ({ ...params, page_title: 'x', n: 3, nested: { a: true }, gone: null }));
    const { result } = run({ beforeSend: hook }, { page_url: '/p?token=1&a=2' });
    expect(hook).toHaveBeenCalledWith(expect.objectContaining({ page_url: '/p?a=2', counter: '0' }), 'pageview');
    expect({ ...result!.params }).toMatchObject({ page_url: '/p?a=2', page_title: 'x', n: '3', 'nested[a]': 'true' });
    expect(result!.params).not.toHaveProperty('gone');
  });

  it('beforeSend returning null drops the hit', () => {
    expect(run({ beforeSend: () => null }).result).toBeNull();
  });

  it('a hook that throws, or returns no object, changes nothing and is logged; its edits to the copy do not count', () => {
    const answers = [
      (params: Record<string, string>) => {
        params.page_title = 'half done';
        throw new Error('oops');
      },
      (params: Record<string, string>) => void (params.page_title = 'forgot return'),
      () => 'text',
      () => [['a', '1']],
      // An async hook, a host object, a Proxy that cannot be read: no params as a whole.
      async (params: Record<string, string>) => params,
      () => window,
      () => new Proxy({}, { ownKeys: () => { throw new Error('no'); } }),
    ];
    const said: unknown[] = [];
    for (const beforeSend of answers) {
      const { result, lines } = run({ beforeSend: beforeSend as never }, { page_title: 'T' });
      expect(result!.params.page_title).toBe('T');
      expect(lines[0][0]).toBe('beforeSend failed');
      said.push(lines[0][1]);
    }
    // What it answered, in a list, so that a hook without `return` shows as [undefined], not as nothing.
    expect(said.slice(1, 3)).toEqual([[undefined], ['text']]);
    expect(said.slice(4)).toEqual([[expect.stringMatching(/^not plain data/)], [expect.stringMatching(/^not plain data/)], ['unreadable']]);
  });

  it('what beforeSend answers may add at most 8 KiB to the hit: the largest values beyond are left out and logged', () => {
    const big = 'x'.repeat(9000);
    const { result, lines } = run({ beforeSend: (params) => ({ ...params, big, small: 'kept' }) }, { page_title: 'T'.repeat(3000) });
    expect(result!.params).not.toHaveProperty('big');
    expect(result!.params).toMatchObject({ small: 'kept', page_title: 'T'.repeat(3000) });
    expect(lines).toEqual([['beforeSend: skipped big', 'too large']]);
    // Within the 8 KiB, everything stays.
    expect(run({ beforeSend: (params) => ({ ...params, big: big.slice(0, 8000) }) }).result!.params).toHaveProperty('big');
  });

  it('a returned value that is no data is skipped and logged, the rest sent', () => {
    const { result, lines } = run({ beforeSend: (params) => ({ ...params, fn: (() => 1) as never }) });
    expect(result!.params).not.toHaveProperty('fn');
    expect(lines).toEqual([['beforeSend: skipped fn', 'function']]);
  });
});
